/** Issue 13's losses: values by hand, finite-difference gradients, and TF.js where it has the loss. */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Activation, Loss, LossName } from '@axon/language';
import { computeLoss, planLoss } from '../src/losses.js';
import { testRandom } from './net-helpers.js';

const L = (name: LossName, fromLogits = false): Loss => ({ name, fromLogits });

function value(loss: Loss, input: number[], t: number[], n: number, k: number, act?: Activation, classWidth?: number): number {
  return computeLoss(planLoss(loss, act, classWidth), Float64Array.from(input), Float64Array.from(t), n, k, null);
}

/** Largest relative error between the analytic gradient and central differences. */
function fdWorst(loss: Loss, input: Float64Array, t: Float64Array, n: number, k: number, act?: Activation): { worst: number; magnitude: number } {
  const plan = planLoss(loss, act);
  const g = new Float64Array(n * k);
  computeLoss(plan, input, t, n, k, g);
  let worst = 0, magnitude = 0;
  const h = 1e-6;
  for (let i = 0; i < input.length; i++) {
    const x0 = input[i]!;
    input[i] = x0 + h;
    const up = computeLoss(plan, input, t, n, k, null);
    input[i] = x0 - h;
    const down = computeLoss(plan, input, t, n, k, null);
    input[i] = x0;
    const num = (up - down) / (2 * h);
    magnitude += Math.abs(g[i]!);
    worst = Math.max(worst, Math.abs(num - g[i]!) / Math.max(1e-3, Math.abs(num), Math.abs(g[i]!)));
  }
  return { worst, magnitude };
}

function randoms(len: number, seed: number, lo: number, hi: number): Float64Array {
  const r = testRandom(seed);
  return new Float64Array(len).map(() => lo + (hi - lo) * r());
}

function oneHot(n: number, k: number, seed: number): Float64Array {
  const r = testRandom(seed);
  const y = new Float64Array(n * k);
  for (let i = 0; i < n; i++) y[i * k + Math.floor(r() * k)] = 1;
  return y;
}

function distributions(n: number, k: number, seed: number): Float64Array {
  const p = randoms(n * k, seed, 0.05, 1);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += p[i * k + j]!;
    for (let j = 0; j < k; j++) p[i * k + j]! /= s;
  }
  return p;
}

describe('issue-13 loss values (Keras 3 formulas)', () => {
  it('log_cosh: mean of log(cosh(ŷ − y)), stable at large errors', () => {
    expect(value(L('log_cosh'), [0.5, -2], [0, 1], 1, 2)).toBeCloseTo((Math.log(Math.cosh(0.5)) + Math.log(Math.cosh(3))) / 2, 12);
    // cosh(800) overflows; log cosh x ≈ |x| − log 2.
    expect(value(L('log_cosh'), [800], [0], 1, 1)).toBeCloseTo(800 - Math.LN2, 9);
  });
  it('kl_divergence: Σ y·log(y/ŷ) per row, clipped to [1e-7, 1], mean over rows', () => {
    const v = value(L('kl_divergence'), [0.5, 0.5, 0.9, 0.1], [0.25, 0.75, 1, 0], 2, 2);
    const row1 = 0.25 * Math.log(0.25 / 0.5) + 0.75 * Math.log(0.75 / 0.5);
    const row2 = 1 * Math.log(1 / 0.9) + 1e-7 * Math.log(1e-7 / 0.1);
    expect(v).toBeCloseTo((row1 + row2) / 2, 12);
    // Rows of 2 classes inside a 4-output sample: the same two rows.
    expect(value(L('kl_divergence'), [0.5, 0.5, 0.9, 0.1], [0.25, 0.75, 1, 0], 1, 4, undefined, 2)).toBeCloseTo((row1 + row2) / 2, 12);
  });
  it('poisson: mean of ŷ − y·log(ŷ + 1e-7); a zero output is finite through the epsilon', () => {
    expect(value(L('poisson'), [2, 0.5], [3, 0], 1, 2)).toBeCloseTo((2 - 3 * Math.log(2 + 1e-7) + 0.5) / 2, 12);
    expect(value(L('poisson'), [0], [1], 1, 1)).toBeCloseTo(-Math.log(1e-7), 9);
  });
  it('hinge: 0/1 targets become −1/1; ±1 targets are used as they are', () => {
    // t = 1 → +1: max(0, 1 − 0.3) = 0.7; t = 0 → −1: max(0, 1 + 0.3) = 1.3, and a confident right answer costs 0.
    expect(value(L('hinge'), [0.3, 0.3, -2], [1, 0, 0], 1, 3)).toBeCloseTo((0.7 + 1.3 + 0) / 3, 12);
    expect(value(L('hinge'), [0.3, 0.3], [1, -1], 1, 2)).toBeCloseTo((0.7 + 1.3) / 2, 12);
    expect(planLoss(L('hinge'), undefined).outputIsLogits).toBe(true); // accuracy thresholds the score at 0
  });
  it('sparse categorical cross-entropy is numerically the categorical one (one-hot rows), fused on softmax', () => {
    const z = Array.from(randoms(12, 3, -2, 2)), y = Array.from(oneHot(3, 4, 4));
    const softmax: Activation = { name: 'softmax' };
    for (const [act, logits] of [[softmax, false], [undefined, true]] as const) {
      const sparse = planLoss(L('sparse_categorical_crossentropy', logits), act);
      expect(sparse.kind).toBe('ce_logits');
      expect(sparse.fused).toBe(!logits);
      expect(value(L('sparse_categorical_crossentropy', logits), z, y, 3, 4, act)).toBe(value(L('categorical_crossentropy', logits), z, y, 3, 4, act));
    }
    // By hand: −log softmax(z)[class].
    const lse = Math.log(z.slice(0, 4).reduce((s, v) => s + Math.exp(v), 0));
    const cls = y.slice(0, 4).indexOf(1);
    expect(value(L('sparse_categorical_crossentropy', true), z.slice(0, 4), y.slice(0, 4), 1, 4)).toBeCloseTo(lse - z[cls]!, 12);
  });
});

