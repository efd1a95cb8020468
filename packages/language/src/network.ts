/**
 * The resolved network: what analysis makes of a `network { }` once blocks and repeats are
 * expanded, arguments checked and defaulted, and shapes and parameter counts inferred.
 * Plain data. Every other package (lint, core, compile, lsp) works from this, not from the parser.
 */
import type { LayerCall, NetworkDecl, ParallelStmt, Range, ResidualStmt } from './ast.js';

/** The shape of one sample, without the batch axis: `[4]`, `[28, 28, 1]` (height, width, channels). */
export type Shape = number[];

export type ActivationName =
  | 'linear'
  | 'sigmoid'
  | 'tanh'
  | 'softmax'
  | 'relu'
  | 'leaky_relu'
  | 'prelu'
  | 'elu'
  | 'selu';

export type Activation =
  | { name: 'linear' }
  | { name: 'sigmoid' }
  | { name: 'tanh' }
  | { name: 'softmax' }
  | { name: 'relu' }
  /** Axon's default alpha is 0.01 (PyTorch's; Keras's LeakyReLU layer defaults to 0.3). */
  | { name: 'leaky_relu'; alpha: number }
  /** One learned slope per unit (per channel for conv), initialised to `init` (default 0.25, PyTorch's). */
  | { name: 'prelu'; init: number }
  | { name: 'elu'; alpha: number }
  /** alpha = 1.6732632423543772, scale = 1.0507009873554805 (fixed, as in Keras and PyTorch). */
  | { name: 'selu' };

export type InitializerName =
  | 'glorot_uniform'
  | 'glorot_normal'
  | 'he_uniform'
  | 'he_normal'
  | 'lecun_uniform'
  | 'lecun_normal'
  | 'zeros'
  | 'ones'
  | 'constant'
  | 'random_uniform'
  | 'random_normal'
  | 'truncated_normal'
  | 'orthogonal'
  | 'variance_scaling';

/** The initialisers that take arguments. */
type ParameterisedInitializer = 'constant' | 'random_uniform' | 'random_normal' | 'truncated_normal' | 'orthogonal' | 'variance_scaling';

/** `variance_scaling`'s fan: the kernel's inputs, outputs, or their mean (Keras's `mode`). */
export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';

/** `variance_scaling`'s distribution (Keras's names): normal cut at 2 standard deviations, plain normal, or uniform. */
export type ScalingDistribution = 'truncated_normal' | 'untruncated_normal' | 'uniform';

export type Initializer =
  | { name: Exclude<InitializerName, ParameterisedInitializer> }
  | { name: 'constant'; value: number }
  /** Keras's `RandomUniform`; defaults minval −0.05, maxval 0.05. */
  | { name: 'random_uniform'; minval: number; maxval: number }
  /**
   * Keras's `RandomNormal` / `TruncatedNormal` (values beyond 2 standard deviations redrawn); defaults
   * mean 0, stddev 0.05.
   */
  | { name: 'random_normal' | 'truncated_normal'; mean: number; stddev: number }
  /** Keras's `Orthogonal`; default gain 1. */
  | { name: 'orthogonal'; gain: number }
  /**
   * Keras's `VarianceScaling`: variance `scale / fan`; defaults scale 1, mode fan_in, distribution
   * truncated_normal (the truncated normal's stddev is corrected by 0.87962566103423978, as Keras does).
   */
  | { name: 'variance_scaling'; scale: number; mode: FanMode; distribution: ScalingDistribution };

/**
 * A penalty on a layer's kernel added to the loss (Keras's `kernel_regularizer`): `l1(0.01)` adds
 * 0.01 × Σ|w|, `l2(0.01)` adds 0.01 × Σw², `l1_l2(l1: 0.01, l2: 0.01)` both. Keras's defaults are 0.01.
 */
export type Regularizer = { name: 'l1'; l1: number } | { name: 'l2'; l2: number } | { name: 'l1_l2'; l1: number; l2: number };

export type Padding = 'same' | 'valid';

/** Explicit zero padding of a `zero_padding2d` layer: `[[top, bottom], [left, right]]`, non-negative. */
export type Padding2D = [[number, number], [number, number]];

/**
 * How a merge layer joins its inputs: `concat` along the last axis (the other axes must agree), or
 * element-wise `add`, `multiply`, `average`, `maximum` (equal shapes). Written as `residual { }` (add)
 * and `parallel(merge: …) { branch { } … }`.
 */
export type MergeMode = 'add' | 'concat' | 'multiply' | 'average' | 'maximum';

