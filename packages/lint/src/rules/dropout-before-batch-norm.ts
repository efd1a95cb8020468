import { successors } from '@axon/language';
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
    const { network } = context;
    for (const layer of network.layers) {
      if (layer.kind !== 'dropout') continue;
      // Each batch_norm that reads this dropout's output (one finding per dropout).
      const next = successors(network, layer).filter((s) => s.kind === 'batch_norm');
      if (next.length === 0) continue;
      context.report({
        messageId: 'before',
        layer,
        range: layer.origin.range,
        related: next.map((n) => ({ range: n.origin.range, message: `${n.name} follows directly` })),
      });
    }
  },
);
