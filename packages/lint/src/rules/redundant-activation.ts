import { activationText, singlePredecessor } from '@axon/language';
import { activationOf, isNonLinear, outputOf } from '../facts.js';
import { defineRule } from '../rule-kit.js';

/** Two activations in a row compose into a function neither was chosen for. */
export default defineRule(
  {
    id: 'redundant-activation',
    type: 'problem',
    description: 'An activation() layer right after a layer that already applies a non-linear activation.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: false,
    messages: {
      stacked:
        '{{layer}} applies {{second}} to the output of {{previous}}, which already applies {{first}}: the two compose into {{second}}({{first}}(x)), which neither choice intended. Keep one activation.',
      beforeSoftmax:
        'The output already applies {{first}} before this softmax: the class scores are squashed (or clipped) first, so softmax only sees a narrow range and its probabilities stay close to uniform. Make {{previous}} linear and let softmax turn its scores into probabilities.',
    },
  },
  (context) => {
    const { network } = context;
    const output = outputOf(network);
    for (const layer of network.layers) {
      if (layer.kind !== 'activation' || !isNonLinear(layer.activation)) continue;
      // An activation() layer reads one layer; a merge before it applies no activation.
      const previous = singlePredecessor(network, layer);
      if (!previous) continue;
      const first = activationOf(previous);
      if (!first || !isNonLinear(first)) continue;
      const beforeSoftmax = layer.activation.name === 'softmax' && output?.activationLayer === layer;
      context.report({
        messageId: beforeSoftmax ? 'beforeSoftmax' : 'stacked',
        data: { layer: layer.name, previous: previous.name, first: activationText(first), second: activationText(layer.activation) },
        layer,
        range: layer.origin.range,
        related: [{ range: previous.origin.range, message: `${previous.name} already applies ${first.name}` }],
      });
    }
  },
);
