import { ruleTable } from '../rule-table.js';
import { csv, rowsOf, withData } from '../data-specs.js';

const reg = (data: string[]) => withData({ task: 'regression(outputs: 1)', out: 'dense(1)', data });
// x from −99.8 to 99.9 (std 57.6 over the 1000 rows), p in 0..255, y small.
const wide = csv(['x', 'p', 'y'], rowsOf(1000, (i) => [(-99.8 + (i * 199.7) / 999).toFixed(4), i % 256, (i % 7) / 7]));
const small = csv(['x', 'p', 'y'], rowsOf(100, (i) => [(i / 100).toFixed(2), ((i % 10) - 5) / 2, i % 2]));

ruleTable('unscaled-input', {
  valid: [
    // Standardised (the default): the core scales the columns.
    { code: reg(['source: "d.csv"', 'target: "y"']), files: { 'd.csv': wide } },
    // Already near unit scale.
    { code: reg(['source: "d.csv"', 'target: "y"', 'standardize: false']), files: { 'd.csv': small } },
    // The file is not there: lint says nothing.
    reg(['source: "missing.csv"', 'target: "y"', 'standardize: false']),
    // Only the listed features count: the target's scale is unscaled-target's business.
    { code: reg(['source: "d.csv"', 'target: "p"', 'features: ["y"]', 'standardize: false']), files: { 'd.csv': wide } },
  ],
  invalid: [
    {
      name: 'raw columns in the hundreds with standardize: false',
      code: reg(['source: "d.csv"', 'target: "y"', 'standardize: false']),
      files: { 'd.csv': wide },
      errors: [
        {
          messageId: 'unscaled',
          at: '15:5 standardize: false',
          severity: 'warning',
          data: { count: 2, total: 2, limit: 10, rows: 'its 1,000 rows', file: 'd.csv', column: 'p', min: '0', max: '255', std: '72.5' },
        },
      ],
      output: reg(['source: "d.csv"', 'target: "y"', 'standardize: true']),
    },
    {
      name: 'the widest column is named with what was measured',
      code: reg(['source: "d.csv"', 'target: "y"', 'features: ["x"]', 'standardize: false']),
      files: { 'd.csv': wide },
      errors: [
        {
          messageId: 'unscaled',
          at: '16:5 standardize: false',
          data: { count: 1, total: 1, limit: 10, rows: 'its 1,000 rows', file: 'd.csv', column: 'x', min: '−99.8', max: '99.9', std: '57.7' },
        },
      ],
      output: reg(['source: "d.csv"', 'target: "y"', 'features: ["x"]', 'standardize: true']),
    },
  ],
});
