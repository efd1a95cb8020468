/** Hand-built resolved networks (through the analyzer's own shape inference), for tests that need no parser. */
import { inferLayer, inferMerge, type LayerSpec, type RecurrentKind, type Range, type ResolvedLayer, type ResolvedNetwork, type Task, type TrainSpec, type DataSpec } from '@axon/language';

const R: Range = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 1, line: 1, column: 2 } };

const NAMES: Record<LayerSpec['kind'], string> = {
  dense: 'dense',
  dropout: 'dropout',
  batch_norm: 'batch_norm',
  activation: 'activation',
  flatten: 'flatten',
  conv2d: 'conv2d',
  max_pool2d: 'max_pool2d',
  avg_pool2d: 'avg_pool2d',
  global_avg_pool2d: 'global_avg_pool2d',
  global_max_pool2d: 'global_max_pool2d',
  zero_padding2d: 'zero_padding2d',
  merge: 'merge',
  embedding: 'embedding',
  lstm: 'lstm',
  gru: 'gru',
  simple_rnn: 'simple_rnn',
  conv1d: 'conv1d',
  max_pool1d: 'max_pool1d',
  avg_pool1d: 'avg_pool1d',
  global_avg_pool1d: 'global_avg_pool1d',
  global_max_pool1d: 'global_max_pool1d',
};

export const relu = { name: 'relu' } as const;
export const linear = { name: 'linear' } as const;
export const glorot = { name: 'glorot_uniform' } as const;
export const zeros = { name: 'zeros' } as const;

export function dense(units: number, activation: LayerSpec & { kind: 'dense' } extends { activation: infer A } ? A : never = linear, useBias = true): LayerSpec {
  return { kind: 'dense', units, activation, activationExplicit: activation.name !== 'linear', init: glorot, biasInit: zeros, useBias };
}

export function conv(
  filters: number,
  k: number,
  opts: { stride?: number; padding?: 'same' | 'valid'; activation?: { name: 'relu' } | { name: 'linear' } | { name: 'prelu'; init: number }; useBias?: boolean } = {},
): LayerSpec {
  const s = opts.stride ?? 1;
  return {
    kind: 'conv2d',
    filters,
    kernel: [k, k],
    stride: [s, s],
    padding: opts.padding ?? 'valid',
    activation: opts.activation ?? linear,
    activationExplicit: true,
    init: { name: 'he_normal' },
    biasInit: zeros,
    useBias: opts.useBias ?? true,
  };
}

export function pool(kind: 'max_pool2d' | 'avg_pool2d', p: number, opts: { stride?: number; padding?: 'same' | 'valid' } = {}): LayerSpec {
  const s = opts.stride ?? p;
  return { kind, pool: [p, p], stride: [s, s], padding: opts.padding ?? 'valid' };
}

type RecurrentOptions = Partial<Omit<LayerSpec & { kind: RecurrentKind }, 'kind' | 'units'>>;

/** A recurrent layer with the language's defaults (tanh, sigmoid gates for lstm/gru, bias, no dropout). */
export function recurrent(kind: RecurrentKind, units: number, opts: RecurrentOptions = {}): LayerSpec {
  return {
    kind,
    units,
    returnSequences: false,
    bidirectional: false,
    activation: { name: 'tanh' },
    activationExplicit: false,
    ...(kind === 'simple_rnn' ? {} : { recurrentActivation: { name: 'sigmoid' } }),
    dropout: 0,
    recurrentDropout: 0,
    useBias: true,
    ...opts,
  };
}

export function embedding(inputDim: number, outputDim: number): LayerSpec {
  return { kind: 'embedding', inputDim, outputDim };
}

