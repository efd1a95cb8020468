/**
 * TF.js target: a layers model (`model.json` in the Keras-style topology format that
 * `tf.loadLayersModel` reads, plus `weights.bin` when trained weights are given): a `Sequential`
 * topology for a chain, a `Functional` one (an InputLayer and every layer's inbound nodes) for a graph.
 * Without weights, the model has only its topology and TF.js initialises it from the initialisers.
 * Sequence layers are TF.js's Embedding, LSTM, SimpleRNN, Bidirectional, Conv1D and 1-D pools; GRU is
 * refused (TF.js 4.22 has no reset_after GRU, see recurrentLayer).
 */
import {
  activationText,
  isChain,
  NETWORK_INPUT,
  outputLayer,
  topologicalOrder,
  type Activation,
  type Initializer,
  type MergeMode,
  type Regularizer,
  type RecurrentKind,
  type ResolvedLayer,
  type ResolvedNetwork,
} from '@axon/language';
import type { CompileInput, CompileOutput, OutputFile } from '../types.js';
import { CompileError } from '../errors.js';
import { jsIdentifier } from '../escape.js';
import { toIr } from '../ir.js';
import { layoutOf, requireImage } from '../layout.js';
import { float32Bytes, recurrentDirections, recurrentTensors, tensor, weightsByLayer, type WeightTensor } from '../weights.js';

const TARGET = 'tfjs';
export const TFJS_WEIGHTS_FILE = 'weights.bin';

type Json = Record<string, unknown>;

const INIT_CLASS = {
  glorot_uniform: 'GlorotUniform',
  glorot_normal: 'GlorotNormal',
  he_uniform: 'HeUniform',
  he_normal: 'HeNormal',
  lecun_uniform: 'LeCunUniform',
  lecun_normal: 'LeCunNormal',
} as const;

/** Keras's stddev of N(0, 1) cut at ±2 (VarianceScaling's truncated_normal divides by it). */
const TRUNCATED_NORMAL_STDDEV_FACTOR = 0.87962566103423978;

/**
 * Keras's fans of a weight tensor: the last axis is the outputs, the one before the inputs, the rest
 * the receptive field; a vector (a bias) has its length as both.
 */
function fans(shape: number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: receptive * shape[shape.length - 2]!, fanOut: receptive * shape[shape.length - 1]! };
}

/**
 * A TF.js initializer for `i` on a tensor of `shape` (Keras layout). TF.js 4.22's VarianceScaling draws
 * its `normal` from a truncated normal without Keras's stddev correction and its `truncatedNormal` from a
 * uniform; so a variance_scaling with a normal distribution is written as the TruncatedNormal /
 * RandomNormal of the stddev Keras would use for this tensor (its fans are known here), and only the
 * uniform one as VarianceScaling.
 */
function initializer(i: Initializer, seed: number | null, shape: number[]): Json {
  switch (i.name) {
    case 'constant':
      return { class_name: 'Constant', config: { value: i.value } };
    case 'zeros':
      return { class_name: 'Zeros', config: {} };
    case 'ones':
      return { class_name: 'Ones', config: {} };
    case 'random_uniform':
      return { class_name: 'RandomUniform', config: { minval: i.minval, maxval: i.maxval, seed } };
    case 'random_normal':
      return { class_name: 'RandomNormal', config: { mean: i.mean, stddev: i.stddev, seed } };
    case 'truncated_normal':
      return { class_name: 'TruncatedNormal', config: { mean: i.mean, stddev: i.stddev, seed } };
    case 'orthogonal':
      return { class_name: 'Orthogonal', config: { gain: i.gain, seed } };
    case 'variance_scaling': {
      if (i.distribution === 'uniform') return { class_name: 'VarianceScaling', config: { scale: i.scale, mode: i.mode, distribution: 'uniform', seed } };
      const { fanIn, fanOut } = fans(shape);
      const fan = i.mode === 'fan_in' ? fanIn : i.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
      const std = Math.sqrt(i.scale / Math.max(1, fan));
      return i.distribution === 'truncated_normal'
        ? { class_name: 'TruncatedNormal', config: { mean: 0, stddev: std / TRUNCATED_NORMAL_STDDEV_FACTOR, seed } }
        : { class_name: 'RandomNormal', config: { mean: 0, stddev: std, seed } };
    }
    default:
      return { class_name: INIT_CLASS[i.name], config: { seed } };
  }
}

