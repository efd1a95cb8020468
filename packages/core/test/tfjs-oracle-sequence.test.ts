/**
 * TensorFlow.js (cpu backend) as the oracle for the sequence layers: the same weights and batch give
 * the same outputs, loss and gradients within 1e-4 (max|ours − tfjs| / max|tfjs| per tensor).
 * LSTM, SimpleRNN, Bidirectional, Embedding, Conv1D and the 1-D pools are tfjs-layers' own layers;
 * TF.js 4.22's GRU refuses `reset_after: true` (Keras's default since TF 2), so the GRU oracle is
 * Keras's reset_after cell written in TF.js ops and differentiated by TF.js.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Loss } from '@axon/language';
import { buildModel, getWeights, predict, setWeights } from '../src/index.js';
import { act } from './net-helpers.js';
import { compareGraph, data, ourGradients, relErr, TOL } from './tfjs-oracle-helpers.js';
import { conv1d, denseSpec, embedding, globalPool1d, pool1d, rnn, seqNet, tokenIds } from './seq-nets.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const MSE: Loss = { name: 'mse', fromLogits: false };

function expectAgreement(r: { forwardErr: number; lossErr: number; gradErrs: number[] }, tensors: number): void {
  expect(r.forwardErr).toBeLessThan(TOL);
  expect(r.lossErr).toBeLessThan(TOL);
  expect(r.gradErrs).toHaveLength(tensors);
  for (const e of r.gradErrs) expect(e).toBeLessThan(TOL);
}

describe('TensorFlow.js oracle: sequence layers', () => {
  it('embedding → lstm → dense(sigmoid): forward, loss and gradients agree', () => {
    const network = seqNet([7], [embedding(50, 6), rnn('lstm', 5), denseSpec(1, act('sigmoid'))]);
    const r = compareGraph(network, { name: 'binary_crossentropy', fromLogits: false }, 'binary', 6, 3, (x) => x.set(tokenIds(6, 7, 50, 17)));
    expectAgreement(r, 1 + 3 + 2);
  });

  it('bidirectional lstm with return_sequences → lstm(relu) → dense', () => {
    const network = seqNet([6, 3], [rnn('lstm', 4, { bidirectional: true, returnSequences: true }), rnn('lstm', 3, { activation: act('relu') }), denseSpec(2)]);
    const r = compareGraph(network, MSE, 'regression', 5, 11);
    expectAgreement(r, 6 + 3 + 2);
  });

  it('bidirectional lstm without return_sequences, no bias', () => {
    const network = seqNet([5, 2], [rnn('lstm', 3, { bidirectional: true, useBias: false }), denseSpec(2)]);
    const r = compareGraph(network, MSE, 'regression', 4, 5);
    expectAgreement(r, 4 + 2);
  });

  it('simple_rnn with return_sequences → bidirectional simple_rnn(relu) → dense', () => {
    const network = seqNet([5, 3], [rnn('simple_rnn', 4, { returnSequences: true }), rnn('simple_rnn', 3, { bidirectional: true, activation: act('relu') }), denseSpec(2)]);
    const r = compareGraph(network, MSE, 'regression', 6, 21);
    expectAgreement(r, 3 + 6 + 2);
  });

  it('conv1d (same, relu) → max_pool1d (same) → conv1d (stride 2) → avg_pool1d → global_max_pool1d → dense', () => {
    const network = seqNet([12, 3], [
      conv1d(4, 3, { padding: 'same', activation: act('relu') }),
      pool1d('max_pool1d', 2, { padding: 'same' }),
      conv1d(3, 2, { stride: 2, activation: act('tanh') }),
      pool1d('avg_pool1d', 2, { stride: 1 }),
      globalPool1d('global_max_pool1d'),
      denseSpec(2),
    ]);
    const r = compareGraph(network, MSE, 'regression', 5, 31);
    expectAgreement(r, 2 + 2 + 2);
  });

  it('embedding → conv1d (stride 3) → global_avg_pool1d → dense (the text-classification shape)', () => {
    const network = seqNet([15], [embedding(30, 4), conv1d(5, 7, { stride: 3, activation: act('relu') }), globalPool1d('global_avg_pool1d'), denseSpec(1, act('sigmoid'))]);
    const r = compareGraph(network, { name: 'binary_crossentropy', fromLogits: false }, 'binary', 6, 41, (x) => x.set(tokenIds(6, 15, 30, 5)));
    expectAgreement(r, 1 + 2 + 2);
  });
});

/** Keras's GRU(reset_after=True) over [n, T, F] in TF.js ops; all states [n, T, U] (in reading order). */
function tfGru(x: tf.Tensor3D, kernel: tf.Tensor2D, recurrent: tf.Tensor2D, bias: tf.Tensor2D, units: number, reverse: boolean): tf.Tensor3D {
  const [n, T] = x.shape;
  const xs = reverse ? tf.reverse(x, 1) : x;
  const [bIn, bRec] = tf.unstack(bias) as [tf.Tensor1D, tf.Tensor1D];
  let h: tf.Tensor2D = tf.zeros([n, units]);
  const states: tf.Tensor2D[] = [];
  for (let t = 0; t < T; t++) {
    const xt = tf.reshape(tf.slice(xs, [0, t, 0], [n, 1, -1]), [n, -1]) as tf.Tensor2D;
    const [xz, xr, xh] = tf.split(tf.add(tf.matMul(xt, kernel), bIn), 3, 1);
    const [rz, rr, rh] = tf.split(tf.add(tf.matMul(h, recurrent), bRec), 3, 1);
    const z = tf.sigmoid(tf.add(xz!, rz!));
    const r = tf.sigmoid(tf.add(xr!, rr!));
    const hh = tf.tanh(tf.add(xh!, tf.mul(r, rh!)));
    h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hh)) as tf.Tensor2D;
    states.push(h);
  }
  return tf.stack(states, 1) as tf.Tensor3D;
}

