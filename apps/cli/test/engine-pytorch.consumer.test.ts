/**
 * `axon train --engine pytorch` end to end with Debian's python3-torch: iris with 1 and with 2 processes
 * (torchrun, gloo): exit 0, metrics.jsonl has every epoch, model.json loads and `axon predict` runs on it,
 * and the validation accuracy is within 0.05 of the built-in engine's on the same spec and seed.
 * Run with `npx vitest run --config vitest.consumers.config.ts apps/cli`.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@axon/core';
import { parseEngineBatch, parseEngineLine, ENGINE_BATCH_PREFIX, ENGINE_EPOCH_PREFIX } from '@axon/compile';
import { runTrain, type TrainOptions } from '../src/commands/train.js';
import { runPredict } from '../src/commands/predict.js';
import { checkPython, defaultPython } from '../src/engine/python.js';
import { bestEpoch, runPytorchEngine } from '../src/engine/pytorch.js';
import { spawnSync } from 'node:child_process';
import { loadSpec } from '../src/load-spec.js';
import { capture } from './capture.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const iris = join(examples, 'iris.axon');
const EPOCHS = 60;
let dir: string;

beforeAll(async () => {
  const torch = checkPython(defaultPython());
  if (!torch.ok) throw new Error(`these tests need PyTorch: ${torch.message}`);
  dir = await mkdtemp(join(tmpdir(), 'axon-engine-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function train(options: TrainOptions) {
  const out = capture();
  const err = capture();
  const code = await runTrain(iris, options, { stdout: out.stream, stderr: err.stream, tty: false });
  return { code, stdout: out.text(), stderr: err.text() };
}

interface Line {
  epoch: number;
  loss: number;
  metrics: Record<string, number>;
  valLoss: number;
  valMetrics: Record<string, number>;
}

async function metrics(out: string): Promise<Line[]> {
  return (await readFile(join(out, 'metrics.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

/** The accuracy of `axon predict` on the whole iris.csv (labels in its "species" column). */
async function predictAccuracy(out: string): Promise<number> {
  const csv = join(examples, 'iris.csv');
  const stdout = capture();
  const stderr = capture();
  const code = await runPredict(out, csv, { format: 'json' }, { stdout: stdout.stream, stderr: stderr.stream });
  expect(stderr.text()).toBe('');
  expect(code).toBe(0);
  const predictions = JSON.parse(stdout.text()) as { label?: string }[];
  const rows = (await readFile(csv, 'utf8')).trim().split('\n');
  const header = rows[0]!.split(',');
  const col = header.indexOf('species');
  const truth = rows.slice(1).map((r) => r.split(',')[col]);
  expect(predictions).toHaveLength(truth.length);
  return predictions.filter((p, i) => p.label === truth[i]).length / truth.length;
}

