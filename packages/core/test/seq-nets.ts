/**
 * Test helper: hand-built sequence networks (embedding, recurrent, conv1d, 1-D pools, plus dense and
 * the other existing kinds) as the ResolvedNetwork analysis produces, for the engine's tests of the
 * sequence layers. The new kinds' shapes and parameter counts are computed here with Keras's
 * formulas (an independent check on the analyzer's, compared in `sequence-layers.test.ts`);
 * the existing kinds go through the analyzer's `inferLayer`.
 */
import { inferLayer, type Activation, type LayerSpec, type Loss, type Optimizer, type ParamCount, type RecurrentKind, type ResolvedLayer, type ResolvedNetwork, type Shape } from '@axon/language';

const TANH: Activation = { name: 'tanh' };
const SIGMOID: Activation = { name: 'sigmoid' };
const LINEAR: Activation = { name: 'linear' };

export const embedding = (inputDim: number, outputDim: number): LayerSpec => ({ kind: 'embedding', inputDim, outputDim });

export interface RnnOptions {
  returnSequences?: boolean;
  bidirectional?: boolean;
  activation?: Activation;
  recurrentActivation?: Activation;
  dropout?: number;
  recurrentDropout?: number;
  useBias?: boolean;
}

export function rnn(kind: RecurrentKind, units: number, o: RnnOptions = {}): LayerSpec {
  return {
    kind,
    units,
    returnSequences: o.returnSequences ?? false,
    bidirectional: o.bidirectional ?? false,
    activation: o.activation ?? TANH,
    activationExplicit: !!o.activation,
    ...(kind === 'simple_rnn' ? {} : { recurrentActivation: o.recurrentActivation ?? SIGMOID }),
    dropout: o.dropout ?? 0,
    recurrentDropout: o.recurrentDropout ?? 0,
    useBias: o.useBias ?? true,
  };
}

export function conv1d(filters: number, kernel: number, o: { stride?: number; padding?: 'same' | 'valid'; activation?: Activation; useBias?: boolean } = {}): LayerSpec {
  return {
    kind: 'conv1d', filters, kernel, stride: o.stride ?? 1, padding: o.padding ?? 'valid',
    activation: o.activation ?? LINEAR, activationExplicit: !!o.activation,
    init: { name: 'glorot_uniform' }, biasInit: { name: 'zeros' }, useBias: o.useBias ?? true,
  };
}

export const pool1d = (kind: 'max_pool1d' | 'avg_pool1d', pool: number, o: { stride?: number; padding?: 'same' | 'valid' } = {}): LayerSpec =>
  ({ kind, pool, stride: o.stride ?? pool, padding: o.padding ?? 'valid' });

export const globalPool1d = (kind: 'global_avg_pool1d' | 'global_max_pool1d'): LayerSpec => ({ kind });

export const denseSpec = (units: number, activation: Activation = LINEAR, useBias = true): LayerSpec => ({
  kind: 'dense', units, activation, activationExplicit: activation.name !== 'linear', init: { name: 'glorot_uniform' }, biasInit: { name: 'zeros' }, useBias,
});

const windowOut = (size: number, window: number, stride: number, padding: 'same' | 'valid') =>
  padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;

/** Keras's output shape and parameter count of a sequence layer on `input`. */
export function sequenceShape(spec: LayerSpec, input: Shape): { outputShape: Shape; params: ParamCount } {
  const none = { trainable: 0, nonTrainable: 0 };
  const p = (trainable: number) => ({ trainable, nonTrainable: 0 });
  switch (spec.kind) {
    case 'embedding':
      return { outputShape: [...input, spec.outputDim], params: p(spec.inputDim * spec.outputDim) };
    case 'lstm':
    case 'gru':
    case 'simple_rnn': {
      const [steps, f] = input as [number, number];
      const u = spec.units, g = spec.kind === 'lstm' ? 4 : spec.kind === 'gru' ? 3 : 1;
      const biasRows = spec.kind === 'gru' ? 2 : 1;
      const one = g * u * (f + u) + (spec.useBias ? biasRows * g * u : 0);
      const d = spec.bidirectional ? 2 : 1;
      return { outputShape: spec.returnSequences ? [steps, d * u] : [d * u], params: p(d * one) };
    }
    case 'conv1d': {
      const [steps, c] = input as [number, number];
      return { outputShape: [windowOut(steps, spec.kernel, spec.stride, spec.padding), spec.filters], params: p(spec.kernel * c * spec.filters + (spec.useBias ? spec.filters : 0)) };
    }
    case 'max_pool1d':
    case 'avg_pool1d':
      return { outputShape: [windowOut(input[0] as number, spec.pool, spec.stride, spec.padding), input[1] as number], params: none };
    case 'global_avg_pool1d':
    case 'global_max_pool1d':
      return { outputShape: [input[1] as number], params: none };
    default: {
      const r = inferLayer(spec, input);
      if (!r.ok) throw new Error(`seq-nets: ${r.message}`);
      return { outputShape: r.outputShape, params: r.params };
    }
  }
}

export interface SeqNetOptions {
  loss?: Loss;
  optimizer?: Optimizer;
  epochs?: number;
  batchSize?: number;
  seed?: number;
}

/** A chain of `layers` on `input`, Keras-named (`lstm`, `lstm_1`, …). */
export function seqNet(input: number[], layers: LayerSpec[], o: SeqNetOptions = {}): ResolvedNetwork {
  const counts = new Map<string, number>();
  const out: ResolvedLayer[] = [];
  let shape: Shape = input;
  layers.forEach((spec, index) => {
    const { outputShape, params } = sequenceShape(spec, shape);
    const c = counts.get(spec.kind) ?? 0;
    counts.set(spec.kind, c + 1);
    out.push({
      ...spec,
      index,
      inputs: [index - 1],
      name: c === 0 ? spec.kind : `${spec.kind}_${c}`,
      inputShape: shape,
      outputShape,
      params,
      origin: { node: {} as never, range: {} as never, chain: [] },
    } as ResolvedLayer);
    shape = outputShape;
  });
  const trainable = out.reduce((a, l) => a + l.params.trainable, 0);
  return {
    name: 'seq',
    range: {} as never,
    nameRange: {} as never,
    input,
    layers: out,
    outputShape: shape,
    params: { trainable, nonTrainable: 0, total: trainable },
    train: {
      loss: o.loss ?? { name: 'mse', fromLogits: false },
      lossExplicit: true,
      optimizer: o.optimizer ?? { name: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
      epochs: o.epochs ?? 10,
      batchSize: o.batchSize ?? 32,
      seed: o.seed ?? 42,
      ranges: {},
    },
    node: {} as never,
  };
}

/** Whole-number token ids in [0, vocabulary) for `n` samples of `steps`. */
export function tokenIds(n: number, steps: number, vocabulary: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const x = new Float64Array(n * steps);
  for (let i = 0; i < x.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = Math.floor((s / 4294967296) * vocabulary);
  }
  return x;
}
