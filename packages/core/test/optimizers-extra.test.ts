/** Issue 13's optimizers: one or two steps by hand (Keras 3's rules), and TF.js's adagrad/adadelta over many steps. */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Optimizer } from '@axon/language';
import { createOptimizer } from '../src/optimizers.js';
import type { Param } from '../src/param.js';
import { testRandom } from './net-helpers.js';

function run(config: Optimizer, grads: number[], w0 = 1): number[] {
  const p: Param = { name: 'w', shape: [1], value: new Float64Array([w0]), grad: new Float64Array(1), trainable: true };
  const opt = createOptimizer(config, [p]);
  return grads.map((g) => {
    p.grad[0] = g;
    opt.step();
    return p.value[0]!;
  });
}

describe('issue-13 optimizers, steps by hand', () => {
  it('adagrad: a = 0.1 + g², w −= lr·g/√(a + ε)', () => {
    const t = run({ name: 'adagrad', learningRate: 0.1, initialAccumulator: 0.1, epsilon: 1e-7 }, [0.5, -1]);
    const a1 = 0.1 + 0.25, w1 = 1 - (0.1 * 0.5) / Math.sqrt(a1 + 1e-7);
    const a2 = a1 + 1, w2 = w1 + 0.1 / Math.sqrt(a2 + 1e-7);
    expect(t[0]).toBeCloseTo(w1, 14);
    expect(t[1]).toBeCloseTo(w2, 14);
  });
  it('adadelta (Keras default learning rate 1e-3): Δ = −√(E[Δ²] + ε)/√(E[g²] + ε)·g, w += lr·Δ', () => {
    const rho = 0.95, eps = 1e-7, lr = 1e-3;
    const t = run({ name: 'adadelta', learningRate: lr, rho, epsilon: eps }, [2, 2]);
    const eg1 = (1 - rho) * 4, d1 = (-Math.sqrt(eps) / Math.sqrt(eg1 + eps)) * 2, ed1 = (1 - rho) * d1 * d1;
    const eg2 = rho * eg1 + (1 - rho) * 4, d2 = (-Math.sqrt(ed1 + eps) / Math.sqrt(eg2 + eps)) * 2;
    expect(t[0]).toBeCloseTo(1 + lr * d1, 15);
    expect(t[1]).toBeCloseTo(1 + lr * d1 + lr * d2, 15);
    expect(1 - t[0]!).toBeGreaterThan(0); // it moves, if slowly (the first Δ is ≈ √ε/√(0.05·4)·2)
  });
  it('adamw: w ← w − lr·wd·w first, then the Adam step', () => {
    const lr = 0.01, wd = 0.004;
    const [w1] = run({ name: 'adamw', learningRate: lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: wd }, [0.5], 2);
    const [adam1] = run({ name: 'adam', learningRate: lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, [0.5], 2);
    const lrT = (lr * Math.sqrt(1 - 0.999)) / (1 - 0.9);
    const step = (lrT * 0.05) / (Math.sqrt(0.001 * 0.25) + 1e-7);
    expect(adam1).toBeCloseTo(2 - step, 14);
    expect(w1).toBeCloseTo(2 - lr * wd * 2 - step, 14);
  });
  it('nadam: Keras 3 momentum schedule u_t = β1(1 − 0.5·0.96^t)', () => {
    const b1 = 0.9, b2 = 0.999, eps = 1e-7, lr = 0.01, g = [0.5, -0.25];
    const t = run({ name: 'nadam', learningRate: lr, beta1: b1, beta2: b2, epsilon: eps }, g);
    const u = (s: number) => b1 * (1 - 0.5 * Math.pow(0.96, s));
    let w = 1, m = 0, v = 0, prod = 1;
    for (let s = 1; s <= 2; s++) {
      const gs = g[s - 1]!;
      prod *= u(s);
      m += (gs - m) * (1 - b1);
      v += (gs * gs - v) * (1 - b2);
      const mHat = (u(s + 1) * m) / (1 - prod * u(s + 1)) + ((1 - u(s)) * gs) / (1 - prod);
      w -= (lr * mHat) / (Math.sqrt(v / (1 - Math.pow(b2, s))) + eps);
      expect(t[s - 1]).toBeCloseTo(w, 14);
    }
    // The first step of a constant-sign gradient is close to lr, as for Adam.
    expect(1 - t[0]!).toBeGreaterThan(0.009);
    expect(1 - t[0]!).toBeLessThan(0.011);
  });
  it('weight_decay on sgd and rmsprop: decay after clipping, before the update', () => {
    const [s1] = run({ name: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false, weightDecay: 0.5 }, [2]);
    expect(s1).toBeCloseTo(1 - 0.1 * 0.5 * 1 - 0.1 * 2, 14);
    const [c1] = run({ name: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false, weightDecay: 0.5, clipValue: 1 }, [2]);
    expect(c1).toBeCloseTo(1 - 0.05 - 0.1 * 1, 14);
    const [r1] = run({ name: 'rmsprop', learningRate: 0.01, rho: 0.9, epsilon: 1e-7, weightDecay: 0.1 }, [1], 3);
    const decayed = 3 - 0.01 * 0.1 * 3;
    expect(r1).toBeCloseTo(decayed - (0.01 * 1) / Math.sqrt(0.1 + 1e-7), 14);
    // Zero gradient: only the decay acts, geometrically.
    const t = run({ name: 'adagrad', learningRate: 0.1, initialAccumulator: 0.1, epsilon: 1e-7, weightDecay: 0.2 }, [0, 0, 0]);
    expect(t[2]).toBeCloseTo(Math.pow(1 - 0.02, 3), 14);
  });
});

describe('issue-13 optimizers against TF.js (same gradients, 20 steps, float32)', () => {
  const steps = 20, len = 16;
  function compare(ours: Optimizer, theirs: tf.Optimizer): number {
    const r = testRandom(5);
    const w0 = Float32Array.from({ length: len }, () => r() * 2 - 1);
    const grads = Array.from({ length: steps }, () => Float32Array.from({ length: len }, () => r() * 2 - 1));
    const p: Param = { name: 'w', shape: [len], value: Float32Array.from(w0), grad: new Float32Array(len), trainable: true };
    const opt = createOptimizer(ours, [p]);
    const v = tf.variable(tf.tensor(w0));
    for (const g of grads) {
      p.grad.set(g);
      opt.step();
      theirs.applyGradients([{ name: v.name, tensor: tf.tensor(g) }]);
    }
    const tw = v.dataSync();
    let worst = 0;
    for (let i = 0; i < len; i++) worst = Math.max(worst, Math.abs(p.value[i]! - tw[i]!));
    // The weights moved: the comparison is not between two unchanged vectors.
    expect(Math.abs(p.value[0]! - w0[0]!)).toBeGreaterThan(1e-4);
    return worst;
  }
  it('adagrad = tf.train.adagrad', () => {
    expect(compare({ name: 'adagrad', learningRate: 0.05, initialAccumulator: 0.1, epsilon: 1e-7 }, tf.train.adagrad(0.05, 0.1))).toBeLessThan(1e-5);
  });
  it('adadelta follows Keras, not tf.train.adadelta: TF.js divides by the previous E[g²], Keras by the updated one', () => {
    // One step from zero accumulators with lr 1: TF.js moves by √ε/√(0 + ε)·g = g exactly; Keras (and we) by √ε/√(0.05g² + ε)·g.
    const g = 0.5, eps = 1e-7;
    const v = tf.variable(tf.tensor([1]));
    tf.train.adadelta(1, 0.95, eps).applyGradients([{ name: v.name, tensor: tf.tensor([g]) }]);
    expect(v.dataSync()[0]).toBeCloseTo(1 - g, 6);
    const [ours] = run({ name: 'adadelta', learningRate: 1, rho: 0.95, epsilon: eps }, [g]);
    expect(ours).toBeCloseTo(1 - (Math.sqrt(eps) / Math.sqrt(0.05 * g * g + eps)) * g, 12);
    expect(1 - ours!).toBeLessThan(1e-2);
  });
});
