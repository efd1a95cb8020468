/**
 * TensorFlow.js (cpu backend) as the oracle for dense on rank-N inputs: tf.layers.dense on a rank-4
 * batch [n, h, w, c] applies to the last axis, exactly the Keras semantics the engine implements.
 * Same weights, same batch ⇒ same inference outputs, training-mode loss and gradients, within 1e-4
 * relative (max|ours − tfjs| / max|tfjs| per tensor, float32 on both sides).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Loss, ResolvedNetwork } from '@axon/language';
import { act, dense, net } from './net-helpers.js';
import { compareNet, toTfjs, TOL } from './tfjs-oracle-helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const CE: Loss = { name: 'categorical_crossentropy', fromLogits: false };

const cases: [string, ResolvedNetwork, Loss, 'regression' | 'onehot' | 'binary', number][] = [
  [
    'conv2d → dense(8, relu) → flatten → dense(3, softmax) (a dense straight after a conv, as Keras builds it)',
    net([6, 6, 2], [
      { kind: 'conv2d', filters: 4, kernel: [3, 3], padding: 'same', activation: act('relu') },
      dense(8, act('relu')),
      { kind: 'flatten' },
      dense(3, act('softmax')),
    ]),
    CE, 'onehot', 6,
  ],
  [
    '[3, 4, 2] → dense(5, prelu) → batch_norm → dense(4, elu) → max_pool2d → flatten → dense(3, softmax)',
    net([3, 4, 2], [
      dense(5, act('prelu', { init: 0.2 })),
      { kind: 'batch_norm' },
      dense(4, act('elu', { alpha: 1 })),
      { kind: 'max_pool2d', pool: [2, 2], padding: 'same' },
      { kind: 'flatten' },
      dense(3, act('softmax')),
    ]),
    CE, 'onehot', 5,
  ],
  [
    '[3, 4, 2] → dense(5, relu) → dense(3, softmax): softmax and cross-entropy per position',
    net([3, 4, 2], [dense(5, act('relu')), dense(3, act('softmax'))]),
    CE, 'onehot', 4,
  ],
  [
    '[4, 3] → dense(6, leaky_relu) → dense(3): cross-entropy from logits per position',
    net([4, 3], [dense(6, act('leaky_relu', { alpha: 0.2 })), dense(3)]),
    { name: 'categorical_crossentropy', fromLogits: true }, 'onehot', 5,
  ],
  [
    '[2, 3, 4] → dense(6, tanh) → activation(prelu) → dense(2, sigmoid): binary cross-entropy',
    net([2, 3, 4], [dense(6, act('tanh')), { kind: 'activation', activation: act('prelu', { init: 0.25 }) }, dense(2, act('sigmoid'))]),
    { name: 'binary_crossentropy', fromLogits: false }, 'binary', 5,
  ],
  [
    '[2, 3, 4] → dense(3, selu) → dense(2): mse',
    net([2, 3, 4], [dense(3, act('selu')), dense(2)]),
    { name: 'mse', fromLogits: false }, 'regression', 5,
  ],
];

describe('TensorFlow.js oracle: dense on a rank-N input', () => {
  it('tfjs itself maps the last axis: [n, 3, 4, 2] → dense(5) gives [n, 3, 4, 5] with a [2, 5] kernel', () => {
    const tfm = toTfjs(net([3, 4, 2], [dense(5)]));
    expect(tfm.outputs[0]!.shape).toEqual([null, 3, 4, 5]);
    expect(tfm.layers[0]!.getWeights()[0]!.shape).toEqual([2, 5]);
  });

  for (const [label, network, loss, kind, n] of cases) {
    it(`${label}: forward, loss and gradients agree`, () => {
      const r = compareNet(network, loss, kind, n, 40 + n);
      expect(r.tfm.outputs[0]!.shape.slice(1)).toEqual(network.outputShape);
      const trainable = r.model.layers.reduce((a, l) => a + l.params.filter((p) => p.trainable).length, 0);
      expect(r.gradErrs).toHaveLength(trainable);
      expect(r.forwardErr).toBeLessThan(TOL);
      expect(r.lossErr).toBeLessThan(TOL);
      for (const e of r.gradErrs) expect(e).toBeLessThan(TOL);
    });
  }
});
