/**
 * TensorFlow.js (cpu backend) as the oracle: same weights, same batch ⇒ same outputs, gradients and
 * optimizer steps. Agreement is measured per tensor as max|ours − tfjs| / max|tfjs| (float32 both sides).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Loss, Optimizer } from '@axon/language';
import { buildModel, fit, getWeights } from '../src/index.js';
import { act, dense, net } from './net-helpers.js';
import { compareNet, data, relErr, syncWeights, tfGradients, toTfjs, TOL } from './tfjs-oracle-helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const CE: Loss = { name: 'categorical_crossentropy', fromLogits: false };

describe('TensorFlow.js oracle', () => {
  it('dense net with every activation: forward and gradients agree', () => {
    const network = net([5], [
      dense(8, act('sigmoid')), dense(8, act('tanh')), dense(8, act('relu')), dense(8, act('leaky_relu', { alpha: 0.2 })),
      dense(8, act('prelu', { init: 0.25 })), dense(8, act('elu', { alpha: 1 })), dense(8, act('selu')), dense(8, act('linear')),
      { kind: 'activation', activation: act('tanh') }, dense(4, act('softmax')),
    ]);
    const r = compareNet(network, CE, 'onehot', 7, 10);
    expect(r.forwardErr).toBeLessThan(TOL);
    expect(r.lossErr).toBeLessThan(TOL);
    expect(r.gradErrs).toHaveLength(19);
    for (const e of r.gradErrs) expect(e).toBeLessThan(TOL);
  });

  it('CNN (conv same/valid, stride, max/avg pool, batch_norm, prelu per channel, flatten): forward and gradients agree', () => {
    const network = net([9, 9, 2], [
      { kind: 'conv2d', filters: 4, kernel: [3, 3], padding: 'same', activation: act('relu') },
      { kind: 'batch_norm' },
      { kind: 'conv2d', filters: 6, kernel: [3, 3], stride: [2, 2], padding: 'valid', activation: act('elu', { alpha: 1 }) },
      { kind: 'max_pool2d', pool: [2, 2], padding: 'same' },
      { kind: 'conv2d', filters: 5, kernel: [2, 2], padding: 'same', activation: act('prelu', { init: 0.2 }) },
      // tfjs 4.22's avgPool gradient divides partial 'same' windows by the full window size while its
      // forward divides by the valid count, so the oracle uses 'valid' here; our 'same' average pooling
      // is proven by the finite-difference checks instead.
      { kind: 'avg_pool2d', pool: [2, 2], stride: [1, 1], padding: 'valid' },
      { kind: 'flatten' },
      dense(3, act('softmax')),
    ]);
    const r = compareNet(network, CE, 'onehot', 5, 20);
    expect(r.forwardErr).toBeLessThan(TOL);
    expect(r.lossErr).toBeLessThan(TOL);
    expect(r.gradErrs).toHaveLength(11);
    for (const e of r.gradErrs) expect(e).toBeLessThan(TOL);
  });

  const losses: [string, Loss, string, 'regression' | 'onehot' | 'binary'][] = [
    ['mse', { name: 'mse', fromLogits: false }, 'linear', 'regression'],
    ['mae', { name: 'mae', fromLogits: false }, 'linear', 'regression'],
    ['huber', { name: 'huber', fromLogits: false, delta: 0.5 }, 'linear', 'regression'],
    ['categorical_crossentropy', CE, 'softmax', 'onehot'],
    ['categorical_crossentropy from_logits', { name: 'categorical_crossentropy', fromLogits: true }, 'linear', 'onehot'],
    ['binary_crossentropy', { name: 'binary_crossentropy', fromLogits: false }, 'sigmoid', 'binary'],
    ['binary_crossentropy from_logits', { name: 'binary_crossentropy', fromLogits: true }, 'linear', 'binary'],
  ];
  for (const [label, loss, out, kind] of losses) {
    it(`loss ${label}: value and gradients agree`, () => {
      const network = net([4], [dense(6, act('tanh')), dense(3, act(out as 'linear'))]);
      const r = compareNet(network, loss, kind, 8, 30);
      expect(r.lossErr).toBeLessThan(TOL);
      for (const e of r.gradErrs) expect(e).toBeLessThan(TOL);
    });
  }

  const optimizers: [string, Optimizer, () => tf.Optimizer][] = [
    ['sgd', { name: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false }, () => tf.train.sgd(0.1)],
    ['sgd momentum', { name: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: false }, () => tf.train.momentum(0.1, 0.9, false)],
    ['sgd nesterov', { name: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true }, () => tf.train.momentum(0.1, 0.9, true)],
    // Keras adds ε to √v before bias correction, tfjs to √v̂ after it: the same update when ε = 0.
    ['adam (ε = 0)', { name: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 0 }, () => tf.train.adam(0.01, 0.9, 0.999, 0)],
    ['rmsprop', { name: 'rmsprop', learningRate: 0.01, rho: 0.9, epsilon: 1e-7 }, () => tf.train.rmsprop(0.01, 0.9, 0, 1e-7)],
  ];
  // With ε ≠ 0, one step of Keras's Adam equals one step of tfjs's with ε_tfjs = ε / √(1 − β2).
  optimizers.push(['adam (Keras ε = 1e-7, one step)', { name: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, () => tf.train.adam(0.01, 0.9, 0.999, 1e-7 / Math.sqrt(1 - 0.999))]);
  for (const [label, config, make] of optimizers) {
    const steps = label.includes('one step') ? 1 : 3;
    it(`optimizer ${label}: ${steps} step(s) give the same weights`, async () => {
      const network = net([4], [dense(6, act('tanh')), dense(3, act('softmax'))], { optimizer: config, loss: CE });
      const model = buildModel(network, { seed: 5 });
      const tfm = toTfjs(network);
      syncWeights(model, tfm, 6);
      const n = 8;
      const { x, y } = data(4, 3, n, 7, 'onehot');
      const before = getWeights(model).flatMap((l) => l.weights.map((w) => Float32Array.from(w.values)));
      await fit(model, { x, y, n, inputShape: [4], targetSize: 3 }, undefined, { epochs: steps, batchSize: n, shuffle: false });
      const opt = make();
      for (let s = 0; s < steps; s++) {
        const tg = tfGradients(tfm, CE, x, y, n);
        const named: tf.NamedTensorMap = {};
        tfm.trainableWeights.forEach((w, i) => (named[(w.read() as tf.Variable).name] = tf.tensor(tg.grads[i]!, w.shape as number[])));
        opt.applyGradients(named);
      }
      const ours = getWeights(model).flatMap((l) => l.weights.map((w) => w.values));
      const theirs = tfm.layers.flatMap((l) => l.getWeights().map((t) => t.dataSync()));
      ours.forEach((w, i) => {
        expect(relErr(w, theirs[i]!)).toBeLessThan(TOL);
        // The step moved the weights by much more than the tolerance.
        expect(relErr(w, before[i]!)).toBeGreaterThan(10 * TOL);
      });
    });
  }
});