describe('TensorFlow.js oracle: GRU (reset_after) in TF.js ops', () => {
  it('bidirectional gru with return_sequences → dense: forward, loss and gradients agree', () => {
    const [n, T, F, U] = [5, 6, 3, 4];
    const network = seqNet([T, F], [rnn('gru', U, { bidirectional: true, returnSequences: true }), denseSpec(2)]);
    const model = buildModel(network, { seed: 7 });
    // Random weights (biases too: both rows of each direction's [2, 3U] bias).
    let s = 99;
    const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296 - 0.5) * 0.8;
    const weights = getWeights(model).map((lw) => ({ ...lw, weights: lw.weights.map((w) => ({ ...w, values: w.values.map(rand) })) }));
    setWeights(model, weights);
    const flat = weights.flatMap((lw) => lw.weights);
    expect(flat.map((w) => `${w.name}[${w.shape.join(',')}]`)).toEqual([
      'forward_kernel[3,12]', 'forward_recurrent_kernel[4,12]', 'forward_bias[2,12]',
      'backward_kernel[3,12]', 'backward_recurrent_kernel[4,12]', 'backward_bias[2,12]',
      'kernel[8,2]', 'bias[2]',
    ]);
    const vars = flat.map((w) => tf.variable(tf.tensor(w.values, w.shape)));
    const { x, y } = data(T * F, T * 2, n, 3, 'regression');
    const xs = tf.tensor3d(x, [n, T, F]);
    const ys = tf.tensor3d(y, [n, T, 2]);
    const run = (): tf.Tensor3D => {
      const [fk, fr, fb, bk, br, bb, dk, db] = vars as [tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable];
      const fwd = tfGru(xs, fk as tf.Tensor2D, fr as tf.Tensor2D, fb as tf.Tensor2D, U, false);
      const bwd = tf.reverse(tfGru(xs, bk as tf.Tensor2D, br as tf.Tensor2D, bb as tf.Tensor2D, U, true), 1);
      const seq = tf.concat([fwd, bwd], 2);
      return tf.reshape(tf.add(tf.matMul(tf.reshape(seq, [n * T, 2 * U]), dk as tf.Tensor2D), db), [n, T, 2]);
    };
    const forwardErr = relErr(predict(model, x, n), run().dataSync());
    const og = ourGradients(model, MSE, x, y, n);
    const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(run(), ys))) as tf.Scalar, vars);
    const tfLoss = value.dataSync()[0]!;
    expect(forwardErr).toBeLessThan(TOL);
    expect(Math.abs(og.loss - tfLoss) / tfLoss).toBeLessThan(TOL);
    expect(og.grads).toHaveLength(8);
    og.grads.forEach((g, i) => expect(relErr(g, grads[vars[i]!.name]!.dataSync())).toBeLessThan(TOL));
  });
});
