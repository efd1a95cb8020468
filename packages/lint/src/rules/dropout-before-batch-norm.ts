import { defineRule } from '../rule-kit.js';

/** Dropout changes activation statistics between training and inference; batch_norm right after it learns the wrong ones. */
export default defineRule(
  {
    id: 'dropout-before-batch-norm',
    type: 'problem',
    description: 'dropout directly before batch_norm makes its statistics differ between training and inference.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: false,
    messages: {
      before:
        'dropout right before batch_norm: during training batch_norm learns the mean and variance of dropped-out, rescaled activations, but at inference dropout is off and the variance it sees is different ("variance shift"). Put batch_norm first, or the dropout after the next weighted layer.',
    },
  },
  (context) => {
    const layers = context.network.layers;
    for (let i = 0; i + 1 < layers.length; i++) {
      const layer = layers[i]!;
      const next = layers[i + 1]!;
      if (layer.kind !== 'dropout' || next.kind !== 'batch_norm') continue;
      context.report({
        messageId: 'before',
        layer,
        range: layer.origin.range,
        related: [{ range: next.origin.range, message: `${next.name} follows directly` }],
      });
    }
  },
);
