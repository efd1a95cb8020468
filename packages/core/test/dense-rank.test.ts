/**
 * Dense on inputs of rank > 1, with Keras semantics: the dense map applies to the LAST axis, so
 * [d1, …, dk, features] → [d1, …, dk, units] with a [features, units] kernel (the language's shapes and
 * parameter counts). Covered here: shapes and weights, a hand-computed forward pass, float64
 * finite-difference gradients, losses and accuracy per row of classes, diagnostics per unit, flatten
 * after such a dense, save/load, and training end to end. The TensorFlow.js comparison is in
 * dense-rank-oracle.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, type Loss, type ResolvedNetwork } from '@axon/language';
import { buildModel, evaluate, fit, getWeights, ModelError, predict, probeGradients, setWeights, type Dataset } from '../src/index.js';
import { loadModel, saveModel } from '../src/io/index.js';
import { outputFeatures } from '../src/model.js';
import { gradCheck } from './gradcheck-helpers.js';
import { dense, net, testRandom } from './net-helpers.js';

/** An Axon network resolved by the language package (no analysis errors allowed). */
export function axon(input: string, layers: string, train = 'loss: categorical_crossentropy\n optimizer: adam(learning_rate: 0.01)\n seed: 7'): ResolvedNetwork {
  const result = check(`network T {\n input ${input}\n layers {\n ${layers}\n }\n train {\n ${train}\n }\n}\n`);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.networks[0]!;
}

const CE: Loss = { name: 'categorical_crossentropy', fromLogits: false };
const MSE: Loss = { name: 'mse', fromLogits: false };

/** The rank-3 net of the brief: [3, 4, 2] → dense(5, relu) → dense(3, softmax), output [3, 4, 3]. */
const rank3 = () => axon('[3, 4, 2]', 'dense(5, activation: relu)\n dense(3, activation: softmax)');

describe('dense on a rank-N input: shapes and weights (Keras layout)', () => {
  it('builds [3, 4, 2] → dense(5) → dense(3) with [2, 5] and [5, 3] kernels and the language\'s parameter count', () => {
    const network = rank3();
    expect(network.layers.map((l) => l.outputShape)).toEqual([[3, 4, 5], [3, 4, 3]]);
    const model = buildModel(network);
    expect(model.inputSize).toBe(24);
    expect(model.outputSize).toBe(36);
    expect(outputFeatures(model)).toBe(3);
    const w = getWeights(model);
    expect(w.map((l) => l.weights.map((t) => `${t.name}:${t.shape.join('x')}`))).toEqual([['kernel:2x5', 'bias:5'], ['kernel:5x3', 'bias:3']]);
    const count = w.reduce((a, l) => a + l.weights.reduce((b, t) => b + t.values.length, 0), 0);
    expect(count).toBe(network.params.trainable);
    expect(count).toBe(2 * 5 + 5 + 5 * 3 + 3);
  });

  it('glorot_uniform uses fan_in = last axis, fan_out = units (as Keras), not the flattened size', () => {
    const model = buildModel(axon('[6, 6, 8]', 'dense(4)'), { seed: 1 });
    const kernel = getWeights(model)[0]!.weights[0]!.values;
    const limit = Math.sqrt(6 / (8 + 4));
    const max = kernel.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
    expect(max).toBeLessThanOrEqual(limit);
    expect(max).toBeGreaterThan(0.8 * limit); // 32 draws: the largest is near the limit, far above √(6/292) ≈ 0.14
  });

  it('prelu learns one slope per unit and batch_norm after it normalises the last axis', () => {
    const network = axon('[3, 4, 2]', 'dense(5, activation: prelu)\n batch_norm()\n flatten()\n dense(3, activation: softmax)');
    expect(network.layers.map((l) => l.outputShape)).toEqual([[3, 4, 5], [3, 4, 5], [60], [3]]);
    const w = getWeights(buildModel(network));
    expect(w.map((l) => l.weights.map((t) => `${t.name}:${t.shape.join('x')}`))).toEqual([
      ['kernel:2x5', 'bias:5', 'alpha:5'],
      ['gamma:5', 'beta:5', 'moving_mean:5', 'moving_variance:5'],
      ['kernel:60x3', 'bias:3'],
    ]);
    expect(network.params.trainable).toBe(2 * 5 + 5 + 5 + 2 * 5 + 60 * 3 + 3);
  });

  it('refuses a network whose dense shape is not the last-axis one, naming both shapes', () => {
    const network = net([3, 4, 2], [dense(5)]);
    const wrong = { ...network, layers: [{ ...network.layers[0]!, outputShape: [60] }], outputShape: [60] } as ResolvedNetwork;
    expect(() => buildModel(wrong)).toThrow(ModelError);
    expect(() => buildModel(wrong)).toThrow('layer 0 (dense): dense applies to the last axis, so its input [3, 4, 2] gives [3, 4, 5], but the network says [60] (add a flatten before it to get a vector)');
  });
});