export function conv1d(filters: number, kernel: number, opts: { stride?: number; padding?: 'same' | 'valid'; activation?: { name: 'relu' } | { name: 'linear' } | { name: 'tanh' }; useBias?: boolean } = {}): LayerSpec {
  return {
    kind: 'conv1d',
    filters,
    kernel,
    stride: opts.stride ?? 1,
    padding: opts.padding ?? 'valid',
    activation: opts.activation ?? linear,
    activationExplicit: opts.activation !== undefined,
    init: glorot,
    biasInit: zeros,
    useBias: opts.useBias ?? true,
  };
}

export function pool1d(kind: 'max_pool1d' | 'avg_pool1d', p: number, opts: { stride?: number; padding?: 'same' | 'valid' } = {}): LayerSpec {
  return { kind, pool: p, stride: opts.stride ?? p, padding: opts.padding ?? 'valid' };
}

/** `zero_padding2d([[top, bottom], [left, right]])`. */
export function zeroPad(top: number, bottom: number, left: number, right: number): LayerSpec {
  return { kind: 'zero_padding2d', padding: [[top, bottom], [left, right]] };
}

export const defaultTrain: TrainSpec = {
  loss: { name: 'categorical_crossentropy', fromLogits: false },
  lossExplicit: true,
  optimizer: { name: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  epochs: 5,
  batchSize: 8,
  seed: 42,
  ranges: {},
};

interface NetworkOptions {
  task?: Task;
  train?: Partial<TrainSpec>;
  data?: Partial<DataSpec> & { source: string; target: string };
  /** The base of each layer's name (numbered `_1`, `_2`, … after the first); the layer kind by default. */
  baseName?: (spec: LayerSpec) => string;
}

/** A hand-built chain: each layer reads the one before it. */
export function network(name: string, input: number[], specs: LayerSpec[], opts: NetworkOptions = {}): ResolvedNetwork {
  return graph(name, input, specs.map((spec, index) => ({ spec, inputs: [index - 1] })), opts);
}

/** One node of a hand-built graph: a layer and the indices it reads (-1: the network's input). */
export interface GraphNode {
  spec: LayerSpec;
  inputs: number[];
}

/**
 * A hand-built graph network (shapes and parameters through the analyzer's inference, Keras-style
 * names): nodes in topological order, the last one the output.
 */
export function graph(name: string, input: number[], nodes: GraphNode[], opts: NetworkOptions = {}): ResolvedNetwork {
  const counts = new Map<string, number>();
  const layers: ResolvedLayer[] = [];
  for (const [index, { spec, inputs }] of nodes.entries()) {
    const shapes = inputs.map((i) => (i === -1 ? input : layers[i]!.outputShape));
    const r = spec.kind === 'merge' ? inferMerge(spec.mode, shapes) : inferLayer(spec, shapes[0]!);
    if (!r.ok) throw new Error(`fixture: ${r.message}`);
    const base = opts.baseName?.(spec) ?? NAMES[spec.kind];
    const c = counts.get(base) ?? 0;
    counts.set(base, c + 1);
    layers.push({
      ...spec,
      index,
      inputs,
      name: c === 0 ? base : `${base}_${c}`,
      inputShape: shapes[0]!,
      outputShape: r.outputShape,
      params: r.params,
      origin: { node: { kind: 'LayerCall', range: R, name: { kind: 'Identifier', range: R, name: spec.kind } } as never, range: R, chain: [] },
    } as ResolvedLayer);
  }
  const trainable = layers.reduce((a, l) => a + l.params.trainable, 0);
  const nonTrainable = layers.reduce((a, l) => a + l.params.nonTrainable, 0);
  const net: ResolvedNetwork = {
    name,
    range: R,
    nameRange: R,
    input,
    layers,
    outputShape: layers.at(-1)?.outputShape ?? input,
    params: { trainable, nonTrainable, total: trainable + nonTrainable },
    train: { ...defaultTrain, ...opts.train },
    node: {} as never,
  };
  if (opts.task) net.task = opts.task;
  if (opts.data) net.data = { validationSplit: 0.2, standardize: true, ranges: {}, ...opts.data };
  return net;
}
