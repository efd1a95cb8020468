import { ruleTable } from '../rule-table.js';
import { ml } from '../specs.js';

ruleTable('multilabel-output-sigmoid', {
  valid: [ml('dense(5, activation: sigmoid)'), ml('dense(5)', 'loss: binary_crossentropy(from_logits: true)')],
  invalid: [
    {
      name: 'softmax output',
      code: ml('dense(5, activation: softmax)'),
      errors: [{ messageId: 'softmax', at: '6:14 activation: softmax', data: { labels: 5 } }],
      output: ml('dense(5, activation: sigmoid)'),
    },
    {
      name: 'wrong units and loss',
      code: ml('dense(4, activation: sigmoid)', 'loss: mse'),
      errors: [
        { messageId: 'units', at: '6:11 4', data: { units: 4, labels: 5 } },
        { messageId: 'loss', at: '10:5 loss: mse', data: { loss: 'mse' } },
      ],
      output: ml('dense(5, activation: sigmoid)', 'loss: binary_crossentropy'),
    },
    {
      name: 'tanh output',
      code: ml('dense(5, activation: tanh)'),
      errors: [{ messageId: 'notSigmoid', at: '6:14 activation: tanh', data: { activation: 'tanh' } }],
      output: ml('dense(5, activation: sigmoid)'),
    },
  ],
});
