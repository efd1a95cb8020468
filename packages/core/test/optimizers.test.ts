import { describe, expect, it } from 'vitest';
import type { Optimizer } from '@axon/language';
import { createOptimizer } from '../src/optimizers.js';
import type { Param } from '../src/param.js';

function run(config: Optimizer, grads: number[][]): number[] {
  const p: Param = { name: 'w', shape: [1], value: new Float64Array([1]), grad: new Float64Array(1), trainable: true };
  const opt = createOptimizer(config, [p]);
  const trace: number[] = [];
  for (const g of grads) {
    p.grad[0] = g[0]!;
    opt.step();
    trace.push(p.value[0]!);
  }
  return trace;
}

describe('optimizers (Keras update rules)', () => {
  it('plain sgd', () => {
    const t = run({ name: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false }, [[2], [2]]);
    expect(t[0]).toBeCloseTo(0.8, 14);
    expect(t[1]).toBeCloseTo(0.6, 14);
  });
  it('sgd with momentum: v = μv − lr·g; w += v', () => {
    const t = run({ name: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: false }, [[1], [1]]);
    expect(t[0]).toBeCloseTo(0.9, 14); // v = −0.1
    expect(t[1]).toBeCloseTo(0.9 - 0.19, 14); // v = −0.09 − 0.1
  });
  it('nesterov: w += μv − lr·g', () => {
    const t = run({ name: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true }, [[1]]);
    expect(t[0]).toBeCloseTo(1 + 0.9 * -0.1 - 0.1, 14);
  });
  it('adam: the first step is lr·g/(|g| + ε/√(1−β2)), bias-corrected', () => {
    const t = run({ name: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, [[0.5], [0.5]]);
    const lrT = (0.01 * Math.sqrt(1 - 0.999)) / (1 - 0.9);
    expect(t[0]).toBeCloseTo(1 - (lrT * 0.05) / (Math.sqrt(0.001 * 0.25) + 1e-7), 14);
    expect(1 - t[0]!).toBeCloseTo(0.01, 6);
    expect(t[0]! - t[1]!).toBeCloseTo(0.01, 6); // constant gradient ⇒ steps of ≈ lr
  });
  it('rmsprop: v = ρv + (1−ρ)g²; w −= lr·g/√(v + ε)', () => {
    const t = run({ name: 'rmsprop', learningRate: 0.01, rho: 0.9, epsilon: 1e-7 }, [[2]]);
    expect(t[0]).toBeCloseTo(1 - (0.01 * 2) / Math.sqrt(0.1 * 4 + 1e-7), 14);
  });
  it('skips non-trainable parameters', () => {
    const p: Param = { name: 'moving_mean', shape: [1], value: new Float64Array([1]), grad: new Float64Array([5]), trainable: false };
    const opt = createOptimizer({ name: 'sgd', learningRate: 1, momentum: 0, nesterov: false }, [p]);
    opt.step();
    expect(p.value[0]).toBe(1);
  });
});