describe('issue-13 loss gradients (central differences, float64)', () => {
  const n = 5, k = 3;
  const cases: [string, Loss, () => Float64Array, () => Float64Array, Activation?][] = [
    ['log_cosh', L('log_cosh'), () => randoms(n * k, 1, -3, 3), () => randoms(n * k, 2, -1, 1)],
    ['kl_divergence', L('kl_divergence'), () => distributions(n, k, 3), () => distributions(n, k, 4)],
    ['poisson', L('poisson'), () => randoms(n * k, 5, 0.2, 3), () => randoms(n * k, 6, 0, 4).map(Math.round)],
    ['hinge (0/1 targets)', L('hinge'), () => randoms(n * k, 7, -2, 2), () => randoms(n * k, 8, 0, 1).map(Math.round)],
    ['hinge (±1 targets)', L('hinge'), () => randoms(n * k, 9, -2, 2), () => randoms(n * k, 10, 0, 1).map((v) => (v < 0.5 ? -1 : 1))],
    ['sparse CCE, fused softmax', L('sparse_categorical_crossentropy'), () => randoms(n * k, 11, -2, 2), () => oneHot(n, k, 12), { name: 'softmax' }],
    ['sparse CCE, from_logits', L('sparse_categorical_crossentropy', true), () => randoms(n * k, 13, -2, 2), () => oneHot(n, k, 14)],
    ['sparse CCE, probabilities', L('sparse_categorical_crossentropy'), () => distributions(n, k, 15), () => oneHot(n, k, 16), { name: 'sigmoid' }],
  ];
  for (const [name, loss, input, target, act] of cases) {
    it(name, () => {
      const { worst, magnitude } = fdWorst(loss, input(), target(), n, k, act);
      expect(worst).toBeLessThan(1e-6);
      expect(magnitude).toBeGreaterThan(0.05);
    });
  }
});

describe('issue-13 losses against TF.js (float32, 1e-5)', () => {
  it('hinge equals tf.losses.hingeLoss on 0/1 labels', () => {
    const out = randoms(24, 21, -2, 2), y = randoms(24, 22, 0, 1).map(Math.round);
    const theirs = (tf.losses.hingeLoss(tf.tensor(Float32Array.from(y), [8, 3]), tf.tensor(Float32Array.from(out), [8, 3])) as tf.Scalar).dataSync()[0]!;
    expect(Math.abs(value(L('hinge'), Array.from(out), Array.from(y), 8, 3) - theirs)).toBeLessThan(1e-5);
  });
  it('sparse categorical cross-entropy (from_logits) equals tf.losses.softmaxCrossEntropy', () => {
    const z = randoms(20, 23, -3, 3), y = oneHot(5, 4, 24);
    const theirs = (tf.losses.softmaxCrossEntropy(tf.tensor(Float32Array.from(y), [5, 4]), tf.tensor(Float32Array.from(z), [5, 4])) as tf.Scalar).dataSync()[0]!;
    expect(Math.abs(value(L('sparse_categorical_crossentropy', true), Array.from(z), Array.from(y), 5, 4) - theirs)).toBeLessThan(1e-5);
  });
  it('log_cosh, poisson and kl_divergence equal tfjs-layers through model.evaluate', () => {
    const check = (name: LossName, tfName: string, out: Float64Array, y: Float64Array) => {
      const m = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [3], useBias: false, kernelInitializer: 'identity' })] });
      m.compile({ optimizer: 'sgd', loss: tfName });
      const theirs = (m.evaluate(tf.tensor(Float32Array.from(out), [4, 3]), tf.tensor(Float32Array.from(y), [4, 3])) as tf.Scalar).dataSync()[0]!;
      expect(Math.abs(value(L(name), Array.from(out), Array.from(y), 4, 3) - theirs)).toBeLessThan(1e-5);
    };
    check('log_cosh', 'logcosh', randoms(12, 25, -2, 2), randoms(12, 26, -1, 1));
    check('poisson', 'poisson', randoms(12, 27, 0.1, 3), randoms(12, 28, 0, 4).map(Math.round));
    check('kl_divergence', 'kullbackLeiblerDivergence', distributions(4, 3, 29), distributions(4, 3, 30));
  });
});