describe('axon train --engine pytorch', () => {
  let builtin: number;

  it('the built-in engine on the same spec and seed (the reference)', async () => {
    const out = join(dir, 'axon');
    const r = await train({ out, epochs: EPOCHS, report: false });
    expect(r.code).toBe(0);
    const lines = await metrics(out);
    builtin = lines[lines.length - 1]!.valMetrics.accuracy!;
    expect(builtin).toBeGreaterThanOrEqual(0.9);
  });

  for (const nproc of [1, 2]) {
    it(`trains iris on ${nproc} process${nproc === 1 ? '' : 'es'}, writes every epoch and a model axon predicts with`, async () => {
      const out = join(dir, `pytorch-${nproc}`);
      const r = await train({ out, epochs: EPOCHS, engine: 'pytorch', nproc });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('engine: PyTorch');
      if (nproc > 1) expect(r.stdout).toContain('2 processes (DistributedDataParallel, gloo)');
      const lines = await metrics(out);
      expect(lines.map((l) => l.epoch)).toEqual(Array.from({ length: EPOCHS }, (_, i) => i + 1));
      for (const l of lines) {
        expect(Number.isFinite(l.loss)).toBe(true);
        expect(l.metrics.accuracy).toBeGreaterThanOrEqual(0);
        expect(l.valMetrics.accuracy).toBeLessThanOrEqual(1);
      }
      expect(lines[lines.length - 1]!.loss).toBeLessThan(lines[0]!.loss);
      const accuracy = lines[lines.length - 1]!.valMetrics.accuracy!;
      expect(accuracy).toBeGreaterThanOrEqual(0.9);
      expect(Math.abs(accuracy - builtin)).toBeLessThanOrEqual(0.05);

      const model = await loadModel(out);
      expect(model.labelNames).toEqual(['setosa', 'versicolor', 'virginica']);
      const reference = await loadModel(join(dir, 'axon'));
      const shapes = (m: typeof model) => m.weights.map((w) => [w.layer, w.name, w.weights.map((t) => `${t.name}[${t.shape.join(',')}]`)]);
      expect(shapes(model)).toEqual(shapes(reference));
      expect(model.normalization).toEqual(reference.normalization);
      // The weights came back in Axon's layout: the core's predictions are as good as PyTorch's validation figure says.
      expect(await predictAccuracy(out)).toBeGreaterThanOrEqual(0.9);
      expect(existsSync(join(out, 'report.html')) || existsSync(join(out, 'index.html'))).toBe(true);
    });
  }

  it('a missing Python is a clear error naming how to install it', async () => {
    const r = await train({ out: join(dir, 'nopython'), epochs: 2, engine: 'pytorch', python: '/nonexistent/python3' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('axon train: cannot run Python (/nonexistent/python3: not found); install python3: apt-get install python3 (or pass --python PATH)\n');
  });

  it('a Python without torch names how to install it', async () => {
    // python3 -S: no site-packages, so no torch
    const python = join(dir, 'python-without-site');
    await writeFile(python, `#!/bin/sh\nexec ${defaultPython()} -S "$@"\n`);
    await chmod(python, 0o755);
    const r = await train({ out: join(dir, 'notorch'), epochs: 2, engine: 'pytorch', python });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`axon train: PyTorch is not installed for ${python}: apt-get install python3-torch or pip install torch\n`);
    expect(existsSync(join(dir, 'notorch'))).toBe(false);
  });

  it('a failing train.py shows its stderr and exits 1', async () => {
    // a Python whose torch import works but whose training script cannot start
    const python = join(dir, 'python-failing');
    await writeFile(python, `#!/bin/sh\ncase "$1" in -c) exec ${defaultPython()} "$@";; esac\necho "boom: the GPU caught fire" >&2\nexit 3\n`);
    await chmod(python, 0o755);
    const r = await train({ out: join(dir, 'failing'), epochs: 2, engine: 'pytorch', python });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('axon train: train.py failed (exit 3); its last output:\nboom: the GPU caught fire\n');
    expect(existsSync(join(dir, 'failing', 'model.json'))).toBe(false);
  });

  it('an interruption ends the whole torchrun process group and keeps the epochs done', async () => {
    const out = join(dir, 'interrupted');
    const controller = new AbortController();
    const stdout = capture();
    const stderr = capture();
    const watch = setInterval(() => {
      if (/epoch +1\/5000/.test(stdout.text())) controller.abort();
    }, 50);
    const spec = await loadSpec(iris, undefined, { stderr: stderr.stream, color: false, command: 'train', fixBefore: 'before training' });
    if (!spec) throw new Error(stderr.text());
    const run = await runPytorchEngine(
      { file: iris, source: spec.source, network: spec.network, out, shownOut: out, epochs: 5000, nproc: 2, signal: controller.signal },
      { stdout: stdout.stream, stderr: stderr.stream, tty: false },
    );
    clearInterval(watch);
    expect(run.code).toBe(1);
    expect(stderr.text()).toMatch(/^axon train: training was interrupted; \d+ epochs? in .*metrics\.jsonl, no model written\n$/);
    const done = (await metrics(out)).length;
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(5000);
    expect(existsSync(join(out, 'model.json'))).toBe(false);
    // no train.py or torchrun of this run is left
    const left = spawnSync('pgrep', ['-f', join(out, 'pytorch')], { encoding: 'utf8' });
    expect(left.stdout.trim()).toBe('');
  });

  it('--nproc and --python need --engine pytorch', async () => {
    await expect(train({ out: join(dir, 'x'), nproc: 2 })).rejects.toThrow('--nproc needs --engine pytorch');
  });

  it('parses the protocol lines and finds the best epoch', () => {
    expect(parseEngineLine(`${ENGINE_EPOCH_PREFIX}{"epoch":3,"loss":0.5,"metrics":{"accuracy":0.9},"val_loss":0.4,"val_metrics":{"accuracy":0.93},"ms":2}`)).toEqual({
      epoch: 3,
      loss: 0.5,
      metrics: { accuracy: 0.9 },
      valLoss: 0.4,
      valMetrics: { accuracy: 0.93 },
      ms: 2,
    });
    expect(parseEngineLine(`[default0]:${ENGINE_EPOCH_PREFIX}{"epoch":1,"loss":2,"metrics":{},"ms":1}`)).toEqual({ epoch: 1, loss: 2, metrics: {}, ms: 1 });
    expect(parseEngineLine('epoch=3 loss=0.5')).toBeUndefined();
    expect(parseEngineBatch(`[default0]:${ENGINE_BATCH_PREFIX}{"epoch":2,"batch":3,"batches":8,"loss":0.7}`)).toEqual({ epoch: 2, batch: 3, batches: 8, loss: 0.7 });
    expect(parseEngineBatch(`${ENGINE_EPOCH_PREFIX}{"epoch":1,"loss":2,"metrics":{},"ms":1}`)).toBeUndefined();
    expect(parseEngineLine(`${ENGINE_EPOCH_PREFIX}{not json`)).toBeUndefined();
    const log = (epoch: number, loss: number, valLoss?: number) => ({ epoch, loss, metrics: {}, diagnostics: [], ms: 0, ...(valLoss !== undefined ? { valLoss } : {}) });
    expect(bestEpoch([log(1, 1, 0.9), log(2, 0.5, 0.7), log(3, 0.3, 0.8)])).toBe(2);
    expect(bestEpoch([log(1, 1), log(2, 0.5), log(3, 0.6)])).toBe(2);
  });
});
