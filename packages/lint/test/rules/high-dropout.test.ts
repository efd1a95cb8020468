import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R } from '../specs.js';

ruleTable('high-dropout', {
  valid: [net({ layers: [R, 'dropout(0.5)', 'dense(1)'] })],
  invalid: [
    {
      name: 'dropout 0.8',
      code: net({ layers: [R, 'dropout(0.8)', 'dense(1)'] }),
      errors: [{ messageId: 'high', at: '6:13 0.8', data: { rate: 0.8, percent: 80, max: 0.5 } }],
    },
    {
      name: 'maxRate: 0.3 flags 0.4',
      code: net({ layers: [R, 'dropout(0.4)', 'dense(1)'] }),
      config: { presets: ['all'], rules: { 'high-dropout': ['warning', { maxRate: 0.3 }] } },
      errors: [{ messageId: 'high', at: '6:13 0.4', data: { rate: 0.4, percent: 40, max: 0.3 } }],
    },
  ],
});
