import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';

const CUDNN_LSTM = ' Keras also runs LSTM layers on its fast cuDNN kernel only with activation tanh.';
const CUDNN_GRU = ' Keras also runs GRU layers on its fast cuDNN kernel only with activation tanh.';
/** A short series (20 steps, 3 features) into one recurrent layer and a linear output. */
const series = (layer: string) => net({ input: '[20, 3]', layers: [layer, 'dense(1)'] });

ruleTable('unbounded-recurrent-activation', {
  valid: [
    // The defaults: tanh cell, sigmoid gates.
    series('lstm(32)'),
    series('gru(32)'),
    series('simple_rnn(16)'),
    // Written out, still the defaults.
    series('lstm(32, activation: tanh, recurrent_activation: sigmoid)'),
    // Bounded, if unusual: not this rule's business.
    series('gru(32, activation: sigmoid, recurrent_activation: tanh)'),
    // relu in the dense layer after the recurrent one is an ordinary hidden layer.
    net({ input: '[20, 3]', layers: ['lstm(32)', 'dense(16, activation: relu, init: he_normal)', 'dense(1)'] }),
  ],
  invalid: [
    {
      name: 'relu as an LSTM\'s activation',
      code: series('lstm(32, activation: relu)'),
      errors: [{ messageId: 'cell', at: '5:14 activation: relu', severity: 'warning', data: { layer: 'lstm', activation: 'relu', steps: 20, cudnn: CUDNN_LSTM } }],
      output: series('lstm(32, activation: tanh)'),
    },
    {
      name: 'linear as a SimpleRNN\'s activation (no cuDNN kernel to mention)',
      code: series('simple_rnn(16, activation: linear)'),
      errors: [{ messageId: 'cell', at: '5:20 activation: linear', data: { layer: 'simple_rnn', activation: 'linear', steps: 20, cudnn: '' } }],
      output: series('simple_rnn(16, activation: tanh)'),
    },
    {
      name: 'elu with an argument on a bidirectional GRU',
      code: series('gru(8, bidirectional: true, activation: elu(alpha: 0.5))'),
      errors: [{ messageId: 'cell', at: '5:33 activation: elu(alpha: 0.5)', data: { layer: 'gru', activation: 'elu(alpha: 0.5)', steps: 20, cudnn: CUDNN_GRU } }],
      output: series('gru(8, bidirectional: true, activation: tanh)'),
    },
    {
      name: 'relu gates',
      code: series('gru(8, recurrent_activation: relu)'),
      errors: [{ messageId: 'gate', at: '5:12 recurrent_activation: relu', data: { layer: 'gru', activation: 'relu', kind: 'GRU' } }],
      output: series('gru(8, recurrent_activation: sigmoid)'),
    },
    {
      name: 'an unbounded cell and gates on one layer: two findings, both fixed',
      code: series('lstm(4, activation: selu, recurrent_activation: leaky_relu)'),
      errors: [
        { messageId: 'cell', at: '5:13 activation: selu', data: { layer: 'lstm', activation: 'selu', steps: 20, cudnn: CUDNN_LSTM } },
        { messageId: 'gate', at: '5:31 recurrent_activation: leaky_relu', data: { layer: 'lstm', activation: 'leaky_relu(alpha: 0.01)', kind: 'LSTM' } },
      ],
      output: series('lstm(4, activation: tanh, recurrent_activation: sigmoid)'),
    },
    {
      name: 'a stack from a repeat: one finding for both expansions, with the fix',
      code: net({ input: '[20, 3]', layers: ['repeat 2 {', '  lstm(8, activation: relu, return_sequences: true)', '}', 'global_avg_pool1d()', 'dense(1)'] }),
      errors: [
        {
          messageId: 'cell',
          at: '6:15 activation: relu',
          data: { layer: 'lstm', activation: 'relu', steps: 20, cudnn: CUDNN_LSTM },
          expansion: 'layers 1, 2 of 4, from `repeat 2` at line 5',
        },
      ],
      output: net({ input: '[20, 3]', layers: ['repeat 2 {', '  lstm(8, activation: tanh, return_sequences: true)', '}', 'global_avg_pool1d()', 'dense(1)'] }),
    },
  ],
});