/** A kernel regulariser as TF.js's L1L2 (l1 and l2 both written; the one not set is 0). */
function regularizer(r: Regularizer | undefined): Json | null {
  if (!r) return null;
  const l1 = r.name === 'l2' ? 0 : r.l1;
  const l2 = r.name === 'l1' ? 0 : r.l2;
  return { class_name: 'L1L2', config: { l1, l2 } };
}

/** The built-in activation string TF.js has for `a`, or undefined when it needs its own layer. */
function builtinActivation(a: Activation): string | undefined {
  switch (a.name) {
    case 'linear':
    case 'relu':
    case 'sigmoid':
    case 'tanh':
    case 'softmax':
    case 'selu':
      return a.name;
    case 'elu':
      return a.alpha === 1 ? 'elu' : undefined;
    default:
      return undefined;
  }
}

interface TfLayer {
  json: Json;
  /** Weight specs (TF.js names) and values, in the layer's weight order. */
  weights: { name: string; shape: number[]; values?: Float32Array }[];
}

/** The stand-alone layer an activation needs (LeakyReLU, PReLU, ELU, or Activation). */
function activationLayer(a: Activation, name: string, shape: number[], alpha?: WeightTensor): TfLayer {
  const image = shape.length === 3;
  switch (a.name) {
    case 'leaky_relu':
      return { json: { class_name: 'LeakyReLU', config: { name, trainable: true, dtype: 'float32', alpha: a.alpha } }, weights: [] };
    case 'elu':
      // TF.js 4.x refuses ELU layers with alpha != 1 ("not supported by the ELU layer yet").
      throw new CompileError(TARGET, activationText(a), 'TensorFlow.js implements ELU with alpha 1 only; use elu(alpha: 1.0) or another target');
    case 'prelu': {
      const shared = shape.length === 3 ? [1, 2] : shape.length === 2 ? [1] : null;
      const alphaShape = image ? [1, 1, shape[2]!] : shape.length === 2 ? [1, shape[1]!] : [shape[0]!];
      return {
        json: {
          class_name: 'PReLU',
          config: {
            name,
            trainable: true,
            dtype: 'float32',
            alpha_initializer: { class_name: 'Constant', config: { value: a.init } },
            alpha_regularizer: null,
            alpha_constraint: null,
            shared_axes: shared,
          },
        },
        weights: [{ name: `${name}/alpha`, shape: alphaShape, values: alpha?.values }],
      };
    }
    default:
      return { json: { class_name: 'Activation', config: { name, trainable: true, dtype: 'float32', activation: a.name } }, weights: [] };
  }
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

/** The TF.js layers for one Axon layer (two when its activation needs a layer of its own). */
function tfLayers(
  l: ResolvedLayer,
  seed: number,
  taken: Set<string>,
  w: ((name: string) => WeightTensor) | undefined,
): TfLayer[] {
  layoutOf(l.inputShape, l, TARGET);
  const name = l.name;
  const base = { name, trainable: true, dtype: 'float32' };
  const spec = (suffix: string, shape: number[]) => ({ name: `${name}/${suffix}`, shape, values: w?.(suffix).values });
  const channels = l.inputShape[l.inputShape.length - 1]!;
  switch (l.kind) {
    case 'dense':
    case 'conv2d': {
      const builtin = builtinActivation(l.activation);
      const kernelShape = l.kind === 'dense' ? [channels, l.units] : [l.kernel[0], l.kernel[1], channels, l.filters];
      const common = {
        activation: builtin ?? 'linear',
        use_bias: l.useBias,
        kernel_initializer: initializer(l.init, seed, kernelShape),
        bias_initializer: initializer(l.biasInit, seed, [l.kind === 'dense' ? l.units : l.filters]),
        kernel_regularizer: regularizer(l.kernelRegularizer),
        bias_regularizer: null,
        activity_regularizer: null,
        kernel_constraint: null,
        bias_constraint: null,
      };
      const layer: TfLayer =
        l.kind === 'dense'
          ? {
              json: { class_name: 'Dense', config: { ...base, units: l.units, ...common } },
              weights: [spec('kernel', [channels, l.units]), ...(l.useBias ? [spec('bias', [l.units])] : [])],
            }
          : {
              json: {
                class_name: 'Conv2D',
                config: {
                  ...base,
                  filters: l.filters,
                  kernel_size: [...l.kernel],
                  strides: [...l.stride],
                  padding: l.padding,
                  data_format: 'channels_last',
                  dilation_rate: [1, 1],
                  ...common,
                },
              },
              weights: [spec('kernel', [l.kernel[0], l.kernel[1], channels, l.filters]), ...(l.useBias ? [spec('bias', [l.filters])] : [])],
            };
      if (builtin !== undefined) return [layer];
      const act = activationLayer(l.activation, uniqueName(`${name}_${l.activation.name}`, taken), l.outputShape, w && l.activation.name === 'prelu' ? w('alpha') : undefined);
      return [layer, act];
    }
    case 'activation': {
      const builtin = builtinActivation(l.activation);
      if (builtin !== undefined) {
        return [{ json: { class_name: 'Activation', config: { ...base, activation: builtin } }, weights: [] }];
      }
      return [activationLayer(l.activation, name, l.outputShape, w && l.activation.name === 'prelu' ? w('alpha') : undefined)];
    }
    case 'dropout':
      return [{ json: { class_name: 'Dropout', config: { ...base, rate: l.rate, noise_shape: null, seed: null } }, weights: [] }];
    case 'batch_norm':
      return [
        {
          json: {
            class_name: 'BatchNormalization',
            config: {
              ...base,
              axis: -1,
              momentum: l.momentum,
              epsilon: l.epsilon,
              center: true,
              scale: true,
              beta_initializer: { class_name: 'Zeros', config: {} },
              gamma_initializer: { class_name: 'Ones', config: {} },
              moving_mean_initializer: { class_name: 'Zeros', config: {} },
              moving_variance_initializer: { class_name: 'Ones', config: {} },
              beta_regularizer: null,
              gamma_regularizer: null,
              beta_constraint: null,
              gamma_constraint: null,
            },
          },
          weights: ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((n) => spec(n, [channels])),
        },
      ];
    case 'flatten':
      return [{ json: { class_name: 'Flatten', config: { ...base, data_format: 'channels_last' } }, weights: [] }];
    case 'max_pool2d':
    case 'avg_pool2d':
      if (l.inputShape.length !== 3) throw new CompileError(TARGET, `${l.kind} on a rank-${l.inputShape.length} input`, `layer ${l.name}`);
      return [
        {
          json: {
            class_name: l.kind === 'max_pool2d' ? 'MaxPooling2D' : 'AveragePooling2D',
            config: { ...base, pool_size: [...l.pool], strides: [...l.stride], padding: l.padding, data_format: 'channels_last' },
          },
          weights: [],
        },
      ];
    case 'global_avg_pool2d':
    case 'global_max_pool2d':
      requireImage(l, TARGET);
      return [
        {
          json: { class_name: l.kind === 'global_avg_pool2d' ? 'GlobalAveragePooling2D' : 'GlobalMaxPooling2D', config: { ...base, data_format: 'channels_last' } },
          weights: [],
        },
      ];
    case 'zero_padding2d': {
      requireImage(l, TARGET);
      const [[top, bottom], [left, right]] = l.padding;
      return [{ json: { class_name: 'ZeroPadding2D', config: { ...base, padding: [[top, bottom], [left, right]], data_format: 'channels_last' } }, weights: [] }];
    }
    case 'merge':
      return [{ json: { class_name: MERGE_CLASS[l.mode], config: l.mode === 'concat' ? { ...base, axis: -1 } : base }, weights: [] }];
    case 'embedding':
      return [
        {
          json: {
            class_name: 'Embedding',
            config: {
              ...base,
              input_dim: l.inputDim,
              output_dim: l.outputDim,
              embeddings_initializer: { class_name: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed } },
              embeddings_regularizer: null,
              activity_regularizer: null,
              embeddings_constraint: null,
              mask_zero: false,
              input_length: null,
            },
          },
          weights: [spec('embeddings', [l.inputDim, l.outputDim])],
        },
      ];
    case 'lstm':
    case 'gru':
    case 'simple_rnn':
      return [recurrentLayer(l, seed, w)];
    case 'conv1d': {
      const builtin = builtinActivation(l.activation);
      const layer: TfLayer = {
        json: {
          class_name: 'Conv1D',
          config: {
            ...base,
            filters: l.filters,
            kernel_size: [l.kernel],
            strides: [l.stride],
            padding: l.padding,
            data_format: 'channels_last',
            dilation_rate: [1],
            activation: builtin ?? 'linear',
            use_bias: l.useBias,
            kernel_initializer: initializer(l.init, seed, [l.kernel, channels, l.filters]),
            bias_initializer: initializer(l.biasInit, seed, [l.filters]),
            kernel_regularizer: regularizer(l.kernelRegularizer),
            bias_regularizer: null,
            activity_regularizer: null,
            kernel_constraint: null,
            bias_constraint: null,
          },
        },
        weights: [spec('kernel', [l.kernel, channels, l.filters]), ...(l.useBias ? [spec('bias', [l.filters])] : [])],
      };
      if (builtin !== undefined) return [layer];
      const act = activationLayer(l.activation, uniqueName(`${name}_${l.activation.name}`, taken), l.outputShape, w && l.activation.name === 'prelu' ? w('alpha') : undefined);
      return [layer, act];
    }
    case 'max_pool1d':
    case 'avg_pool1d':
      requireSequence(l);
      return [
        {
          json: { class_name: l.kind === 'max_pool1d' ? 'MaxPooling1D' : 'AveragePooling1D', config: { ...base, pool_size: [l.pool], strides: [l.stride], padding: l.padding } },
          weights: [],
        },
      ];
    case 'global_avg_pool1d':
    case 'global_max_pool1d':
      requireSequence(l);
      return [{ json: { class_name: l.kind === 'global_avg_pool1d' ? 'GlobalAveragePooling1D' : 'GlobalMaxPooling1D', config: base }, weights: [] }];
  }
}

