import { insertLineAbove } from '../edits.js';
import { defineRule, fix } from '../rule-kit.js';

const PASS_THROUGH = new Set(['dropout', 'batch_norm', 'activation']);

/** dense on an image-shaped tensor works per pixel, not on the whole feature map. */
export default defineRule(
  {
    id: 'missing-flatten',
    type: 'problem',
    description: 'A dense layer directly after a convolution or pooling layer, without flatten().',
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    messages: {
      noFlatten:
        '{{layer}} receives the {{shape}} output of {{previous}}; dense acts on the last axis only, so it mixes the channels of each position separately and the spatial shape survives to the output. Add flatten() before it.',
    },
  },
  (context) => {
    const layers = context.network.layers;
    for (let i = 1; i < layers.length; i++) {
      const layer = layers[i]!;
      if (layer.kind !== 'dense' || layer.inputShape.length < 2) continue;
      let j = i - 1;
      while (j > 0 && PASS_THROUGH.has(layers[j]!.kind)) j--;
      const previous = layers[j]!;
      if (previous.kind !== 'conv2d' && previous.kind !== 'max_pool2d' && previous.kind !== 'avg_pool2d') continue;
      context.report({
        messageId: 'noFlatten',
        data: { layer: layer.name, previous: previous.name, shape: `[${layer.inputShape.join(', ')}]` },
        layer,
        range: layer.origin.range,
        related: [{ range: previous.origin.range, message: `${previous.name} outputs [${previous.outputShape.join(', ')}]` }],
        fix: layer.origin.chain.length === 0 ? fix('insert flatten()', insertLineAbove(context.text, layer.origin.range, 'flatten()')) : undefined,
      });
    }
  },
);
