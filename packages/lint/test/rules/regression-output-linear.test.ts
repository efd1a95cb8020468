import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R } from '../specs.js';

ruleTable('regression-output-linear', {
  valid: [
    net({ layers: [R, 'dense(1)'], train: ['loss: mse'] }),
    net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: softmax)'] }),
    // A residual as the output: the sum of linear branches is linear.
    net({ input: '[16]', task: 'regression(outputs: 16)', layers: [R, 'residual {', '  dense(16)', '}'] }),
  ],
  invalid: [
    {
      name: 'a sigmoid applied after a residual sum at the output',
      code: net({ input: '[16]', task: 'regression(outputs: 16)', layers: [R, 'residual {', '  dense(16)', '}', 'activation(sigmoid)'] }),
      errors: [{ messageId: 'squashing', at: '9:5 activation(sigmoid)', severity: 'error', data: { activation: 'sigmoid', values: '0..1' } }],
      output: net({ input: '[16]', task: 'regression(outputs: 16)', layers: [R, 'residual {', '  dense(16)', '}'] }),
    },
    {
      name: 'sigmoid output',
      code: net({ layers: [R, 'dense(1, activation: sigmoid)'], train: ['loss: mse'] }),
      errors: [{ messageId: 'squashing', at: '6:14 activation: sigmoid', severity: 'error', data: { activation: 'sigmoid', values: '0..1' } }],
      output: net({ layers: [R, 'dense(1)'], train: ['loss: mse'] }),
    },
    {
      name: 'relu output is a warning',
      code: net({ layers: [R, 'dense(1, activation: relu, init: he_normal)'] }),
      errors: [{ messageId: 'rectifying', at: '6:14 activation: relu', severity: 'warning', data: { activation: 'relu' } }],
      output: net({ layers: [R, 'dense(1, init: he_normal)'] }),
    },
    {
      name: 'tanh from a separate activation layer',
      code: net({ layers: [R, 'dense(1)', 'activation(tanh)'] }),
      errors: [{ messageId: 'squashing', at: '7:5 activation(tanh)', data: { activation: 'tanh', values: '−1..1' } }],
      output: net({ layers: [R, 'dense(1)'] }),
    },
    {
      name: 'softmax output: its values sum to 1',
      code: net({ layers: [R, 'dense(2, activation: softmax)'], train: ['loss: mse'] }),
      errors: [{ messageId: 'squashing', at: '6:14 activation: softmax', severity: 'error', data: { activation: 'softmax', values: '0..1 (summing to 1)' } }],
      output: net({ layers: [R, 'dense(2)'], train: ['loss: mse'] }),
    },
    {
      name: 'elu output names its arguments',
      code: net({ layers: [R, 'dense(1, activation: elu(alpha: 0.5), init: he_normal)'] }),
      errors: [{ messageId: 'rectifying', at: '6:14 activation: elu(alpha: 0.5)', severity: 'warning', data: { activation: 'elu(alpha: 0.5)' } }],
      output: net({ layers: [R, 'dense(1, init: he_normal)'] }),
    },
  ],
});
