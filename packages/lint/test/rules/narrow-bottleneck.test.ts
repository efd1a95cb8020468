import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';

const binary2 = (layers: string[], input = '[2]') => net({ task: 'binary_classification', input, layers: [...layers, 'dense(1, activation: sigmoid)'] });

const repeat15 = `network Skinny {
  input [2]
  task binary_classification
  layers {
    repeat 15 {
      dense(2, activation: relu, init: he_uniform)
    }
    dense(1, activation: sigmoid)
  }
}
`;

const H = (u: number) => `dense(${u}, activation: relu, init: he_uniform)`;

ruleTable('narrow-bottleneck', {
  valid: [
    // One unit wider than the input: the theorem's bound is not reached.
    binary2([H(3), H(3), H(3)]),
    // Two narrow hidden layers: below the depth threshold.
    binary2([H(2), H(2)]),
    // One wide layer anywhere breaks the bound.
    binary2([H(2), H(16), H(2)]),
    // Regression: no decision region to enclose.
    net({ task: 'regression(outputs: 1)', input: '[2]', layers: [H(2), H(2), H(2), 'dense(1)'] }),
    // A residual sum carries the input around the narrow layers (ResNets of width 1 are universal).
    binary2(['residual {\n      dense(2, activation: relu, init: he_uniform)\n      dense(2, activation: relu, init: he_uniform)\n      dense(2, activation: relu, init: he_uniform)\n    }']),
    // Concatenated narrow branches are wide together.
    binary2(['parallel(merge: concat) {\n      branch { dense(2, activation: relu, init: he_uniform) }\n      branch { dense(2, activation: relu, init: he_uniform) }\n    }', H(2), H(2), H(2)]),
    // A wide real-world input: the MNIST 784 → 128 → 64 → 32 MLP (97 %) is not judged.
    net({ task: 'classification(classes: 10)', input: '[784]', layers: ['dense(128, activation: relu)', 'dense(64, activation: relu)', 'dense(32, activation: relu)', 'dense(10, activation: softmax)'] }),
    // A sequence input: width means something else.
    net({ task: 'binary_classification', input: '[10, 2]', layers: ['lstm(2)', 'dense(2, activation: relu, init: he_uniform)', 'dense(2, activation: relu, init: he_uniform)', 'dense(2, activation: relu, init: he_uniform)', 'dense(1, activation: sigmoid)'] }),
  ],
  invalid: [
    {
      name: 'a 15-layer stack of dense(2) on a 2-D input, from a repeat',
      code: repeat15,
      errors: [
        {
          messageId: 'narrow',
          at: '6:7 dense(2, activation: relu, init: he_uniform)',
          severity: 'warning',
          data: { task: 'binary_classification', width: 2, inputs: 2, count: 15, suggested: 16 },
          expansion: 'layers 1–15 of 16, from `repeat 15` at line 5',
        },
      ],
    },
    {
      name: 'three hidden layers no wider than a 4-D input on a 3-class task (written out: reported at the first)',
      code: net({ task: 'classification(classes: 3)', input: '[4]', layers: [H(4), H(3), 'dropout(0.1)', H(4), 'dense(3, activation: softmax)'] }),
      errors: [{ messageId: 'narrow', at: `5:5 ${H(4)}`, data: { task: 'classification(classes: 3)', width: 4, inputs: 4, count: 3, suggested: 16 } }],
    },
    {
      name: 'wider inputs are judged when maxInputs allows',
      code: net({ task: 'classification(classes: 10)', input: '[784]', layers: ['dense(128, activation: relu)', 'dense(64, activation: relu)', 'dense(32, activation: relu)', 'dense(10, activation: softmax)'] }),
      config: { presets: ['all'], rules: { 'narrow-bottleneck': ['warning', { maxInputs: 1000 }] } },
      errors: [{ messageId: 'narrow', at: '5:5 dense(128, activation: relu)', data: { task: 'classification(classes: 10)', width: 128, inputs: 784, count: 3, suggested: 1568 } }],
    },
    {
      name: 'the depth threshold is an option',
      code: binary2([H(2), H(2)]),
      config: { presets: ['all'], rules: { 'narrow-bottleneck': ['warning', { minDepth: 2 }] } },
      errors: [{ messageId: 'narrow', at: `5:5 ${H(2)}`, data: { task: 'binary_classification', width: 2, inputs: 2, count: 2, suggested: 16 } }],
    },
  ],
});
