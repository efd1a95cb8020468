import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';

const deep = (n: number, act: string) => net({
  task: 'classification(classes: 3)',
  layers: [`repeat ${n} {`, `  dense(8, activation: ${act})`, '}', 'dense(3, activation: softmax)'],
});
ruleTable('saturating-deep-stack', {
  valid: [deep(5, 'sigmoid'), deep(5, 'tanh'), deep(20, 'relu')],
  invalid: [
    { name: 'six sigmoid layers', code: deep(6, 'sigmoid'), errors: [{ messageId: 'deep', at: '6:16 activation: sigmoid', data: { count: 6, activation: 'sigmoid', depth: 6, slope: 0.25 }, expansion: 'layers 1–6 of 7, from `repeat 6` at line 5' }] },
    { name: 'six tanh layers', code: deep(6, 'tanh'), errors: [{ messageId: 'deep', at: '6:16 activation: tanh', data: { count: 6, activation: 'tanh', depth: 6, slope: '1 (and far less once saturated)' }, expansion: 'layers 1–6 of 7, from `repeat 6` at line 5' }] },
    {
      name: 'three sigmoid layers written out, with depth.sigmoid: 3',
      code: net({ layers: ['dense(8, activation: sigmoid)', 'dense(8, activation: sigmoid)', 'dense(8, activation: sigmoid)', 'dense(1)'] }),
      config: { presets: ['all'], rules: { 'saturating-deep-stack': ['error', { depth: { sigmoid: 3 } }] } },
      errors: [{ messageId: 'deep', at: '5:14 activation: sigmoid', severity: 'error', data: { count: 3, activation: 'sigmoid', depth: 3, slope: '0.25' } }],
    },
  ],
});
