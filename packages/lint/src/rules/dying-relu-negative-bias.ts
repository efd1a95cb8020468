import { isWeighted } from '../facts.js';
import { literalValue, namedArg, replace } from '../edits.js';
import { defineRule, fix } from '../rule-kit.js';

/** A negative starting bias pushes relu units below zero before they learn anything. */
export default defineRule(
  {
    id: 'dying-relu-negative-bias',
    type: 'problem',
    description: 'A relu layer whose biases start at a negative constant begins with many units already dead.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: true,
    messages: {
      negative:
        'bias_init: constant({{value}}) starts every relu unit of {{layer}} with a negative offset, so many units output 0 for every input from the first step; their gradient is 0 and they may never recover ("dying relu"). Start biases at zeros (or a small positive constant).',
    },
  },
  (context) => {
    for (const layer of context.network.layers) {
      if (!isWeighted(layer)) continue;
      if (layer.activation.name !== 'relu' || !layer.useBias) continue; // use_bias: false has no biases to start negative
      if (layer.biasInit.name !== 'constant' || !(layer.biasInit.value < 0)) continue;
      const arg = namedArg(layer.origin.node, 'bias_init');
      const value = literalValue(layer, arg);
      context.report({
        messageId: 'negative',
        data: { value: layer.biasInit.value, layer: layer.name },
        layer,
        range: arg?.range ?? layer.origin.range,
        fix: value ? fix('start biases at zeros', replace(value.range, 'zeros')) : undefined,
      });
    }
  },
);
