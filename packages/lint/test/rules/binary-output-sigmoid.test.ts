import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { bin, R } from '../specs.js';

/** Two one-unit branches averaged (line 6), then `after` at line 10. */
const averaged = (after: string) =>
  net({ task: 'binary_classification', input: '[2]', layers: [R, 'parallel(merge: average) {', '  branch { dense(1) }', '  branch { dense(1) }', '}', after], train: ['loss: binary_crossentropy'] });

ruleTable('binary-output-sigmoid', {
  valid: [
    bin('dense(1, activation: sigmoid)'),
    bin('dense(2, activation: softmax)', 'loss: categorical_crossentropy'),
    bin('dense(1)', 'loss: binary_crossentropy(from_logits: true)'),
    averaged('activation(sigmoid)'),
  ],
  invalid: [
    {
      name: 'tanh applied after a merge at the output, with binary cross-entropy',
      code: averaged('activation(tanh)'),
      errors: [{ messageId: 'tanhCrossEntropy', at: '10:5 activation(tanh)' }],
      output: averaged('activation(sigmoid)'),
    },
    {
      name: 'tanh with binary cross-entropy',
      code: bin('dense(1, activation: tanh)'),
      errors: [{ messageId: 'tanhCrossEntropy', at: '6:14 activation: tanh' }],
      output: bin('dense(1, activation: sigmoid)'),
    },
    {
      name: 'relu output',
      code: bin('dense(1, activation: relu)'),
      errors: [{ messageId: 'notSigmoid', at: '6:14 activation: relu', data: { activation: 'relu' } }],
      output: bin('dense(1, activation: sigmoid)'),
    },
    {
      name: 'sigmoid over two units',
      code: bin('dense(2, activation: sigmoid)'),
      errors: [{ messageId: 'units', at: '6:11 2', data: { units: 2 } }],
      output: bin('dense(1, activation: sigmoid)'),
    },
    {
      name: 'softmax over three units',
      code: bin('dense(3, activation: softmax)', 'loss: categorical_crossentropy'),
      errors: [{ messageId: 'softmaxUnits', at: '6:11 3', data: { units: 3 } }],
      output: bin('dense(2, activation: softmax)', 'loss: categorical_crossentropy'),
    },
    {
      name: 'relu over two units: only the units are fixed',
      code: bin('dense(2, activation: relu)'),
      errors: [
        { messageId: 'units', at: '6:11 2', data: { units: 2 } },
        { messageId: 'notSigmoid', at: '6:14 activation: relu', data: { activation: 'relu' } },
      ],
      output: bin('dense(1, activation: relu)'),
    },
  ],
});
