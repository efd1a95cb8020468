import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R } from '../specs.js';

ruleTable('invalid-suppression', {
  valid: [`// axon-disable sigmoid-hidden -- shallow on purpose\n${net({ layers: ['dense(8, activation: sigmoid)', 'dense(1)'] })}`],
  invalid: [
    {
      name: 'no rule named',
      code: `// axon-disable -- whatever\n${net({ layers: [R, 'dense(1)'] })}`,
      errors: [{ messageId: 'noRule', at: '1:1 // axon-disable -- whatever', data: { directive: 'axon-disable' } }],
    },
    {
      name: 'misspelt rule',
      code: `// axon-disable hihg-dropout\n${net({ layers: [R, 'dense(1)'] })}`,
      errors: [{ messageId: 'unknownRule', at: '1:17 hihg-dropout', data: { rule: 'hihg-dropout', suggestion: ' (did you mean "high-dropout"?)' } }],
    },
  ],
});
