/**
 * The JSON IR: a resolved network as versioned, documented plain data (schema/axon-network.schema.json).
 * Objects are built field by field in a fixed order, so the printed JSON has a stable key order.
 */
import {
  ACTIVATIONS,
  INITIALIZERS,
  isChain,
  type Signature,
  type Activation,
  type DataSpec,
  type ExpansionStep,
  type Initializer,
  type MergeMode,
  type Optimizer,
  type Regularizer,
  type ResolvedLayer,
  type ResolvedNetwork,
  type Task,
  type TrainSpec,
} from '@axon/language';
import { huberDelta, textVocabulary } from './vocabulary.js';

export const IR_FORMAT = 'axon-network';
/**
 * The version of a chain's document (every layer reads the one before it): unchanged since version 1,
 * so every reader of version 1 still reads every network the language could write before graphs.
 */
export const IR_VERSION = 1;
/**
 * The version of a graph's document: as version 1, plus `inputs` on every layer (which layers it
 * reads, -1 for the network's input), the `merge`, `global_avg_pool2d`, `global_max_pool2d` and
 * `zero_padding2d` kinds, `useBias` in every dense and conv2d config, the sequence kinds (`embedding`,
 * `lstm`, `gru`, `simple_rnn`, `conv1d`, `max_pool1d`, `avg_pool1d`, `global_avg_pool1d`,
 * `global_max_pool1d`), gradient clipping on the optimizer (`clipNorm`, `clipValue`) and text data
 * (`text`, `vocabulary`), and the issue-13 vocabulary: the initialisers `ones`, `random_uniform`,
 * `random_normal`, `truncated_normal`, `orthogonal`, `variance_scaling`, `kernelRegularizer` on dense,
 * conv2d and conv1d, the losses `log_cosh`, `sparse_categorical_crossentropy`, `kl_divergence`,
 * `poisson`, `hinge`, the optimizers `adagrad`, `adadelta`, `adamw`, `nadam`, `weightDecay` on every
 * optimizer and `standardizeTarget` on the data. A network version 1 can express (a chain of the
 * version-1 kinds, every bias kept, none of the version-2 settings) is still written as version 1,
 * byte for byte as before.
 */
export const IR_GRAPH_VERSION = 2;

/** The layer kinds a version-1 document has. */
const V1_KINDS: ReadonlySet<ResolvedLayer['kind']> = new Set(['dense', 'dropout', 'batch_norm', 'activation', 'flatten', 'conv2d', 'max_pool2d', 'avg_pool2d']);

