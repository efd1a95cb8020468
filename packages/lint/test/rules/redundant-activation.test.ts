import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R } from '../specs.js';

ruleTable('redundant-activation', {
  valid: [net({ task: 'classification(classes: 3)', layers: [R, 'dense(3)', 'activation(softmax)'] })],
  invalid: [
    {
      name: 'sigmoid then softmax at the output',
      code: net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: sigmoid)', 'activation(softmax)'] }),
      errors: [{ messageId: 'beforeSoftmax', at: '7:5 activation(softmax)', data: { first: 'sigmoid', previous: 'dense_1' } }],
    },
    {
      name: 'relu then tanh in a hidden layer',
      code: net({ layers: [R, 'activation(tanh)', 'dense(1)'] }),
      errors: [{ messageId: 'stacked', at: '6:5 activation(tanh)', data: { layer: 'activation', second: 'tanh', previous: 'dense', first: 'relu' } }],
    },
  ],
});
