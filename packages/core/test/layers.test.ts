import { describe, expect, it } from 'vitest';
import { buildModel, getWeights, predict, setWeights } from '../src/index.js';
import { forwardPass } from '../src/model.js';
import { createRng } from '../src/rng.js';
import { act, dense, net, testRandom } from './net-helpers.js';

describe('layers', () => {
  it('dropout is inverted in training (mean kept, rate dropped) and the identity at inference', () => {
    const model = buildModel(net([1000], [{ kind: 'dropout', rate: 0.3 }]));
    const x = new Float32Array(1000).fill(1);
    const y = forwardPass(model, x, 1, { training: true, updateStats: false, observe: false, rng: createRng(1) });
    const zeros = Array.from(y.subarray(0, 1000)).filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(250);
    expect(zeros).toBeLessThan(350);
    for (const v of y.subarray(0, 1000)) if (v !== 0) expect(v).toBeCloseTo(1 / 0.7, 6);
    expect(Array.from(predict(model, x, 1))).toEqual(Array.from(x));
  });

  it('batch_norm normalises with batch statistics, updates moving ones with momentum, uses them at inference', () => {
    const model = buildModel(net([2], [{ kind: 'batch_norm', momentum: 0.9, epsilon: 1e-3 }]));
    const x = new Float32Array([1, 10, 3, 20, 5, 30]); // feature 0: mean 3, var 8/3; feature 1: mean 20, var 200/3
    const y = forwardPass(model, x, 3, { training: true, updateStats: true, observe: false, rng: createRng(1) });
    expect(y[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3 + 1e-3), 5);
    expect(y[3]).toBeCloseTo(0, 5);
    const w = getWeights(model)[0]!.weights;
    expect(w.map((t) => t.name)).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
    expect(w[2]!.values[0]).toBeCloseTo(0.1 * 3, 5);
    expect(w[3]!.values[1]).toBeCloseTo(0.9 + 0.1 * (200 / 3), 4);
    const p = predict(model, new Float32Array([0.3, 2]), 1);
    expect(p[0]).toBeCloseTo((0.3 - 0.3) / Math.sqrt(0.9 + 0.1 * (8 / 3) + 1e-3), 5);
  });

  it('conv2d computes NHWC cross-correlation with the Keras kernel layout [kh, kw, in, out]', () => {
    const model = buildModel(net([3, 3, 1], [{ kind: 'conv2d', filters: 2, kernel: [2, 2] }]));
    const w = getWeights(model);
    expect(w[0]!.weights[0]!.shape).toEqual([2, 2, 1, 2]);
    // filter 0 sums the window, filter 1 takes its top-left value; bias 0.5 and 0.
    w[0]!.weights[0]!.values.set([1, 1, 1, 0, 1, 0, 1, 0]);
    w[0]!.weights[1]!.values.set([0.5, 0]);
    setWeights(model, w);
    const y = predict(model, new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), 1);
    expect(Array.from(y)).toEqual([12.5, 1, 16.5, 2, 24.5, 4, 28.5, 5]);
  });

  it('flatten keeps NHWC row-major order and reports the output size', () => {
    const model = buildModel(net([2, 2, 2], [{ kind: 'flatten' }]));
    expect(model.outputSize).toBe(8);
    const x = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(predict(model, x, 1))).toEqual(Array.from(x));
  });

  it('dense layers carry prelu slopes as an `alpha` weight initialised from the spec', () => {
    const model = buildModel(net([3], [dense(4, act('prelu', { init: 0.1 }))]));
    const w = getWeights(model)[0]!.weights;
    expect(w.map((t) => `${t.name}[${t.shape}]`)).toEqual(['kernel[3,4]', 'bias[4]', 'alpha[4]']);
    expect(Array.from(w[2]!.values)).toEqual([0.1, 0.1, 0.1, 0.1].map(Math.fround));
  });

  it('predict handles more samples than one internal chunk and rejects short input', () => {
    const model = buildModel(net([3], [dense(2, act('tanh'))]));
    const r = testRandom(4);
    const x = new Float32Array(600 * 3).map(() => r());
    const all = predict(model, x, 600);
    const tail = predict(model, x.subarray(599 * 3), 1);
    expect(all[1198]).toBe(tail[0]);
    expect(() => predict(model, x, 601)).toThrow(/601 samples of shape \[3\] need 1803 values, got 1800/);
  });
});
