import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';

ruleTable('dying-relu-negative-bias', {
  valid: [
    net({ layers: ['dense(8, activation: relu, init: he_normal, bias_init: constant(0.1))', 'dense(1)'] }),
    // use_bias: false: the layer has no biases, whatever bias_init says.
    net({ layers: ['dense(8, activation: relu, init: he_normal, use_bias: false, bias_init: constant(-1))', 'dense(1)'] }),
  ],
  invalid: [
    {
      name: 'negative constant bias',
      code: net({ layers: ['dense(8, activation: relu, init: he_normal, bias_init: constant(-1))', 'dense(1)'] }),
      errors: [{ messageId: 'negative', at: '5:49 bias_init: constant(-1)', data: { value: -1, layer: 'dense' } }],
      output: net({ layers: ['dense(8, activation: relu, init: he_normal, bias_init: zeros)', 'dense(1)'] }),
    },
    {
      name: 'negative constant bias on a conv1d',
      code: net({ input: '[20, 3]', layers: ['conv1d(8, 3, activation: relu, init: he_normal, bias_init: constant(-0.5))', 'global_max_pool1d()', 'dense(1)'] }),
      errors: [{ messageId: 'negative', at: '5:53 bias_init: constant(-0.5)', data: { value: -0.5, layer: 'conv1d' } }],
      output: net({ input: '[20, 3]', layers: ['conv1d(8, 3, activation: relu, init: he_normal, bias_init: zeros)', 'global_max_pool1d()', 'dense(1)'] }),
    },
  ],
});
