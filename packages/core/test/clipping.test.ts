/** Gradient clipping in every optimizer (Keras's `clipvalue` and per-tensor `clipnorm`), with exact numbers. */
import { describe, expect, it } from 'vitest';
import { check, type Optimizer } from '@axon/language';
import { buildModel, fit, getWeights } from '../src/index.js';
import { clipGradient, createOptimizer } from '../src/optimizers.js';
import type { Param } from '../src/param.js';

const param = (name: string, grad: number[]): Param => ({ name, shape: [grad.length], value: new Float64Array(grad.length), grad: Float64Array.from(grad), trainable: true });

describe('clipGradient', () => {
  it('clipNorm scales a tensor whose L2 norm exceeds it down to exactly clipNorm', () => {
    const g = new Float64Array([3, 4]); // norm 5
    clipGradient(g, 2, { clipNorm: 1 });
    expect(g[0]).toBeCloseTo(0.6, 15);
    expect(g[1]).toBeCloseTo(0.8, 15);
    expect(Math.hypot(g[0]!, g[1]!)).toBeCloseTo(1, 15);
  });
  it('clipNorm leaves a tensor within the norm untouched', () => {
    const g = new Float64Array([0.3, -0.4]);
    clipGradient(g, 2, { clipNorm: 0.5 });
    expect(Array.from(g)).toEqual([0.3, -0.4]);
  });
  it('clipValue clamps each element to [-v, v]', () => {
    const g = new Float64Array([2, -3, 0.1, -0.5]);
    clipGradient(g, 4, { clipValue: 0.5 });
    expect(Array.from(g)).toEqual([0.5, -0.5, 0.1, -0.5]);
  });
  it('both: the value clamp first, then the norm of the clamped tensor', () => {
    const g = new Float64Array([10, -10, 0]);
    clipGradient(g, 3, { clipValue: 3, clipNorm: 1 });
    // clamped to [3, -3, 0] (norm 3√2), then scaled by 1/(3√2)
    expect(g[0]).toBeCloseTo(1 / Math.SQRT2, 15);
    expect(g[1]).toBeCloseTo(-1 / Math.SQRT2, 15);
    expect(g[2]).toBe(0);
  });
});

describe('clipping in the optimizers (per tensor, before the update)', () => {
  const configs: Optimizer[] = [
    { name: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false, clipNorm: 1 },
    { name: 'adam', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, clipNorm: 1 },
    { name: 'rmsprop', learningRate: 0.1, rho: 0.9, epsilon: 1e-7, clipNorm: 1 },
  ];
  it('sgd: each tensor moves by lr × its clipped gradient (norms taken per tensor, not globally)', () => {
    const a = param('kernel', [3, 4]); // norm 5 → [0.6, 0.8]
    const b = param('bias', [0.5]); // within the norm
    createOptimizer(configs[0]!, [a, b]).step();
    expect(a.value[0]).toBeCloseTo(-0.06, 15);
    expect(a.value[1]).toBeCloseTo(-0.08, 15);
    expect(b.value[0]).toBeCloseTo(-0.05, 15);
  });
  it('sgd with clipValue: w −= lr·clamp(g)', () => {
    const a = param('kernel', [3, -0.2]);
    createOptimizer({ name: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false, clipValue: 1 }, [a]).step();
    expect(a.value[0]).toBeCloseTo(-0.1, 15);
    expect(a.value[1]).toBeCloseTo(0.02, 15);
  });
  it('adam and rmsprop see the clipped gradient (two steps: a clipped one, then one within the norm)', () => {
    const twoSteps = (config: Optimizer, grads: number[][]): number[] => {
      const p = param('kernel', grads[0]!);
      const opt = createOptimizer(config, [p]);
      for (const g of grads) {
        p.grad.set(g);
        opt.step();
      }
      return Array.from(p.value);
    };
    for (const config of configs.slice(1)) {
      const { clipNorm: _, ...unclipped } = config;
      const clipped = twoSteps(config, [[30, 40], [0.3, 0.4]]);
      const byHand = twoSteps(unclipped as Optimizer, [[0.6, 0.8], [0.3, 0.4]]);
      const raw = twoSteps(unclipped as Optimizer, [[30, 40], [0.3, 0.4]]);
      clipped.forEach((v, i) => expect(v).toBeCloseTo(byHand[i]!, 14));
      expect(Math.abs(raw[0]! - clipped[0]!)).toBeGreaterThan(1e-3);
    }
  });
  it('no clipping configured: the gradient is left as it is', () => {
    const a = param('kernel', [30, 40]);
    createOptimizer({ name: 'sgd', learningRate: 0.01, momentum: 0, nesterov: false }, [a]).step();
    expect(Array.from(a.grad)).toEqual([30, 40]);
    expect(a.value[0]).toBeCloseTo(-0.3, 14);
  });
});

describe('clipping through fit, from the source', () => {
  it('sgd(clipnorm: 0.001) moves each weight tensor by at most lr × 0.001 per step', async () => {
    const source = (clip: string) => `network C {
      input [6, 2]
      layers {
        lstm(4)
        dense(1)
      }
      train {
        optimizer: sgd(learning_rate: 1${clip})
        epochs: 1
        batch_size: 8
      }
    }`;
    const x = new Float32Array(8 * 12).map((_, i) => Math.sin(i * 1.7) * 3);
    const y = new Float32Array(8).map((_, i) => 10 * (i % 2));
    const moved = async (clip: string) => {
      const network = check(source(clip)).networks[0]!;
      expect(network.train.optimizer.clipNorm).toBe(clip ? 0.001 : undefined);
      const model = buildModel(network, { seed: 1 });
      const before = getWeights(model);
      await fit(model, { x, y, n: 8, inputShape: [6, 2], targetSize: 1 }, undefined, { shuffle: false });
      return getWeights(model).flatMap((lw, l) => lw.weights.map((w, t) => Math.hypot(...w.values.map((v, i) => v - before[l]!.weights[t]!.values[i]!))));
    };
    const clipped = await moved(', clipnorm: 0.001');
    expect(clipped).toHaveLength(5);
    for (const d of clipped) expect(d).toBeLessThanOrEqual(0.001 * (1 + 1e-5));
    expect(Math.max(...clipped)).toBeGreaterThan(0.0009);
    const free = await moved('');
    expect(Math.max(...free)).toBeGreaterThan(0.01);
  });
});
