import { predecessors, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import { outputProducing } from '../facts.js';
import { defineRule, taskRelated, taskText } from '../rule-kit.js';

export interface NarrowBottleneckOptions {
  /** Flag a network when its deepest path crosses at least this many hidden dense layers, all of them narrow. */
  minDepth: number;
  /** Judge only inputs of at most this many features. */
  maxInputs: number;
}

/**
 * The theorem holds in any dimension, but it bites on low-dimensional inputs, where a class enclosed
 * by another (circles, spirals, XOR-like blobs) is the typical geometry. High-dimensional real data lies
 * near a much lower-dimensional manifold and layers narrower than the input are the usual design
 * (an MNIST 784 → 128 → 64 → 32 MLP reaches 97 %), so inputs wider than 8 are not judged.
 */
export const DEFAULT_NARROW_MAX_INPUTS = 8;

/**
 * Johnson (ICLR 2019) proves the width ≤ input dimension limit for any depth; with one or two hidden
 * layers a network is rarely "deep" in his sense and the too-narrow layer is more often a deliberate
 * bottleneck, so 3 hidden layers on the deepest path are the default.
 */
export const DEFAULT_NARROW_DEPTH = 3;

/**
 * The layers of a plain fully connected classifier, where width is a number of units. Convolutions,
 * pools, embeddings and recurrent layers measure width otherwise (channels, positions, states), so a
 * network with one is not judged; nor one with an element-wise merge: a residual sum carries the input
 * around the narrow layers, and ResNets with one-unit layers are universal (Lin & Jegelka 2018).
 */
const PLAIN = new Set(['dense', 'dropout', 'batch_norm', 'activation', 'flatten']);
const plainLayer = (l: ResolvedLayer) => PLAIN.has(l.kind) || (l.kind === 'merge' && l.mode === 'concat');

/** Hidden dense layers on the deepest path from the input to each layer (a DP over the graph). */
function deepestHiddenPath(network: ResolvedNetwork, hidden: (l: ResolvedLayer) => boolean): ResolvedLayer[] {
  const best: ResolvedLayer[][] = [];
  for (const layer of network.layers) {
    let longest: ResolvedLayer[] = [];
    for (const p of predecessors(network, layer)) if (best[p.index]!.length > longest.length) longest = best[p.index]!;
    best[layer.index] = hidden(layer) ? [...longest, layer] : longest;
  }
  return best.reduce((a, b) => (b.length > a.length ? b : a), [] as ResolvedLayer[]);
}

/** Narrow hidden layers cannot enclose a bounded decision region, however many there are. */
export default defineRule<NarrowBottleneckOptions, 'narrow'>(
  {
    id: 'narrow-bottleneck',
    type: 'problem',
    description: 'Every hidden layer of a deep classifier is no wider than the input: it cannot enclose a bounded decision region, however deep.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: false,
    messages: {
      narrow:
        'Every hidden layer of this {{task}} network is at most {{width}} wide, no wider than its {{inputs}}-dimensional input ({{count}} hidden layers on the deepest path). A network this narrow cannot enclose a bounded region of the input space however deep it is (Johnson 2019), so a class surrounded by another cannot be separated; more depth will not help. Make the hidden layers wider than {{inputs}} (e.g. {{suggested}} units).',
    },
    schema: {
      type: 'object',
      properties: { minDepth: { type: 'integer', minimum: 1 }, maxInputs: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    },
    defaultOptions: { minDepth: DEFAULT_NARROW_DEPTH, maxInputs: DEFAULT_NARROW_MAX_INPUTS },
  },
  (context) => {
    const { network } = context;
    const task = network.task?.kind;
    if (!task || task === 'regression') return;
    // A flat input of d features: the theorem's setting. Images and sequences are out of scope.
    if (network.input.length !== 1) return;
    const inputs = network.input[0]!;
    if (inputs > context.options.maxInputs) return;
    if (!network.layers.every(plainLayer)) return;
    const producing = outputProducing(network);
    const hiddenLayers = network.layers.filter((l) => !producing[l.index]);
    // Every hidden layer, on every path (a concat of narrow branches can be wide), at most d wide.
    const widths = hiddenLayers.map((l) => l.outputShape[l.outputShape.length - 1] ?? 0);
    if (hiddenLayers.length === 0 || widths.some((w) => w > inputs)) return;
    const path = deepestHiddenPath(network, (l) => l.kind === 'dense' && !producing[l.index]);
    if (path.length < context.options.minDepth) return;
    context.report({
      messageId: 'narrow',
      data: { task: taskText(network), width: Math.max(...widths), inputs, count: path.length, suggested: Math.max(2 * inputs, 16) },
      layers: path,
      range: path[0]!.origin.range,
      related: [...(network.inputRange ? [{ range: network.inputRange, message: `the input has ${inputs} features` }] : []), ...taskRelated(network)],
    });
  },
);
