import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R } from '../specs.js';

ruleTable('high-dropout', {
  valid: [net({ layers: [R, 'dropout(0.5)', 'dense(1)'] }), net({ input: '[20, 3]', layers: ['lstm(8, dropout: 0.5, recurrent_dropout: 0.2)', 'dense(1)'] })],
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
    {
      name: 'a GRU dropping 60 % of its inputs and 70 % of its state',
      code: net({ input: '[20, 3]', layers: ['gru(8, dropout: 0.6, recurrent_dropout: 0.7)', 'dense(1)'] }),
      errors: [
        { messageId: 'recurrent', at: '5:12 dropout: 0.6', data: { arg: 'dropout', rate: 0.6, percent: 60, what: 'the inputs', layer: 'gru', max: 0.5 } },
        { messageId: 'recurrent', at: '5:26 recurrent_dropout: 0.7', data: { arg: 'recurrent_dropout', rate: 0.7, percent: 70, what: 'the recurrent state', layer: 'gru', max: 0.5 } },
      ],
    },
  ],
});
