import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R } from '../specs.js';

ruleTable('dropout-before-batch-norm', {
  valid: [net({ layers: [R, 'batch_norm()', 'dropout(0.2)', 'dense(1)'] })],
  invalid: [
    {
      name: 'dropout then batch_norm',
      code: net({ layers: [R, 'dropout(0.2)', 'batch_norm()', 'dense(1)'] }),
      errors: [{ messageId: 'before', at: '6:5 dropout(0.2)' }],
    },
  ],
});
