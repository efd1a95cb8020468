import { activationOf, outputOf } from '../facts.js';
import { activationSourceRange, defineRule, fix, setActivation } from '../rule-kit.js';

/** softmax normalises over the units of a layer; over one unit the answer is always 1. */
export default defineRule(
  {
    id: 'softmax-single-unit',
    type: 'problem',
    description: 'softmax over a single unit always outputs 1, whatever its input.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    messages: {
      single:
        'softmax over a single unit always outputs exactly 1 (e^x / e^x), so the output never depends on the input and nothing is learned. For one probability use sigmoid; for N classes use N units.',
    },
  },
  (context) => {
    const { network } = context;
    const output = outputOf(network);
    for (const layer of network.layers) {
      if (activationOf(layer)?.name !== 'softmax') continue;
      const shape = layer.outputShape;
      if (shape[shape.length - 1] !== 1) continue;
      const isOutput = output?.activationLayer === layer;
      const binary = network.task?.kind === 'binary_classification';
      context.report({
        messageId: 'single',
        layer,
        range: activationSourceRange(layer),
        fix: isOutput && binary ? fix('use sigmoid', setActivation(layer, 'sigmoid')) : undefined,
      });
    }
  },
);