/** The initialisers, losses and optimizers a version-1 document has. */
const V1_INITIALIZERS: ReadonlySet<Initializer['name']> = new Set(['glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'lecun_uniform', 'lecun_normal', 'zeros', 'constant']);
const V1_LOSSES: ReadonlySet<string> = new Set(['mse', 'mae', 'huber', 'binary_crossentropy', 'categorical_crossentropy']);
const V1_OPTIMIZERS: ReadonlySet<Optimizer['name']> = new Set(['sgd', 'adam', 'rmsprop']);

/** True when the layer's settings fit version 1: its bias kept, version-1 initialisers, no kernel regulariser. */
function layerFitsVersion1(l: ResolvedLayer): boolean {
  if (!V1_KINDS.has(l.kind)) return false;
  if (l.kind !== 'dense' && l.kind !== 'conv2d') return true;
  return l.useBias && l.kernelRegularizer === undefined && V1_INITIALIZERS.has(l.init.name) && V1_INITIALIZERS.has(l.biasInit.name);
}

/**
 * True when version 1 can express the network: a chain of version-1 kinds, no layer without its bias,
 * only the version-1 initialisers, losses and optimizers, no regulariser, clipping, weight decay, text
 * data or target scaling.
 */
export function fitsVersion1(network: ResolvedNetwork): boolean {
  const o = network.train.optimizer;
  return (
    isChain(network) &&
    network.layers.every(layerFitsVersion1) &&
    V1_LOSSES.has(network.train.loss.name) &&
    V1_OPTIMIZERS.has(o.name) &&
    o.clipNorm === undefined &&
    o.clipValue === undefined &&
    o.weightDecay === undefined &&
    network.data?.text === undefined &&
    network.data?.standardizeTarget !== true
  );
}

export type IrActivation = Activation;
export type IrInitializer = Initializer;

export interface IrOrigin {
  line: number;
  column: number;
  /** Outermost first: `{ repeat: count, iteration }` or `{ block: name }`. */
  expansion: ({ repeat: number; iteration: number } | { block: string })[];
}

export interface IrLayer {
  index: number;
  name: string;
  kind: ResolvedLayer['kind'];
  /** Version 2 only: the layers this one reads, by index (-1: the network's input), in order. */
  inputs?: number[];
  inputShape: number[];
  outputShape: number[];
  params: { trainable: number; nonTrainable: number };
  /** Layer arguments, resolved and defaulted (e.g. units, activation, init, biasInit). */
  config: Record<string, unknown>;
  origin: IrOrigin;
}

export interface IrNetwork {
  format: typeof IR_FORMAT;
  version: typeof IR_VERSION | typeof IR_GRAPH_VERSION;
  name: string;
  input: number[];
  outputShape: number[];
  task: Task | null;
  params: { total: number; trainable: number; nonTrainable: number };
  layers: IrLayer[];
  train: {
    loss: { name: string; fromLogits: boolean; delta?: number };
    optimizer: Record<string, unknown>;
    epochs: number;
    batchSize: number;
    seed: number;
    earlyStopping: { patience: number; minDelta: number } | null;
  };
  data: {
    source: string;
    target: string;
    features: string[] | null;
    validationSplit: number;
    standardize: boolean;
    /** Version 2, written only when true: regression targets scaled to mean 0, std 1 for training; predictions scaled back. */
    standardizeTarget?: boolean;
    /** Version 2: the text column tokenised into the input's token ids, and the vocabulary size. */
    text?: string;
    vocabulary?: number;
  } | null;
}

/** An argument-carrying value as data: its name, then its arguments in the catalog's order (`alpha`, `init`, `value`). */
function withArgs<T extends { name: string }>(value: T, signature: Signature): T {
  const out: Record<string, unknown> = { name: value.name };
  for (const arg of signature.args) out[arg.name] = (value as Record<string, unknown>)[arg.name];
  return out as T;
}

function activation(a: Activation): IrActivation {
  return withArgs(a, ACTIVATIONS[a.name]);
}

function initializer(i: Initializer): IrInitializer {
  return withArgs(i, INITIALIZERS[i.name]);
}

/** A kernel regulariser as data: `{ name: 'l2', l2: 0.01 }`, `{ name: 'l1_l2', l1, l2 }`. */
export function regularizer(r: Regularizer): Regularizer {
  switch (r.name) {
    case 'l1':
      return { name: 'l1', l1: r.l1 };
    case 'l2':
      return { name: 'l2', l2: r.l2 };
    case 'l1_l2':
      return { name: 'l1_l2', l1: r.l1, l2: r.l2 };
  }
}

/** `kernelRegularizer` in a config, written only when the layer has one (so other layers print as before). */
function kernelRegularizer(l: { kernelRegularizer?: Regularizer }): { kernelRegularizer?: Regularizer } {
  return l.kernelRegularizer ? { kernelRegularizer: regularizer(l.kernelRegularizer) } : {};
}

/** A layer's arguments as data; `useBias` (dense, conv2d) only in a version-2 document (`version2`). */
export function layerConfig(l: ResolvedLayer, version2 = true): Record<string, unknown> {
  const bias = (useBias: boolean) => (version2 ? { useBias } : {});
  switch (l.kind) {
    case 'dense':
      return {
        units: l.units,
        activation: activation(l.activation),
        activationExplicit: l.activationExplicit,
        init: initializer(l.init),
        biasInit: initializer(l.biasInit),
        ...bias(l.useBias),
        ...kernelRegularizer(l),
      };
    case 'conv2d':
      return {
        filters: l.filters,
        kernel: [l.kernel[0], l.kernel[1]],
        stride: [l.stride[0], l.stride[1]],
        padding: l.padding,
        activation: activation(l.activation),
        activationExplicit: l.activationExplicit,
        init: initializer(l.init),
        biasInit: initializer(l.biasInit),
        ...bias(l.useBias),
        ...kernelRegularizer(l),
      };
    case 'global_avg_pool2d':
    case 'global_max_pool2d':
      return {};
    case 'zero_padding2d':
      return { padding: [[l.padding[0][0], l.padding[0][1]], [l.padding[1][0], l.padding[1][1]]] };
    case 'max_pool2d':
    case 'avg_pool2d':
      return { pool: [l.pool[0], l.pool[1]], stride: [l.stride[0], l.stride[1]], padding: l.padding };
    case 'dropout':
      return { rate: l.rate };
    case 'batch_norm':
      return { momentum: l.momentum, epsilon: l.epsilon };
    case 'activation':
      return { activation: activation(l.activation) };
    case 'flatten':
      return {};
    case 'merge':
      return { mode: l.mode satisfies MergeMode };
    case 'embedding':
      return { inputDim: l.inputDim, outputDim: l.outputDim };
    case 'lstm':
    case 'gru':
    case 'simple_rnn':
      return {
        units: l.units,
        returnSequences: l.returnSequences,
        bidirectional: l.bidirectional,
        activation: activation(l.activation),
        activationExplicit: l.activationExplicit,
        ...(l.recurrentActivation ? { recurrentActivation: activation(l.recurrentActivation) } : {}),
        dropout: l.dropout,
        recurrentDropout: l.recurrentDropout,
        useBias: l.useBias,
      };
    case 'conv1d':
      return {
        filters: l.filters,
        kernel: l.kernel,
        stride: l.stride,
        padding: l.padding,
        activation: activation(l.activation),
        activationExplicit: l.activationExplicit,
        init: initializer(l.init),
        biasInit: initializer(l.biasInit),
        useBias: l.useBias,
        ...kernelRegularizer(l),
      };
    case 'max_pool1d':
    case 'avg_pool1d':
      return { pool: l.pool, stride: l.stride, padding: l.padding };
    case 'global_avg_pool1d':
    case 'global_max_pool1d':
      return {};
  }
}

function expansion(step: ExpansionStep): IrOrigin['expansion'][number] {
  return step.kind === 'repeat' ? { repeat: step.count, iteration: step.iteration } : { block: step.block };
}

function task(t: Task | undefined): Task | null {
  if (!t) return null;
  switch (t.kind) {
    case 'regression':
      return { kind: t.kind, outputs: t.outputs };
    case 'binary_classification':
      return { kind: t.kind };
    case 'classification':
      return { kind: t.kind, classes: t.classes };
    case 'multilabel':
      return { kind: t.kind, labels: t.labels };
  }
}

/** An optimizer's own settings as data, in a fixed order (IR names: learningRate, beta1, …). */
function optimizerSettings(o: Optimizer): Record<string, unknown> {
  switch (o.name) {
    case 'sgd':
      return { name: o.name, learningRate: o.learningRate, momentum: o.momentum, nesterov: o.nesterov };
    case 'adam':
    case 'nadam':
      return { name: o.name, learningRate: o.learningRate, beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon };
    case 'adamw':
      return { name: o.name, learningRate: o.learningRate, beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon, weightDecay: o.weightDecay };
    case 'rmsprop':
    case 'adadelta':
      return { name: o.name, learningRate: o.learningRate, rho: o.rho, epsilon: o.epsilon };
    case 'adagrad':
      return { name: o.name, learningRate: o.learningRate, initialAccumulator: o.initialAccumulator, epsilon: o.epsilon };
  }
}

function train(t: TrainSpec): IrNetwork['train'] {
  const o = t.optimizer;
  const optimizer = optimizerSettings(o);
  // Written only when set, so an optimizer without clipping or decay prints as it always did.
  if (o.clipNorm !== undefined) optimizer.clipNorm = o.clipNorm;
  if (o.clipValue !== undefined) optimizer.clipValue = o.clipValue;
  if (o.name !== 'adamw' && o.weightDecay !== undefined) optimizer.weightDecay = o.weightDecay;
  const loss: IrNetwork['train']['loss'] = { name: t.loss.name, fromLogits: t.loss.fromLogits };
  if (t.loss.name === 'huber') loss.delta = huberDelta(t.loss);
  return {
    loss,
    optimizer,
    epochs: t.epochs,
    batchSize: t.batchSize,
    seed: t.seed,
    earlyStopping: t.earlyStopping ? { patience: t.earlyStopping.patience, minDelta: t.earlyStopping.minDelta } : null,
  };
}

function data(d: DataSpec | undefined): IrNetwork['data'] {
  if (!d) return null;
  const out: NonNullable<IrNetwork['data']> = {
    source: d.source,
    target: d.target,
    features: d.features ? [...d.features] : null,
    validationSplit: d.validationSplit,
    standardize: d.standardize,
  };
  if (d.standardizeTarget === true) out.standardizeTarget = true;
  if (d.text !== undefined) {
    out.text = d.text;
    out.vocabulary = textVocabulary(d);
  }
  return out;
}

function layer(l: ResolvedLayer, version2: boolean): IrLayer {
  return {
    index: l.index,
    name: l.name,
    kind: l.kind,
    ...(version2 ? { inputs: [...l.inputs] } : {}),
    inputShape: [...l.inputShape],
    outputShape: [...l.outputShape],
    params: { trainable: l.params.trainable, nonTrainable: l.params.nonTrainable },
    config: layerConfig(l, version2),
    origin: {
      line: l.origin.range.start.line,
      column: l.origin.range.start.column,
      expansion: l.origin.chain.map(expansion),
    },
  };
}

/**
 * The IR of one resolved network: version 1 for what version 1 can express (`fitsVersion1`), else
 * version 2 (each layer's inputs, the newer kinds, `useBias`).
 */
export function toIr(network: ResolvedNetwork): IrNetwork {
  const version2 = !fitsVersion1(network);
  return {
    format: IR_FORMAT,
    version: version2 ? IR_GRAPH_VERSION : IR_VERSION,
    name: network.name,
    input: [...network.input],
    outputShape: [...network.outputShape],
    task: task(network.task),
    params: {
      total: network.params.total,
      trainable: network.params.trainable,
      nonTrainable: network.params.nonTrainable,
    },
    layers: network.layers.map((l) => layer(l, version2)),
    train: train(network.train),
    data: data(network.data),
  };
}
