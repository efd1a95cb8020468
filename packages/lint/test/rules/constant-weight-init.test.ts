import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';

ruleTable('constant-weight-init', {
  valid: [net({ layers: ['dense(8, activation: relu, init: he_uniform, bias_init: constant(0.1))', 'dense(1)'] })],
  invalid: [
    {
      name: 'zeros',
      code: net({ layers: ['dense(8, activation: relu, init: zeros)', 'dense(1)'] }),
      errors: [{ messageId: 'constant', at: '5:32 init: zeros', data: { init: 'zeros', layer: 'dense', suggested: 'he_uniform' } }],
      output: net({ layers: ['dense(8, activation: relu, init: he_uniform)', 'dense(1)'] }),
    },
    {
      name: 'constant on a linear layer',
      code: net({ layers: ['dense(1, init: constant(0.5))'] }),
      errors: [{ messageId: 'constant', at: '5:14 init: constant(0.5)', data: { init: 'constant(0.5)', layer: 'dense', suggested: 'glorot_uniform' } }],
      output: net({ layers: ['dense(1, init: glorot_uniform)'] }),
    },
    {
      name: 'zeros on a selu layer suggests lecun_normal',
      code: net({ layers: ['dense(8, activation: selu, init: zeros)', 'dense(1)'] }),
      errors: [{ messageId: 'constant', at: '5:32 init: zeros', data: { init: 'zeros', layer: 'dense', suggested: 'lecun_normal' } }],
      output: net({ layers: ['dense(8, activation: selu, init: lecun_normal)', 'dense(1)'] }),
    },
    {
      name: 'ones (Keras Ones)',
      code: net({ layers: ['dense(8, activation: tanh, init: ones)', 'dense(1)'] }),
      errors: [{ messageId: 'constant', at: '5:32 init: ones', data: { init: 'ones', layer: 'dense', suggested: 'glorot_uniform' } }],
      output: net({ layers: ['dense(8, activation: tanh, init: glorot_uniform)', 'dense(1)'] }),
    },
    {
      name: 'zeros on a conv1d',
      code: net({ input: '[20, 3]', layers: ['conv1d(8, 3, activation: relu, init: zeros)', 'global_max_pool1d()', 'dense(1)'] }),
      errors: [{ messageId: 'constant', at: '5:36 init: zeros', data: { init: 'zeros', layer: 'conv1d', suggested: 'he_uniform' } }],
      output: net({ input: '[20, 3]', layers: ['conv1d(8, 3, activation: relu, init: he_uniform)', 'global_max_pool1d()', 'dense(1)'] }),
    },
  ],
});
