/**
 * Training the generated PyTorch code on sequence data (`npm run test:consumers`): train.py on the
 * text examples (the generated loader tokenises as the core does) lowers the loss; gradient clipping
 * follows Keras (clipvalue clamps each element, clipnorm rescales each tensor on its own), with exact
 * numbers; the step loop trains with recurrent dropout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '@axon/compile';
import { inferLayer, type ResolvedNetwork } from '@axon/language';
import { HARNESS, requirePythonModule, runPython } from './consumers.js';
import { EXAMPLES, exampleNetwork, tempDir, textOf, writeOutput } from './helpers.js';

interface Summary {
  epochs: number;
  first: Record<string, number>;
  last: Record<string, number>;
}

function trainPy(network: ResolvedNetwork, csv: string, epochs: number): Summary {
  const dir = writeOutput(compile({ network, dataPath: join(EXAMPLES, csv) }, 'pytorch'), tempDir('torch-seq-train'));
  return JSON.parse(runPython([join(dir, 'train.py'), '--epochs', String(epochs), '--json', '--quiet'], { cwd: dir, timeout: 300_000 }).trim().split('\n').pop()!) as Summary;
}

describe('train.py on sequence data', () => {
  beforeAll(() => requirePythonModule('torch'));

  it('sentiment.axon (embedding → lstm with input dropout, text column): the loss falls and training accuracy rises above 0.8', () => {
    const s = trainPy(exampleNetwork('sentiment.axon'), 'sentiment.csv', 12);
    expect(s.epochs).toBe(12);
    expect(s.last.loss).toBeLessThan(s.first.loss * 0.7);
    expect(s.last.accuracy).toBeGreaterThan(0.8);
  });

  it('the step loop trains too: a GRU with recurrent dropout and clipnorm on marker-order.csv lowers the loss', () => {
    const base = exampleNetwork('marker-order.axon');
    const lstm = base.layers[1]!;
    if (lstm.kind !== 'lstm') throw new Error('marker-order.axon: expected lstm as the second layer');
    // The same shapes with a GRU (reset_after: the same output width) and recurrent dropout: PyTorch runs its step loop.
    const spec = { ...lstm, kind: 'gru' as const, recurrentDropout: 0.1 };
    const shaped = inferLayer(spec, lstm.inputShape);
    if (!shaped.ok) throw new Error(shaped.message);
    const gru = { ...spec, params: shaped.params };
    const network: ResolvedNetwork = {
      ...base,
      layers: base.layers.map((l, i) => (i === 1 ? gru : l)),
      train: { ...base.train, optimizer: { ...base.train.optimizer, clipNorm: 1 } },
    };
    const model = textOf(compile({ network }, 'pytorch'), 'model.py');
    expect(model).toContain('rt.Recurrent("gru", 8, 8, False, False');
    expect(model).toContain('fused=False');
    const s = trainPy(network, 'marker-order.csv', 4);
    expect(s.last.loss).toBeLessThan(s.first.loss);
  });
});

describe('gradient clipping in the PyTorch runtime', () => {
  beforeAll(() => requirePythonModule('torch'));

  const dir = () => writeOutput(compile({ network: exampleNetwork('marker-order.axon') }, 'pytorch'), tempDir('torch-clip'));
  const clip = (spec: object) => JSON.parse(runPython([HARNESS('torch_clip.py'), dir(), JSON.stringify(spec)])) as { a: number[]; b: number[] };
  const close = (got: number[], want: number[]) => got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 6));

  it('clipnorm rescales each tensor to at most that L2 norm, on its own (not the global norm)', () => {
    const r = clip({ clipNorm: 1 });
    close(r.a, [0.6, 0.8]); // norm 5 → 1
    const nb = Math.hypot(0.1, 2, 0.2);
    close(r.b, [0.1 / nb, -2 / nb, 0.2 / nb]);
  });

  it('clipvalue clamps every element; with both, the value first and then the norm', () => {
    close(clip({ clipValue: 0.5 }).b, [0.1, -0.5, 0.2]);
    const both = clip({ clipValue: 3.5, clipNorm: 2 });
    const n = Math.hypot(3, 3.5);
    close(both.a, [(3 * 2) / n, (3.5 * 2) / n]);
  });

  it('without clipping the gradients are untouched, and train.py clips between backward and step', () => {
    const r = clip({});
    expect([r.a, r.b]).toEqual([[3, 4], [0.1, -2, 0.2].map((v) => Math.fround(v))]);
    const train = readFileSync(join(dir(), 'train.py'), 'utf8');
    // clipping, then the decoupled weight decay (issue 13; a no-op without weight_decay), then the step: Keras's order
    expect(train).toMatch(/loss\.backward\(\)\n\s+rt\.clip_gradients\(cfg\["train"\]\["optimizer"\], train_net\.parameters\(\)\)\n(\s+#.*\n)*\s+rt\.apply_weight_decay\(cfg\["train"\]\["optimizer"\], train_net\.parameters\(\), args\.learning_rate\)\n\s+optimizer\.step\(\)/);
  });
});
