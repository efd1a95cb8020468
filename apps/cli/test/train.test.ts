import { describe, expect, it, beforeAll, afterAll, vi } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile, copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@axon/core';
import { runTrain, type TrainOptions } from '../src/commands/train.js';
import { createProgress, epochLine } from '../src/progress.js';
import type { EpochLog } from '@axon/core';
import { main } from '../src/main.js';
import { capture } from './capture.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'axon-train-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});


async function train(file: string, options: TrainOptions) {
  const out = capture();
  const err = capture();
  const code = await runTrain(file, options, { stdout: out.stream, stderr: err.stream, tty: false });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** Runs the real command line (commander wiring, exit codes, errors printed by main). */
async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await main(['node', 'axon', ...args]);
    return { code, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

async function writeSpec(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('axon train', () => {
  it('trains the iris example, prints progress and a summary table, writes the model and metrics.jsonl', async () => {
    const out = join(dir, 'iris-run');
    const r = await train(join(examples, 'iris.axon'), { epochs: 5, out });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/training Iris \([\d,]+ parameters\) on 120 rows, validating on 30; 5 epochs, batch 16, seed 42/);
    for (let e = 1; e <= 5; e++) expect(r.stdout).toMatch(new RegExp(`epoch ${e}/5  loss \\d+\\.\\d{4}  accuracy [\\d.]+%  val_loss \\d+\\.\\d{4}  val_accuracy [\\d.]+%`));
    expect(r.stdout).toMatch(/ +epoch +loss +accuracy +val_loss +val_accuracy\nlast +5 /);
    expect(r.stdout).toMatch(/epochs {3}5 of 5 \(completed\); best epoch [1-5] by validation loss/);
    expect(r.stdout).toMatch(/time {5}\d+\.\d s/);
    expect((await readdir(out)).sort()).toEqual(['charts', 'metrics.jsonl', 'model.json', 'report.html', 'weights.bin']);
    expect((await readdir(join(out, 'charts'))).sort()).toEqual(
      ['gradient-norms', 'loss', 'metric-accuracy', 'network', 'unit-health'].flatMap((n) => [`${n}.png`, `${n}.svg`]),
    );
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<title>Iris: training</title>');
    expect(html).toMatch(/<div class="k">validation accuracy<\/div><div class="v">\d+\.\d %<\/div>/);
    expect(html.match(/<figure class="chart"/g)).toHaveLength(4);
    expect(r.stdout).toMatch(/report {3}.*report\.html/);
    const lines = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.epoch)).toEqual([1, 2, 3, 4, 5]);
    for (const l of lines) {
      expect(l.loss).toBeGreaterThan(0);
      expect(l.metrics.accuracy).toBeGreaterThanOrEqual(0);
      expect(l.valMetrics.accuracy).toBeLessThanOrEqual(1);
      expect(l.diagnostics.length).toBe(8); // one entry per layer of the resolved iris network (dense, dense, dropout, 2 × (dense, batch_norm), dense)
      expect(l.diagnostics[0]).toMatchObject({ layer: 0, name: 'dense' });
      expect(l.diagnostics[0].gradNorm).toBeGreaterThan(0);
    }
    const model = await loadModel(out);
    expect(model.network.name).toBe('Iris');
    expect(model.labelNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(model.normalization?.mean.length).toBe(4);
  });

  it('trains the residual example (a graph written as source) and saves a model that loads from its source alone', async () => {
    const out = join(dir, 'residual-run');
    const r = await train(join(examples, 'residual-cnn.axon'), { epochs: 2, out, report: false });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/training ResidualCnn \(6,426 parameters\) on 320 rows, validating on 80; 2 epochs, batch 32, seed 42/);
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(json.graph.find((g: { kind: string }) => g.kind === 'merge')).toEqual({ name: 'add', kind: 'merge', inputs: [3, 1] });
    // No { network } needed: the saved source writes the graph.
    const loaded = await loadModel(out);
    expect(loaded.network.layers.map((l) => l.inputs)).toEqual(json.graph.map((g: { inputs: number[] }) => g.inputs));
    expect(loaded.weights.map((w) => w.name)).toEqual(['conv2d', 'conv2d_1', 'conv2d_2', 'conv2d_3', 'dense']);
  });

  it('--seed changes the run; the same seed repeats it exactly', async () => {
    const a = await train(join(examples, 'binary.axon'), { epochs: 2, out: join(dir, 'seed-a'), seed: 7 });
    const b = await train(join(examples, 'binary.axon'), { epochs: 2, out: join(dir, 'seed-b'), seed: 7 });
    const c = await train(join(examples, 'binary.axon'), { epochs: 2, out: join(dir, 'seed-c'), seed: 8 });
    const losses = async (d: string) => (await readFile(join(dir, d, 'metrics.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l).loss);
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0]);
    expect(await losses('seed-a')).toEqual(await losses('seed-b'));
    expect(await losses('seed-a')).not.toEqual(await losses('seed-c'));
  });

  it('analysis errors: a code frame per error, nothing trained, exit 1', async () => {
    const file = await writeSpec(
      'typo.axon',
      'network T {\n  input [4]\n  task classification(classes: 3)\n  layers {\n    dense(8, activation: rleu)\n    dense(3, activation: softmax)\n  }\n}\n',
    );
    const out = join(dir, 'typo-run');
    const r = await train(file, { out });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/typo\.axon:5:\d+: error: .*rleu/);
    expect(r.stderr).toMatch(/5 \|     dense\(8, activation: rleu\)\n.*\|\s+\^+/);
    expect(r.stderr).toMatch(/axon train: 1 error in .*typo\.axon; fix it before training/);
    expect(existsSync(out)).toBe(false);
  });

  it('bad data: file:row:col message, exit 2, no stack trace', async () => {
    await writeFile(join(dir, 'bad.csv'), 'a,b,y\n1,2,3\n4,oops,6\n');
    const file = await writeSpec(
      'bad.axon',
      'network Bad {\n  input [2]\n  task regression(outputs: 1)\n  layers {\n    dense(1)\n  }\n  data {\n    source: "bad.csv"\n    target: "y"\n  }\n}\n',
    );
    const r = await train(file, { out: join(dir, 'bad-run') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^axon train: .*bad\.csv:3:2: non-numeric value "oops" in feature column "b" \(column 2\); expected a number\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an output layer that does not fit the targets: a clear message before training, exit 1', async () => {
    await copyFile(join(examples, 'binary.csv'), join(dir, 'binary.csv'));
    const file = await writeSpec(
      'mismatch.axon',
      'network M {\n  input [2]\n  task binary_classification\n  layers {\n    dense(4, activation: relu)\n    dense(2, activation: softmax)\n  }\n' +
        '  data {\n    source: "binary.csv"\n    target: "label"\n  }\n}\n',
    );
    const r = await train(file, { out: join(dir, 'mismatch-run') });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'axon train: network M outputs 2 values per sample but its targets from "label" have 1 (binary classification); make the last layer\'s units match the task\n',
    );
  });

  it('divergence: a clear message, no model, exit 1', async () => {
    await copyFile(join(examples, 'regression.csv'), join(dir, 'regression.csv'));
    const file = await writeSpec(
      'diverge.axon',
      'network Diverge {\n  input [4]\n  task regression(outputs: 1)\n  layers {\n    dense(32, activation: relu)\n    dense(1)\n  }\n' +
        '  train {\n    loss: mse\n    optimizer: sgd(learning_rate: 1000)\n    epochs: 20\n  }\n  data {\n    source: "regression.csv"\n    target: "y"\n  }\n}\n',
    );
    const out = join(dir, 'diverge-run');
    const r = await train(file, { out });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/axon train: .*epoch \d+/i);
    expect(r.stderr).toMatch(/no model written; the per-epoch log is in .*diverge-run\/metrics\.jsonl/);
    expect(existsSync(join(out, 'model.json'))).toBe(false);
    // The report still shows the curves up to the divergence.
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });
});

