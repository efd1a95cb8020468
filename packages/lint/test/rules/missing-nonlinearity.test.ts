import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R } from '../specs.js';

ruleTable('missing-nonlinearity', {
  valid: [
    net({ layers: [R, 'dense(1)'] }),
    net({ layers: ['dense(8)', 'activation(relu)', 'dense(1)'] }),
    net({ layers: ['dense(8)', 'batch_norm()', 'activation(elu)', 'dense(1)'] }),
    // A global max pool takes a maximum: not linear, the convolution before it does not collapse into the dense.
    net({ input: '[8, 8, 1]', layers: ['conv2d(4, kernel: 3)', 'global_max_pool2d()', 'dense(1)'] }),
    // A stack of LSTMs is not linear (sigmoid gates, tanh cell), nor is an embedding a linear hidden layer.
    net({ input: '[20]', layers: ['embedding(100, 8)', 'lstm(8, return_sequences: true)', 'lstm(8, return_sequences: true)', 'lstm(8)', 'dense(1)'] }),
    // A linear output after a recurrent layer: nothing linear before it to collapse with.
    net({ input: '[20, 3]', layers: ['gru(8)', 'dense(1)'] }),
    // A non-linear projection into the recurrent layer.
    net({ input: '[20, 3]', layers: ['dense(8, activation: relu, init: he_normal)', 'simple_rnn(8)', 'dense(1)'] }),
    // A max pool between a linear conv1d and the dense: not linear.
    net({ input: '[20, 3]', layers: ['conv1d(4, 3)', 'global_max_pool1d()', 'dense(1)'] }),
  ],
  invalid: [
    {
      name: 'a linear convolution, a global average (linear) and a dense collapse',
      code: net({ input: '[8, 8, 1]', layers: ['conv2d(4, kernel: 3)', 'global_avg_pool2d()', 'dense(1)'] }),
      errors: [{ messageId: 'collapse', at: '5:5 conv2d(4, kernel: 3)', data: { layer: 'conv2d', next: 'dense' } }],
    },
    {
      name: 'linear stack',
      code: net({ layers: ['dense(8)', 'dense(8)', 'dense(1)'] }),
      errors: [
        { messageId: 'collapse', at: '5:5 dense(8)', data: { layer: 'dense', next: 'dense_1' } },
        { messageId: 'collapse', at: '6:5 dense(8)', data: { layer: 'dense_1', next: 'dense_2' } },
      ],
    },
    {
      name: 'a linear projection shortcut into a linear output, through the residual sum',
      code: net({
        input: '[8]',
        task: 'classification(classes: 3)',
        layers: ['residual {', '  dense(16, activation: relu, init: he_normal)', '} shortcut {', '  dense(16)', '}', 'dense(3, activation: softmax)'],
      }),
      errors: [{ messageId: 'collapse', at: '8:7 dense(16)', data: { layer: 'dense_1', next: 'dense_2' } }],
    },
    {
      name: 'dropout does not count as a non-linearity',
      code: net({ layers: ['dense(8)', 'dropout(0.2)', 'dense(1)'] }),
      errors: [{ messageId: 'collapse', at: '5:5 dense(8)', data: { layer: 'dense', next: 'dense_1' } }],
    },
    {
      name: 'a linear dense straight into an LSTM folds into its input kernel',
      code: net({ input: '[20, 3]', layers: ['dense(8)', 'lstm(8)', 'dense(1)'] }),
      errors: [{ messageId: 'intoRecurrent', at: '5:5 dense(8)', data: { layer: 'dense', next: 'lstm' } }],
    },
    {
      name: 'a linear conv1d, dropout and an average pool, then a GRU',
      code: net({ input: '[20, 3]', layers: ['conv1d(4, 3)', 'dropout(0.1)', 'avg_pool1d(2)', 'gru(8)', 'dense(1)'] }),
      errors: [{ messageId: 'intoRecurrent', at: '5:5 conv1d(4, 3)', data: { layer: 'conv1d', next: 'gru' } }],
    },
    {
      name: 'a linear conv1d, a global average and a dense collapse',
      code: net({ input: '[20, 3]', layers: ['conv1d(4, 3)', 'global_avg_pool1d()', 'dense(1)'] }),
      errors: [{ messageId: 'collapse', at: '5:5 conv1d(4, 3)', data: { layer: 'conv1d', next: 'dense' } }],
    },
  ],
});