/** Reference forward pass of a dense layer on rows of the last axis, written out by hand. */
function denseRows(x: ArrayLike<number>, rows: number, f: number, kernel: ArrayLike<number>, bias: ArrayLike<number>, units: number, fn: (z: number[]) => number[]): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const z: number[] = [];
    for (let u = 0; u < units; u++) {
      let s = bias[u]!;
      for (let j = 0; j < f; j++) s += x[r * f + j]! * kernel[j * units + u]!;
      z.push(s);
    }
    out.push(...fn(z));
  }
  return out;
}
const relu = (z: number[]) => z.map((v) => Math.max(0, v));
const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

describe('dense on a rank-N input: forward pass', () => {
  it('applies the same map to every position and softmax over the last axis', () => {
    const model = buildModel(rank3(), { seed: 4 });
    const n = 3;
    const r = testRandom(5);
    const x = Float32Array.from({ length: n * 24 }, () => r() * 2 - 1);
    const [l0, l1] = getWeights(model);
    const h = denseRows(x, n * 12, 2, l0!.weights[0]!.values, l0!.weights[1]!.values, 5, relu);
    const expected = denseRows(h, n * 12, 5, l1!.weights[0]!.values, l1!.weights[1]!.values, 3, softmax);
    const out = predict(model, x, n);
    expect(out.length).toBe(n * 36);
    let maxErr = 0;
    for (let i = 0; i < out.length; i++) maxErr = Math.max(maxErr, Math.abs(out[i]! - expected[i]!));
    expect(maxErr).toBeLessThan(1e-6);
    // Each of the 36 rows (3 samples × 12 positions) is a distribution over 3 classes, not one softmax over 36.
    for (let row = 0; row < n * 12; row++) expect(out[row * 3]! + out[row * 3 + 1]! + out[row * 3 + 2]!).toBeCloseTo(1, 6);
    // Moving one position's input changes only that position's output.
    const x2 = Float32Array.from(x);
    x2[5 * 2] += 1; // sample 0, position 5
    const out2 = predict(model, x2, n);
    const changed = [...out2.keys()].filter((i) => out2[i] !== out[i]).map((i) => Math.floor(i / 3));
    expect(new Set(changed)).toEqual(new Set([5]));
  });

  it('flatten after a rank-N dense hands the row-major [h, w, units] values to the next dense', () => {
    const network = axon('[2, 3, 2]', 'dense(4, activation: relu)\n flatten()\n dense(2)');
    const model = buildModel(network, { seed: 8 });
    const r = testRandom(9);
    const x = Float32Array.from({ length: 2 * 12 }, () => r() * 2 - 1);
    const [l0, l2] = getWeights(model);
    const h = denseRows(x, 2 * 6, 2, l0!.weights[0]!.values, l0!.weights[1]!.values, 4, relu); // 2 samples × 24
    const expected = denseRows(h, 2, 24, l2!.weights[0]!.values, l2!.weights[1]!.values, 2, (z) => z);
    const out = predict(model, x, 2);
    expect(out.length).toBe(4);
    for (let i = 0; i < 4; i++) expect(out[i]!).toBeCloseTo(expected[i]!, 5);
  });
});

describe('dense on a rank-N input: float64 finite-difference gradients', () => {
  const cases: [string, () => ResolvedNetwork, Loss, 'regression' | 'onehot' | 'binary', number][] = [
    ['[3, 4, 2] → dense(5, relu) → dense(3, softmax), cross-entropy per position', rank3, CE, 'binary', 9],
    ['[3, 4, 2] → dense(5, relu) → dense(3, softmax), mse', rank3, MSE, 'regression', 9],
    ['[3, 4, 2] → dense(5, prelu) → batch_norm → dense(4, tanh) → flatten → dense(3, softmax)',
      () => axon('[3, 4, 2]', 'dense(5, activation: prelu)\n batch_norm()\n dense(4, activation: tanh)\n flatten()\n dense(3, activation: softmax)'), CE, 'onehot', 12],
    ['[6, 6, 1] conv2d(4, 3, relu) → dense(8, relu) → flatten → dense(3, softmax)',
      () => axon('[6, 6, 1]', 'conv2d(4, kernel: 3, activation: relu)\n dense(8, activation: relu)\n flatten()\n dense(3, activation: softmax)'), CE, 'onehot', 12],
    ['[5, 3] → dense(4, sigmoid) → activation(prelu) → dense(2, elu) → flatten → dense(2), mse',
      () => axon('[5, 3]', 'dense(4, activation: sigmoid)\n activation(prelu)\n dense(2, activation: elu)\n flatten()\n dense(2)'), MSE, 'regression', 8],
    ['[2, 3, 4] → dense(3, selu) → dense(2, sigmoid), binary cross-entropy per output',
      () => axon('[2, 3, 4]', 'dense(3, activation: selu)\n dense(2, activation: sigmoid)'), { name: 'binary_crossentropy', fromLogits: false }, 'binary', 6],
  ];
  for (const [label, make, loss, kind, n] of cases) {
    it(label, () => {
      const network = make();
      const r = gradCheck(network, loss, n, kind);
      const trainable = network.layers.flatMap((l) => (l.params.trainable > 0 ? [l.name] : []));
      expect(new Set(r.params.map((p) => p.split('.')[0]))).toEqual(new Set(trainable));
      // Every trainable tensor is checked: all entries of small ones, 40 sampled entries of larger ones.
      const sizes = buildModel(network).layers.flatMap((l) => l.params.filter((p) => p.trainable).map((p) => p.value.length));
      expect(r.checked).toBe(sizes.reduce((a, s) => a + Math.min(40, s), 0));
      expect(r.magnitude).toBeGreaterThan(1e-3);
      expect(r.worst).toBeLessThan(1e-5);
    });
  }
});

