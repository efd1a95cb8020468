import { describe, expect, it } from 'vitest';
import { buildModel, fit, getWeights, type Dataset } from '@axon/core';
import { createRng } from '../src/rng.js';
import { initialize } from '../src/init.js';
import { act, dense, net, testRandom } from './net-helpers.js';

function data(n: number): Dataset {
  const r = testRandom(3);
  const x = new Float32Array(n * 6).map(() => r() * 2 - 1);
  const y = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) y[i * 2 + (x[i * 6]! + x[i * 6 + 1]! > 0 ? 1 : 0)] = 1;
  return { x, y, n, inputShape: [6], targetSize: 2 };
}

const spec = (seed: number) =>
  net([6], [dense(12, act('relu')), { kind: 'dropout', rate: 0.3 }, { kind: 'batch_norm' }, dense(8, act('elu')), dense(2, act('softmax'))], {
    loss: { name: 'categorical_crossentropy', fromLogits: false }, epochs: 4, batchSize: 10, seed,
  });

async function train(seed: number) {
  const model = buildModel(spec(seed));
  const res = await fit(model, data(95), data(20));
  return { weights: getWeights(model), history: res.history.map((h) => ({ ...h, ms: 0 })) };
}

describe('determinism', () => {
  it('same spec and seed give bit-identical training (init, shuffling, dropout)', async () => {
    const a = await train(7);
    const b = await train(7);
    expect(b.weights).toEqual(a.weights);
    expect(b.history).toEqual(a.history);
    for (const lw of a.weights) for (const w of lw.weights) for (let i = 0; i < w.values.length; i++) expect(Object.is(w.values[i], b.weights[a.weights.indexOf(lw)]!.weights[lw.weights.indexOf(w)]!.values[i])).toBe(true);
  });

  it('a different seed gives different weights and losses', async () => {
    const a = await train(7);
    const c = await train(8);
    expect(c.weights[0]!.weights[0]!.values).not.toEqual(a.weights[0]!.weights[0]!.values);
    expect(c.history[3]!.loss).not.toBe(a.history[3]!.loss);
  });

  it('the generator is reproducible and roughly uniform', () => {
    const a = createRng(123), b = createRng(123);
    const xs = Array.from({ length: 20000 }, () => a.next());
    expect(xs.slice(0, 100)).toEqual(Array.from({ length: 100 }, () => b.next()));
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});

describe('initialisers (Keras formulas)', () => {
  const stats = (v: Float64Array) => {
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
    return { mean, sd, max: Math.max(...v.map(Math.abs)) };
  };
  const fans = { fanIn: 200, fanOut: 100 };
  it('uniform variants stay within their limits and have the right spread', () => {
    for (const [name, limit] of [['glorot_uniform', Math.sqrt(6 / 300)], ['he_uniform', Math.sqrt(6 / 200)], ['lecun_uniform', Math.sqrt(3 / 200)]] as const) {
      const v = new Float64Array(20000);
      initialize(v, { name }, fans, createRng(1));
      const s = stats(v);
      expect(s.max).toBeLessThanOrEqual(limit);
      expect(s.max).toBeGreaterThan(0.99 * limit);
      expect(s.sd).toBeCloseTo(limit / Math.sqrt(3), 2);
    }
  });
  it('normal variants are truncated at two (scaled) standard deviations with the target stddev', () => {
    for (const [name, target] of [['glorot_normal', Math.sqrt(2 / 300)], ['he_normal', Math.sqrt(2 / 200)], ['lecun_normal', Math.sqrt(1 / 200)]] as const) {
      const v = new Float64Array(40000);
      initialize(v, { name }, fans, createRng(2));
      const s = stats(v);
      // Keras: stddev = target / .87962566103423978, truncated at ±2·stddev ⇒ the sample stddev is the target.
      expect(s.max).toBeLessThanOrEqual((2 * target) / 0.87962566103423978);
      expect(s.sd / target).toBeGreaterThan(0.98);
      expect(s.sd / target).toBeLessThan(1.02);
    }
  });
  it('zeros and constant', () => {
    const v = new Float64Array(5);
    initialize(v, { name: 'constant', value: 0.25 }, fans, createRng(1));
    expect(Array.from(v)).toEqual([0.25, 0.25, 0.25, 0.25, 0.25]);
    initialize(v, { name: 'zeros' }, fans, createRng(1));
    expect(Array.from(v)).toEqual([0, 0, 0, 0, 0]);
  });
});
