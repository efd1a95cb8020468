import { successors, type LayerKind, type MergeMode, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import { activationOf, isNonLinear, isRecurrent, isWeighted, layerRange } from '../facts.js';
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
      intoRecurrent:
        '{{layer}} has no activation and feeds the recurrent layer {{next}} with nothing non-linear in between; {{next}} first multiplies each step by its input kernel, a linear map, so {{layer}} folds into that kernel: it adds parameters but no expressive power. Give it an activation such as relu, or remove it.',
    },
  },
  (context) => {
    const { network } = context;
    for (const layer of network.layers) {
      if (!isWeighted(layer) || isNonLinear(layer.activation)) continue;
      const found = nextWeightedLinearly(network, layer);
      if (!found) continue;
      const { next, merge } = found;
      const through = merge ? ` through the ${merge.mode} merge` : '';
      context.report({
        messageId: isRecurrent(next) ? 'intoRecurrent' : 'collapse',
        data: { layer: layer.name, next: next.name },
        layer,
        range: layer.origin.range,
        related: [
          { range: next.origin.range, message: `${next.name} follows${through} with no non-linearity in between` },
          ...(merge?.origin.construct ? [{ range: layerRange(merge), message: `the ${merge.origin.construct.kind === 'Residual' ? 'residual' : 'parallel'} whose ${merge.name} it goes through` }] : []),
        ],
      });
    }
  },
);

const MAX_POOLS: ReadonlySet<LayerKind> = new Set<LayerKind>(['max_pool1d', 'max_pool2d', 'global_max_pool1d', 'global_max_pool2d']);

/** Merges that are linear in each input: a linear map before them still composes with the one after. */
const LINEAR_MERGES: ReadonlySet<MergeMode> = new Set<MergeMode>(['add', 'concat', 'average']);

/** True when a layer (not weighted) passes its input on linearly: dropout, batch_norm, flatten, a linear activation, … */
function passesLinearly(layer: ResolvedLayer): boolean {
  if (isNonLinear(activationOf(layer))) return false; // an activation() layer
  if (MAX_POOLS.has(layer.kind)) return false; // max is not linear
  if (layer.kind === 'merge') return LINEAR_MERGES.has(layer.mode);
  return true;
}

/**
 * The weighted or recurrent layer (the first by index) that `layer`'s output reaches along some path of
 * successors with nothing non-linear in between, and the first merge on that path if any;
 * undefined when every path meets a non-linearity or ends at the output.
 */
function nextWeightedLinearly(
  network: ResolvedNetwork,
  layer: ResolvedLayer,
): { next: ResolvedLayer; merge?: Extract<ResolvedLayer, { kind: 'merge' }> } | undefined {
  let found: { next: ResolvedLayer; merge?: Extract<ResolvedLayer, { kind: 'merge' }> } | undefined;
  const seen = new Set<ResolvedLayer>();
  const stack: [ResolvedLayer, Extract<ResolvedLayer, { kind: 'merge' }> | undefined][] = successors(network, layer).map((s) => [s, undefined]);
  while (stack.length > 0) {
    const [next, merge] = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    if (isWeighted(next) || isRecurrent(next)) {
      if (!found || next.index < found.next.index) found = merge ? { next, merge } : { next };
    } else if (passesLinearly(next)) {
      const via = merge ?? (next.kind === 'merge' ? next : undefined);
      for (const s of successors(network, next)) stack.push([s, via]);
    }
  }
  return found;
}