function requireSequence(l: ResolvedLayer): void {
  if (l.inputShape.length !== 2) throw new CompileError(TARGET, `${l.kind} on a rank-${l.inputShape.length} input`, `layer ${l.name} needs [steps, channels]`);
}

const RECURRENT_CLASS: Record<RecurrentKind, string> = { lstm: 'LSTM', gru: 'GRU', simple_rnn: 'SimpleRNN' };

/** An activation of a recurrent cell as TF.js's string (a learned prelu or an alpha the strings cannot carry is refused). */
function cellActivation(l: ResolvedLayer, a: Activation, role: string): string {
  const b = builtinActivation(a);
  if (b === undefined) {
    throw new CompileError(TARGET, `${activationText(a)} as the ${role} of ${l.kind} layer ${l.name} (line ${l.origin.range.start.line})`, 'a TensorFlow.js recurrent layer takes linear, relu, sigmoid, tanh, softmax, selu or elu(alpha: 1)');
  }
  return b;
}

/**
 * LSTM / SimpleRNN, wrapped in Bidirectional (merge_mode concat) when the layer is bidirectional: the
 * wrapper names its copies forward_<name> and backward_<name>, and their weights
 * <name>/forward_<name>/kernel …, forward's three before backward's (Keras's order, the core's too).
 * GRU is refused: Axon's GRU is Keras's reset_after=True, and TF.js 4.22's GRUCell throws on
 * reset_after ("GRUCell does not support reset_after parameter set to true"); its reset-before GRU
 * computes something else with other weight shapes.
 */
