import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R } from '../specs.js';

ruleTable('classification-output-softmax', {
  valid: [
    net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: softmax)'] }),
    net({ task: 'classification(classes: 3)', layers: [R, 'dense(3)'], train: ['loss: categorical_crossentropy(from_logits: true)'] }),
  ],
  invalid: [
    {
      name: 'sigmoid output',
      code: net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: sigmoid)'] }),
      errors: [{ messageId: 'notSoftmax', at: '6:14 activation: sigmoid', data: { classes: 3, activation: 'sigmoid' } }],
      output: net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: softmax)'] }),
    },
    {
      name: 'wrong unit count',
      code: net({ task: 'classification(classes: 3)', layers: [R, 'dense(4, activation: softmax)'] }),
      errors: [{ messageId: 'units', at: '6:11 4', data: { units: 4, classes: 3 } }],
      output: net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: softmax)'] }),
    },
    {
      name: 'linear output without from_logits',
      code: net({ task: 'classification(classes: 3)', layers: [R, 'dense(3)'] }),
      errors: [{ messageId: 'notSoftmax', at: '6:5 dense(3)', data: { classes: 3, activation: 'linear' } }],
      output: net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: softmax)'] }),
    },
  ],
});
