import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { ml, R } from '../specs.js';

/** Per-label branches concatenated (line 6), then `after` (line 10). */
const branches = (dense: string, after: string[] = []) =>
  net({ task: 'multilabel(labels: 5)', input: '[10]', layers: [R, 'parallel(merge: concat) {', `  branch { dense(2${dense}) }`, `  branch { dense(3${dense}) }`, '}', ...after], train: ['loss: binary_crossentropy'] });

ruleTable('multilabel-output-sigmoid', {
  valid: [
    ml('dense(5, activation: sigmoid)'),
    ml('dense(5)', 'loss: binary_crossentropy(from_logits: true)'),
    // A concat of per-label sigmoid branches is a sigmoid per label.
    branches(', activation: sigmoid'),
    branches('', ['activation(sigmoid)']),
  ],
  invalid: [
    {
      name: 'softmax applied after the merge at the output',
      code: branches('', ['activation(softmax)']),
      errors: [{ messageId: 'softmax', at: '10:5 activation(softmax)', data: { labels: 5 } }],
      output: branches('', ['activation(sigmoid)']),
    },
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
