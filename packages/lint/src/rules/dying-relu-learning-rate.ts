import { hiddenActivationLayers } from '../facts.js';
import { defineRule, learningRateRange } from '../rule-kit.js';

export interface DyingReluLearningRateOptions {
  /** Flag plain relu hidden layers when the learning rate is above this, per optimizer. */
  maxLearningRate: { sgd: number; adam: number; rmsprop: number; adagrad: number; adadelta: number; adamw: number; nadam: number };
}

/** A large step can push a relu unit's pre-activation negative for every input; then it never recovers. */
export default defineRule<DyingReluLearningRateOptions, 'high'>(
  {
    id: 'dying-relu-learning-rate',
    type: 'problem',
    description: 'relu hidden layers with a high learning rate risk "dying": units stuck at 0 for every input.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: false,
    messages: {
      high:
        'A learning rate of {{rate}} is high for {{optimizer}} (above {{max}}) and this network has {{count}} plain relu hidden layer(s): a large update can push a relu unit negative for every input, and since relu\'s slope there is 0 it never recovers ("dying relu"). Lower the learning rate, or use leaky_relu / elu.',
    },
    schema: {
      type: 'object',
      properties: {
        maxLearningRate: {
          type: 'object',
          properties: {
            sgd: { type: 'number', exclusiveMinimum: 0 },
            adam: { type: 'number', exclusiveMinimum: 0 },
            rmsprop: { type: 'number', exclusiveMinimum: 0 },
            adagrad: { type: 'number', exclusiveMinimum: 0 },
            adadelta: { type: 'number', exclusiveMinimum: 0 },
            adamw: { type: 'number', exclusiveMinimum: 0 },
            nadam: { type: 'number', exclusiveMinimum: 0 },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { maxLearningRate: { sgd: 0.1, adam: 0.01, rmsprop: 0.01, adagrad: 0.5, adadelta: 10, adamw: 0.01, nadam: 0.01 } },
  },
  (context) => {
    const { network } = context;
    const optimizer = network.train.optimizer;
    const max = context.options.maxLearningRate[optimizer.name];
    if (!(optimizer.learningRate > max)) return;
    const relu = hiddenActivationLayers(network).filter((l) => 'activation' in l && l.activation.name === 'relu');
    if (relu.length === 0) return;
    context.report({
      messageId: 'high',
      data: { rate: optimizer.learningRate, optimizer: optimizer.name, max, count: relu.length },
      range: learningRateRange(network),
      related: [{ range: relu[0]!.origin.range, message: `${relu[0]!.name} is a plain relu hidden layer` }],
    });
  },
);
