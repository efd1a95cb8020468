import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { bin } from '../specs.js';

ruleTable('softmax-single-unit', {
  valid: [bin('dense(1, activation: sigmoid)'), bin('dense(2, activation: softmax)', 'loss: categorical_crossentropy')],
  invalid: [
    {
      name: 'binary output',
      code: bin('dense(1, activation: softmax)'),
      errors: [{ messageId: 'single', at: '6:14 activation: softmax' }],
      output: bin('dense(1, activation: sigmoid)'),
    },
    {
      name: 'hidden one-unit softmax (no fix)',
      code: net({ layers: ['dense(1, activation: softmax)', 'dense(1)'] }),
      errors: [{ messageId: 'single', at: '5:14 activation: softmax' }],
    },
  ],
});
