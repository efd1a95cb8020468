/**
 * What training a network would take, said before anything is allocated: parameters, the bytes of
 * weights, gradients and optimizer state, and the activations of one batch. `capacityProblem` turns
 * an estimate that cannot fit into a sentence (train, diagnose and sweep say it up front instead of
 * failing inside a typed-array allocation).
 */
import type { Optimizer, ResolvedNetwork } from '@axon/language';

/** The most values one tensor may hold: a typed array's limit in V8 (2³² elements). */
export const MAX_TENSOR_ELEMENTS = 2 ** 32;

const FLOAT_BYTES = 4;

export interface CapacityEstimate {
  parameters: number;
  /** Weights, their gradients and the optimizer's per-weight state. */
  weightBytes: number;
  /** Outputs, pre-activations and gradients of every layer for one batch. */
  activationBytes: number;
  totalBytes: number;
  /** The layer with the most weights in one tensor, and that count. */
  largest: { layer: string; elements: number };
}

/** Per-weight state an optimizer keeps beyond the weight and its gradient. */
function optimizerSlots(o: Optimizer): number {
  switch (o.name) {
    case 'adam':
    case 'adamw':
    case 'nadam':
    case 'adadelta': // accumulated squared gradients and squared updates
      return 2;
    case 'rmsprop':
    case 'adagrad':
      return 1;
    case 'sgd':
      return o.momentum > 0 ? 1 : 0;
    default:
      return 2; // an optimizer added later: assume Adam's two slots rather than none
  }
}

const product = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

export function estimateTraining(network: ResolvedNetwork, batchSize = network.train.batchSize): CapacityEstimate {
  const parameters = network.params.total;
  const weightBytes = parameters * FLOAT_BYTES * (2 + optimizerSlots(network.train.optimizer));
  let activationElements = product(network.input);
  let largest = { layer: '', elements: 0 };
  for (const layer of network.layers) {
    activationElements += 3 * product(layer.outputShape);
    // A layer's biggest tensor is its kernel: all its weights but the per-unit ones.
    const kernel = layer.params.trainable + layer.params.nonTrainable;
    if (kernel > largest.elements) largest = { layer: layer.name, elements: kernel };
  }
  const activationBytes = activationElements * batchSize * FLOAT_BYTES;
  return { parameters, weightBytes, activationBytes, totalBytes: weightBytes + activationBytes, largest };
}

/** `1.2 billion`, `340 million`, `12,345`. */
export function countWords(n: number): string {
  if (n >= 1e12) return `${trim(n / 1e12)} trillion`;
  if (n >= 1e9) return `${trim(n / 1e9)} billion`;
  if (n >= 1e6) return `${trim(n / 1e6)} million`;
  return n.toLocaleString('en-US');
}

/** `360 GB`, `1.5 TB`, `12 MB`. */
export function byteWords(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${trim(n)} ${units[i]}`;
}

const trim = (x: number) => (x >= 100 ? Math.round(x).toString() : x >= 10 ? x.toFixed(1).replace(/\.0$/, '') : x.toFixed(2).replace(/\.?0+$/, ''));

export interface CapacityLimits {
  /** Memory the run may use (the CLI passes the machine's RAM); no memory check when absent. */
  availableBytes?: number;
  batchSize?: number;
}

/**
 * Why training this network cannot start here, or undefined when it fits: one tensor over the
 * engine's limit, or more memory than `availableBytes`. The sentence says what it would take.
 */
export function capacityProblem(network: ResolvedNetwork, limits: CapacityLimits = {}): string | undefined {
  const e = estimateTraining(network, limits.batchSize);
  const opt = network.train.optimizer.name;
  const needs = `${countWords(e.parameters)} parameters, about ${byteWords(e.totalBytes)} of weights, gradients, ${opt} state and activations`;
  if (e.largest.elements > MAX_TENSOR_ELEMENTS) {
    return `network ${network.name} has ${needs}: too large to train here (layer ${e.largest.layer} alone holds ${countWords(e.largest.elements)} weights; one tensor holds at most ${countWords(MAX_TENSOR_ELEMENTS)})`;
  }
  if (limits.availableBytes !== undefined && e.totalBytes > limits.availableBytes) {
    return `network ${network.name} has ${needs}: too large for this machine (${byteWords(limits.availableBytes)} of memory)`;
  }
  return undefined;
}