function recurrentLayer(l: ResolvedLayer & { kind: RecurrentKind }, seed: number, w: ((name: string) => WeightTensor) | undefined): TfLayer {
  if (l.kind === 'gru') {
    throw new CompileError(
      TARGET,
      `gru layer ${l.name} (line ${l.origin.range.start.line})`,
      'Axon\'s GRU is Keras\'s reset_after=True GRU, and TensorFlow.js 4.22 cannot load it (its GRUCell rejects reset_after: true); use lstm or simple_rnn here, or --target onnx or pytorch',
    );
  }
  const features = l.inputShape[l.inputShape.length - 1]!;
  const cellConfig = {
    name: l.name,
    trainable: true,
    dtype: 'float32',
    units: l.units,
    activation: cellActivation(l, l.activation, 'activation'),
    ...(l.recurrentActivation ? { recurrent_activation: cellActivation(l, l.recurrentActivation, 'recurrent_activation') } : {}),
    use_bias: l.useBias,
    kernel_initializer: initializer({ name: 'glorot_uniform' }, seed, [features, l.units]),
    recurrent_initializer: { class_name: 'Orthogonal', config: { gain: 1, seed } },
    bias_initializer: { class_name: 'Zeros', config: {} },
    ...(l.kind === 'lstm' ? { unit_forget_bias: true, implementation: 1 } : {}),
    kernel_regularizer: null,
    recurrent_regularizer: null,
    bias_regularizer: null,
    activity_regularizer: null,
    kernel_constraint: null,
    recurrent_constraint: null,
    bias_constraint: null,
    dropout: l.dropout,
    recurrent_dropout: l.recurrentDropout,
    return_sequences: l.returnSequences,
    return_state: false,
    go_backwards: false,
    stateful: false,
    unroll: false,
  };
  const cell = { class_name: RECURRENT_CLASS[l.kind], config: cellConfig };
  const weights = recurrentDirections(l).flatMap((d) =>
    recurrentTensors(l, features).map((t) => ({
      name: l.bidirectional ? `${l.name}/${d.backward ? 'backward' : 'forward'}_${l.name}/${t.name}` : `${l.name}/${t.name}`,
      shape: t.shape,
      values: w?.(d.prefix + t.name).values,
    })),
  );
  if (!l.bidirectional) return { json: cell, weights };
  return { json: { class_name: 'Bidirectional', config: { name: l.name, trainable: true, merge_mode: 'concat', layer: cell } }, weights };
}

