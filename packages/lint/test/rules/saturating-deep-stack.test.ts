import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';

const deep = (n: number, act: string) => net({
  task: 'classification(classes: 3)',
  layers: [`repeat ${n} {`, `  dense(8, activation: ${act})`, '}', 'dense(3, activation: softmax)'],
});
/** The calibration's residual stacks (docs/calibration.md, "Residual stacks"), as source: 8 sigmoid layers. */
const inBlocks = net({
  input: '[8]',
  task: 'classification(classes: 3)',
  layers: ['repeat 4 {', '  residual {', '    dense(8, activation: sigmoid)', '    dense(8, activation: sigmoid)', '  }', '}', 'dense(3, activation: softmax)'],
});
const aroundAll = net({
  input: '[8]',
  task: 'classification(classes: 3)',
  layers: ['residual {', '  repeat 8 {', '    dense(8, activation: sigmoid)', '  }', '}', 'dense(3, activation: softmax)'],
});
const lstms = net({
  input: '[20, 3]',
  layers: ['repeat 7 {', '  lstm(8, activation: tanh, recurrent_activation: sigmoid, return_sequences: true)', '}', 'lstm(8, activation: tanh)', 'dense(1)'],
});
ruleTable('saturating-deep-stack', {
  // Identity blocks of two: a gradient crosses at most two sigmoid layers (the measured ratio stays near 1e-1).
  valid: [
    deep(5, 'sigmoid'),
    deep(5, 'tanh'),
    deep(20, 'relu'),
    inBlocks,
    // Eight stacked LSTMs (tanh cell, sigmoid gates, written out): not eight tanh or sigmoid hidden layers.
    lstms,
    // Five tanh dense layers and two LSTMs: five tanh hidden layers, below the default 6.
    net({ input: '[20, 3]', layers: ['lstm(8, return_sequences: true)', 'lstm(8)', 'repeat 5 {', '  dense(8, activation: tanh)', '}', 'dense(1)'] }),
  ],
  invalid: [
    {
      name: 'one shortcut around eight sigmoid layers: the first is still behind all eight (ratio as in the plain stack)',
      code: aroundAll,
      errors: [{ messageId: 'deep', at: '7:18 activation: sigmoid', data: { count: 8, activation: 'sigmoid', depth: 6, slope: '0.25' }, expansion: 'layers 1–8 of 10, from `repeat 8` at line 6' }],
    },
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
