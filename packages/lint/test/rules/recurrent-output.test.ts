import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';

const series = (task: string, layers: string[], train?: string[]) => net({ input: '[20, 3]', task, layers, ...(train ? { train } : {}) });

ruleTable('recurrent-output', {
  valid: [
    // A dense output layer after the recurrent one: the reference design.
    series('regression(outputs: 1)', ['lstm(8)', 'dense(1)']),
    series('classification(classes: 3)', ['gru(8)', 'dropout(0.2)', 'dense(3, activation: softmax)'], ['loss: categorical_crossentropy']),
    // A sigmoid cell keeps the state in 0..1: unusual, but a probability.
    series('binary_classification', ['lstm(1, activation: sigmoid)']),
    // An unbounded cell: unbounded-recurrent-activation's finding, not this one.
    series('regression(outputs: 1)', ['simple_rnn(1, activation: relu)']),
  ],
  invalid: [
    {
      name: 'a regression that ends in lstm(1): predictions stuck in −1..1; the fix adds dense(1)',
      code: series('regression(outputs: 1)', ['lstm(1)']),
      errors: [{ messageId: 'regression', at: '5:5 lstm(1)', severity: 'error', data: { layer: 'lstm', activation: 'tanh', values: '−1..1', dense: 'dense(1)' } }],
      output: series('regression(outputs: 1)', ['lstm(1)', 'dense(1)']),
    },
    {
      name: 'a classifier that ends in a GRU with one unit per class',
      code: series('classification(classes: 3)', ['gru(8, return_sequences: true)', 'gru(3)'], ['loss: categorical_crossentropy']),
      errors: [{ messageId: 'classification', at: '6:5 gru(3)', data: { layer: 'gru_1', activation: 'tanh', values: '−1..1', dense: 'dense(3, activation: softmax)' } }],
      output: series('classification(classes: 3)', ['gru(8, return_sequences: true)', 'gru(3)', 'dense(3, activation: softmax)'], ['loss: categorical_crossentropy']),
    },
    {
      name: 'a binary classifier that ends in a SimpleRNN',
      code: series('binary_classification', ['simple_rnn(1)']),
      errors: [{ messageId: 'probability', at: '5:5 simple_rnn(1)', data: { layer: 'simple_rnn', activation: 'tanh', values: '−1..1', dense: 'dense(1, activation: sigmoid)' } }],
      output: series('binary_classification', ['simple_rnn(1)', 'dense(1, activation: sigmoid)']),
    },
    {
      name: 'softmax applied to an LSTM\'s state: never confident; no fix (the layer is not the last)',
      code: series('classification(classes: 3)', ['lstm(3)', 'activation(softmax)'], ['loss: categorical_crossentropy']),
      errors: [{ messageId: 'squashedAfter', at: '5:5 lstm(3)', data: { layer: 'lstm', activation: 'tanh', values: '−1..1', dense: 'dense(3, activation: softmax)', after: 'softmax' } }],
    },
    {
      name: 'a multilabel network ending in dropout after an LSTM: reported at the LSTM, no fix',
      code: series('multilabel(labels: 4)', ['lstm(4)', 'dropout(0.1)']),
      errors: [{ messageId: 'probability', at: '5:5 lstm(4)', data: { layer: 'lstm', activation: 'tanh', values: '−1..1', dense: 'dense(4, activation: sigmoid)' } }],
    },
  ],
});
