import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { bin } from '../specs.js';

ruleTable('sigmoid-hidden', {
  valid: [
    bin('dense(1, activation: sigmoid)'),
    // An LSTM's and a GRU's gates apply sigmoid: that is their design, not a hidden sigmoid layer.
    net({ input: '[20, 3]', layers: ['lstm(8, recurrent_activation: sigmoid, return_sequences: true)', 'gru(8)', 'dense(1)'] }),
    // A bounded if unusual cell activation is not a hidden layer's activation either.
    net({ input: '[20, 3]', layers: ['simple_rnn(8, activation: sigmoid)', 'dense(1)'] }),
  ],
  invalid: [
    {
      name: 'sigmoid hidden layer',
      code: net({ layers: ['dense(8, activation: sigmoid)', 'dense(1)'] }),
      errors: [{ messageId: 'hidden', at: '5:14 activation: sigmoid', severity: 'info' }],
    },
    {
      name: 'sigmoid in a hidden conv1d (a kernel then an activation, like dense)',
      code: net({ input: '[20, 3]', layers: ['conv1d(8, 3, activation: sigmoid)', 'lstm(4)', 'dense(1)'] }),
      errors: [{ messageId: 'hidden', at: '5:18 activation: sigmoid', severity: 'info' }],
    },
  ],
});
