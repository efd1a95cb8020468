import { describe, expect, it } from 'vitest';
import type { Activation, Loss } from '@axon/language';
import { act, dense, net } from './net-helpers.js';
import { gradCheck } from './gradcheck-helpers.js';
import { concatNet, residualNet } from './graph-nets.js';

const MSE: Loss = { name: 'mse', fromLogits: false };
const TOL = 1e-5;

describe('finite-difference gradient checks (float64)', () => {
  const activations: Activation[] = [
    act('linear'), act('sigmoid'), act('tanh'), act('softmax'), act('relu'), act('leaky_relu', { alpha: 0.2 }),
    act('prelu', { init: 0.3 }), act('elu', { alpha: 0.7 }), act('selu'),
  ];
  for (const a of activations) {
    it(`dense with ${a.name}`, () => {
      const r = gradCheck(net([4], [dense(6, a), dense(3)]), MSE, 5, 'regression');
      expect(r.worst).toBeLessThan(TOL);
      expect(r.magnitude).toBeGreaterThan(1e-3);
      if (a.name === 'prelu') expect(r.params).toContain('dense.alpha');
    });
    it(`activation layer ${a.name}`, () => {
      const r = gradCheck(net([4], [dense(5), { kind: 'activation', activation: a }, dense(2)]), MSE, 4, 'regression');
      expect(r.worst).toBeLessThan(TOL);
      if (a.name === 'prelu') expect(r.params).toContain('activation.alpha');
    });
  }

  const losses: [string, Loss, Activation, 'regression' | 'onehot' | 'binary'][] = [
    ['mse', MSE, act('linear'), 'regression'],
    ['mae', { name: 'mae', fromLogits: false }, act('linear'), 'regression'],
    ['huber (both branches)', { name: 'huber', fromLogits: false, delta: 0.4 }, act('linear'), 'regression'],
    ['categorical CE fused with softmax', { name: 'categorical_crossentropy', fromLogits: false }, act('softmax'), 'onehot'],
    ['categorical CE from logits', { name: 'categorical_crossentropy', fromLogits: true }, act('linear'), 'onehot'],
    ['categorical CE on probabilities (sigmoid output)', { name: 'categorical_crossentropy', fromLogits: false }, act('sigmoid'), 'onehot'],
    ['binary CE fused with sigmoid', { name: 'binary_crossentropy', fromLogits: false }, act('sigmoid'), 'binary'],
    ['binary CE from logits', { name: 'binary_crossentropy', fromLogits: true }, act('linear'), 'binary'],
    ['binary CE on probabilities (softmax output)', { name: 'binary_crossentropy', fromLogits: false }, act('softmax'), 'binary'],
  ];
  for (const [label, loss, out, kind] of losses) {
    it(`loss: ${label}`, () => {
      const r = gradCheck(net([3], [dense(5, act('tanh')), dense(4, out)]), loss, 6, kind);
      expect(r.worst).toBeLessThan(TOL);
      expect(r.magnitude).toBeGreaterThan(1e-3);
    });
  }

  it('batch_norm after dense (gamma and beta)', () => {
    const r = gradCheck(net([4], [dense(5), { kind: 'batch_norm' }, { kind: 'activation', activation: act('tanh') }, dense(2)]), MSE, 6, 'regression');
    expect(r.params).toEqual(expect.arrayContaining(['batch_norm.gamma', 'batch_norm.beta']));
    expect(r.worst).toBeLessThan(TOL);
  });

  it('dropout (fixed mask)', () => {
    const r = gradCheck(net([4], [dense(8, act('tanh')), { kind: 'dropout', rate: 0.4 }, dense(2)]), MSE, 5, 'regression');
    expect(r.worst).toBeLessThan(TOL);
  });

  it('conv2d valid and same, strides, batch_norm on channels, pools, flatten', () => {
    const r = gradCheck(
      net([7, 6, 2], [
        { kind: 'conv2d', filters: 3, kernel: [3, 3], padding: 'same', activation: act('elu') },
        { kind: 'batch_norm' },
        { kind: 'conv2d', filters: 4, kernel: [2, 3], stride: [2, 1], padding: 'valid', activation: act('prelu') },
        { kind: 'max_pool2d', pool: [2, 2], stride: [1, 2], padding: 'same' },
        { kind: 'conv2d', filters: 2, kernel: [3, 2], stride: [2, 2], padding: 'same', activation: act('tanh') },
        { kind: 'avg_pool2d', pool: [2, 2], stride: [1, 1], padding: 'same' },
        { kind: 'flatten' },
        dense(3, act('softmax')),
      ]),
      { name: 'categorical_crossentropy', fromLogits: false }, 3, 'onehot', 30,
    );
    expect(r.params).toEqual(expect.arrayContaining(['conv2d.kernel', 'conv2d_1.alpha', 'conv2d_2.bias', 'batch_norm.gamma']));
    expect(r.worst).toBeLessThan(TOL);
    expect(r.checked).toBeGreaterThan(100);
  });

  it('avg pooling with valid padding and max pooling with strides', () => {
    const r = gradCheck(
      net([6, 6, 1], [
        { kind: 'conv2d', filters: 2, kernel: [3, 3], padding: 'same', activation: act('sigmoid') },
        { kind: 'avg_pool2d', pool: [3, 3], stride: [2, 2] },
        { kind: 'conv2d', filters: 2, kernel: [1, 1], activation: act('selu') },
        { kind: 'max_pool2d', pool: [2, 2] },
        { kind: 'flatten' },
        dense(2),
      ]),
      MSE, 4, 'regression',
    );
    expect(r.worst).toBeLessThan(TOL);
  });

  it('global average and max pooling, zero padding (asymmetric and even), dense and conv2d without bias', () => {
    for (const pool of ['global_avg_pool2d', 'global_max_pool2d'] as const) {
      const r = gradCheck(
        net([5, 4, 2], [
          { kind: 'zero_padding2d', padding: [[1, 2], [0, 1]] },
          { kind: 'conv2d', filters: 3, kernel: [3, 2], activation: act('tanh'), useBias: false },
          { kind: 'zero_padding2d', padding: [[1, 1], [1, 1]] },
          { kind: pool },
          dense(4, act('sigmoid'), { useBias: false }),
          dense(2),
        ]),
        MSE, 4, 'regression',
      );
      expect(r.params).toEqual(['conv2d.kernel', 'dense.kernel', 'dense_1.kernel', 'dense_1.bias']);
      expect(r.worst).toBeLessThan(TOL);
      expect(r.magnitude).toBeGreaterThan(1e-3);
    }
  });

  it('a residual network end to end (conv, BN, relu, identity add, global average pool, dense)', () => {
    const r = gradCheck(residualNet(), { name: 'categorical_crossentropy', fromLogits: false }, 3, 'onehot', 30);
    expect(r.params).toEqual(['conv2d.kernel', 'conv2d.bias', 'conv2d_1.kernel', 'batch_norm.gamma', 'batch_norm.beta', 'conv2d_2.kernel', 'batch_norm_1.gamma', 'batch_norm_1.beta', 'dense.kernel', 'dense.bias']);
    expect(r.worst).toBeLessThan(TOL);
    expect(r.magnitude).toBeGreaterThan(1e-3);
  });

  it('a parallel concat of two conv branches (one through zero padding), global max pool, dense', () => {
    const r = gradCheck(concatNet(), { name: 'categorical_crossentropy', fromLogits: false }, 3, 'onehot', 30);
    expect(r.params).toEqual(['conv2d.kernel', 'conv2d.bias', 'conv2d_1.kernel', 'dense.kernel', 'dense.bias']);
    expect(r.worst).toBeLessThan(TOL);
  });
});
