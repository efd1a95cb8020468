import { ruleTable } from '../rule-table.js';
import { csv, rowsOf, withData } from '../data-specs.js';

const reg = (data: string[], loss = 'mse') => withData({ input: '[1]', task: 'regression(outputs: 1)', out: 'dense(1)', loss, data });
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
          at: '14:5 target: "y"',
          severity: 'warning',
          data: { column: 'y', mean: '166', std: '149', min: '0', max: '499', rows: 'its 1,000 rows', file: 'd.csv', loss: 'mse', scale: '166' },
        },
      ],
      output: reg(['source: "d.csv"', 'standardize_target: true', 'target: "y"']),
    },
    {
      name: 'mae on a target with a large mean and a small spread (house prices in thousands)',
      code: reg(['source: "d.csv"', 'target: "y"'], 'mae'),
      files: { 'd.csv': csv(['x', 'y'], rowsOf(100, (i) => [i, 500 + (i % 5)])) },
      errors: [{ messageId: 'unscaled', at: '14:5 target: "y"', data: { column: 'y', mean: '502', std: '1.41', min: '500', max: '504', rows: 'its 100 rows', file: 'd.csv', loss: 'mae', scale: '502' } }],
      output: reg(['source: "d.csv"', 'standardize_target: true', 'target: "y"'], 'mae'),
    },
  ],
});