/** What a layer is, with every argument resolved and defaulted. */
export type LayerSpec =
  | {
      kind: 'dense';
      units: number;
      activation: Activation;
      /** True when the source wrote `activation:`; false when linear by default. */
      activationExplicit: boolean;
      init: Initializer; // default glorot_uniform
      biasInit: Initializer; // default zeros
      /** Written `use_bias: false`; default true. Without a bias the layer has no bias parameters (Keras's `use_bias`). */
      useBias: boolean;
      /** Written `kernel_regularizer: l2(0.01)`; absent: none. */
      kernelRegularizer?: Regularizer;
    }
  | { kind: 'dropout'; rate: number }
  | {
      kind: 'batch_norm';
      momentum: number; // Keras default 0.99 (moving = momentum * moving + (1 - momentum) * batch)
      epsilon: number; // Keras default 1e-3
    }
  | { kind: 'activation'; activation: Activation }
  | { kind: 'flatten' }
  | {
      kind: 'conv2d';
      filters: number;
      kernel: [number, number];
      stride: [number, number]; // default [1, 1]
      padding: Padding; // default 'valid'
      activation: Activation;
      activationExplicit: boolean;
      init: Initializer;
      biasInit: Initializer;
      /** Default true, as for dense. */
      useBias: boolean;
      kernelRegularizer?: Regularizer;
    }
  | {
      kind: 'max_pool2d' | 'avg_pool2d';
      pool: [number, number];
      stride: [number, number]; // default = pool
      padding: Padding; // default 'valid'
    }
  /** The mean (or maximum) of each channel over height and width: `[h, w, c]` → `[c]` (Keras's `GlobalAveragePooling2D`, `GlobalMaxPooling2D`). */
  | { kind: 'global_avg_pool2d' }
  | { kind: 'global_max_pool2d' }
  /**
   * Zero rows and columns around each sample: `[h, w, c]` → `[h + top + bottom, w + left + right, c]`
   * (Keras's `ZeroPadding2D`). Written `zero_padding2d(1)`, `zero_padding2d([1, 2])` (= [[1, 1], [2, 2]])
   * or `zero_padding2d([[1, 0], [1, 0]])`.
   */
  | { kind: 'zero_padding2d'; padding: Padding2D }
  /** Joins two or more inputs (see `ResolvedLayer.inputs`); no parameters. */
  | { kind: 'merge'; mode: MergeMode }
  /**
   * Token ids → vectors (Keras's `Embedding`): `[n]` → `[n, outputDim]`, `inputDim × outputDim`
   * parameters, initialised uniform in [-0.05, 0.05] as Keras does. Reads the network's input only;
   * ids are whole numbers in [0, inputDim) (0 is padding, 1 unknown when `data { text: }` made them).
   */
  | { kind: 'embedding'; inputDim: number; outputDim: number }
  /**
   * A recurrent layer on `[steps, features]` (Keras's `LSTM`, `GRU` with `reset_after: true`,
   * `SimpleRNN`). Output `[steps, units]` with `returnSequences`, else `[units]` (the last step);
   * `bidirectional` runs a second copy over the reversed sequence and concatenates the two (forward
   * first, as Keras's `Bidirectional(merge_mode="concat")`): `2 × units` features, twice the parameters.
   * Weights as Keras: kernel `[features, g × units]`, recurrent kernel `[units, g × units]` and bias
   * `[g × units]` (GRU: `[2, 3 × units]`, input and recurrent biases), g = 4 (LSTM gates i, f, c, o),
   * 3 (GRU gates z, r, h) or 1 (SimpleRNN). Kernel glorot_uniform, recurrent kernel orthogonal, bias
   * zeros (LSTM: the forget gate's bias starts at 1, Keras's `unit_forget_bias`).
   */
  | {
      kind: RecurrentKind;
      units: number;
      /** Default false. */
      returnSequences: boolean;
      /** Default false. */
      bidirectional: boolean;
      /** The cell's output/candidate activation; default tanh. */
      activation: Activation;
      /** True when the source wrote `activation:`. */
      activationExplicit: boolean;
      /** The gates' activation (LSTM, GRU; default sigmoid). Absent for simple_rnn, which has no gates. */
      recurrentActivation?: Activation;
      /** Fraction of the inputs dropped while training (one mask per sample for all steps); default 0. */
      dropout: number;
      /** Fraction of the recurrent state dropped while training; default 0. */
      recurrentDropout: number;
      /** Default true. */
      useBias: boolean;
    }
  /** 1-D convolution over `[steps, channels]` (Keras's `Conv1D`): `[steps', filters]`; kernel `[kernel, channels, filters]`. */
  | {
      kind: 'conv1d';
      filters: number;
      kernel: number;
      stride: number; // default 1
      padding: Padding; // default 'valid'
      activation: Activation;
      activationExplicit: boolean;
      init: Initializer;
      biasInit: Initializer;
      useBias: boolean;
      kernelRegularizer?: Regularizer;
    }
  | {
      kind: 'max_pool1d' | 'avg_pool1d';
      pool: number;
      stride: number; // default = pool
      padding: Padding; // default 'valid'
    }
  /** The mean (or maximum) of each channel over the steps: `[steps, c]` → `[c]`. */
  | { kind: 'global_avg_pool1d' }
  | { kind: 'global_max_pool1d' };

