import type { ResolvedNetwork } from '@axon/language';
import { isWeighted } from '../facts.js';
import { defineRule } from '../rule-kit.js';
import { deepestGradientPath } from './saturating-deep-stack.js';

export interface DeepPlainStackOptions {
  /** Flag a network when a gradient must cross at least this many weighted layers to reach one of them. */
  depth: number;
}

/**
 * He et al. 2016 (Deep Residual Learning), CIFAR-10: the plain 20-layer net is the best of the plain
 * nets; at 32, 44 and 56 weighted layers training and test error rise (the degradation problem), and the
 * same depths with identity shortcuts improve instead. ImageNet: plain-34 is worse than plain-18.
 * 20 is the deepest plain net the paper shows training well, so 21 or more is flagged.
 */
export const DEFAULT_PLAIN_DEPTH = 21;

/**
 * The weighted layers a gradient must cross to reach the layer deepest behind them, along the path
 * that crosses the fewest (a shortcut or an empty branch crosses none): on a plain stack every
 * weighted layer; in a ResNet the layers of one block plus the projections and the stem.
 */
export function plainDepthPath(network: ResolvedNetwork) {
  return deepestGradientPath(network, new Set(network.layers.filter(isWeighted)));
}

/** Without skip connections, past about 20 weighted layers deeper nets train to a higher error. */
export default defineRule<DeepPlainStackOptions, 'plain'>(
  {
    id: 'deep-plain-stack',
    type: 'suggestion',
    description: 'A gradient must cross many weighted layers with no skip connection around them: deep plain stacks train worse than shallower ones.',
    defaultSeverity: 'info',
    recommended: true,
    fixable: false,
    messages: {
      plain:
        'A gradient must cross {{count}} weighted layers (from {{first}} to {{last}}) with no skip connection around any of them ({{depth}} or more are flagged). Plain stacks this deep train to a higher error than shallower ones (the degradation problem, He et al. 2016); wrap groups of two or three layers in `residual { }` blocks so every layer has a short path to the output.',
    },
    schema: {
      type: 'object',
      properties: { depth: { type: 'integer', minimum: 2 } },
      additionalProperties: false,
    },
    defaultOptions: { depth: DEFAULT_PLAIN_DEPTH },
  },
  (context) => {
    const { network } = context;
    const path = plainDepthPath(network);
    if (path.length < context.options.depth) return;
    const first = path[0]!;
    const last = path[path.length - 1]!;
    context.report({
      messageId: 'plain',
      data: { count: path.length, first: first.name, last: last.name, depth: context.options.depth },
      layers: path,
      range: first.origin.range,
      related:
        last.origin.range.start.offset !== first.origin.range.start.offset
          ? [{ range: last.origin.range, message: `the last weighted layer on the path (${last.name})` }]
          : [],
    });
  },
);
