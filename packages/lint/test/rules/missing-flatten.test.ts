import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';

const cnn = (layers: string[]) =>
  net({ task: 'classification(classes: 10)', input: '[28, 28, 1]', layers: ['conv2d(4, kernel: 3, activation: relu, init: he_normal)', ...layers] });
ruleTable('missing-flatten', {
  valid: [
    cnn(['max_pool2d(2)', 'flatten()', 'dense(10, activation: softmax)']),
    // Global pools output one value per channel ([c]): dense reads a vector, no flatten needed.
    cnn(['global_avg_pool2d()', 'dense(10, activation: softmax)']),
    cnn(['global_max_pool2d()', 'dense(10, activation: softmax)']),
  ],
  invalid: [
    {
      name: 'dense after pooling',
      code: cnn(['max_pool2d(2)', 'dense(10, activation: softmax)']),
      errors: [{ messageId: 'noFlatten', at: '7:5 dense(10, activation: softmax)', data: { layer: 'dense', shape: '[13, 13, 4]', previous: 'max_pool2d' } }],
      output: cnn(['max_pool2d(2)', 'flatten()', 'dense(10, activation: softmax)']),
    },
    {
      name: 'dense after a convolution and dropout',
      code: cnn(['dropout(0.2)', 'dense(10, activation: softmax)']),
      errors: [{ messageId: 'noFlatten', at: '7:5 dense(10, activation: softmax)', data: { layer: 'dense', shape: '[26, 26, 4]', previous: 'conv2d' } }],
      output: cnn(['dropout(0.2)', 'flatten()', 'dense(10, activation: softmax)']),
    },
    {
      name: 'zero_padding2d passes the feature map on: still a convolution before dense',
      code: cnn(['zero_padding2d(1)', 'dense(10, activation: softmax)']),
      errors: [{ messageId: 'noFlatten', at: '7:5 dense(10, activation: softmax)', data: { layer: 'dense', shape: '[28, 28, 4]', previous: 'conv2d' } }],
      output: cnn(['zero_padding2d(1)', 'flatten()', 'dense(10, activation: softmax)']),
    },
  ],
});
