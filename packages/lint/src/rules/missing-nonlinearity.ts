import { activationOf, isNonLinear, isWeighted } from '../facts.js';
import { defineRule } from '../rule-kit.js';

/** Two linear maps in a row are one linear map: the extra layer adds parameters, not power. */
export default defineRule(
  {
    id: 'missing-nonlinearity',
    type: 'problem',
    description: 'Two weighted layers with no non-linearity between them collapse into a single linear map.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: false,
    messages: {
      collapse:
        '{{layer}} has no activation and feeds {{next}} with nothing non-linear in between, so the two collapse into one linear map: this layer adds parameters but no expressive power. Give it an activation such as relu.',
    },
  },
  (context) => {
    const layers = context.network.layers;
    for (let i = 0; i < layers.length; i++) {
      const layer = layers[i]!;
      if (!isWeighted(layer) || isNonLinear(layer.activation)) continue;
      for (let j = i + 1; j < layers.length; j++) {
        const next = layers[j]!;
        if (isNonLinear(activationOf(next)) && !isWeighted(next)) break; // an activation() layer
        if (next.kind === 'max_pool2d') break; // max is not linear
        if (!isWeighted(next)) continue;
        context.report({
          messageId: 'collapse',
          data: { layer: layer.name, next: next.name },
          layer,
          range: layer.origin.range,
          related: [{ range: next.origin.range, message: `${next.name} follows with no non-linearity in between` }],
        });
        break;
      }
    }
  },
);