const MERGE_CLASS: Record<MergeMode, string> = { add: 'Add', concat: 'Concatenate', multiply: 'Multiply', average: 'Average', maximum: 'Maximum' };

/** A Sequential topology: the layers in order, the first carrying the batch input shape (a chain). */
function sequentialTopology(network: ResolvedNetwork, groups: TfLayer[][]): Json {
  const layers = groups.flat().map((t) => t.json);
  (layers[0]!.config as Json).batch_input_shape = [null, ...network.input];
  return { class_name: 'Sequential', config: { name: jsIdentifier(network.name), layers } };
}

/**
 * A Functional topology (a graph): an InputLayer, then every TF.js layer with its inbound node — the
 * last TF.js layer of each Axon input (several for a merge), or the one before it in the same group
 * (a dense layer followed by its stand-alone activation).
 */
function functionalTopology(network: ResolvedNetwork, groups: TfLayer[][], taken: Set<string>): Json {
  const inputName = uniqueName('input', taken);
  const layers: Json[] = [
    { class_name: 'InputLayer', name: inputName, config: { batch_input_shape: [null, ...network.input], dtype: 'float32', sparse: false, name: inputName }, inbound_nodes: [] },
  ];
  const outputOf = new Map<number, string>([[NETWORK_INPUT, inputName]]);
  const nameOf = (t: TfLayer) => (t.json.config as Json).name as string;
  for (const l of topologicalOrder(network)) {
    let inbound = l.inputs.map((i) => outputOf.get(i)!);
    for (const t of groups[l.index]!) {
      layers.push({ ...t.json, name: nameOf(t), inbound_nodes: [inbound.map((n) => [n, 0, 0, {}])] });
      inbound = [nameOf(t)];
    }
    outputOf.set(l.index, inbound[0]!);
  }
  const last = outputLayer(network);
  return {
    class_name: 'Functional',
    config: {
      name: jsIdentifier(network.name),
      layers,
      input_layers: [[inputName, 0, 0]],
      output_layers: [[outputOf.get(last ? last.index : NETWORK_INPUT)!, 0, 0]],
    },
  };
}

