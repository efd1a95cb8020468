import { defineRule, learningRateRange } from '../rule-kit.js';

interface Bounds {
  min: number;
  max: number;
}
export interface LearningRateRangeOptions {
  sgd: Bounds;
  adam: Bounds;
  rmsprop: Bounds;
  adagrad: Bounds;
  adadelta: Bounds;
  adamw: Bounds;
  nadam: Bounds;
}

const bounds = {
  type: 'object',
  properties: { min: { type: 'number', exclusiveMinimum: 0 }, max: { type: 'number', exclusiveMinimum: 0 } },
  additionalProperties: false,
};

/** Each optimizer has a range of learning rates that train at all; outside it training diverges or stalls. */
export default defineRule<LearningRateRangeOptions, 'high' | 'low'>(
  {
    id: 'learning-rate-range',
    type: 'problem',
    description: 'The learning rate is outside the range that usually trains for its optimizer.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: false,
    messages: {
      high: 'A learning rate of {{rate}} is above {{max}}, the usual ceiling for {{optimizer}}: updates overshoot and the loss tends to oscillate or diverge.',
      low: 'A learning rate of {{rate}} is below {{min}}, the usual floor for {{optimizer}}: the weights barely move and training stalls.',
    },
    schema: {
      type: 'object',
      properties: { sgd: bounds, adam: bounds, rmsprop: bounds, adagrad: bounds, adadelta: bounds, adamw: bounds, nadam: bounds },
      additionalProperties: false,
    },
    defaultOptions: {
      sgd: { min: 1e-5, max: 0.5 },
      adam: { min: 1e-6, max: 0.01 },
      rmsprop: { min: 1e-6, max: 0.01 },
      // Adagrad's accumulated squares shrink its steps, so it takes larger rates (0.01–0.1 are common).
      adagrad: { min: 1e-5, max: 0.5 },
      // Adadelta's paper uses 1.0 (its step is a ratio of running averages); Keras's default is 1e-3.
      adadelta: { min: 1e-4, max: 10 },
      adamw: { min: 1e-6, max: 0.01 },
      nadam: { min: 1e-6, max: 0.01 },
    },
  },
  (context) => {
    const { network } = context;
    const optimizer = network.train.optimizer;
    const { min, max } = context.options[optimizer.name];
    const rate = optimizer.learningRate;
    if (rate > max) {
      context.report({ messageId: 'high', data: { rate, max, optimizer: optimizer.name }, range: learningRateRange(network) });
    } else if (rate < min) {
      context.report({ messageId: 'low', data: { rate, min, optimizer: optimizer.name }, range: learningRateRange(network) });
    }
  },
);
