import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';

const cnn = (layers: string[]) =>
  net({ task: 'classification(classes: 10)', input: '[28, 28, 1]', layers: ['conv2d(4, kernel: 3, activation: relu, init: he_normal)', ...layers] });
/** A series of 30 steps with 2 features. */
const seq = (layers: string[]) => net({ input: '[30, 2]', layers });
ruleTable('missing-flatten', {
  valid: [
    cnn(['max_pool2d(2)', 'flatten()', 'dense(10, activation: softmax)']),
    // Global pools output one value per channel ([c]): dense reads a vector, no flatten needed.
    cnn(['global_avg_pool2d()', 'dense(10, activation: softmax)']),
    cnn(['global_max_pool2d()', 'dense(10, activation: softmax)']),
    // Sequences: a recurrent layer without return_sequences and a global 1-D pool output vectors.
    seq(['lstm(8)', 'dense(1)']),
    seq(['lstm(8, return_sequences: true)', 'global_max_pool1d()', 'dense(1)']),
    seq(['conv1d(8, 3, activation: relu, init: he_uniform)', 'global_avg_pool1d()', 'dense(1)']),
    seq(['lstm(8, return_sequences: true)', 'flatten()', 'dense(1)']),
    // A dense per step (Keras's TimeDistributed) that does not reach the output: the steps end in a pool.
    seq(['lstm(8, return_sequences: true)', 'dense(4, activation: relu, init: he_uniform)', 'global_avg_pool1d()', 'dense(1)']),
    net({ input: '[30]', layers: ['embedding(100, 8)', 'dense(4, activation: relu, init: he_uniform)', 'flatten()', 'dense(1)'] }),
  ],
  invalid: [
    {
      name: 'dense after pooling',
      code: cnn(['max_pool2d(2)', 'dense(10, activation: softmax)']),
      errors: [{ messageId: 'noFlatten', at: '7:5 dense(10, activation: softmax)', data: { layer: 'dense', shape: '[13, 13, 4]', previous: 'max_pool2d' } }],
      output: cnn(['max_pool2d(2)', 'flatten()', 'dense(10, activation: softmax)']),
    },
    {
      name: 'dense after a convolution and dropout',
      code: cnn(['dropout(0.2)', 'dense(10, activation: softmax)']),
      errors: [{ messageId: 'noFlatten', at: '7:5 dense(10, activation: softmax)', data: { layer: 'dense', shape: '[26, 26, 4]', previous: 'conv2d' } }],
      output: cnn(['dropout(0.2)', 'flatten()', 'dense(10, activation: softmax)']),
    },
    {
      name: 'zero_padding2d passes the feature map on: still a convolution before dense',
      code: cnn(['zero_padding2d(1)', 'dense(10, activation: softmax)']),
      errors: [{ messageId: 'noFlatten', at: '7:5 dense(10, activation: softmax)', data: { layer: 'dense', shape: '[28, 28, 4]', previous: 'conv2d' } }],
      output: cnn(['zero_padding2d(1)', 'flatten()', 'dense(10, activation: softmax)']),
    },
    {
      name: 'the last recurrent layer keeps its sequences: dense runs per step and the output is [30, 1]',
      code: seq(['lstm(8, return_sequences: true)', 'dense(1)']),
      errors: [{ messageId: 'keptSequence', at: '6:5 dense(1)', data: { layer: 'dense', previous: 'lstm', steps: 30, shape: '[30, 8]', output: '[30, 1]' } }],
      output: seq(['lstm(8)', 'dense(1)']),
    },
    {
      name: 'a bidirectional GRU with dropout after it, return_sequences written after another argument',
      code: seq(['gru(4, bidirectional: true, return_sequences: true)', 'dropout(0.2)', 'dense(1)']),
      errors: [{ messageId: 'keptSequence', at: '7:5 dense(1)', data: { layer: 'dense', previous: 'gru', steps: 30, shape: '[30, 8]', output: '[30, 1]' } }],
      output: seq(['gru(4, bidirectional: true)', 'dropout(0.2)', 'dense(1)']),
    },
    {
      name: 'dense straight after a conv1d: one prediction per step',
      code: seq(['conv1d(8, 3, activation: relu, init: he_uniform)', 'dense(1)']),
      errors: [{ messageId: 'perStep', at: '6:5 dense(1)', data: { layer: 'dense', previous: 'conv1d', shape: '[28, 8]', output: '[28, 1]' } }],
      output: seq(['conv1d(8, 3, activation: relu, init: he_uniform)', 'global_max_pool1d()', 'dense(1)']),
    },
    {
      name: 'dense straight after an embedding: one score per token',
      code: net({ input: '[30]', task: 'binary_classification', layers: ['embedding(100, 8)', 'dense(1, activation: sigmoid)'] }),
      errors: [{ messageId: 'perStep', at: '6:5 dense(1, activation: sigmoid)', data: { layer: 'dense', previous: 'embedding', shape: '[30, 8]', output: '[30, 1]' } }],
      output: net({ input: '[30]', task: 'binary_classification', layers: ['embedding(100, 8)', 'global_max_pool1d()', 'dense(1, activation: sigmoid)'] }),
    },
  ],
});
