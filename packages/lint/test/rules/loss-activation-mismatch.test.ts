import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R, cls } from '../specs.js';

ruleTable('loss-activation-mismatch', {
  valid: [
    cls('dense(3, activation: softmax)', 'loss: categorical_crossentropy'),
    cls('dense(3)', 'loss: categorical_crossentropy(from_logits: true)'),
    net({ task: 'regression(outputs: 1)', layers: [R, 'dense(1)'], train: ['loss: huber'] }),
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
      name: 'binary cross-entropy on a linear regression-style output (no task judges it)',
      code: net({ task: 'regression(outputs: 1)', layers: [R, 'dense(1)'], train: ['loss: binary_crossentropy'] }),
      errors: [{ messageId: 'bceWithoutSigmoid', at: '10:5 loss: binary_crossentropy', data: { activation: 'linear' } }],
    },
    {
      name: 'categorical cross-entropy on a linear output (no task judges it)',
      code: net({ task: 'regression(outputs: 3)', layers: [R, 'dense(3)'], train: ['loss: categorical_crossentropy'] }),
      errors: [{ messageId: 'cceWithoutSoftmax', at: '10:5 loss: categorical_crossentropy', data: { activation: 'linear' } }],
    },
    {
      name: 'mae on a binary task suggests the binary loss',
      code: net({ task: 'binary_classification', layers: [R, 'dense(1, activation: sigmoid)'], train: ['loss: mae'] }),
      errors: [{ messageId: 'regressionLoss', at: '10:5 loss: mae', severity: 'warning', data: { loss: 'mae', task: 'binary_classification', suggested: 'binary_crossentropy' } }],
      output: net({ task: 'binary_classification', layers: [R, 'dense(1, activation: sigmoid)'], train: ['loss: binary_crossentropy'] }),
    },
  ],
});
