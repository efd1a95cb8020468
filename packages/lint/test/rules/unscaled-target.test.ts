import { ruleTable } from '../rule-table.js';
import { csv, rowsOf, withData } from '../data-specs.js';

const reg = (data: string[], loss = 'mse', optimizer = 'sgd(learning_rate: 0.1)') =>
  withData({ input: '[1]', task: 'regression(outputs: 1)', out: 'dense(1)', loss: `${loss}\n    optimizer: ${optimizer}`, data });
// y = 5x² for x in 0..9.99: mean 166, std 149 (SO 48934338).
const squares = csv(['x', 'y'], rowsOf(1000, (i) => [(i / 100).toFixed(2), (5 * (i / 100) ** 2).toFixed(3)]));
const unit = csv(['x', 'y'], rowsOf(200, (i) => [(i / 100).toFixed(2), ((i % 20) / 10 - 1).toFixed(2)]));

ruleTable('unscaled-target', {
  valid: [
    { code: reg(['source: "d.csv"', 'target: "y"']), files: { 'd.csv': unit } },
    // Target scaling on: the core trains on the standardised target.
    { code: reg(['source: "d.csv"', 'target: "y"', 'standardize_target: true']), files: { 'd.csv': squares } },
    // Poisson is computed on the rate itself, not in squared units.
    { code: reg(['source: "d.csv"', 'target: "y"'], 'poisson'), files: { 'd.csv': squares } },
    // Adam moves each weight by about its learning rate whatever the units: a target in the tens is reached (Boston housing, MEDV mean 22).
    { code: reg(['source: "d.csv"', 'target: "y"'], 'mse', 'adam'), files: { 'd.csv': squares } },
    // No file: nothing.
    reg(['source: "absent.csv"', 'target: "y"']),
  ],
  invalid: [
    {
      name: 'y = 5x² trained with mse (SO 48934338)',
      code: reg(['source: "d.csv"', 'target: "y"']),
      files: { 'd.csv': squares },
      errors: [
        {
          messageId: 'unscaled',
          at: '15:5 target: "y"',
          severity: 'warning',
          data: { column: 'y', mean: '166', std: '149', min: '0', max: '499', rows: 'its 1,000 rows', file: 'd.csv', loss: 'mse', scale: '166', limit: '10', optimizer: 'sgd' },
        },
      ],
      output: reg(['source: "d.csv"', 'standardize_target: true', 'target: "y"']),
    },
    {
      name: 'mae with adam on house prices (a large mean, a small spread)',
      code: reg(['source: "d.csv"', 'target: "y"'], 'mae', 'adam'),
      files: { 'd.csv': csv(['x', 'y'], rowsOf(100, (i) => [i, 250000 + (i % 5)])) },
      errors: [{ messageId: 'unscaled', at: '15:5 target: "y"', data: { column: 'y', mean: '250,002', std: '1.41', min: '250,000', max: '250,004', rows: 'its 100 rows', file: 'd.csv', loss: 'mae', scale: '250,002', limit: '1,000', optimizer: 'adam' } }],
      output: reg(['source: "d.csv"', 'standardize_target: true', 'target: "y"'], 'mae', 'adam'),
    },
  ],
});
