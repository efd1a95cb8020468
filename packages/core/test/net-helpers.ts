/**
 * Test helper: hand-build a ResolvedNetwork (what @axon/language's analyze() produces) so the engine's
 * tests do not depend on the parser. Defaults are filled in here; shapes and parameter counts come from
 * the analyzer's inference through compile's hand-built `graph()` (one builder). Each layer reads the
 * one before it unless it names its `inputs` (indices; -1 is the network input), so graphs with
 * merges can be written too.
 */
import type { Activation, LayerSpec, Loss, MergeMode, Optimizer, Padding2D, ResolvedNetwork, Task, TrainSpec } from '@axon/language';
import { graph } from '../../compile/test/fixtures.js';

type Short = (
  | { kind: 'dense'; units: number; activation?: Activation; init?: LayerSpec extends never ? never : Extract<LayerSpec, { kind: 'dense' }>['init']; biasInit?: Extract<LayerSpec, { kind: 'dense' }>['biasInit']; useBias?: boolean }
  | { kind: 'dropout'; rate: number }
  | { kind: 'batch_norm'; momentum?: number; epsilon?: number }
  | { kind: 'activation'; activation: Activation }
  | { kind: 'flatten' }
  | { kind: 'conv2d'; filters: number; kernel: [number, number]; stride?: [number, number]; padding?: 'same' | 'valid'; activation?: Activation; init?: Extract<LayerSpec, { kind: 'conv2d' }>['init']; biasInit?: Extract<LayerSpec, { kind: 'conv2d' }>['biasInit']; useBias?: boolean }
  | { kind: 'max_pool2d' | 'avg_pool2d'; pool: [number, number]; stride?: [number, number]; padding?: 'same' | 'valid' }
  | { kind: 'global_avg_pool2d' | 'global_max_pool2d' }
  | { kind: 'zero_padding2d'; padding: Padding2D }
  | { kind: 'merge'; mode: MergeMode; inputs: number[] }
) & { inputs?: number[] };

/** Keras's layer names for the merge modes (`add`, `concatenate`, …). */
const MERGE_NAMES: Record<MergeMode, string> = { add: 'add', concat: 'concatenate', multiply: 'multiply', average: 'average', maximum: 'maximum' };

export const dense = (units: number, activation?: Activation, extra: Partial<Extract<Short, { kind: 'dense' }>> = {}): Short => ({ kind: 'dense', units, ...(activation ? { activation } : {}), ...extra });
export const act = (name: Activation['name'], extra: Record<string, number> = {}): Activation => {
  if (name === 'leaky_relu') return { name, alpha: extra.alpha ?? 0.01 };
  if (name === 'elu') return { name, alpha: extra.alpha ?? 1 };
  if (name === 'prelu') return { name, init: extra.init ?? 0.25 };
  return { name } as Activation;
};

export interface NetOptions {
  loss?: Loss;
  optimizer?: Optimizer;
  task?: Task;
  epochs?: number;
  batchSize?: number;
  seed?: number;
  earlyStopping?: TrainSpec['earlyStopping'];
}

/** The layers as `LayerSpec`s with their defaults, built by the one hand-built graph builder (compile's test fixture). */
export function net(input: number[], layers: Short[], o: NetOptions = {}): ResolvedNetwork {
  const nodes = layers.map((l, index) => ({ spec: fullSpec(l), inputs: l.inputs ?? [index - 1] }));
  const train: Partial<TrainSpec> = {
    loss: o.loss ?? { name: 'mse', fromLogits: false },
    lossExplicit: true,
    optimizer: o.optimizer ?? { name: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    epochs: o.epochs ?? 10,
    batchSize: o.batchSize ?? 32,
    seed: o.seed ?? 42,
    ranges: {},
    ...(o.earlyStopping ? { earlyStopping: o.earlyStopping } : {}),
  };
  return graph('test', input, nodes, {
    train,
    ...(o.task ? { task: o.task } : {}),
    baseName: (spec) => (spec.kind === 'merge' ? MERGE_NAMES[spec.mode] : spec.kind),
  });
}

/** A short layer with every default filled in. */
function fullSpec(l: Short): LayerSpec {
  switch (l.kind) {
    case 'dense':
      return { kind: 'dense', units: l.units, activation: l.activation ?? { name: 'linear' }, activationExplicit: !!l.activation, init: l.init ?? { name: 'glorot_uniform' }, biasInit: l.biasInit ?? { name: 'zeros' }, useBias: l.useBias ?? true };
    case 'conv2d':
      return { kind: 'conv2d', filters: l.filters, kernel: l.kernel, stride: l.stride ?? [1, 1], padding: l.padding ?? 'valid', activation: l.activation ?? { name: 'linear' }, activationExplicit: !!l.activation, init: l.init ?? { name: 'glorot_uniform' }, biasInit: l.biasInit ?? { name: 'zeros' }, useBias: l.useBias ?? true };
    case 'global_avg_pool2d':
    case 'global_max_pool2d':
      return { kind: l.kind };
    case 'zero_padding2d':
      return { kind: 'zero_padding2d', padding: l.padding };
    case 'merge':
      return { kind: 'merge', mode: l.mode };
    case 'max_pool2d':
    case 'avg_pool2d':
      return { kind: l.kind, pool: l.pool, stride: l.stride ?? l.pool, padding: l.padding ?? 'valid' };
    case 'flatten':
      return { kind: 'flatten' };
    case 'dropout':
      return { kind: 'dropout', rate: l.rate };
    case 'batch_norm':
      return { kind: 'batch_norm', momentum: l.momentum ?? 0.99, epsilon: l.epsilon ?? 1e-3 };
    case 'activation':
      return { kind: 'activation', activation: l.activation };
  }
}

/** Deterministic pseudo-random numbers for test data (independent of the engine's RNG). */
export function testRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