/** Targets one-hot per row of `classes`, from a fixed rule, so the expected values are known. */
function perRowData(network: ResolvedNetwork, n: number, seed: number, classes: number): Dataset {
  const inSize = network.input.reduce((a, b) => a * b, 1);
  const outSize = network.outputShape.reduce((a, b) => a * b, 1);
  const f = network.input[network.input.length - 1]!;
  const r = testRandom(seed);
  const x = Float32Array.from({ length: n * inSize }, () => r() * 2 - 1);
  const y = new Float32Array(n * outSize);
  // Row class: the arg-max of the row's first `classes` features.
  for (let row = 0; row < (n * outSize) / classes; row++) {
    let best = 0;
    for (let j = 1; j < classes; j++) if (x[row * f + j]! > x[row * f + best]!) best = j;
    y[row * classes + best] = 1;
  }
  return { x, y, n, inputShape: network.input, targetSize: outSize };
}

describe('dense on a rank-N input: losses and metrics per row of classes', () => {
  it('categorical cross-entropy is the mean over all rows of classes; accuracy counts rows', () => {
    const network = rank3();
    const model = buildModel(network, { seed: 2 });
    const data = perRowData(network, 5, 3, 3);
    const out = predict(model, data.x, data.n);
    let ce = 0, right = 0;
    const rows = data.n * 12;
    for (let row = 0; row < rows; row++) {
      let best = 0, target = 0;
      for (let j = 0; j < 3; j++) {
        if (data.y[row * 3 + j] === 1) {
          ce -= Math.log(out[row * 3 + j]!);
          target = j;
        }
        if (out[row * 3 + j]! > out[row * 3 + best]!) best = j;
      }
      if (best === target) right++;
    }
    const e = evaluate(model, data);
    expect(e.loss).toBeCloseTo(ce / rows, 5);
    expect(e.metrics.accuracy).toBeCloseTo(right / rows, 10);
    // The task the loss implies has the last axis' classes.
    expect(e.loss).toBeGreaterThan(0.5);
    expect(e.loss).toBeLessThan(2);
  });
});

describe('dense on a rank-N input: diagnostics count units of the last axis', () => {
  it('dead fraction and saturation are per unit over every position; gradNorm is the kernel gradient norm', () => {
    const network = axon('[3, 4, 2]', 'dense(4, activation: relu)\n dense(5, activation: tanh)\n flatten()\n dense(3, activation: softmax)');
    const model = buildModel(network, { seed: 3 });
    const w = getWeights(model);
    // Unit 1 of the relu layer never fires (zero weights, negative bias); unit 3 of the tanh layer always saturates.
    const k0 = w[0]!.weights[0]!.values, b0 = w[0]!.weights[1]!.values;
    for (let j = 0; j < 2; j++) k0[j * 4 + 1] = 0;
    b0[1] = -1;
    const k1 = w[1]!.weights[0]!.values, b1 = w[1]!.weights[1]!.values;
    for (let j = 0; j < 4; j++) k1[j * 5 + 3] = 0;
    b1[3] = 7;
    setWeights(model, w);
    const r = testRandom(4);
    const x = Float32Array.from({ length: 16 * 24 }, () => r() * 2 - 1);
    const y = new Float32Array(16 * 3);
    for (let i = 0; i < 16; i++) y[i * 3 + (i % 3)] = 1;
    const probe = probeGradients(model, { x, y, n: 16, inputShape: [3, 4, 2], targetSize: 3 });
    const [d0, d1, d2, d3] = probe.layers;
    expect(d0!.deadFraction).toBe(1 / 4);
    // Saturated pre-activations: all 16·12 of unit 3, plus any others that reach |z| ≥ 5 (none with these small weights).
    expect(d1!.saturatedFraction).toBeCloseTo(1 / 5, 10);
    expect(d2!.gradNorm).toBeUndefined();
    for (const d of [d0!, d1!, d3!]) expect(d.gradNorm).toBeGreaterThan(0);
    // gradNorm is the L2 norm of this batch's kernel gradient (layers keep it after the probe).
    const kernelGrad = model.layers[0]!.kernel!.grad;
    expect(d0!.gradNorm).toBeCloseTo(Math.sqrt(Array.from(kernelGrad).reduce((a, g) => a + g * g, 0)), 10);
    // The dead unit gets no kernel gradient at all.
    expect(kernelGrad[1]).toBe(0);
    expect(kernelGrad[4 + 1]).toBe(0);
  });
});

