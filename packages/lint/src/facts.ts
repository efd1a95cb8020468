/**
 * Questions rules ask of a resolved network: activations, the output layer, hidden layers. The
 * network is walked as a graph (`@axon/language`'s helpers), never by list position.
 */
import { outputLayer, predecessors, singlePredecessor, type Activation, type Range, type RecurrentKind, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import { isRecurrentKind } from './vocabulary.js';

/** A kernel, then an activation on its output: the layers the activation rules judge. */
export type WeightedLayer = Extract<ResolvedLayer, { kind: 'dense' | 'conv1d' | 'conv2d' }>;
export type ActivationLayer = Extract<ResolvedLayer, { kind: 'activation' }>;
/** lstm, gru, simple_rnn. */
export type RecurrentLayer = Extract<ResolvedLayer, { kind: RecurrentKind }>;

/**
 * Where a finding about `layer` points by default: its source, or for a merge written as `residual`
 * or `parallel`, the construct's keyword (the merge's own range is the whole statement).
 */
export function layerRange(layer: ResolvedLayer): Range {
  return layer.kind === 'merge' && layer.origin.construct ? layer.origin.construct.keywordRange : layer.origin.range;
}

export function isWeighted(layer: ResolvedLayer): layer is WeightedLayer {
  return layer.kind === 'dense' || layer.kind === 'conv1d' || layer.kind === 'conv2d';
}

export function isRecurrent(layer: ResolvedLayer): layer is RecurrentLayer {
  return isRecurrentKind(layer.kind);
}

/**
 * Layers with weights of their own that are not a kernel-then-activation: the recurrent layers (their
 * `activation` works inside the cell, on the state, and their gates apply `recurrentActivation`) and
 * the embedding (a lookup table). They end the walks that look for the weighted layer behind an
 * output or a branch, and produce what they output, but they are not weighted layers in the rules' sense.
 */
export function isRecurrentOrEmbedding(layer: ResolvedLayer): boolean {
  return isRecurrent(layer) || layer.kind === 'embedding';
}

/**
 * The activation a layer applies to its output, if it is a kind that applies one: dense, conv1d,
 * conv2d and `activation()`. Not a recurrent layer's: tanh inside an LSTM's cell and sigmoid in its
 * gates are its design, not hidden-layer activations (the recurrent rules read them directly).
 */
export function activationOf(layer: ResolvedLayer): Activation | undefined {
  if (layer.kind === 'dense' || layer.kind === 'conv1d' || layer.kind === 'conv2d' || layer.kind === 'activation') return layer.activation;
  return undefined;
}

export function isNonLinear(activation: Activation | undefined): boolean {
  return activation !== undefined && activation.name !== 'linear';
}

export interface OutputInfo {
  /** The weighted layer nearest the output on its single-input tail (see `outputOf`). */
  weighted: WeightedLayer;
  /** The activation the network ends with: the weighted layer's, or a later non-linear `activation()` layer's. */
  activation: Activation;
  /** The layer that applies `activation` (the weighted layer or a stand-alone activation layer). */
  activationLayer: ResolvedLayer;
  /** Size of the last axis of the network's output. */
  units: number;
}

const outputCache = new WeakMap<ResolvedNetwork, OutputInfo | null>();

/**
 * What the network's output looks like: walking back from the output layer through single-input
 * layers (flatten, dropout, activation, …) to the first weighted layer. Undefined when that walk
 * reaches a merge, a recurrent layer, an embedding or the network's input first: then no one
 * weighted layer produces the output.
 */
export function outputOf(network: ResolvedNetwork): OutputInfo | undefined {
  const cached = outputCache.get(network);
  if (cached !== undefined) return cached ?? undefined;
  let result: OutputInfo | null = null;
  let activationAfter: ActivationLayer | undefined;
  for (let layer = outputLayer(network); layer; layer = singlePredecessor(network, layer)) {
    if (isWeighted(layer)) {
      const activationLayer: ResolvedLayer = activationAfter ?? layer;
      const activation = activationAfter ? activationAfter.activation : layer.activation;
      const shape = network.outputShape.length > 0 ? network.outputShape : layer.outputShape;
      const units = shape.length > 0 ? shape[shape.length - 1]! : layer.kind === 'dense' ? layer.units : layer.filters;
      result = { weighted: layer, activation, activationLayer, units };
      break;
    }
    if (isRecurrentOrEmbedding(layer)) break; // a recurrent layer or an embedding produces the output, not a weighted one
    // The activation nearest the output is the one the network ends with.
    if (!activationAfter && layer.kind === 'activation' && isNonLinear(layer.activation)) activationAfter = layer;
  }
  outputCache.set(network, result);
  return result ?? undefined;
}

export interface MergedOutput {
  /** The merge the output comes from, with no weighted layer after it. */
  merge: Extract<ResolvedLayer, { kind: 'merge' }>;
  /** A non-linear `activation()` layer between the merge and the output (the nearest the output), if any. */
  activation?: ActivationLayer;
}

/**
 * When no one weighted layer produces the output (`outputOf` is undefined) because the walk back from
 * the output reaches a merge first: that merge and the activation applied after it, if any.
 */
export function mergedOutput(network: ResolvedNetwork): MergedOutput | undefined {
  let activation: ActivationLayer | undefined;
  for (let layer = outputLayer(network); layer; layer = singlePredecessor(network, layer)) {
    if (layer.kind === 'merge') return activation ? { merge: layer, activation } : { merge: layer };
    if (isWeighted(layer) || isRecurrentOrEmbedding(layer)) return undefined;
    if (!activation && layer.kind === 'activation' && isNonLinear(layer.activation)) activation = layer;
  }
  return undefined;
}

/**
 * The recurrent layer that produces the output directly: walking back from the output layer through
 * single-input layers without weights (dropout, activation, …) to a recurrent layer before any
 * weighted layer, embedding or merge.
 */
export function recurrentOutput(network: ResolvedNetwork): RecurrentLayer | undefined {
  for (let layer = outputLayer(network); layer; layer = singlePredecessor(network, layer)) {
    if (isRecurrent(layer)) return layer;
    if (isWeighted(layer) || layer.kind === 'embedding' || layer.kind === 'merge') return undefined;
  }
  return undefined;
}

/** The activation a branch ends with: walking back from `layer` through single-input layers to an activation. */
export function endingActivation(network: ResolvedNetwork, layer: ResolvedLayer | undefined): Activation | undefined {
  for (let l = layer; l; l = singlePredecessor(network, l)) {
    const a = activationOf(l);
    if (a && (isNonLinear(a) || isWeighted(l))) return a;
    if (l.kind === 'merge' || isRecurrentOrEmbedding(l)) return undefined;
  }
  return undefined;
}

const hiddenCache = new WeakMap<ResolvedNetwork, ResolvedLayer[]>();

/**
 * The layers that apply a non-linear activation and are hidden: every layer except those that
 * produce the output, in index order. A merge applies no activation, so it is never one.
 */
export function hiddenActivationLayers(network: ResolvedNetwork): ResolvedLayer[] {
  const cached = hiddenCache.get(network);
  if (cached) return cached;
  const producing = outputProducing(network);
  const result = network.layers.filter((layer) => !producing[layer.index] && isNonLinear(activationOf(layer)));
  hiddenCache.set(network, result);
  return result;
}

/** A layer with weights of its own: what comes before it does not produce the output. */
function producesOwn(layer: ResolvedLayer): boolean {
  return isWeighted(layer) || isRecurrentOrEmbedding(layer);
}

/**
 * For each layer, whether it produces the output: a weighted layer with a path to the output
 * that crosses no other weighted layer, and every layer after such a one on such a path. On a
 * plain stack: the last weighted layer and the layers after it (none when there is no weighted
 * layer). With two heads averaged by a merge, both heads and the merge.
 */
export function outputProducing(network: ResolvedNetwork): boolean[] {
  const layers = network.layers;
  // Backwards: which layers reach the output without crossing a weighted layer after themselves.
  const reaches = new Array<boolean>(layers.length).fill(false);
  const output = outputLayer(network);
  if (output) reaches[output.index] = true;
  for (let i = layers.length - 1; i >= 0; i--) {
    if (!reaches[i] || producesOwn(layers[i]!)) continue;
    for (const p of predecessors(network, layers[i]!)) reaches[p.index] = true;
  }
  // Forwards: of those, the weighted ones and the ones that follow a producing layer.
  const producing = new Array<boolean>(layers.length).fill(false);
  for (const layer of layers) {
    if (!reaches[layer.index]) continue;
    producing[layer.index] = producesOwn(layer) || predecessors(network, layer).some((p) => producing[p.index]);
  }
  return producing;
}

