import { outputLayer, predecessors, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import { activationOf, hiddenActivationLayers } from '../facts.js';
import { activationSourceRange, defineRule } from '../rule-kit.js';

export interface SaturatingDeepStackOptions {
  /** Flag a network when at least this many hidden layers use the function. */
  depth: { sigmoid: number; tanh: number };
}

/**
 * Default depths. sigmoid: measured — at 6 stacked layers the first/last gradient-norm ratio at
 * step 0 drops below 1e-3 (docs/calibration.md, bench/calibrate-saturation.mjs). tanh: a style
 * limit — with the default init its ratio stays near 1 up to depth 20; it fails by saturating
 * during training instead (see docs/rules/saturating-deep-stack.md, "Calibration").
 */
export const DEFAULT_SATURATING_DEPTH = { sigmoid: 6, tanh: 6 } as const;

/** The activations with a depth option: the catalog's saturating family (a test checks they agree). */
export const SATURATING_OPTIONS = Object.keys(DEFAULT_SATURATING_DEPTH) as (keyof typeof DEFAULT_SATURATING_DEPTH)[];

/** Gradients through sigmoid/tanh shrink at every layer; a deep stack of them barely trains its first layers. */
export default defineRule<SaturatingDeepStackOptions, 'deep'>(
  {
    id: 'saturating-deep-stack',
    type: 'problem',
    description: 'Many sigmoid or tanh hidden layers in a row make gradients vanish before they reach the first layers.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: false,
    messages: {
      deep:
        '{{count}} hidden layers apply {{activation}} ({{depth}} or more are flagged): its slope is at most {{slope}}, so the gradient shrinks at every layer and the first layers barely learn (vanishing gradients). Use relu or a relu variant in the hidden layers.',
    },
    schema: {
      type: 'object',
      properties: {
        depth: {
          type: 'object',
          properties: { sigmoid: { type: 'integer', minimum: 1 }, tanh: { type: 'integer', minimum: 1 } },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { depth: { ...DEFAULT_SATURATING_DEPTH } },
  },
  (context) => {
    const { network } = context;
    const hidden = hiddenActivationLayers(network);
    for (const fn of SATURATING_OPTIONS) {
      const depth = context.options.depth[fn];
      const saturating = hidden.filter((l) => activationOf(l)?.name === fn);
      if (saturating.length < depth) continue; // no path can cross more than all of them
      const layers = deepestGradientPath(network, new Set(saturating));
      if (layers.length < depth) continue;
      const first = layers[0]!;
      const last = layers[layers.length - 1]!;
      context.report({
        messageId: 'deep',
        data: { count: layers.length, activation: fn, depth, slope: fn === 'sigmoid' ? '0.25' : '1 (and far less once saturated)' },
        layers,
        range: activationSourceRange(first),
        related:
          last.origin.range.start.offset !== first.origin.range.start.offset
            ? [{ range: activationSourceRange(last), message: `the last ${fn} hidden layer (${last.name})` }]
            : [],
      });
    }
  },
);

/**
 * How deep the gradient must go through `marked` layers. A gradient reaches each layer along every
 * path from the output and is weakened by each marked layer it crosses, so what a layer receives is
 * set by the path that crosses the fewest. This returns the marked layers on that path for the
 * layer where that fewest is largest, in index order. On a plain stack it is every marked layer; a
 * shortcut around part of a stack shortens it.
 */
export function deepestGradientPath(network: ResolvedNetwork, marked: ReadonlySet<ResolvedLayer>): ResolvedLayer[] {
  const layers = network.layers;
  const output = outputLayer(network);
  if (!output) return [];
  const crossed = new Array<number>(layers.length).fill(Infinity);
  const toward = new Array<number>(layers.length).fill(-1);
  crossed[output.index] = marked.has(output) ? 1 : 0;
  // Every reader of a layer has a larger index, so going down the indices settles each layer before its inputs.
  for (let i = layers.length - 1; i >= 0; i--) {
    const c = crossed[i]!;
    if (c === Infinity) continue;
    for (const p of predecessors(network, layers[i]!)) {
      const through = c + (marked.has(p) ? 1 : 0);
      if (through < crossed[p.index]!) {
        crossed[p.index] = through;
        toward[p.index] = i;
      }
    }
  }
  let deepest = -1;
  for (let i = 0; i < layers.length; i++) if (crossed[i]! !== Infinity && (deepest < 0 || crossed[i]! > crossed[deepest]!)) deepest = i;
  const path: ResolvedLayer[] = [];
  for (let i = deepest; i >= 0; i = toward[i]!) if (marked.has(layers[i]!)) path.push(layers[i]!);
  return path;
}