describe('dense on a rank-N input: training end to end', () => {
  it('conv2d → dense(8, relu) → flatten → dense(3, softmax) learns which third of the image holds a bar', async () => {
    const network = axon(
      '[6, 6, 1]',
      'conv2d(4, kernel: 3, padding: same, activation: relu)\n dense(8, activation: relu)\n flatten()\n dense(3, activation: softmax)',
      'loss: categorical_crossentropy\n optimizer: adam(learning_rate: 0.005)\n epochs: 12\n batch_size: 16\n seed: 11',
    );
    const make = (n: number, seed: number): Dataset => {
      const r = testRandom(seed);
      const x = new Float32Array(n * 36), y = new Float32Array(n * 3);
      for (let i = 0; i < n; i++) {
        const cls = i % 3;
        const col = cls * 2 + Math.floor(r() * 2);
        for (let p = 0; p < 36; p++) x[i * 36 + p] = r() + (p % 6 === col ? 0.6 : 0); // a faint bar in noise
        y[i * 3 + cls] = 1;
      }
      return { x, y, n, inputShape: [6, 6, 1], targetSize: 3 };
    };
    const model = buildModel(network);
    const result = await fit(model, make(240, 1), make(60, 2));
    const h = result.history;
    expect(result.stopReason).toBe('completed');
    expect(h).toHaveLength(12);
    expect(h[0]!.loss).toBeGreaterThan(0.6);
    expect(h[11]!.loss).toBeLessThan(0.25 * h[0]!.loss);
    expect(h[11]!.valLoss!).toBeLessThan(h[0]!.valLoss!);
    expect(h[11]!.valMetrics!.accuracy).toBeGreaterThanOrEqual(0.95);
    // Diagnostics name the rank-N dense and report its kernel gradient norm and dead fraction over 8 units.
    const d = h[11]!.diagnostics[1]!;
    expect(d.name).toBe('dense');
    expect(d.gradNorm).toBeGreaterThan(0);
    expect(d.deadFraction! * 8).toBeCloseTo(Math.round(d.deadFraction! * 8), 10);
  });

  it('a rank-N softmax output learns a per-position class (loss and per-row accuracy)', async () => {
    const network = axon(
      '[4, 3]',
      'dense(12, activation: tanh)\n batch_norm()\n dense(3, activation: softmax)',
      'loss: categorical_crossentropy\n optimizer: adam(learning_rate: 0.02)\n epochs: 15\n batch_size: 16\n seed: 5',
    );
    expect(network.outputShape).toEqual([4, 3]);
    const model = buildModel(network);
    const train = perRowData(network, 200, 21, 3);
    const result = await fit(model, train, perRowData(network, 50, 22, 3));
    const h = result.history;
    expect(h[0]!.loss).toBeGreaterThan(0.5);
    expect(h[14]!.loss).toBeLessThan(0.5 * h[0]!.loss);
    expect(h[14]!.valMetrics!.accuracy).toBeGreaterThanOrEqual(0.9);
    const e = evaluate(model, train);
    expect(e.metrics.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('save/load round-trips a rank-N dense ([features, units] kernel) bit for bit', async () => {
    const source = 'network T {\n input [3, 4, 2]\n layers {\n dense(5, activation: prelu)\n batch_norm()\n flatten()\n dense(3, activation: softmax)\n }\n}\n';
    const network = check(source).networks[0]!;
    const model = buildModel(network, { seed: 6 });
    const dir = await mkdtemp(join(tmpdir(), 'axon-dense-rank-'));
    try {
      await saveModel(join(dir, 'm'), { network, source, weights: getWeights(model), featureNames: [] });
      const loaded = await loadModel(join(dir, 'm'));
      expect(loaded.weights[0]!.weights[0]!.shape).toEqual([2, 5]);
      const again = buildModel(loaded.network);
      setWeights(again, loaded.weights);
      const x = Float32Array.from({ length: 2 * 24 }, (_, i) => Math.sin(i));
      expect(Array.from(predict(again, x, 2))).toEqual(Array.from(predict(model, x, 2)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
