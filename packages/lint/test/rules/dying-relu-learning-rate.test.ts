import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R, sgd } from '../specs.js';

ruleTable('dying-relu-learning-rate', {
  valid: [
    net({ layers: [R, 'dense(1)'], train: [sgd(0.05)] }),
    net({ layers: ['dense(16, activation: leaky_relu, init: he_normal)', 'dense(1)'], train: [sgd(0.3)] }),
  ],
  invalid: [
    {
      name: 'relu at learning rate 0.5 (sgd)',
      code: net({ layers: [R, 'dense(1)'], train: [sgd(0.5)] }),
      errors: [{ messageId: 'high', at: '10:20 learning_rate: 0.5', data: { rate: 0.5, optimizer: 'sgd', max: 0.1, count: 1 } }],
    },
    {
      name: 'relu with adam at 0.05',
      code: net({ layers: [R, 'dense(1)'], train: ['optimizer: adam(learning_rate: 0.05)'] }),
      errors: [{ messageId: 'high', at: '10:21 learning_rate: 0.05', data: { rate: 0.05, optimizer: 'adam', max: 0.01, count: 1 } }],
    },
  ],
});