/** The recurrent layer kinds. */
export type RecurrentKind = 'lstm' | 'gru' | 'simple_rnn';

export type LayerKind = LayerSpec['kind'];

/** The kinds written as a layer call (`dense(16)`); a `merge` comes from the graph constructs. */
export type LayerCallKind = Exclude<LayerKind, 'merge'>;

/** One step in the chain of expansions that produced a layer, outermost first. */
export type ExpansionStep =
  | {
      kind: 'repeat';
      /** Range of the whole `repeat N { … }` statement. */
      range: Range;
      /** Range of the `repeat` keyword and count, for messages ("from `repeat 18` at line 9"). */
      headerRange: Range;
      count: number;
      /** 1-based iteration. */
      iteration: number;
    }
  | {
      kind: 'block';
      block: string;
      /** Range of the block use (`elu_block(32)`). */
      useRange: Range;
      /** Range of the block's name in its definition. */
      definitionRange: Range;
      /** Argument values bound to the block's parameters for this use. */
      bindings: Record<string, BoundValue>;
    };

/** A bound argument value: a number, string, boolean, a name or call (`relu`, `elu(alpha: 1)`), or a list. */
export type BoundValue =
  | number
  | string
  | boolean
  | { name: string; args?: Record<string, BoundValue> }
  | BoundValue[];

/** Where a resolved layer came from. */
export interface LayerOrigin {
  /** The layer call as written (its own line, inside a block or repeat if it is in one). */
  node: LayerCall;
  range: Range;
  /** Outermost first; empty for a layer written directly inside `layers { }`. */
  chain: ExpansionStep[];
  /**
   * A merge layer's construct: the `residual { }` or `parallel { }` statement it joins (its `node` is
   * a synthesized call named by the keyword, with the keyword's range). Absent for every other layer.
   */
  construct?: ResidualStmt | ParallelStmt;
}

export interface ParamCount {
  trainable: number;
  nonTrainable: number;
}

export type ResolvedLayer = LayerSpec & {
  /**
   * 0-based position in the layer list. The list is in topological order: every layer comes after
   * the layers it reads from, and the last layer is the network's output.
   */
  index: number;
  /**
   * The layers this one reads from, by index, in order (-1, `NETWORK_INPUT` in graph.ts, for the network's input).
   * One entry for every kind but `merge`, which has two or more. Read it through `predecessors`,
   * `successors`, `outputLayer` and `topologicalOrder` (graph.ts), never as `layers[i ± 1]`.
   */
  inputs: number[];
  /** Keras-style unique name: `dense`, `dense_1`, `batch_norm`, … */
  name: string;
  /** The shape of the first input (a merge's other inputs: `inputShapes`). */
  inputShape: Shape;
  outputShape: Shape;
  params: ParamCount;
  origin: LayerOrigin;
  /**
   * Where each written argument's value was written, by argument name (`units`, `activation`, …).
   * For a value passed into a block through a parameter this is the block use's argument, not the
   * parameter's name in the block body. Defaulted arguments are absent.
   */
  argRanges?: Partial<Record<string, Range>>;
};

export type Task =
  | { kind: 'regression'; outputs: number }
  | { kind: 'binary_classification' }
  | { kind: 'classification'; classes: number }
  | { kind: 'multilabel'; labels: number };

export type LossName =
  | 'mse'
  | 'mae'
  | 'huber'
  | 'log_cosh'
  | 'binary_crossentropy'
  | 'categorical_crossentropy'
  /** Categorical cross-entropy on integer class labels (the CSV target stays one class column; no one-hot). */
  | 'sparse_categorical_crossentropy'
  /** Σ y·log(y / ŷ) over the outputs (targets are distributions). */
  | 'kl_divergence'
  /** ŷ − y·log(ŷ) (count targets; the output must be positive). */
  | 'poisson'
  /** max(0, 1 − y·ŷ) with targets in {−1, 1} (0/1 targets are mapped to −1/1, as Keras does). */
  | 'hinge';

