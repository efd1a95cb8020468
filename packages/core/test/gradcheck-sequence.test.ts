/**
 * Finite-difference gradient checks (float64) of the sequence layers: embedding, LSTM, GRU and
 * SimpleRNN (backpropagation through time; bidirectional; return_sequences on and off; every
 * activation pair; with and without bias; dropout masks), conv1d (strides, padding) and the 1-D pools.
 * A dense layer before a recurrent one (it maps the last axis) puts the recurrent layer's input
 * gradient under the check too.
 */
import { describe, expect, it } from 'vitest';
import type { Activation, Loss, RecurrentKind } from '@axon/language';
import { act } from './net-helpers.js';
import { gradCheck } from './gradcheck-helpers.js';
import { conv1d, denseSpec, embedding, globalPool1d, pool1d, rnn, seqNet, tokenIds, type RnnOptions } from './seq-nets.js';

const MSE: Loss = { name: 'mse', fromLogits: false };
const TOL = 1e-5;
const KINDS: RecurrentKind[] = ['lstm', 'gru', 'simple_rnn'];

/** dense(3) on [5, 2] → the recurrent layer → (flatten-free) dense(2) on its output's last axis. */
function check(kind: RecurrentKind, o: RnnOptions) {
  const network = seqNet([5, 2], [denseSpec(3, act('tanh')), rnn(kind, 3, o), denseSpec(2)]);
  return gradCheck(network, MSE, 3, 'regression', 30);
}

describe('gradient checks: recurrent layers (float64)', () => {
  for (const kind of KINDS) {
    for (const bidirectional of [false, true]) {
      for (const returnSequences of [false, true]) {
        it(`${kind}${bidirectional ? ' bidirectional' : ''}, return_sequences ${returnSequences}`, () => {
          const r = check(kind, { bidirectional, returnSequences });
          expect(r.worst).toBeLessThan(TOL);
          expect(r.magnitude).toBeGreaterThan(1e-3);
          const name = kind;
          const weights = bidirectional
            ? ['forward_kernel', 'forward_recurrent_kernel', 'forward_bias', 'backward_kernel', 'backward_recurrent_kernel', 'backward_bias']
            : ['kernel', 'recurrent_kernel', 'bias'];
          expect(r.params).toEqual(['dense.kernel', 'dense.bias', ...weights.map((w) => `${name}.${w}`), 'dense_1.kernel', 'dense_1.bias']);
        });
      }
    }
    it(`${kind} without bias`, () => {
      const r = check(kind, { useBias: false, returnSequences: true });
      expect(r.worst).toBeLessThan(TOL);
      expect(r.params).toContain(`${kind}.recurrent_kernel`);
      expect(r.params).not.toContain(`${kind}.bias`);
    });
    it(`${kind} with dropout and recurrent_dropout (fixed masks), bidirectional`, () => {
      const r = check(kind, { dropout: 0.3, recurrentDropout: 0.4, bidirectional: true });
      expect(r.worst).toBeLessThan(TOL);
    });
  }

  const pairs: [Activation, Activation][] = [
    [act('tanh'), act('sigmoid')],
    [act('relu'), act('sigmoid')],
    [act('elu', { alpha: 0.8 }), act('tanh')],
    [act('linear'), act('sigmoid')],
    [act('selu'), act('leaky_relu', { alpha: 0.2 })],
    [act('sigmoid'), act('tanh')],
  ];
  for (const [activation, recurrentActivation] of pairs) {
    for (const kind of ['lstm', 'gru'] as const) {
      it(`${kind} activation ${activation.name}, recurrent_activation ${recurrentActivation.name}`, () => {
        const r = check(kind, { activation, recurrentActivation, returnSequences: true });
        expect(r.worst).toBeLessThan(TOL);
      });
    }
    it(`simple_rnn activation ${activation.name}`, () => {
      expect(check('simple_rnn', { activation }).worst).toBeLessThan(TOL);
    });
  }

  it('stacked: lstm (return_sequences) → bidirectional gru → simple_rnn', () => {
    const network = seqNet([6, 2], [
      rnn('lstm', 3, { returnSequences: true }), rnn('gru', 2, { returnSequences: true, bidirectional: true }), rnn('simple_rnn', 2), denseSpec(1),
    ]);
    const r = gradCheck(network, MSE, 3, 'regression', 25);
    expect(r.worst).toBeLessThan(TOL);
    expect(r.params).toContain('lstm.kernel');
  });
});

describe('gradient checks: embedding, conv1d and 1-D pools (float64)', () => {
  it('embedding → lstm → dense: the table gets the scatter-added gradient', () => {
    const network = seqNet([6], [embedding(7, 3), rnn('lstm', 4), denseSpec(1, act('sigmoid'))]);
    const r = gradCheck(network, { name: 'binary_crossentropy', fromLogits: false }, 4, 'binary', 40, (x) => x.set(tokenIds(4, 6, 7, 3)));
    expect(r.params[0]).toBe('embedding.embeddings');
    expect(r.worst).toBeLessThan(TOL);
    expect(r.magnitude).toBeGreaterThan(1e-3);
  });

  it('embedding with repeated ids (gradients of one row summed)', () => {
    const network = seqNet([5], [embedding(3, 2), globalPool1d('global_avg_pool1d'), denseSpec(2)]);
    const r = gradCheck(network, MSE, 3, 'regression', 40, (x) => x.set([0, 0, 1, 0, 2, 2, 2, 1, 1, 0, 1, 1, 1, 1, 1]));
    expect(r.worst).toBeLessThan(TOL);
    expect(r.checked).toBe(6 + 4 + 2);
  });

  for (const padding of ['valid', 'same'] as const) {
    for (const stride of [1, 2]) {
      it(`conv1d kernel 3, stride ${stride}, padding ${padding}; max and avg pools`, () => {
        const network = seqNet([9, 2], [
          conv1d(3, 3, { stride, padding, activation: act('elu', { alpha: 1 }) }),
          pool1d('max_pool1d', 2, { stride: 1, padding }),
          conv1d(2, 2, { padding, activation: act('tanh') }),
          pool1d('avg_pool1d', 2, { padding }),
          globalPool1d('global_max_pool1d'),
          denseSpec(2),
        ]);
        const r = gradCheck(network, MSE, 3, 'regression', 30);
        expect(r.params).toEqual(['conv1d.kernel', 'conv1d.bias', 'conv1d_1.kernel', 'conv1d_1.bias', 'dense.kernel', 'dense.bias']);
        expect(r.worst).toBeLessThan(TOL);
      });
    }
  }

  it('conv1d without bias → global average pool, and conv1d → lstm', () => {
    const network = seqNet([7, 3], [conv1d(4, 2, { useBias: false, activation: act('relu') }), conv1d(3, 3, { padding: 'same' }), rnn('lstm', 2, { returnSequences: true }), globalPool1d('global_avg_pool1d'), denseSpec(1)]);
    const r = gradCheck(network, MSE, 3, 'regression', 30);
    expect(r.params).toContain('conv1d.kernel');
    expect(r.params).not.toContain('conv1d.bias');
    expect(r.worst).toBeLessThan(TOL);
  });
});
