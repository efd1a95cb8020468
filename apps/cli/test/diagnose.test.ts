/**
 * `axon diagnose`: a short seeded run on the examples, reported like `axon lint`. In-process through
 * runDiagnose with captured streams, so it needs no build.
 */
import { mkdtempSync, readFileSync, existsSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { capture } from './capture.js';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/main.js';
import { runDiagnose } from '../src/commands/diagnose.js';
import { UsageError } from '../src/exit.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const example = (name: string) => join(root, 'examples', name);


async function diagnose(file: string, options: Parameters<typeof runDiagnose>[1]) {
  const out = capture();
  const err = capture();
  const code = await runDiagnose(file, options, { stdout: out.stream, stderr: err.stream, tty: false });
  return { code, out: out.text(), err: err.text() };
}

describe('axon diagnose', () => {
  it('reports vanishing gradients at the first layers of the deep sigmoid stack, confirming the static rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-diagnose-'));
    const r = await diagnose(example('deep-sigmoid.axon'), { format: 'json', steps: 100, out: dir });
    expect(r.code).toBe(0); // warnings only
    const [file] = JSON.parse(r.out) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    const vanishing = file!.messages.filter((m) => m.ruleId === 'diagnose/vanishing-gradients');
    // The first dense layer (line 9) and the repeated layer (line 11), each reported once.
    expect(vanishing.map((m) => m.line)).toEqual([9, 11]);
    expect(vanishing[0]!.message).toMatch(/^layer 1 \(dense\): gradient norm \d\.\de-\d+, \d\.\de-\d+ of the output layer's/);
    expect(vanishing[0]!.message).toContain('confirms `saturating-deep-stack`');
    expect(vanishing[1]!.message).toMatch(/\(layers 2–\d+ of 20, from `repeat 18` at line 10\)/);
    // The measured ratio is far below AUTOTRAINER's 1e-3.
    const ratio = Number(/, (\d\.\de-\d+) of the output/.exec(vanishing[0]!.message)![1]);
    expect(ratio).toBeLessThan(1e-6);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('diagnose/vanishing-gradients');
    expect(r.err).toContain('report');
  });

  it('runs on the residual example (a graph written as source): its gradients neither vanish nor explode', async () => {
    const r = await diagnose(example('residual-cnn.axon'), { format: 'json', steps: 30, report: false });
    expect(r.err).toMatch(/^diagnosing ResidualCnn: 30 steps on \d+ rows, seed 42\n$/);
    const [file] = JSON.parse(r.out) as { messages: { ruleId: string }[] }[];
    expect(file!.messages.map((m) => m.ruleId).filter((id) => /gradients/.test(id))).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('finds nothing wrong with the iris classifier', async () => {
    const r = await diagnose(example('iris.axon'), { format: 'stylish', steps: 100, report: false });
    expect(r.code).toBe(0);
    expect(r.out).toContain('no problems found in 100 steps');
  });

  it('flags dead relu units after a very high learning rate, as SARIF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-diagnose-relu-'));
    copyFileSync(example('iris.csv'), join(dir, 'iris.csv'));
    const file = join(dir, 'hot.axon');
    writeFileSync(
      file,
      `network Hot {
  input [4]
  task classification(classes: 3)
  layers {
    dense(64, activation: relu, init: he_normal)
    dense(64, activation: relu, init: he_normal)
    dense(3, activation: softmax)
  }
  train {
    optimizer: sgd(learning_rate: 3.0)
    batch_size: 16
    seed: 7
  }
  data {
    source: "iris.csv"
    target: "species"
  }
}
`,
    );
    const r = await diagnose(file, { format: 'sarif', steps: 150, report: false });
    const sarif = JSON.parse(r.out);
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results as { ruleId: string; message: { text: string }; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    const dead = results.filter((x) => x.ruleId === 'diagnose/dying-relu');
    expect(dead).toHaveLength(1);
    expect(dead[0]!.locations[0]!.physicalLocation.region.startLine).toBe(6);
    const share = Number(/(\d+) % of its relu units are dead/.exec(dead[0]!.message.text)![1]);
    expect(share).toBeGreaterThan(50);
    expect(dead[0]!.message.text).toContain('confirms `dying-relu-learning-rate`');
    // The dynamic checks have rule metadata of their own, with help links to their documentation.
    const rules = sarif.runs[0].tool.driver.rules as { id: string; helpUri: string; shortDescription: { text: string } }[];
    const rule = rules.find((x) => x.id === 'diagnose/dying-relu')!;
    expect(rule.helpUri).toMatch(/docs\/cli\/diagnose\.md$/);
    expect(rule.shortDescription.text).toContain('TheDeepChecker');
    expect(rules.indexOf(rule)).toBe(sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'diagnose/dying-relu').ruleIndex);
  });

  it('takes thresholds as options: a stricter vanishing ratio silences the finding', async () => {
    const r = await diagnose(example('deep-sigmoid.axon'), { format: 'json', steps: 50, report: false, threshold: { vanishingRatio: 1e-30 } });
    const [file] = JSON.parse(r.out) as { messages: { ruleId: string }[] }[];
    expect(file!.messages.map((m) => m.ruleId)).not.toContain('diagnose/vanishing-gradients');
  });

  it('exits 2 with a clear message for a missing file, an unknown threshold or format', async () => {
    await expect(diagnose(join(root, 'nope.axon'), {})).rejects.toThrow(UsageError);
    await expect(diagnose(join(root, 'nope.axon'), {})).rejects.toThrow(/nope\.axon: file not found/);
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (errors.push(String(c)), true));
    try {
      expect(await main(['node', 'axon', 'diagnose', example('iris.axon'), '--threshold', 'bogus=1'])).toBe(2);
      expect(errors.join('')).toContain('--threshold expects NAME=VALUE with NAME one of vanishingRatio');
      expect(await main(['node', 'axon', 'diagnose', example('iris.axon'), '--format', 'xml'])).toBe(2);
      expect(errors.join('')).toContain('--format expects one of stylish, json, sarif, github, got "xml"');
    } finally {
      spy.mockRestore();
    }
  });

  it('exits 2 naming both sizes when the output does not match the targets (as train checks)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-diagnose-targets-'));
    copyFileSync(example('iris.csv'), join(dir, 'iris.csv'));
    const file = join(dir, 'two.axon');
    writeFileSync(file, readFileSync(example('iris.axon'), 'utf8').replace('dense(3, activation: softmax)', 'dense(2, activation: softmax)'));
    await expect(diagnose(file, { report: false })).rejects.toThrow(UsageError);
    await expect(diagnose(file, { report: false })).rejects.toThrow(
      'network Iris outputs 2 values per sample but its targets from "species" have 3 (classification); make the last layer\'s units match the task',
    );
  });
});
