import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';

const bin = (input: string, layers: string[]) => net({ task: 'binary_classification', input: `[${input}]`, layers: [...layers, 'dense(1, activation: sigmoid)'] });

const repeated = `network Deep {
  input [64]
  task binary_classification
  layers {
    repeat 3 {
      dense(64, activation: relu, init: random_normal(stddev: 1))
    }
    dense(1, activation: sigmoid)
  }
}
`;

ruleTable('init-scale', {
  valid: [
    // Keras's default RandomNormal(stddev 0.05) on a 784-wide input: pre-activation std 1.4, 19 % saturated.
    bin('784', ['dense(128, activation: tanh, init: random_normal())']),
    bin('64', ['dense(64, activation: tanh, init: glorot_normal)', 'dense(64, activation: relu, init: he_uniform)']),
    bin('64', ['dense(64, activation: tanh, init: orthogonal(1))']),
    // He on tanh (std 1.4, 20 % saturated) is init-activation-mismatch's finding, not a scale problem.
    bin('64', ['dense(64, activation: tanh, init: he_normal)']),
    // Small weights shrink a relu signal; that is not flagged (Keras's default).
    bin('64', ['dense(64, activation: relu, init: random_normal(stddev: 0.01))']),
    // variance_scaling(scale: 2) is He.
    bin('64', ['dense(64, activation: relu, init: variance_scaling(scale: 2))']),
    // Constant weights: constant-weight-init's finding.
    bin('64', ['dense(64, activation: tanh, init: constant(0.5))']),
  ],
  invalid: [
    {
      name: 'random_uniform(0, 1) before tanh, fan-in 32',
      code: bin('32', ['dense(16, activation: tanh, init: random_uniform(0, 1))']),
      errors: [
        {
          messageId: 'saturates',
          at: '5:33 init: random_uniform(0, 1)',
          severity: 'warning',
          data: { init: 'random_uniform(0, 1)', layer: 'dense', fanIn: 32, std: '3.3', mean: '0', percent: 58, cutoff: '1.8', activation: 'tanh', suggested: 'glorot_uniform' },
        },
      ],
      output: bin('32', ['dense(16, activation: tanh, init: glorot_uniform)']),
    },
    {
      name: 'random_normal(stddev: 1) before tanh: std ≈ 5.7 for fan-in 32, fixed with the normal variant',
      code: bin('32', ['dense(32, activation: tanh, init: random_normal(stddev: 1))']),
      errors: [
        {
          messageId: 'saturates',
          at: '5:33 init: random_normal(stddev: 1)',
          data: { init: 'random_normal(stddev: 1)', layer: 'dense', fanIn: 32, std: '5.7', mean: '0', percent: 75, cutoff: '1.8', activation: 'tanh', suggested: 'glorot_normal' },
        },
      ],
      output: bin('32', ['dense(32, activation: tanh, init: glorot_normal)']),
    },
    {
      name: 'all-positive weights: the second sigmoid layer is shifted by fan-in × mean(w) × mean(x), the first is not (standardised input)',
      code: bin('32', ['dense(16, activation: sigmoid, init: random_uniform(0, 1))', 'dense(16, activation: sigmoid, init: random_uniform(0, 1))']),
      errors: [
        {
          messageId: 'saturates',
          at: '6:36 init: random_uniform(0, 1)',
          data: { init: 'random_uniform(0, 1)', layer: 'dense_1', fanIn: 16, std: '1', mean: '4', percent: 64, cutoff: '3.6', activation: 'sigmoid', suggested: 'glorot_uniform' },
        },
      ],
      output: bin('32', ['dense(16, activation: sigmoid, init: random_uniform(0, 1))', 'dense(16, activation: sigmoid, init: glorot_uniform)']),
    },
    {
      name: 'random_normal(stddev: 1) before relu grows the signal ×32 per layer; a repeat is reported once',
      code: repeated,
      errors: [
        {
          messageId: 'explodes',
          at: '6:35 init: random_normal(stddev: 1)',
          data: { init: 'random_normal(stddev: 1)', layer: 'dense', weightStd: '1', weightMean: '0', fanIn: 64, mean: '0', std: '8', gain: '32', activation: 'relu', suggested: 'he_normal' },
          expansion: 'layers 1–3 of 4, from `repeat 3` at line 5',
        },
      ],
      output: repeated.replace('random_normal(stddev: 1)', 'he_normal'),
    },
    {
      name: 'variance_scaling(scale: 4) before tanh: judged by its effective scale',
      code: bin('64', ['dense(64, activation: tanh, init: variance_scaling(scale: 4))']),
      errors: [
        {
          messageId: 'saturates',
          at: '5:33 init: variance_scaling(scale: 4)',
          data: { init: 'variance_scaling(scale: 4)', layer: 'dense', fanIn: 64, std: '2', mean: '0', percent: 36, cutoff: '1.8', activation: 'tanh', suggested: 'glorot_normal' },
        },
      ],
      output: bin('64', ['dense(64, activation: tanh, init: glorot_normal)']),
    },
    {
      name: 'Nielsen\'s MNIST net in Keras: random_normal(stddev: 1) on linear layers, fan-in 784 (the hidden linear layer grows the signal ×784)',
      code: net({ task: 'classification(classes: 10)', input: '[784]', layers: ['dense(30, init: random_normal(stddev: 1))', 'dense(10, activation: softmax, init: random_normal(stddev: 1))'] }),
      errors: [
        {
          messageId: 'explodes',
          at: '5:15 init: random_normal(stddev: 1)',
          data: { init: 'random_normal(stddev: 1)', layer: 'dense', weightStd: '1', weightMean: '0', fanIn: 784, mean: '0', std: '28', gain: '784', activation: 'linear', suggested: 'glorot_normal' },
        },
      ],
      output: net({ task: 'classification(classes: 10)', input: '[784]', layers: ['dense(30, init: glorot_normal)', 'dense(10, activation: softmax, init: random_normal(stddev: 1))'] }),
    },
    {
      name: 'a convolution\'s fan-in is kernel height × width × input channels (3 × 3 × 2 = 18)',
      code: net({ task: 'classification(classes: 10)', input: '[28, 28, 2]', layers: ['conv2d(8, [3, 3], activation: relu, init: random_normal(stddev: 1))', 'flatten()', 'dense(10, activation: softmax)'] }),
      errors: [
        {
          messageId: 'explodes',
          at: '5:41 init: random_normal(stddev: 1)',
          data: { init: 'random_normal(stddev: 1)', layer: 'conv2d', weightStd: '1', weightMean: '0', fanIn: 18, mean: '0', std: '4.2', gain: '9', activation: 'relu', suggested: 'he_normal' },
        },
      ],
      output: net({ task: 'classification(classes: 10)', input: '[28, 28, 2]', layers: ['conv2d(8, [3, 3], activation: relu, init: he_normal)', 'flatten()', 'dense(10, activation: softmax)'] }),
    },
    {
      name: 'orthogonal(gain: 3) before relu: mean square × 4.5 per layer',
      code: bin('64', ['dense(64, activation: relu, init: orthogonal(3))']),
      errors: [
        {
          messageId: 'explodes',
          at: '5:33 init: orthogonal(3)',
          data: { init: 'orthogonal(3)', layer: 'dense', weightStd: '0.38', weightMean: '0', fanIn: 64, mean: '0', std: '3', gain: '4.5', activation: 'relu', suggested: 'he_uniform' },
        },
      ],
      output: bin('64', ['dense(64, activation: relu, init: he_uniform)']),
    },
  ],
});
