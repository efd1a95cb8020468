import { predecessors, type LayerKind, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import { insertLineAbove } from '../edits.js';
import { defineRule, fix } from '../rule-kit.js';

/** Layers that keep a feature map's spatial axes: zero_padding2d only widens them. (Global pools end them: they output vectors.) */
const PASS_THROUGH: ReadonlySet<LayerKind> = new Set<LayerKind>(['dropout', 'batch_norm', 'activation', 'merge', 'zero_padding2d']);
const SPATIAL: ReadonlySet<LayerKind> = new Set<LayerKind>(['conv2d', 'max_pool2d', 'avg_pool2d']);

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
    const { network } = context;
    for (const layer of network.layers) {
      if (layer.kind !== 'dense' || layer.inputShape.length < 2) continue;
      const previous = spatialSource(network, layer);
      if (!previous) continue;
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

/**
 * The convolution or pooling layer whose feature map reaches `layer`, walking back through the
 * layers it reads and any pass-through layers (dropout, batch_norm, activation, merges, zero_padding2d) before them.
 */
function spatialSource(network: ResolvedNetwork, layer: ResolvedLayer): ResolvedLayer | undefined {
  const seen = new Set<ResolvedLayer>();
  const stack = [...predecessors(network, layer)].reverse();
  while (stack.length > 0) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (SPATIAL.has(p.kind)) return p;
    if (PASS_THROUGH.has(p.kind)) stack.push(...[...predecessors(network, p)].reverse());
  }
  return undefined;
}
