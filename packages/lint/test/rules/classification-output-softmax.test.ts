import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R } from '../specs.js';

/** R, then `parallel(merge: mode)` at line 6 with the given branches, then `after`. */
const merged = (classes: number, branches: string[], after: string[] = [], mode = 'concat') =>
  net({ task: `classification(classes: ${classes})`, layers: [R, `parallel(merge: ${mode}) {`, ...branches.map((b) => `  ${b}`), '}', ...after] });

ruleTable('classification-output-softmax', {
  valid: [
    net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: softmax)'] }),
    net({ task: 'classification(classes: 3)', layers: [R, 'dense(3)'], train: ['loss: categorical_crossentropy(from_logits: true)'] }),
    // Outputs that come from a merge (line 6 is the `parallel`):
    merged(4, ['branch { dense(2) }', 'branch { dense(2) }'], ['activation(softmax)']),
    merged(3, ['branch { dense(3, activation: softmax) }', 'branch { dense(3, activation: softmax) }'], [], 'average'),
    net({ task: 'classification(classes: 4)', layers: [R, 'parallel(merge: concat) {', '  branch { dense(2) }', '  branch { dense(2) }', '}'], train: ['loss: categorical_crossentropy(from_logits: true)'] }),
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
    {
      name: 'a concat of two softmax branches: no distribution over the classes, at the parallel keyword',
      code: merged(4, ['branch { dense(2, activation: softmax) }', 'branch { dense(2, activation: softmax) }']),
      errors: [
        {
          messageId: 'mergedOutput',
          at: '6:5 parallel',
          data: {
            classes: 4,
            merge: 'concatenate',
            construct: 'parallel',
            why: 'the concatenated scores are not one distribution over the classes (each branch sums to 1 on its own, or not at all)',
          },
        },
      ],
    },
    {
      name: 'a sigmoid after the merge: the softmax fix applies to it',
      code: merged(4, ['branch { dense(2) }', 'branch { dense(2) }'], ['activation(sigmoid)']),
      errors: [{ messageId: 'notSoftmax', at: '10:5 activation(sigmoid)', data: { classes: 4, activation: 'sigmoid' } }],
      output: merged(4, ['branch { dense(2) }', 'branch { dense(2) }'], ['activation(softmax)']),
    },
    {
      name: 'softmax over the merge, but 5 units for 4 classes',
      code: merged(4, ['branch { dense(2) }', 'branch { dense(3) }'], ['activation(softmax)']),
      errors: [{ messageId: 'units', at: '6:5 parallel', data: { units: 5, classes: 4 } }],
    },
  ],
});
