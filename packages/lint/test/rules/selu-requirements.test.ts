import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';

ruleTable('selu-requirements', {
  valid: [net({ layers: ['dense(8, activation: selu, init: lecun_normal)', 'dense(1)'] })],
  invalid: [
    {
      name: 'selu with default init and dropout',
      code: net({ layers: ['dense(8, activation: selu)', 'dropout(0.2)', 'dense(1)'] }),
      errors: [
        { messageId: 'init', at: '5:5 dense(8, activation: selu)', data: { init: 'glorot_uniform' } },
        { messageId: 'dropout', at: '6:5 dropout(0.2)', data: { selu: 'dense' } },
      ],
      output: net({ layers: ['dense(8, activation: selu, init: lecun_normal)', 'dropout(0.2)', 'dense(1)'] }),
    },
    {
      name: 'selu with he init next to batch_norm',
      code: net({ layers: ['batch_norm()', 'dense(8, activation: selu, init: he_normal)', 'dense(1)'] }),
      errors: [
        { messageId: 'batchNorm', at: '5:5 batch_norm()', data: { selu: 'dense' } },
        { messageId: 'init', at: '6:32 init: he_normal', data: { init: 'he_normal' } },
      ],
      output: net({ layers: ['batch_norm()', 'dense(8, activation: selu, init: lecun_normal)', 'dense(1)'] }),
    },
  ],
});