export interface Loss {
  name: LossName;
  /** Cross-entropies only: the output layer emits logits. */
  fromLogits: boolean;
  /** Huber only (default 1.0). */
  delta?: number;
}

/**
 * Gradient clipping, as Keras's optimizer arguments (written `adam(clipnorm: 1)`): `clipNorm` scales
 * each weight tensor's gradient down to at most that L2 norm (per tensor, as Keras's `clipnorm`, not
 * the global norm); `clipValue` clamps every gradient element to [-v, v]. Both may be set (value first,
 * then norm). Absent: no clipping.
 */
export interface GradientClipping {
  clipNorm?: number;
  clipValue?: number;
}

/**
 * What every optimizer accepts besides its own settings: clipping, and decoupled weight decay
 * (Keras's `weight_decay`: after each step every weight is multiplied by 1 − learning_rate × weight_decay;
 * absent or 0: none). `adamw` always has it (default 0.004, Keras's).
 */
export interface OptimizerCommon extends GradientClipping {
  weightDecay?: number;
}

export type Optimizer = (
  | { name: 'sgd'; learningRate: number; momentum: number; nesterov: boolean } // defaults 0.01, 0, false
  | { name: 'adam'; learningRate: number; beta1: number; beta2: number; epsilon: number } // 1e-3, 0.9, 0.999, 1e-7
  | { name: 'rmsprop'; learningRate: number; rho: number; epsilon: number } // 1e-3, 0.9, 1e-7
  /** Keras defaults: learning_rate 1e-3, initial_accumulator_value 0.1, epsilon 1e-7. */
  | { name: 'adagrad'; learningRate: number; initialAccumulator: number; epsilon: number }
  /** Keras defaults: learning_rate 1e-3, rho 0.95, epsilon 1e-7. */
  | { name: 'adadelta'; learningRate: number; rho: number; epsilon: number }
  /** Adam with decoupled weight decay (Loshchilov & Hutter 2019); Keras defaults 1e-3, 0.9, 0.999, 1e-7, weight_decay 0.004. */
  | { name: 'adamw'; learningRate: number; beta1: number; beta2: number; epsilon: number; weightDecay: number }
  /** Adam with Nesterov momentum (Dozat 2016), as Keras's `Nadam`; defaults 1e-3, 0.9, 0.999, 1e-7. */
  | { name: 'nadam'; learningRate: number; beta1: number; beta2: number; epsilon: number }
) &
  OptimizerCommon;

export interface EarlyStopping {
  patience: number;
  /** Default 0. */
  minDelta: number;
}

export interface TrainSpec {
  loss: Loss;
  /** False when the loss was defaulted from the task. */
  lossExplicit: boolean;
  optimizer: Optimizer;
  epochs: number; // default 100
  batchSize: number; // default 32
  seed: number; // default 42
  earlyStopping?: EarlyStopping;
  /** Ranges of the settings as written, by key (`loss`, `optimizer`, `learning_rate`, `epochs`, …). */
  ranges: Partial<Record<string, Range>>;
}

export interface DataSpec {
  /** As written; relative to the `.axon` file. */
  source: string;
  target: string;
  /** Feature columns; undefined means every column but the target. */
  features?: string[];
  validationSplit: number; // default 0.2
  standardize: boolean; // default true
  /**
   * `standardize_target: true` (regression only): train on targets scaled to mean 0, standard deviation 1
   * (statistics from the training rows, kept in the model file); predictions are scaled back. Absent: false.
   */
  standardizeTarget?: boolean;
  /**
   * `text: "column"`: the one feature is a text column, tokenised into the input's `[n]` token ids
   * (lower-cased word tokens; 0 = padding, 1 = unknown; padded or cut to n). Not standardised.
   */
  text?: string;
  /** With `text`: ids 2 … vocabulary − 1 go to the most frequent words of the training rows. Default 20000. */
  vocabulary?: number;
  ranges: Partial<Record<string, Range>>;
}

export interface ResolvedNetwork {
  name: string;
  range: Range;
  nameRange: Range;
  input: Shape;
  inputRange?: Range;
  task?: Task;
  taskRange?: Range;
  layers: ResolvedLayer[];
  outputShape: Shape;
  params: ParamCount & { total: number };
  train: TrainSpec;
  trainRange?: Range;
  data?: DataSpec;
  dataRange?: Range;
  /** The declaration this was resolved from. */
  node: NetworkDecl;
}
