import { describe, expect, it } from 'vitest';
import { buildModel, fit, getWeights, probeGradients, setWeights, type Dataset } from '../src/index.js';
import { backwardPass, forwardPass } from '../src/model.js';
import { computeLoss, planLoss } from '../src/losses.js';
import { createRng } from '../src/rng.js';
import { act, dense, net, testRandom } from './net-helpers.js';

function data(n: number, inSize: number, outSize: number, seed = 1): Dataset {
  const r = testRandom(seed);
  const x = new Float32Array(n * inSize).map(() => r() * 2 - 1);
  const y = new Float32Array(n * outSize).map(() => r() * 2 - 1);
  return { x, y, n, inputShape: [inSize], targetSize: outSize };
}

describe('diagnostics', () => {
  it('gradNorm is the L2 norm of the kernel gradient of that batch', () => {
    const network = net([5], [dense(7, act('tanh')), dense(2)]);
    const model = buildModel(network);
    const d = data(9, 5, 2);
    const probe = probeGradients(model, d);
    // Recompute with the engine's internals and sum squares by hand.
    const plan = planLoss(network.train.loss, undefined);
    const out = forwardPass(model, d.x, 9, { training: true, updateStats: false, observe: false, rng: createRng(0) });
    const g = new Float32Array(18);
    const loss = computeLoss(plan, out, d.y, 9, 2, g);
    backwardPass(model, g, 9, false);
    const k = model.layers[0]!.params[0]!.grad;
    expect(probe.layers[0]!.gradNorm).toBeCloseTo(Math.sqrt(Array.from(k).reduce((s, v) => s + v * v, 0)), 6);
    expect(probe.loss).toBeCloseTo(loss, 6);
    expect(probe.layers[0]!.saturatedFraction).toBe(0);
    expect(probe.layers[1]!.deadFraction).toBeUndefined();
  });

  it('counts dead relu units: a unit with a large negative bias is never positive', () => {
    const model = buildModel(net([4], [dense(10, act('relu')), dense(1)]));
    const w = getWeights(model);
    const bias = w[0]!.weights[1]!.values;
    for (let i = 0; i < 6; i++) bias[i] = -100; // 6 of 10 units dead
    setWeights(model, w);
    const probe = probeGradients(model, data(32, 4, 1));
    expect(probe.layers[0]!.deadFraction).toBeCloseTo(0.6, 10);
  });

  it('counts saturated sigmoid pre-activations (|x| ≥ 5)', () => {
    const model = buildModel(net([4], [dense(8, act('sigmoid')), dense(1)]));
    const w = getWeights(model);
    w[0]!.weights[0]!.values.fill(0);
    const bias = w[0]!.weights[1]!.values;
    bias.fill(0);
    bias[0] = 6; bias[1] = -7; // 2 of 8 units always saturated
    setWeights(model, w);
    const probe = probeGradients(model, data(16, 4, 1));
    expect(probe.layers[0]!.saturatedFraction).toBeCloseTo(0.25, 10);
  });

  it('fit reports per-epoch diagnostics for every layer, averaged over the epoch', async () => {
    const model = buildModel(net([4], [dense(8, act('relu')), { kind: 'dropout', rate: 0.2 }, dense(8, act('tanh')), dense(1)], { epochs: 2, batchSize: 8 }));
    const res = await fit(model, data(40, 4, 1), undefined);
    const diag = res.history[1]!.diagnostics;
    expect(diag.map((d) => d.name)).toEqual(['dense', 'dropout', 'dense_1', 'dense_2']);
    expect(diag[0]!.gradNorm).toBeGreaterThan(0);
    expect(diag[0]!.deadFraction).toBeGreaterThanOrEqual(0);
    expect(diag[0]!.deadFraction).toBeLessThanOrEqual(1);
    expect(diag[1]).toEqual({ layer: 1, name: 'dropout' });
    expect(diag[2]!.saturatedFraction).toBeGreaterThanOrEqual(0);
    expect(diag[2]!.saturatedFraction).toBeLessThan(0.5);
  });

  it('shows vanishing gradients in a deep sigmoid stack and not in a relu one (article claim)', () => {
    const stack = (a: 'sigmoid' | 'relu') =>
      net([16], [...Array.from({ length: 20 }, () => dense(32, act(a), a === 'relu' ? { init: { name: 'he_normal' } } : {})), dense(1)]);
    const d = data(64, 16, 1, 5);
    const ratio = (a: 'sigmoid' | 'relu') => {
      const p = probeGradients(buildModel(stack(a), { seed: 3 }), d);
      return p.layers[0]!.gradNorm! / p.layers[19]!.gradNorm!;
    };
    expect(ratio('sigmoid')).toBeLessThan(1e-3);
    expect(ratio('relu')).toBeGreaterThan(0.1);
  });
});
