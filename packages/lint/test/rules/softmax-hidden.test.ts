import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { cls } from '../specs.js';

ruleTable('softmax-hidden', {
  valid: [
    cls('dense(3, activation: softmax)', 'loss: categorical_crossentropy'),
    // Recurrent layers' activations are not hidden-layer activations (unbounded-recurrent-activation reads them).
    net({ input: '[20, 3]', task: 'classification(classes: 3)', layers: ['lstm(8, activation: softmax)', 'dense(3, activation: softmax)'], train: ['loss: categorical_crossentropy'] }),
  ],
  invalid: [
    {
      name: 'softmax hidden layer',
      code: net({ layers: ['dense(8, activation: softmax)', 'dense(1)'] }),
      errors: [{ messageId: 'hidden', at: '5:14 activation: softmax' }],
    },
    {
      name: 'softmax activation layer in the middle',
      code: net({ layers: ['dense(8)', 'activation(softmax)', 'dense(1)'] }),
      errors: [{ messageId: 'hidden', at: '6:5 activation(softmax)' }],
    },
  ],
});
