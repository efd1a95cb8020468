/**
 * Hand-built sequence networks (issue 12) for the targets: an embedding → LSTM classifier, stacked
 * bidirectional LSTMs with return_sequences, GRUs (forward and bidirectional), SimpleRNNs (relu and
 * tanh), a conv1d → pool → global-pool net, and layers PyTorch runs in its step loop rather than
 * nn.LSTM/nn.GRU (a non-default activation, recurrent dropout).
 */
import type { ResolvedNetwork } from '@axon/language';
import { conv1d, dense, embedding, network, pool1d, recurrent } from './fixtures.js';

const mse = { loss: { name: 'mse' as const, fromLogits: false } };

export interface SequenceCase {
  network: ResolvedNetwork;
  /** Token ids below this when the network starts with an embedding. */
  vocabulary?: number;
}

export function sequenceCases(): SequenceCase[] {
  return [
    {
      network: network('EmbedLstm', [7], [embedding(20, 5), recurrent('lstm', 4), dense(1, { name: 'sigmoid' })], {
        task: { kind: 'binary_classification' },
        train: { loss: { name: 'binary_crossentropy', fromLogits: false } },
      }),
      vocabulary: 20,
    },
    {
      network: network('BiLstmStack', [6, 3], [
        recurrent('lstm', 4, { bidirectional: true, returnSequences: true }),
        recurrent('lstm', 3, { bidirectional: true }),
        dense(2),
      ], { task: { kind: 'regression', outputs: 2 }, train: mse }),
    },
    {
      network: network('BiLstmSequences', [5, 2], [recurrent('lstm', 3, { bidirectional: true, returnSequences: true, useBias: false }), { kind: 'flatten' }, dense(2)], {
        task: { kind: 'regression', outputs: 2 },
        train: mse,
      }),
    },
    {
      network: network('GruStack', [6, 3], [recurrent('gru', 4, { returnSequences: true }), recurrent('gru', 3, { bidirectional: true }), dense(2)], {
        task: { kind: 'regression', outputs: 2 },
        train: mse,
      }),
    },
    {
      network: network('SimpleRnn', [5, 2], [recurrent('simple_rnn', 4, { activation: { name: 'relu' }, activationExplicit: true, returnSequences: true }), recurrent('simple_rnn', 3, { bidirectional: true }), dense(2)], {
        task: { kind: 'regression', outputs: 2 },
        train: mse,
      }),
    },
    {
      network: network('Conv1dPools', [12, 3], [
        conv1d(4, 3, { stride: 2, padding: 'same', activation: { name: 'relu' } }),
        pool1d('max_pool1d', 2, { padding: 'same' }),
        conv1d(3, 2, { useBias: false }),
        pool1d('avg_pool1d', 2, { stride: 1, padding: 'same' }),
        { kind: 'global_max_pool1d' },
        dense(2),
      ], { task: { kind: 'regression', outputs: 2 }, train: mse }),
    },
    {
      network: network('EmbedConvAvg', [9], [embedding(15, 4), conv1d(5, 3, { activation: { name: 'tanh' } }), pool1d('avg_pool1d', 2), { kind: 'global_avg_pool1d' }, dense(3, { name: 'softmax' })], {
        task: { kind: 'classification', classes: 3 },
      }),
      vocabulary: 15,
    },
    // PyTorch's step loop: a relu LSTM (nn.LSTM fixes tanh), a GRU with tanh gates, recurrent dropout.
    {
      network: network('LstmRelu', [5, 3], [recurrent('lstm', 4, { activation: { name: 'relu' }, activationExplicit: true, bidirectional: true }), dense(2)], {
        task: { kind: 'regression', outputs: 2 },
        train: mse,
      }),
    },
    {
      network: network('GruLoop', [5, 3], [recurrent('gru', 4, { recurrentActivation: { name: 'tanh' }, recurrentDropout: 0.2, returnSequences: true }), recurrent('gru', 2, { bidirectional: true, recurrentDropout: 0.1 }), dense(2)], {
        task: { kind: 'regression', outputs: 2 },
        train: mse,
      }),
    },
  ];
}

/** The cases TF.js cannot load, with the error the tfjs target gives. */
export const TFJS_SEQUENCE_UNSUPPORTED: Record<string, RegExp> = {
  GruStack: /tfjs target cannot express gru layer gru \(line 1\): Axon's GRU is Keras's reset_after=True GRU, and TensorFlow.js 4.22 cannot load it/,
  GruLoop: /tfjs target cannot express gru layer gru/,
};
