import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { bin } from '../specs.js';

ruleTable('sigmoid-hidden', {
  valid: [bin('dense(1, activation: sigmoid)')],
  invalid: [
    {
      name: 'sigmoid hidden layer',
      code: net({ layers: ['dense(8, activation: sigmoid)', 'dense(1)'] }),
      errors: [{ messageId: 'hidden', at: '5:14 activation: sigmoid', severity: 'info' }],
    },
  ],
});