/** True when the loss or optimizer is one issue 13 added (those networks get a trainingConfig). */
function usesIssue13Training(network: ResolvedNetwork): boolean {
  const newLosses = ['log_cosh', 'sparse_categorical_crossentropy', 'kl_divergence', 'poisson', 'hinge'];
  return newLosses.includes(network.train.loss.name) || network.train.optimizer.name === 'adagrad' || network.train.optimizer.name === 'adadelta';
}

/** The losses TF.js's layers know by name (as `training_config.loss`, camel-cased on load); from_logits cannot be said there. */
const TFJS_LOSS: Partial<Record<string, string>> = {
  mse: 'mean_squared_error',
  mae: 'mean_absolute_error',
  binary_crossentropy: 'binary_crossentropy',
  categorical_crossentropy: 'categorical_crossentropy',
  sparse_categorical_crossentropy: 'sparse_categorical_crossentropy',
  log_cosh: 'logcosh',
  kl_divergence: 'kullback_leibler_divergence',
  poisson: 'poisson',
  hinge: 'hinge',
};

/**
 * The optimizer as TF.js's serialised optimizer (`optimizer_config`), or undefined when TF.js has none
 * like it. TF.js 4.22 has SGD, Momentum, Adam, RMSProp, Adagrad and Adadelta; no gradient clipping,
 * and Adagrad's epsilon is fixed at 1e-7 (Keras's default).
 */
function tfjsOptimizer(network: ResolvedNetwork): Json | undefined {
  const o = network.train.optimizer;
  if (o.clipNorm !== undefined || o.clipValue !== undefined) return undefined;
  switch (o.name) {
    case 'sgd':
      return o.momentum === 0 && !o.nesterov
        ? { class_name: 'SGD', config: { learning_rate: o.learningRate } }
        : { class_name: 'Momentum', config: { learning_rate: o.learningRate, momentum: o.momentum, use_nesterov: o.nesterov } };
    case 'adam':
      return { class_name: 'Adam', config: { learning_rate: o.learningRate, beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon } };
    case 'rmsprop':
      return { class_name: 'RMSProp', config: { learning_rate: o.learningRate, decay: o.rho, momentum: 0, epsilon: o.epsilon, centered: false } };
    case 'adagrad':
      return o.epsilon === 1e-7 ? { class_name: 'Adagrad', config: { learning_rate: o.learningRate, initial_accumulator_value: o.initialAccumulator } } : undefined;
    case 'adadelta':
      return { class_name: 'Adadelta', config: { learning_rate: o.learningRate, rho: o.rho, epsilon: o.epsilon } };
    default:
      return undefined;
  }
}

/**
 * The model's `trainingConfig` (what tf.loadLayersModel compiles the model with): the loss and the
 * optimizer when TF.js can express both, else absent (the settings stay in userDefinedMetadata.axon).
 * The issue-13 settings TF.js has no counterpart for — adamw, nadam and weight_decay — are refused
 * for a model that would be trained (no trained weights): never a training setup that silently differs.
 */
