import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R, bin, cls } from '../specs.js';

/** A network with no task: only the output activation judges the loss. */
const noTask = (out: string, loss: string) => net({ task: 'regression(outputs: 1)', layers: [R, out], train: [loss] }).replace('  task regression(outputs: 1)\n', '');

const ten = (out: string, loss: string) => net({ task: 'classification(classes: 10)', layers: [R, out], train: [loss] });

ruleTable('loss-activation-mismatch', {
  valid: [
    cls('dense(3, activation: softmax)', 'loss: categorical_crossentropy'),
    cls('dense(3)', 'loss: categorical_crossentropy(from_logits: true)'),
    net({ task: 'regression(outputs: 1)', layers: [R, 'dense(1)'], train: ['loss: huber'] }),
    // Binary cross-entropy is the binary task's own loss; two-class classification with it is accepted.
    bin('dense(1, activation: sigmoid)'),
    net({ task: 'classification(classes: 2)', layers: [R, 'dense(2, activation: softmax)'], train: ['loss: binary_crossentropy'] }),
    // Categorical cross-entropy over a two-unit softmax is a binary classifier written as two classes.
    bin('dense(2, activation: softmax)', 'loss: categorical_crossentropy'),
    // No loss written: the task's default is used.
    net({ task: 'classification(classes: 10)', layers: [R, 'dense(10, activation: softmax)'] }),
  ],
  invalid: [
    {
      name: 'softmax before from_logits',
      code: cls('dense(3, activation: softmax)', 'loss: categorical_crossentropy(from_logits: true)'),
      errors: [{ messageId: 'doubleActivation', at: '10:36 from_logits: true', data: { activation: 'softmax' } }],
      output: cls('dense(3, activation: softmax)', 'loss: categorical_crossentropy'),
    },
    {
      name: 'mse on a classification task',
      code: cls('dense(3, activation: softmax)', 'loss: mse'),
      errors: [{ messageId: 'regressionLoss', at: '10:5 loss: mse', severity: 'warning', data: { loss: 'mse', task: 'classification(classes: 3)', suggested: 'categorical_crossentropy' } }],
      output: cls('dense(3, activation: softmax)', 'loss: categorical_crossentropy'),
    },
    {
      name: 'binary cross-entropy after a linear output, no task',
      code: noTask('dense(1)', 'loss: binary_crossentropy'),
      errors: [{ messageId: 'bceWithoutSigmoid', at: '9:5 loss: binary_crossentropy', data: { activation: 'linear' } }],
    },
    {
      name: 'categorical cross-entropy after a linear output, no task',
      code: noTask('dense(3)', 'loss: categorical_crossentropy'),
      errors: [{ messageId: 'cceWithoutSoftmax', at: '9:5 loss: categorical_crossentropy', data: { activation: 'linear', loss: 'categorical_crossentropy' } }],
    },
    {
      name: 'mae on a binary task suggests the binary loss',
      code: net({ task: 'binary_classification', layers: [R, 'dense(1, activation: sigmoid)'], train: ['loss: mae'] }),
      errors: [{ messageId: 'regressionLoss', at: '10:5 loss: mae', severity: 'warning', data: { loss: 'mae', task: 'binary_classification', suggested: 'binary_crossentropy' } }],
      output: net({ task: 'binary_classification', layers: [R, 'dense(1, activation: sigmoid)'], train: ['loss: binary_crossentropy'] }),
    },
    {
      name: 'binary cross-entropy on a 10-class task with a correct softmax output (the loss, not the output, is wrong)',
      code: ten('dense(10, activation: softmax)', 'loss: binary_crossentropy'),
      errors: [
        {
          messageId: 'binaryOnMulticlass',
          at: '10:5 loss: binary_crossentropy',
          severity: 'error',
          data: { classes: 10, task: 'classification(classes: 10)', suggested: 'categorical_crossentropy' },
        },
      ],
      output: ten('dense(10, activation: softmax)', 'loss: categorical_crossentropy'),
    },
    {
      name: 'binary cross-entropy with from_logits on a 10-class task keeps from_logits in the suggestion; no fix (arguments to carry)',
      code: ten('dense(10)', 'loss: binary_crossentropy(from_logits: true)'),
      errors: [
        {
          messageId: 'binaryOnMulticlass',
          at: '10:5 loss: binary_crossentropy(from_logits: true)',
          data: { classes: 10, task: 'classification(classes: 10)', suggested: 'categorical_crossentropy(from_logits: true)' },
        },
      ],
    },
    {
      name: 'binary cross-entropy on a 10-class task with a sigmoid output: the output rule and this rule each report their own cause',
      code: ten('dense(10, activation: sigmoid)', 'loss: binary_crossentropy'),
      errors: [{ messageId: 'binaryOnMulticlass', at: '10:5 loss: binary_crossentropy', data: { classes: 10, task: 'classification(classes: 10)', suggested: 'categorical_crossentropy' } }],
      output: ten('dense(10, activation: sigmoid)', 'loss: categorical_crossentropy'),
    },
    {
      name: 'categorical cross-entropy on a binary task with one sigmoid unit: the loss is constant',
      code: bin('dense(1, activation: sigmoid)', 'loss: categorical_crossentropy'),
      errors: [{ messageId: 'categoricalOnBinary', at: '10:5 loss: categorical_crossentropy', data: { loss: 'categorical_crossentropy' } }],
      output: bin('dense(1, activation: sigmoid)'),
    },
    {
      name: 'binary cross-entropy on a regression task',
      code: net({ task: 'regression(outputs: 1)', layers: [R, 'dense(1)'], train: ['loss: binary_crossentropy'] }),
      errors: [{ messageId: 'crossEntropyOnRegression', at: '10:5 loss: binary_crossentropy', data: { loss: 'binary_crossentropy', task: 'regression(outputs: 1)', suggested: 'mse' } }],
      output: net({ task: 'regression(outputs: 1)', layers: [R, 'dense(1)'], train: ['loss: mse'] }),
    },
    {
      name: 'categorical cross-entropy on a 3-output regression',
      code: net({ task: 'regression(outputs: 3)', layers: [R, 'dense(3)'], train: ['loss: categorical_crossentropy'] }),
      errors: [{ messageId: 'crossEntropyOnRegression', at: '10:5 loss: categorical_crossentropy', data: { loss: 'categorical_crossentropy', task: 'regression(outputs: 3)', suggested: 'mse' } }],
      output: net({ task: 'regression(outputs: 3)', layers: [R, 'dense(3)'], train: ['loss: mse'] }),
    },
  ],
});
