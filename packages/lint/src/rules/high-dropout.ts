import { argOf, namedArg } from '../edits.js';
import { isRecurrent } from '../facts.js';
import { defineRule } from '../rule-kit.js';

export interface HighDropoutOptions {
  /** Rates above this are flagged. */
  maxRate: number;
}

/** Dropping most units at every step leaves too little signal to learn from. */
export default defineRule<HighDropoutOptions, 'high' | 'recurrent'>(
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
      recurrent:
        '{{arg}}: {{rate}} drops {{percent}}% of {{what}} of {{layer}} at every training step (more than {{max}}): too little signal is left to learn from, and the network tends to underfit. Rates of 0.1–0.5 are usual.',
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
      if (isRecurrent(layer)) {
        // A recurrent layer's own dropout (of its inputs) and recurrent_dropout (of its state).
        for (const [arg, rate, what] of [
          ['dropout', layer.dropout, 'the inputs'],
          ['recurrent_dropout', layer.recurrentDropout, 'the recurrent state'],
        ] as const) {
          if (!(rate > max)) continue;
          context.report({
            messageId: 'recurrent',
            data: { arg, rate, percent: Math.round(rate * 1000) / 10, what, layer: layer.name, max },
            layer,
            range: namedArg(layer.origin.node, arg)?.range ?? layer.origin.range,
          });
        }
        continue;
      }
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
