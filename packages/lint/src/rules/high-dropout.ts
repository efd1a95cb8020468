import { argOf } from '../edits.js';
import { defineRule } from '../rule-kit.js';

export interface HighDropoutOptions {
  /** Rates above this are flagged. */
  maxRate: number;
}

/** Dropping most units at every step leaves too little signal to learn from. */
export default defineRule<HighDropoutOptions, 'high'>(
  {
    id: 'high-dropout',
    type: 'suggestion',
    description: 'A dropout rate above 0.5 throws away most of the signal at every training step.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: false,
    messages: {
      high:
        'dropout({{rate}}) zeroes {{percent}}% of the units at every training step (more than {{max}}): the layers after it see too little signal, training slows and the network tends to underfit. Rates of 0.1–0.5 are usual.',
    },
    schema: {
      type: 'object',
      properties: { maxRate: { type: 'number', minimum: 0, maximum: 1 } },
      additionalProperties: false,
    },
    defaultOptions: { maxRate: 0.5 },
  },
  (context) => {
    const max = context.options.maxRate;
    for (const layer of context.network.layers) {
      if (layer.kind !== 'dropout' || !(layer.rate > max)) continue;
      const arg = argOf(layer.origin.node, 'rate', 0);
      context.report({
        messageId: 'high',
        data: { rate: layer.rate, percent: Math.round(layer.rate * 1000) / 10, max },
        layer,
        range: arg?.range ?? layer.origin.range,
      });
    }
  },
);
