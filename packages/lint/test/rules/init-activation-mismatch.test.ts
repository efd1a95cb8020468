import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R } from '../specs.js';

ruleTable('init-activation-mismatch', {
  valid: [net({ layers: [R, 'dense(1)'] }), net({ layers: ['dense(8, activation: tanh, init: glorot_normal)', 'dense(1)'] })],
  invalid: [
    {
      name: 'relu with default glorot',
      code: net({ layers: ['dense(8, activation: relu)', 'dense(1)'] }),
      errors: [{ messageId: 'needHe', at: '5:5 dense(8, activation: relu)', severity: 'info', data: { activation: 'relu', init: 'glorot_uniform', suggested: 'he_uniform' } }],
      output: net({ layers: ['dense(8, activation: relu, init: he_uniform)', 'dense(1)'] }),
    },
    {
      name: 'tanh with he_normal',
      code: net({ layers: ['dense(8, activation: tanh, init: he_normal)', 'dense(1)'] }),
      errors: [{ messageId: 'needGlorot', at: '5:32 init: he_normal', data: { init: 'he_normal', activation: 'tanh', suggested: 'glorot_normal' } }],
      output: net({ layers: ['dense(8, activation: tanh, init: glorot_normal)', 'dense(1)'] }),
    },
    {
      name: 'relu conv1d with the default glorot, before an LSTM (which is not judged: its initialisers are fixed)',
      code: net({ input: '[20, 3]', layers: ['conv1d(8, 3, activation: relu)', 'lstm(4)', 'dense(1)'] }),
      errors: [{ messageId: 'needHe', at: '5:5 conv1d(8, 3, activation: relu)', data: { activation: 'relu', init: 'glorot_uniform', suggested: 'he_uniform' } }],
      output: net({ input: '[20, 3]', layers: ['conv1d(8, 3, activation: relu, init: he_uniform)', 'lstm(4)', 'dense(1)'] }),
    },
  ],
});
