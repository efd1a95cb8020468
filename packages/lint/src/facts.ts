/** Questions rules ask of a resolved network: activations, the output layer, hidden layers. */
import type { Activation, ActivationName, ResolvedLayer, ResolvedNetwork } from '@axon/language';

export type WeightedLayer = Extract<ResolvedLayer, { kind: 'dense' | 'conv2d' }>;
export type ActivationLayer = Extract<ResolvedLayer, { kind: 'activation' }>;

export function isWeighted(layer: ResolvedLayer): layer is WeightedLayer {
  return layer.kind === 'dense' || layer.kind === 'conv2d';
}

/** The activation a layer applies, if it is a kind that applies one. */
export function activationOf(layer: ResolvedLayer): Activation | undefined {
  if (layer.kind === 'dense' || layer.kind === 'conv2d' || layer.kind === 'activation') return layer.activation;
  return undefined;
}

export function isNonLinear(activation: Activation | undefined): boolean {
  return activation !== undefined && activation.name !== 'linear';
}

export const RELU_FAMILY: readonly ActivationName[] = ['relu', 'leaky_relu', 'prelu', 'elu', 'selu'];

export interface OutputInfo {
  /** The last dense/conv2d layer. */
  weighted: WeightedLayer;
  /** The activation the network ends with: the weighted layer's, or a later non-linear `activation()` layer's. */
  activation: Activation;
  /** The layer that applies `activation` (the weighted layer or a stand-alone activation layer). */
  activationLayer: ResolvedLayer;
  /** Size of the last axis of the network's output. */
  units: number;
}

const outputCache = new WeakMap<ResolvedNetwork, OutputInfo | null>();

/** What the network's output looks like, or undefined when it has no weighted layer. */
export function outputOf(network: ResolvedNetwork): OutputInfo | undefined {
  const cached = outputCache.get(network);
  if (cached !== undefined) return cached ?? undefined;
  let result: OutputInfo | null = null;
  const layers = network.layers;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    if (!isWeighted(layer)) continue;
    let activation = layer.activation;
    let activationLayer: ResolvedLayer = layer;
    for (let j = i + 1; j < layers.length; j++) {
      const after = layers[j]!;
      if (after.kind === 'activation' && isNonLinear(after.activation)) {
        activation = after.activation;
        activationLayer = after;
      }
    }
    const shape = network.outputShape.length > 0 ? network.outputShape : layer.outputShape;
    const units = shape.length > 0 ? shape[shape.length - 1]! : layer.kind === 'dense' ? layer.units : layer.filters;
    result = { weighted: layer, activation, activationLayer, units };
    break;
  }
  outputCache.set(network, result);
  return result ?? undefined;
}

/** Layers before the output's weighted layer that apply a non-linear activation. */
const hiddenCache = new WeakMap<ResolvedNetwork, ResolvedLayer[]>();

export function hiddenActivationLayers(network: ResolvedNetwork): ResolvedLayer[] {
  const cached = hiddenCache.get(network);
  if (cached) return cached;
  const output = outputOf(network);
  const end = output ? output.weighted.index : network.layers.length;
  const result: ResolvedLayer[] = [];
  for (let i = 0; i < end; i++) {
    const layer = network.layers[i]!;
    if (isNonLinear(activationOf(layer))) result.push(layer);
  }
  hiddenCache.set(network, result);
  return result;
}

/** How an activation reads in a message: `sigmoid`, `leaky_relu(alpha: 0.2)`. */
export function activationText(activation: Activation): string {
  switch (activation.name) {
    case 'leaky_relu':
      return `leaky_relu(alpha: ${activation.alpha})`;
    case 'prelu':
      return `prelu(init: ${activation.init})`;
    case 'elu':
      return `elu(alpha: ${activation.alpha})`;
    default:
      return activation.name;
  }
}

/** The value range of an activation's output, for messages. */
export function activationRange(name: ActivationName): string {
  switch (name) {
    case 'sigmoid':
    case 'softmax':
      return '0..1';
    case 'tanh':
      return '−1..1';
    case 'relu':
      return '0..∞';
    case 'elu':
      return '−alpha..∞';
    case 'selu':
      return '≈−1.76..∞';
    default:
      return '−∞..∞';
  }
}

export function isRegressionLoss(loss: string): boolean {
  return loss === 'mse' || loss === 'mae' || loss === 'huber';
}
