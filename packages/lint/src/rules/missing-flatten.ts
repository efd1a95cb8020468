import { predecessors, type LayerKind, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import { insertLineAbove, literalValue, namedArg, removeArg } from '../edits.js';
import { isRecurrent } from '../facts.js';
import { defineRule, fix } from '../rule-kit.js';
import type { TextEdit } from '../types.js';

/** Layers that keep a feature map's or a sequence's axes: zero_padding2d only widens them. (Global pools end them: they output vectors.) */
const PASS_THROUGH: ReadonlySet<LayerKind> = new Set<LayerKind>(['dropout', 'batch_norm', 'activation', 'merge', 'zero_padding2d']);
const SPATIAL: ReadonlySet<LayerKind> = new Set<LayerKind>(['conv2d', 'max_pool2d', 'avg_pool2d']);
/** Layers that output `[steps, channels]`; a recurrent layer does when it returns its sequences. */
const SEQUENCE: ReadonlySet<LayerKind> = new Set<LayerKind>(['conv1d', 'max_pool1d', 'avg_pool1d', 'embedding']);

function isSequenceOutput(layer: ResolvedLayer): boolean {
  return SEQUENCE.has(layer.kind) || (isRecurrent(layer) && layer.returnSequences);
}

/** dense on an image- or sequence-shaped tensor works per position, not on the whole feature map or sequence. */
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
      perStep:
        '{{layer}} receives the {{shape}} output of {{previous}}; dense acts on the last axis only, so it runs once per step and the network outputs {{output}}, one prediction per step instead of one per sample. Add global_max_pool1d() (or flatten()) before it.',
      keptSequence:
        '{{previous}} has return_sequences: true, so {{layer}} receives all {{steps}} steps ({{shape}}); dense acts on the last axis only, so it runs once per step and the network outputs {{output}}, one prediction per step instead of one per sample. Drop return_sequences from the last recurrent layer (or pool the steps before dense).',
    },
  },
  (context) => {
    const { network } = context;
    for (const layer of network.layers) {
      if (layer.kind !== 'dense' || layer.inputShape.length < 2) continue;
      const previous = source(network, layer);
      if (!previous) continue;
      const shape = `[${layer.inputShape.join(', ')}]`;
      const related = [{ range: previous.origin.range, message: `${previous.name} outputs [${previous.outputShape.join(', ')}]` }];
      const insertFlatten = layer.origin.chain.length === 0 ? insertLineAbove(context.text, layer.origin.range, 'flatten()') : undefined;
      if (SPATIAL.has(previous.kind)) {
        context.report({
          messageId: 'noFlatten',
          data: { layer: layer.name, previous: previous.name, shape },
          layer,
          range: layer.origin.range,
          related,
          fix: fix('insert flatten()', insertFlatten),
        });
        continue;
      }
      // A dense per step is a pattern of its own (Keras's TimeDistributed) when the steps are meant to
      // reach the output; the tasks predict one value per sample, so it is a mistake when they do.
      if (network.outputShape.length < 2) continue;
      const output = `[${network.outputShape.join(', ')}]`;
      if (isRecurrent(previous)) {
        context.report({
          messageId: 'keptSequence',
          data: { layer: layer.name, previous: previous.name, shape, steps: layer.inputShape[0]!, output },
          layer,
          range: layer.origin.range,
          related,
          fix: fix('drop return_sequences', dropReturnSequences(previous)),
        });
      } else {
        context.report({
          messageId: 'perStep',
          data: { layer: layer.name, previous: previous.name, shape, output },
          layer,
          range: layer.origin.range,
          related,
          fix: fix('insert global_max_pool1d()', layer.origin.chain.length === 0 ? insertLineAbove(context.text, layer.origin.range, 'global_max_pool1d()') : undefined),
        });
      }
    }
  },
);

/** Removes a literal `return_sequences: true` from a recurrent layer written outside any repeat or block. */
function dropReturnSequences(layer: ResolvedLayer): TextEdit | undefined {
  if (layer.origin.chain.length > 0) return undefined;
  const arg = namedArg(layer.origin.node, 'return_sequences');
  if (!arg || !literalValue(layer, arg)) return undefined;
  return removeArg(layer.origin.node, arg);
}

/**
 * The convolution, pooling, embedding or sequence-returning recurrent layer whose output reaches
 * `layer`, walking back through the layers it reads and any pass-through layers (dropout,
 * batch_norm, activation, merges, zero_padding2d) before them.
 */
function source(network: ResolvedNetwork, layer: ResolvedLayer): ResolvedLayer | undefined {
  const seen = new Set<ResolvedLayer>();
  const stack = [...predecessors(network, layer)].reverse();
  while (stack.length > 0) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (SPATIAL.has(p.kind) || isSequenceOutput(p)) return p;
    if (PASS_THROUGH.has(p.kind)) stack.push(...[...predecessors(network, p)].reverse());
  }
  return undefined;
}