function trainingConfig(network: ResolvedNetwork, trained: boolean): Json | undefined {
  const o = network.train.optimizer;
  const line = network.train.ranges.optimizer?.start.line;
  const at = line ? ` (line ${line})` : '';
  if (!trained) {
    if (o.name === 'adamw' || o.name === 'nadam') {
      throw new CompileError(TARGET, `the ${o.name} optimizer${at}`, `TensorFlow.js 4.22 has no ${o.name === 'adamw' ? 'AdamW' : 'Nadam'} optimizer; use adam, or compile trained weights (--weights) for inference, or --target keras or pytorch`);
    }
    if (o.weightDecay !== undefined && o.weightDecay > 0) {
      throw new CompileError(TARGET, `weight_decay on ${o.name}${at}`, 'TensorFlow.js 4.22 optimizers have no weight decay; drop it, use kernel_regularizer: l2(…), compile trained weights (--weights) for inference, or --target keras or pytorch');
    }
  }
  const loss = network.train.loss.fromLogits ? undefined : TFJS_LOSS[network.train.loss.name];
  const optimizer = tfjsOptimizer(network);
  if (loss === undefined || optimizer === undefined) return undefined;
  return { loss, metrics: null, optimizer_config: optimizer };
}

export function tfjsModel(network: ResolvedNetwork, input: CompileInput): { modelJson: Json; weightData?: Uint8Array } {
  const byLayer = input.trained ? weightsByLayer(network, input.trained.weights, TARGET) : undefined;
  const taken = new Set(network.layers.map((l) => l.name));
  const groups: TfLayer[][] = network.layers.map((l) => {
    const w = byLayer ? (name: string) => tensor(byLayer, l.index, name) : undefined;
    return tfLayers(l, network.train.seed, taken, w);
  });
  const layers = groups.flat();
  if (layers.length === 0) throw new CompileError(TARGET, 'a network without layers');
  const topology = isChain(network) ? sequentialTopology(network, groups) : functionalTopology(network, groups, taken);
  const ir = toIr(network);
  const trained = input.trained;
  const training = trainingConfig(network, trained !== undefined);
  const modelJson: Json = {
    format: 'layers-model',
    generatedBy: 'axon compile',
    convertedBy: null,
    modelTopology: {
      ...topology,
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    // Only with the issue-13 vocabulary (so earlier networks' model.json is unchanged).
    ...(training && usesIssue13Training(network) ? { trainingConfig: training } : {}),
    weightsManifest: trained
      ? [{ paths: [TFJS_WEIGHTS_FILE], weights: layers.flatMap((t) => t.weights.map((s) => ({ name: s.name, shape: s.shape, dtype: 'float32' }))) }]
      : [],
    userDefinedMetadata: {
      axon: {
        name: network.name,
        task: ir.task,
        loss: ir.train.loss,
        optimizer: ir.train.optimizer,
        featureNames: trained?.featureNames ?? null,
        labelNames: trained?.labelNames ?? null,
        normalization: trained?.normalization ?? null,
        ...(trained?.tokenizer ? { tokenizer: trained.tokenizer } : {}),
        ...(trained?.targetNormalization ? { targetNormalization: trained.targetNormalization } : {}),
      },
    },
  };
  if (!trained) return { modelJson };
  const arrays = layers.flatMap((t) => t.weights.map((s) => s.values!));
  return { modelJson, weightData: float32Bytes(arrays) };
}

export function compileTfjs(input: CompileInput): CompileOutput {
  const { modelJson, weightData } = tfjsModel(input.network, input);
  const files: OutputFile[] = [{ path: 'model.json', contents: `${JSON.stringify(modelJson, null, 2)}\n` }];
  if (weightData) files.push({ path: TFJS_WEIGHTS_FILE, contents: weightData });
  return { target: 'tfjs', directory: true, files };
}
