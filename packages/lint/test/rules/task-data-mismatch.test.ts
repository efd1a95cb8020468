import { ruleTable } from '../rule-table.js';
import { csv, rowsOf, withData } from '../data-specs.js';

const src = ['source: "d.csv"', 'target: "label"'];
const cls = (n: number) => withData({ task: `classification(classes: ${n})`, out: `dense(${n}, activation: softmax)`, loss: 'categorical_crossentropy', data: src });
const bin = withData({ task: 'binary_classification', out: 'dense(1, activation: sigmoid)', loss: 'binary_crossentropy', data: src });
const reg = withData({ task: 'regression(outputs: 1)', out: 'dense(1)', data: src });
const labels = (values: (string | number)[], n = 60) => csv(['a', 'b', 'label'], rowsOf(n, (i) => [i % 3, i % 5, values[i % values.length]!]));
const quoted = 'a,b,label\n1,2,"red, dark"\n3,4,"blue"\n5,6,"green ""lime"""\n';

ruleTable('task-data-mismatch', {
  valid: [
    { code: cls(3), files: { 'd.csv': labels(['setosa', 'versicolor', 'virginica']) } },
    { code: bin, files: { 'd.csv': labels([0, 1]) } },
    { code: reg, files: { 'd.csv': labels([1.5, 2.25, 3, 4.75]) } },
    // Two of three classes present: not "far fewer".
    { code: cls(3), files: { 'd.csv': labels(['a', 'b']) } },
    // No file.
    cls(3),
  ],
  invalid: [
    {
      name: 'a binary task whose target has three values',
      code: bin,
      files: { 'd.csv': labels([0, 1, 2]) },
      errors: [{ messageId: 'notBinary', at: '14:5 target: "label"', severity: 'error', data: { task: 'binary_classification', column: 'label', count: 3, rows: 'its 60 rows', file: 'd.csv', values: '0, 1, 2' } }],
    },
    {
      name: 'more labels than classes (quoted cells with commas and quotes are read as one value)',
      code: cls(2),
      files: { 'd.csv': quoted },
      errors: [{ messageId: 'moreValues', at: '14:5 target: "label"', data: { task: 'classification(classes: 2)', column: 'label', count: 3, rows: 'its 3 rows', file: 'd.csv', values: 'blue, green "lime", red, dark' } }],
    },
    {
      name: 'a 10-class task whose target has 2 values',
      code: cls(10),
      files: { 'd.csv': labels(['cat', 'dog']) },
      errors: [{ messageId: 'fewerValues', at: '14:5 target: "label"', data: { task: 'classification(classes: 10)', column: 'label', count: 2, rows: 'its 60 rows', file: 'd.csv', values: 'cat, dog' } }],
    },
    {
      name: 'a regression on a text column',
      code: reg,
      files: { 'd.csv': labels(['low', 'mid', 'high', 'very high', 'none', 'some', 'all']) },
      errors: [
        {
          messageId: 'textRegression',
          at: '14:5 target: "label"',
          data: { task: 'regression(outputs: 1)', column: 'label', count: 7, rows: 'its 60 rows', file: 'd.csv', values: 'all, high, low, mid, none, some, … (7 in all)' },
        },
      ],
    },
  ],
});
