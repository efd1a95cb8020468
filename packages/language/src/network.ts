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
  | 'constant';

export type Initializer =
  | { name: Exclude<InitializerName, 'constant'> }
  | { name: 'constant'; value: number };

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
  | { kind: 'merge'; mode: MergeMode };

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

export type LossName = 'mse' | 'mae' | 'huber' | 'binary_crossentropy' | 'categorical_crossentropy';

export interface Loss {
  name: LossName;
  /** Cross-entropies only: the output layer emits logits. */
  fromLogits: boolean;
  /** Huber only (default 1.0). */
  delta?: number;
}

export type Optimizer =
  | { name: 'sgd'; learningRate: number; momentum: number; nesterov: boolean } // defaults 0.01, 0, false
  | { name: 'adam'; learningRate: number; beta1: number; beta2: number; epsilon: number } // 1e-3, 0.9, 0.999, 1e-7
  | { name: 'rmsprop'; learningRate: number; rho: number; epsilon: number }; // 1e-3, 0.9, 1e-7

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
