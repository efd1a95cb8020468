import { isWeighted } from '../facts.js';
import { namedArg, setNamedArg } from '../edits.js';
import { suggestedInit } from '../vocabulary.js';
import { defineRule, fix } from '../rule-kit.js';

/** Units that start with identical weights get identical gradients and stay identical. */
export default defineRule(
  {
    id: 'constant-weight-init',
    type: 'problem',
    description: 'Weights initialised to a constant: every unit of the layer computes and learns the same thing.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    messages: {
      constant:
        'init: {{init}} gives every unit of {{layer}} the same weights, so they all compute the same output and receive the same gradient: the symmetry is never broken and the layer behaves like a single unit. Use a random initialiser such as {{suggested}}.',
    },
  },
  (context) => {
    for (const layer of context.network.layers) {
      if (!isWeighted(layer)) continue;
      if (layer.init.name !== 'zeros' && layer.init.name !== 'ones' && layer.init.name !== 'constant') continue;
      const suggested = suggestedInit(layer.activation.name);
      const arg = namedArg(layer.origin.node, 'init');
      const initText = layer.init.name === 'constant' ? `constant(${layer.init.value})` : layer.init.name;
      context.report({
        messageId: 'constant',
        data: { init: initText, layer: layer.name, suggested },
        layer,
        range: arg?.range ?? layer.origin.range,
        fix: fix(`use ${suggested}`, setNamedArg(layer, 'init', suggested)),
      });
    }
  },
);
