import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';

const relu = 'dense(8, activation: relu, init: he_normal)';
/** `n` hidden relu layers in a repeat (line 5), then the output: n + 1 weighted layers. */
const plain = (n: number) => net({ input: '[8]', task: 'classification(classes: 3)', layers: [`repeat ${n} {`, `  ${relu}`, '}', 'dense(3, activation: softmax)'] });
/** `blocks` identity residual blocks of two relu layers (the sum is followed by relu, as in He et al.), then the output. */
const residual = (blocks: number) =>
  net({
    input: '[8]',
    task: 'classification(classes: 3)',
    layers: [`repeat ${blocks} {`, '  residual {', `    ${relu}`, '    dense(8, init: he_normal)', '  }', '  activation(relu)', '}', 'dense(3, activation: softmax)'],
  });
/** The same 2·blocks layers under one shortcut around all of them. */
const around = (blocks: number) =>
  net({
    input: '[8]',
    task: 'classification(classes: 3)',
    layers: ['residual {', `  repeat ${2 * blocks} {`, `    ${relu}`, '  }', '}', 'dense(3, activation: softmax)'],
  });

ruleTable('deep-plain-stack', {
  valid: [plain(19), residual(15), plain(5)],
  invalid: [
    {
      name: 'twenty hidden layers and the output: twenty-one weighted layers',
      code: plain(20),
      errors: [{ messageId: 'plain', at: `6:7 ${relu}`, severity: 'info', data: { count: 21, first: 'dense', last: 'dense_20', depth: 21 }, expansion: 'layers 1–20 of 21, from `repeat 20` at line 5' }],
    },
    {
      name: 'one shortcut around the whole stack: the first layer is still behind all of them',
      code: around(10),
      errors: [{ messageId: 'plain', at: `7:9 ${relu}`, data: { count: 21, first: 'dense', last: 'dense_20', depth: 21 }, expansion: 'layers 1–20 of 22, from `repeat 20` at line 6' }],
    },
    {
      name: 'depth: 3 on three layers written out',
      code: net({ layers: ['dense(8, activation: relu)', 'dense(8, activation: relu)', 'dense(1)'] }),
      config: { presets: ['all'], rules: { 'deep-plain-stack': ['warning', { depth: 3 }] } },
      errors: [{ messageId: 'plain', at: '5:5 dense(8, activation: relu)', severity: 'warning', data: { count: 3, first: 'dense', last: 'dense_2', depth: 3 } }],
    },
  ],
});
