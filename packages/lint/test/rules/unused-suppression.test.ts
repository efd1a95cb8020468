import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import { R } from '../specs.js';

ruleTable('unused-suppression', {
  valid: [`// axon-disable-next-line high-dropout -- measured\n${net({ layers: [R, 'dropout(0.8)', 'dense(1)'] }).replace('    dropout(0.8)', '    // axon-disable-next-line high-dropout -- measured\n    dropout(0.8)')}`.split('\n').slice(1).join('\n')],
  invalid: [
    {
      name: 'a suppression that silences nothing',
      code: `// axon-disable high-dropout\n${net({ layers: [R, 'dense(1)'] })}`,
      errors: [{ messageId: 'unused', at: '1:17 high-dropout', data: { directive: 'axon-disable', rule: 'high-dropout', where: 'this file' } }],
      output: net({ layers: [R, 'dense(1)'] }),
    },
    {
      name: 'a next-line suppression of another rule',
      code: net({ layers: [R, '// axon-disable-next-line sigmoid-hidden', 'dense(1)'] }),
      errors: [{ messageId: 'unused', at: '6:31 sigmoid-hidden', data: { directive: 'axon-disable-next-line', rule: 'sigmoid-hidden', where: 'line 7' } }],
      output: net({ layers: [R, 'dense(1)'] }),
    },
  ],
});
