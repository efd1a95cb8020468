import { ACTIVATIONS, predecessors, successors, type ResolvedLayer } from '@axon/language';
import { activationOf, isWeighted } from '../facts.js';
import { namedArg, setNamedArg } from '../edits.js';
import { defineRule, fix } from '../rule-kit.js';

/** The initialiser selu self-normalises with (lecun_normal), from the catalog. */
const SELU_INIT = ACTIVATIONS.selu.recommendedInit;

/** selu only self-normalises with lecun_normal weights and nothing that resets its statistics next to it. */
export default defineRule(
  {
    id: 'selu-requirements',
    type: 'problem',
    description: 'selu self-normalises only with lecun_normal initialisation and without plain dropout or batch_norm beside it.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: true,
    messages: {
      init:
        'selu keeps activations at mean 0 and variance 1 only when the weights start with lecun_normal (variance 1/fan_in); with {{init}} that self-normalising property is lost. Use init: lecun_normal.',
      dropout:
        'Plain dropout next to a selu layer ({{selu}}) sets units to 0 and rescales the rest, which shifts the mean and variance selu is keeping at 0 and 1. Remove it (or use alpha dropout, which Axon does not have yet).',
      batchNorm:
        'batch_norm next to a selu layer ({{selu}}) re-normalises what selu already normalises by itself; it adds cost and undoes the self-normalising design. Use one or the other.',
    },
  },
  (context) => {
    const { network } = context;
    for (const layer of network.layers) {
      if (activationOf(layer)?.name !== 'selu') continue;
      if (isWeighted(layer) && layer.init.name !== SELU_INIT) {
        const arg = namedArg(layer.origin.node, 'init');
        context.report({
          messageId: 'init',
          data: { init: layer.init.name },
          layer,
          range: arg?.range ?? layer.origin.range,
          fix: fix(`use ${SELU_INIT}`, setNamedArg(layer, 'init', SELU_INIT)),
        });
      }
      // The layers it reads and the layers that read it.
      const neighbours: ResolvedLayer[] = [...predecessors(network, layer), ...successors(network, layer)];
      for (const n of neighbours) {
        if (n.kind !== 'dropout' && n.kind !== 'batch_norm') continue;
        context.report({
          messageId: n.kind === 'dropout' ? 'dropout' : 'batchNorm',
          data: { selu: layer.name },
          layer: n,
          range: n.origin.range,
          related: [{ range: layer.origin.range, message: `${layer.name} applies selu` }],
        });
      }
    }
  },
);
