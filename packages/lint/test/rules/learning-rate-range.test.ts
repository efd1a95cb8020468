import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R, sgd } from '../specs.js';

ruleTable('learning-rate-range', {
  valid: [net({ layers: [R, 'dense(1)'], train: ['optimizer: adam(learning_rate: 1e-3)'] })],
  invalid: [
    {
      name: 'adam at 0.5',
      code: net({ layers: ['dense(8, activation: tanh)', 'dense(1)'], train: ['optimizer: adam(learning_rate: 0.5)'] }),
      errors: [{ messageId: 'high', at: '10:21 learning_rate: 0.5', data: { rate: 0.5, max: 0.01, optimizer: 'adam' } }],
    },
    {
      name: 'sgd at 1e-7',
      code: net({ layers: [R, 'dense(1)'], train: ['optimizer: sgd(learning_rate: 1e-7)'] }),
      errors: [{ messageId: 'low', at: '10:20 learning_rate: 1e-7', data: { rate: 1e-7, min: 1e-5, optimizer: 'sgd' } }],
    },
  ],
});