describe('axon train on the command line', () => {
  it('trains through main() with --epochs/--out/--network', async () => {
    const out = join(dir, 'cli-run');
    const r = await cli(['train', join(examples, 'regression.axon'), '--epochs', '3', '--out', out, '--network', 'Regressor', '--no-report']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/epoch 3\/3  loss [\d.]+  mae [\d.]+  r2 -?[\d.]+  val_loss/);
    expect(existsSync(join(out, 'model.json'))).toBe(true);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  });

  it('usage errors exit 2 with a message: missing file, unknown network, bad --epochs', async () => {
    const missing = await cli(['train', join(dir, 'nope.axon')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/axon: .*nope\.axon: file not found/);
    const unknown = await cli(['train', join(examples, 'iris.axon'), '--network', 'Irsi']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no network "Irsi"; it has: Iris/);
    const two = (name: string) => `network ${name} {\n  input [4]\n  task regression(outputs: 1)\n  layers {\n    dense(1)\n  }\n  data {\n    source: "regression.csv"\n    target: "y"\n  }\n}\n`;
    const both = await writeSpec('two.axon', two('A') + two('B'));
    const several = await cli(['train', both]);
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(/two\.axon has 2 networks \(A, B\); choose one with --network NAME/);
    const epochs = await cli(['train', join(examples, 'iris.axon'), '--epochs', '0']);
    expect(epochs.code).toBe(2);
    expect(epochs.stderr).toMatch(/--epochs expects a positive integer, got "0"/);
  });
});

describe('progress display', () => {
  const log = (epoch: number, extra: Partial<EpochLog> = {}): EpochLog => ({
    epoch,
    loss: 0.5 / epoch,
    metrics: { accuracy: 0.8 },
    valLoss: 0.25,
    valMetrics: { accuracy: 0.9 },
    diagnostics: [],
    ms: 12.4,
    ...extra,
  });

  it('formats an epoch line with accuracy as a percentage', () => {
    expect(epochLine(log(7), 200)).toBe('epoch   7/200  loss 0.0714  accuracy 80.0%  val_loss 0.2500  val_accuracy 90.0%  12 ms');
    expect(epochLine(log(1, { loss: 1e-5, metrics: { mae: 0.3, r2: 0.91 }, valLoss: undefined, valMetrics: undefined }), 5)).toBe(
      'epoch 1/5  loss 1.000e-5  mae 0.3000  r2 0.9100  12 ms',
    );
  });

  it('without a terminal: a line for the first, the last and every ceil(epochs / 20)-th epoch', () => {
    const out = capture();
    const p = createProgress({ stream: out.stream, tty: false, epochs: 200 });
    for (let e = 1; e <= 200; e++) {
      p.batch({ epoch: e, batch: 0, batches: 1, loss: 1 });
      p.epoch(log(e));
    }
    p.stop();
    const lines = out.text().trim().split('\n');
    expect(lines.length).toBe(21);
    expect(lines.map((l) => Number(/epoch +(\d+)\//.exec(l)![1]))).toEqual([1, ...Array.from({ length: 20 }, (_, i) => (i + 1) * 10)]);
    expect(out.text()).not.toMatch(/\u001b/); // no escape codes in logs
  });

  it('on a terminal: a cli-progress bar per epoch with the live loss', () => {
    const out = capture();
    Object.assign(out.stream, { isTTY: true, columns: 120 });
    const p = createProgress({ stream: out.stream, tty: true, epochs: 2 });
    for (let e = 1; e <= 2; e++) {
      for (let b = 0; b < 4; b++) p.batch({ epoch: e, batch: b, batches: 4, loss: 0.1 * (b + 1) });
      p.epoch(log(e));
    }
    p.stop();
    const text = out.text();
    expect(text).toMatch(/epoch 1\/2 [█░]+ 0\/4 batches \| loss -/);
    expect(text).toMatch(/epoch 2\/2 [█░]+ 0\/4 batches \| loss - \| last val_loss 0\.2500/);
    expect(text).toMatch(/epoch 1\/2  loss 0\.5000  accuracy 80\.0%/);
    expect(text).toMatch(/epoch 2\/2  loss 0\.2500  accuracy 80\.0%/);
  });
});

describe('axon train: Ctrl+C', () => {
  it('SIGINT stops at the next batch, saves the model as it was, says so, and exits 1 (built CLI)', async () => {
    const { spawn } = await import('node:child_process');
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const out = join(dir, 'interrupted');
    const child = spawn(process.execPath, [join(root, 'apps/cli/bin/axon.js'), 'train', join(examples, 'iris.axon'), '--epochs', '100000', '--out', out, '--no-report'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (c) => {
        const first = !/epoch +1\//.test(stdout);
        stdout += String(c);
        if (first && /epoch +1\//.test(stdout)) child.kill('SIGINT');
      });
      child.on('close', resolve);
    });
    expect(stdout).toContain('interrupted: stopping at the next batch and saving the model (press Ctrl+C again to quit now)');
    expect(stdout).toMatch(/epochs +\d+ of 100000 \(interrupted\)/);
    expect(stderr).toBe('axon train: training was interrupted; the model as it was when training stopped was saved\n');
    expect(code).toBe(1);
    const model = await loadModel(out);
    expect(model.network.name).toBe('Iris');
    const lines = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThan(100000);
  }, 30000);
});
