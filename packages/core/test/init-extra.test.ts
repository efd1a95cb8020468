/** Issue 13's initialisers: statistics over large tensors, orthogonality, seeding. */
import { describe, expect, it } from 'vitest';
import type { Initializer } from '@axon/language';
import { initialize, type Fans } from '../src/init.js';
import { createRng } from '../src/rng.js';
import { buildModel } from '../src/model.js';
import { dense, net } from './net-helpers.js';

function draw(init: Initializer, len: number, fans: Fans = { fanIn: 200, fanOut: 50 }, seed = 1): Float64Array {
  const out = new Float64Array(len);
  initialize(out, init, fans, createRng(seed));
  return out;
}

function stats(a: Float64Array): { mean: number; std: number; min: number; max: number } {
  let s = 0, q = 0, min = Infinity, max = -Infinity;
  for (const v of a) {
    s += v;
    q += v * v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = s / a.length;
  return { mean, std: Math.sqrt(q / a.length - mean * mean), min, max };
}

describe('issue-13 initialisers', () => {
  const N = 200_000;
  it('ones', () => {
    expect(Array.from(draw({ name: 'ones' }, 5))).toEqual([1, 1, 1, 1, 1]);
  });
  it('random_uniform(minval, maxval): mean (a+b)/2, std (b−a)/√12, inside the bounds', () => {
    const s = stats(draw({ name: 'random_uniform', minval: -0.2, maxval: 0.6 }, N));
    expect(s.mean).toBeCloseTo(0.2, 2);
    expect(s.std).toBeCloseTo(0.8 / Math.sqrt(12), 2);
    expect(s.min).toBeGreaterThanOrEqual(-0.2);
    expect(s.max).toBeLessThan(0.6);
  });
  it('random_normal(mean, stddev)', () => {
    const s = stats(draw({ name: 'random_normal', mean: 1, stddev: 0.5 }, N));
    expect(s.mean).toBeCloseTo(1, 2);
    expect(s.std).toBeCloseTo(0.5, 2);
    expect(s.max).toBeGreaterThan(1 + 2 * 0.5); // not truncated
  });
  it('truncated_normal(mean, stddev): redrawn beyond 2 stddev, so the std is 0.8796·stddev', () => {
    const s = stats(draw({ name: 'truncated_normal', mean: -1, stddev: 0.5 }, N));
    expect(s.mean).toBeCloseTo(-1, 2);
    expect(s.std).toBeCloseTo(0.87962566103423978 * 0.5, 2);
    expect(s.min).toBeGreaterThanOrEqual(-2);
    expect(s.max).toBeLessThanOrEqual(0);
  });
  it('variance_scaling: every mode and distribution has variance scale / fan', () => {
    const fans = { fanIn: 200, fanOut: 50 };
    for (const mode of ['fan_in', 'fan_out', 'fan_avg'] as const) {
      const fan = mode === 'fan_in' ? 200 : mode === 'fan_out' ? 50 : 125;
      for (const distribution of ['truncated_normal', 'untruncated_normal', 'uniform'] as const) {
        const a = draw({ name: 'variance_scaling', scale: 2, mode, distribution }, N, fans);
        const s = stats(a);
        const sd = Math.sqrt(2 / fan);
        expect(Math.abs(s.std / sd - 1), `${mode} ${distribution}`).toBeLessThan(0.01);
        expect(Math.abs(s.mean)).toBeLessThan(0.01 * sd);
        if (distribution === 'uniform') expect(s.max).toBeLessThanOrEqual(Math.sqrt(3) * sd);
        if (distribution === 'truncated_normal') expect(s.max).toBeLessThanOrEqual((2 * sd) / 0.87962566103423978);
        if (distribution === 'untruncated_normal') expect(s.max).toBeGreaterThan((2 * sd) / 0.87962566103423978);
      }
    }
  });
  it('variance_scaling(scale 2, fan_in) draws exactly what he_normal draws (same seed)', () => {
    expect(draw({ name: 'variance_scaling', scale: 2, mode: 'fan_in', distribution: 'truncated_normal' }, 100)).toEqual(draw({ name: 'he_normal' }, 100));
  });
  it('orthogonal(gain): WᵀW = gain²·I for a tall kernel, WWᵀ = gain²·I for a wide one', () => {
    for (const [rows, cols] of [[40, 12], [12, 40]] as const) {
      const w = draw({ name: 'orthogonal', gain: 1.5 }, rows * cols, { fanIn: rows, fanOut: cols });
      const small = Math.min(rows, cols);
      let worst = 0;
      for (let a = 0; a < small; a++) {
        for (let b = 0; b < small; b++) {
          let dot = 0;
          for (let i = 0; i < Math.max(rows, cols); i++) dot += rows >= cols ? w[i * cols + a]! * w[i * cols + b]! : w[a * cols + i]! * w[b * cols + i]!;
          worst = Math.max(worst, Math.abs(dot - (a === b ? 2.25 : 0)));
        }
      }
      expect(worst).toBeLessThan(1e-10);
    }
  });
  it('orthogonal on a conv kernel: the [kh·kw·c, filters] matrix has orthonormal columns', () => {
    const network = net([6, 6, 3], [{ kind: 'conv2d', filters: 4, kernel: [3, 3], init: { name: 'orthogonal', gain: 1 } }]);
    const model = buildModel(network, { dtype: 'float64', seed: 2 });
    const k = model.layers[0]!.params.find((p) => p.name === 'kernel')!;
    expect(k.shape).toEqual([3, 3, 3, 4]);
    const rows = 27, cols = 4;
    for (let a = 0; a < cols; a++) {
      for (let b = 0; b < cols; b++) {
        let dot = 0;
        for (let i = 0; i < rows; i++) dot += k.value[i * cols + a]! * k.value[i * cols + b]!;
        expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThan(1e-10);
      }
    }
  });
  it('seeded: the same seed draws the same values, another seed others', () => {
    const init: Initializer = { name: 'random_normal', mean: 0, stddev: 1 };
    expect(draw(init, 50, undefined, 7)).toEqual(draw(init, 50, undefined, 7));
    expect(draw(init, 50, undefined, 7)).not.toEqual(draw(init, 50, undefined, 8));
    const a = buildModel(net([4], [dense(3, undefined, { init: { name: 'orthogonal', gain: 1 } })]), { seed: 3 });
    const b = buildModel(net([4], [dense(3, undefined, { init: { name: 'orthogonal', gain: 1 } })]), { seed: 3 });
    expect(Array.from(a.layers[0]!.params[0]!.value)).toEqual(Array.from(b.layers[0]!.params[0]!.value));
  });
});
