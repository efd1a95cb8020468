/**
 * The Axon vocabulary as data: every layer kind, activation, initialiser, loss, optimizer, task and
 * setting, with its arguments (name, position, type, default, allowed range, one-line doc).
 *
 * Analysis checks programs against it; the linter, the language server (hover, completion,
 * signature help) and the compiler read it too. Plain data, no behaviour beyond small lookups.
 */
import type { NetworkMember } from './ast.js';
import type {
  Activation,
  ActivationName,
  FanMode,
  Initializer,
  InitializerName,
  LayerCallKind,
  LossName,
  Regularizer,
  ScalingDistribution,
} from './network.js';

/** What kind of value an argument takes. */
export type ValueType =
  | 'int'
  | 'number'
  | 'bool'
  | 'string'
  /** A list of strings: `["a", "b"]`. */
  | 'strings'
  /** One positive integer for both axes, or `[height, width]`. */
  | 'int2'
  /** Zero padding: one non-negative integer for every side, `[height, width]` (both sides of each), or `[[top, bottom], [left, right]]`. */
  | 'padding2d'
  | 'activation'
  | 'initializer'
  /** A kernel penalty: `l1(0.01)`, `l2(0.01)`, `l1_l2(l1: 0.01, l2: 0.01)`. */
  | 'regularizer'
  /** `variance_scaling`'s `mode`, a bare name: `fan_in`, `fan_out`, `fan_avg`. */
  | 'fan_mode'
  /** `variance_scaling`'s `distribution`, a bare name: `truncated_normal`, `untruncated_normal`, `uniform`. */
  | 'scaling_distribution'
  | 'padding'
  | 'loss'
  | 'optimizer'
  | 'task'
  | 'early_stopping';

/** Allowed numeric range (both ends optional). */
export interface NumericRange {
  min?: number;
  /** When true, `min` itself is not allowed. */
  minExclusive?: boolean;
  max?: number;
  /** When true, `max` itself is not allowed. */
  maxExclusive?: boolean;
}

/** A literal default as it would be written in Axon source (`0.01`, `true`, `glorot_uniform`, `[1, 1]`). */
export type DefaultValue = number | boolean | string;

export interface ArgSpec {
  name: string;
  type: ValueType;
  /** 0-based position when the argument may be passed positionally; absent for named-only arguments. */
  position?: number;
  required: boolean;
  /** The default when not written; absent for required arguments and computed defaults. */
  default?: DefaultValue;
  /** How a computed default is described, e.g. "the pool size". */
  defaultText?: string;
  range?: NumericRange;
  doc: string;
}

/** Something called by name with arguments: a layer, an activation, a loss, … */
export interface Signature {
  name: string;
  doc: string;
  args: ArgSpec[];
}

export interface InitializerInfo extends Signature {
  name: InitializerName;
  family: InitializerFamily;
  /**
   * What a random initialiser draws from; absent for the constant ones, `orthogonal` (its values come
   * from a QR decomposition) and `variance_scaling` (its `distribution` argument says; see `initializerDistribution`).
   */
  distribution?: 'uniform' | 'normal';
}

/**
 * What a loss measures: `regression` losses compare real values (mse, mae, huber, log_cosh, and
 * poisson for counts); `probabilistic` ones score predicted probabilities of labels (the
 * cross-entropies, kl_divergence); `margin` ones score how far a raw score lies on the right side of
 * the decision boundary (hinge).
 */
export type LossFamily = 'regression' | 'probabilistic' | 'margin';

export interface LossInfo extends Signature {
  name: LossName;
  family: LossFamily;
}

export interface LayerInfo extends Signature {
  name: LayerCallKind;
  /** Has weights that `init:` / `bias_init:` initialise. */
  weighted: boolean;
  /** Needs a `[height, width, channels]` input. */
  spatial: boolean;
  /** Needs a `[steps, features]` input (the recurrent layers, conv1d and the 1-D pools). */
  sequence: boolean;
}

/**
 * How an activation behaves, for advice: `identity` (linear), `saturating` (bounded on both sides:
 * sigmoid, tanh), `relu_like` (unbounded above, piecewise linear or close to it: relu, leaky_relu,
 * prelu, elu, selu), `softmax` (a distribution over the last axis).
 */
export type ActivationFamily = 'identity' | 'saturating' | 'relu_like' | 'softmax';

/**
 * Where an initialiser's scale comes from: derived from the fans for an activation family (`glorot`
 * for sigmoid/tanh/linear, `he` for the relu family, `lecun` for selu); `constant` for the non-random
 * ones (zeros, ones, constant); `fixed` for a scale written by the user and blind to the fans
 * (random_uniform, random_normal, truncated_normal: Keras's ±0.05 / stddev 0.05 by default);
 * `orthogonal` (an orthogonal matrix times `gain`, norm-preserving); `variance_scaling` for the
 * general form whose arguments decide (see `initializerFamily`: scale 1 over fan_avg is glorot, …).
 */
export type InitializerFamily = 'glorot' | 'he' | 'lecun' | 'constant' | 'fixed' | 'orthogonal' | 'variance_scaling';

export interface ActivationInfo extends Signature {
  name: ActivationName;
  family: ActivationFamily;
  /** The initialiser that suits it: He for the relu family, LeCun for selu, Glorot otherwise. */
  recommendedInit: InitializerName;
  /** Output range, for hover: "(0, 1)", "[0, ∞)", … */
  outputRange: string;
  /**
   * The output's bounds as numbers (±Infinity when unbounded), with the default arguments; for an
   * activation with other arguments use `activationBounds`. Whether an end is reached: `outputRange`.
   */
  bounds: { min: number; max: number };
  /** Non-linear and bounded on both sides (family `saturating`): gradients vanish in deep stacks. */
  saturating: boolean;
  /** Constants that are fixed, not arguments (selu). */
  constants?: Record<string, number>;
  /** Other libraries' defaults worth showing on hover. */
  note?: string;
}

export interface SettingInfo {
  name: string;
  type: ValueType;
  required: boolean;
  default?: DefaultValue;
  defaultText?: string;
  range?: NumericRange;
  doc: string;
  /** May be written as a bare call statement (`early_stopping(patience: 5)`) instead of `key: value`. */
  statement?: boolean;
}

const positiveInt: NumericRange = { min: 1 };
const positive: NumericRange = { min: 0, minExclusive: true };
const nonNegative: NumericRange = { min: 0 };
const unitInterval: NumericRange = { min: 0, max: 1, maxExclusive: true };

const activationArg: ArgSpec = {
  name: 'activation',
  type: 'activation',
  required: false,
  default: 'linear',
  doc: 'The activation applied to the output; linear (none) when not written.',
};
const initArg: ArgSpec = {
  name: 'init',
  type: 'initializer',
  required: false,
  default: 'glorot_uniform',
  doc: 'How the weights (kernel) start.',
};
const biasInitArg: ArgSpec = {
  name: 'bias_init',
  type: 'initializer',
  required: false,
  default: 'zeros',
  doc: 'How the biases start.',
};
const useBiasArg: ArgSpec = {
  name: 'use_bias',
  type: 'bool',
  required: false,
  default: true,
  doc: 'Whether the layer adds a learned bias; `false` leaves out the bias parameters (as before a batch_norm).',
};
const kernelRegularizerArg: ArgSpec = {
  name: 'kernel_regularizer',
  type: 'regularizer',
  required: false,
  defaultText: 'none',
  doc: 'A penalty on the kernel added to the loss: `l2(0.01)`, `l1(0.001)` or `l1_l2(l1: 0.01, l2: 0.01)`; none when not written.',
};
const paddingArg: ArgSpec = {
  name: 'padding',
  type: 'padding',
  required: false,
  default: 'valid',
  doc: '`valid` (no padding: the output shrinks) or `same` (zero padding: output size = ceil(input / stride)).',
};

/** The arguments of both pooling layers. */
const poolArgs: ArgSpec[] = [
  { name: 'pool', type: 'int2', position: 0, required: false, default: 2, range: positiveInt, doc: 'Window size: `2` for 2×2, or `[h, w]`.' },
  {
    name: 'stride',
    type: 'int2',
    required: false,
    defaultText: 'the pool size',
    range: positiveInt,
    doc: 'Step between windows; defaults to the pool size (non-overlapping windows).',
  },
  paddingArg,
];

/** The arguments of both 1-D pooling layers. */
const pool1dArgs: ArgSpec[] = [
  { name: 'pool', type: 'int', position: 0, required: false, default: 2, range: positiveInt, doc: 'Window length in steps.' },
  {
    name: 'stride',
    type: 'int',
    required: false,
    defaultText: 'the pool size',
    range: positiveInt,
    doc: 'Step between windows; defaults to the pool size (non-overlapping windows).',
  },
  paddingArg,
];

/**
 * The arguments of a recurrent layer (Keras's `LSTM`, `GRU`, `SimpleRNN`); `gated` adds
 * `recurrent_activation`, which simple_rnn does not have (it has no gates).
 */
function recurrentArgs(gated: boolean): ArgSpec[] {
  const args: ArgSpec[] = [
    { name: 'units', type: 'int', position: 0, required: true, range: positiveInt, doc: 'Size of the hidden state (features per step of the output).' },
    {
      name: 'return_sequences',
      type: 'bool',
      required: false,
      default: false,
      doc: 'Output every step (`[steps, units]`), as a recurrent layer after this one needs; `false` keeps the last step only (`[units]`).',
    },
    {
      name: 'bidirectional',
      type: 'bool',
      required: false,
      default: false,
      doc: 'Run a second copy over the reversed sequence and concatenate the two (forward first): twice the features and the parameters.',
    },
    {
      name: 'activation',
      type: 'activation',
      required: false,
      default: 'tanh',
      doc: gated
        ? "The candidate state's and the output's activation; tanh keeps the cell state bounded (and is what cuDNN's fast kernels need)."
        : "The state's activation; tanh keeps the state bounded as it is fed back at every step.",
    },
  ];
  if (gated) {
    args.push({
      name: 'recurrent_activation',
      type: 'activation',
      required: false,
      default: 'sigmoid',
      doc: "The gates' activation: sigmoid gives each gate a fraction in (0, 1) of what it lets through.",
    });
  }
  args.push(
    { name: 'dropout', type: 'number', required: false, default: 0, range: unitInterval, doc: 'Fraction of the inputs dropped while training (one mask per sample, the same at every step), in [0, 1).' },
    {
      name: 'recurrent_dropout',
      type: 'number',
      required: false,
      default: 0,
      range: unitInterval,
      doc: 'Fraction of the recurrent state dropped while training (one mask per sample), in [0, 1).',
    },
    useBiasArg,
  );
  return args;
}

export const LAYERS: Record<LayerCallKind, LayerInfo> = {
  dense: {
    name: 'dense',
    doc: 'A fully connected layer: every output unit sees every input along the last axis.',
    weighted: true,
    spatial: false,
    sequence: false,
    args: [
      { name: 'units', type: 'int', position: 0, required: true, range: positiveInt, doc: 'Number of output units.' },
      activationArg,
      initArg,
      biasInitArg,
      useBiasArg,
      kernelRegularizerArg,
    ],
  },
  dropout: {
    name: 'dropout',
    doc: 'Randomly zeroes a fraction of its inputs while training (inverted dropout); does nothing at inference.',
    weighted: false,
    spatial: false,
    sequence: false,
    args: [
      {
        name: 'rate',
        type: 'number',
        position: 0,
        required: true,
        range: unitInterval,
        doc: 'Fraction of inputs to drop, in [0, 1).',
      },
    ],
  },
  batch_norm: {
    name: 'batch_norm',
    doc: 'Batch normalisation over the last axis: a learned scale and shift (trainable) and moving mean and variance (not trainable).',
    weighted: false,
    spatial: false,
    sequence: false,
    args: [
      {
        name: 'momentum',
        type: 'number',
        required: false,
        default: 0.99,
        range: unitInterval,
        doc: 'Moving-average momentum: moving = momentum × moving + (1 − momentum) × batch.',
      },
      { name: 'epsilon', type: 'number', required: false, default: 1e-3, range: positive, doc: 'Added to the variance before the square root.' },
    ],
  },
  activation: {
    name: 'activation',
    doc: 'A stand-alone activation layer.',
    weighted: false,
    spatial: false,
    sequence: false,
    args: [{ name: 'fn', type: 'activation', position: 0, required: true, doc: 'The activation to apply.' }],
  },
  flatten: {
    name: 'flatten',
    doc: 'Flattens each sample to one axis (`[h, w, c]` → `[h·w·c]`); a flat input passes through unchanged.',
    weighted: false,
    spatial: false,
    sequence: false,
    args: [],
  },
  conv2d: {
    name: 'conv2d',
    doc: 'A 2-D convolution over a `[height, width, channels]` input.',
    weighted: true,
    spatial: true,
    sequence: false,
    args: [
      { name: 'filters', type: 'int', position: 0, required: true, range: positiveInt, doc: 'Number of output channels.' },
      {
        name: 'kernel',
        type: 'int2',
        position: 1,
        required: true,
        range: positiveInt,
        doc: 'Kernel size: `3` for 3×3, or `[height, width]`.',
      },
      { name: 'stride', type: 'int2', required: false, default: 1, range: positiveInt, doc: 'Step between kernel positions: `2` or `[h, w]`.' },
      paddingArg,
      activationArg,
      initArg,
      biasInitArg,
      useBiasArg,
      kernelRegularizerArg,
    ],
  },
  max_pool2d: {
    name: 'max_pool2d',
    doc: 'Keeps the largest value of each pool window, per channel.',
    weighted: false,
    spatial: true,
    sequence: false,
    args: poolArgs,
  },
  avg_pool2d: {
    name: 'avg_pool2d',
    doc: 'Averages each pool window, per channel.',
    weighted: false,
    spatial: true,
    sequence: false,
    args: poolArgs,
  },
  global_avg_pool2d: {
    name: 'global_avg_pool2d',
    doc: 'Averages each channel over height and width: `[h, w, c]` → `[c]`.',
    weighted: false,
    spatial: true,
    sequence: false,
    args: [],
  },
  global_max_pool2d: {
    name: 'global_max_pool2d',
    doc: 'Keeps the largest value of each channel over height and width: `[h, w, c]` → `[c]`.',
    weighted: false,
    spatial: true,
    sequence: false,
    args: [],
  },
  zero_padding2d: {
    name: 'zero_padding2d',
    doc: 'Adds rows and columns of zeros around each sample: height grows by top + bottom, width by left + right.',
    weighted: false,
    spatial: true,
    sequence: false,
    args: [
      {
        name: 'padding',
        type: 'padding2d',
        position: 0,
        required: false,
        default: 1,
        range: nonNegative,
        doc: '`1` for one row or column on every side, `[h, w]` for h rows above and below and w columns left and right, or `[[top, bottom], [left, right]]`.',
      },
    ],
  },
  embedding: {
    name: 'embedding',
    doc: 'Token ids → learned vectors: `[n]` ids become `[n, output_dim]`. Reads the network\'s input (whole numbers in [0, input_dim)).',
    weighted: true,
    spatial: false,
    sequence: false,
    args: [
      {
        name: 'input_dim',
        type: 'int',
        position: 0,
        required: true,
        range: positiveInt,
        doc: 'Vocabulary size: ids run from 0 to input_dim − 1 (at least the data\'s `vocabulary`).',
      },
      { name: 'output_dim', type: 'int', position: 1, required: true, range: positiveInt, doc: 'Length of each token\'s vector.' },
    ],
  },
  lstm: {
    name: 'lstm',
    doc: 'Long short-term memory over a `[steps, features]` input: input, forget and output gates decide what the cell state takes in, keeps and shows.',
    weighted: true,
    spatial: false,
    sequence: true,
    args: recurrentArgs(true),
  },
  gru: {
    name: 'gru',
    doc: 'Gated recurrent unit over a `[steps, features]` input: an update and a reset gate, no separate cell state (Keras `GRU`, `reset_after: true`).',
    weighted: true,
    spatial: false,
    sequence: true,
    args: recurrentArgs(true),
  },
  simple_rnn: {
    name: 'simple_rnn',
    doc: 'A plain recurrent layer over a `[steps, features]` input: the new state is activation(input·W + state·U + b); no gates.',
    weighted: true,
    spatial: false,
    sequence: true,
    args: recurrentArgs(false),
  },
  conv1d: {
    name: 'conv1d',
    doc: 'A 1-D convolution over a `[steps, channels]` input.',
    weighted: true,
    spatial: false,
    sequence: true,
    args: [
      { name: 'filters', type: 'int', position: 0, required: true, range: positiveInt, doc: 'Number of output channels.' },
      { name: 'kernel', type: 'int', position: 1, required: true, range: positiveInt, doc: 'Kernel length in steps.' },
      { name: 'stride', type: 'int', required: false, default: 1, range: positiveInt, doc: 'Step between kernel positions.' },
      paddingArg,
      activationArg,
      initArg,
      biasInitArg,
      useBiasArg,
      kernelRegularizerArg,
    ],
  },
  max_pool1d: {
    name: 'max_pool1d',
    doc: 'Keeps the largest value of each pool window along the steps, per channel.',
    weighted: false,
    spatial: false,
    sequence: true,
    args: pool1dArgs,
  },
  avg_pool1d: {
    name: 'avg_pool1d',
    doc: 'Averages each pool window along the steps, per channel.',
    weighted: false,
    spatial: false,
    sequence: true,
    args: pool1dArgs,
  },
  global_avg_pool1d: {
    name: 'global_avg_pool1d',
    doc: 'Averages each channel over the steps: `[steps, c]` → `[c]`.',
    weighted: false,
    spatial: false,
    sequence: true,
    args: [],
  },
  global_max_pool1d: {
    name: 'global_max_pool1d',
    doc: 'Keeps the largest value of each channel over the steps: `[steps, c]` → `[c]`.',
    weighted: false,
    spatial: false,
    sequence: true,
    args: [],
  },
};

/** SELU's fixed constants (Klambauer et al. 2017), the same in Keras and PyTorch. */
export const SELU_ALPHA = 1.6732632423543772;
export const SELU_SCALE = 1.0507009873554805;

/** An activation's entry; `saturating` follows from the family. */
const activation = (info: Omit<ActivationInfo, 'saturating'>): ActivationInfo => ({ ...info, saturating: info.family === 'saturating' });

export const ACTIVATIONS: Record<ActivationName, ActivationInfo> = {
  linear: activation({
    name: 'linear',
    doc: 'Identity: f(x) = x. No non-linearity.',
    args: [],
    family: 'identity',
    recommendedInit: 'glorot_uniform',
    outputRange: '(−∞, ∞)',
    bounds: { min: -Infinity, max: Infinity },
  }),
  sigmoid: activation({
    name: 'sigmoid',
    doc: 'Logistic function 1 / (1 + e^−x): squashes to (0, 1); saturates for large |x| and is not zero-centred.',
    args: [],
    family: 'saturating',
    recommendedInit: 'glorot_uniform',
    outputRange: '(0, 1)',
    bounds: { min: 0, max: 1 },
  }),
  tanh: activation({
    name: 'tanh',
    doc: 'Hyperbolic tangent: zero-centred, squashes to (−1, 1); saturates for large |x|.',
    args: [],
    family: 'saturating',
    recommendedInit: 'glorot_uniform',
    outputRange: '(−1, 1)',
    bounds: { min: -1, max: 1 },
  }),
  softmax: activation({
    name: 'softmax',
    doc: 'Turns the last axis into a probability distribution (non-negative, sums to 1); for the output of a classifier.',
    args: [],
    family: 'softmax',
    recommendedInit: 'glorot_uniform',
    outputRange: '(0, 1), summing to 1',
    bounds: { min: 0, max: 1 },
  }),
  relu: activation({
    name: 'relu',
    doc: 'Rectified linear unit max(0, x): cheap and non-saturating for x > 0; units can die (stay at 0).',
    args: [],
    family: 'relu_like',
    recommendedInit: 'he_normal',
    outputRange: '[0, ∞)',
    bounds: { min: 0, max: Infinity },
  }),
  leaky_relu: activation({
    name: 'leaky_relu',
    doc: 'Like relu but with a small slope alpha·x for x < 0, so units never die completely.',
    args: [
      {
        name: 'alpha',
        type: 'number',
        position: 0,
        required: false,
        default: 0.01,
        range: nonNegative,
        doc: 'Slope for negative inputs.',
      },
    ],
    family: 'relu_like',
    recommendedInit: 'he_normal',
    outputRange: '(−∞, ∞)',
    bounds: { min: -Infinity, max: Infinity },
    note: 'Axon and PyTorch default alpha = 0.01; the Keras LeakyReLU layer defaults to 0.3.',
  }),
  prelu: activation({
    name: 'prelu',
    doc: 'Parametric relu: the negative slope is learned, one per unit (per channel after conv2d).',
    args: [
      {
        name: 'init',
        type: 'number',
        position: 0,
        required: false,
        default: 0.25,
        doc: 'Starting value of every learned slope.',
      },
    ],
    family: 'relu_like',
    recommendedInit: 'he_normal',
    outputRange: '(−∞, ∞)',
    bounds: { min: -Infinity, max: Infinity },
    note: 'Axon and PyTorch start the slope at 0.25; Keras PReLU starts at 0. Adds one trainable parameter per unit/channel.',
  }),
  elu: activation({
    name: 'elu',
    doc: 'Exponential linear unit: x for x > 0, alpha·(e^x − 1) otherwise; smooth, negative outputs push mean activations toward 0.',
    args: [
      { name: 'alpha', type: 'number', position: 0, required: false, default: 1.0, range: nonNegative, doc: 'Saturation value for negative inputs (−alpha).' },
    ],
    family: 'relu_like',
    recommendedInit: 'he_normal',
    outputRange: '(−alpha, ∞)',
    bounds: { min: -1, max: Infinity },
  }),
  selu: activation({
    name: 'selu',
    doc: 'Scaled elu with fixed constants that make a dense stack self-normalising (needs lecun_normal init).',
    args: [],
    family: 'relu_like',
    recommendedInit: 'lecun_normal',
    outputRange: '(−scale·alpha, ∞)',
    bounds: { min: -SELU_SCALE * SELU_ALPHA, max: Infinity },
    constants: { alpha: SELU_ALPHA, scale: SELU_SCALE },
  }),
};

/** The bounds of an activation's output with its arguments (elu's lower bound is −alpha; leaky_relu with alpha 0 is relu). */
export function activationBounds(a: Activation): { min: number; max: number } {
  if (a.name === 'elu') return { min: -a.alpha, max: Infinity };
  if (a.name === 'leaky_relu' && a.alpha === 0) return ACTIVATIONS.relu.bounds;
  return ACTIVATIONS[a.name].bounds;
}

/** `random_normal` and `truncated_normal`'s arguments: mean and stddev, positional, Keras's defaults. */
const normalArgs = (stddevDoc: string): ArgSpec[] => [
  { name: 'mean', type: 'number', position: 0, required: false, default: 0, doc: 'Mean of the normal.' },
  { name: 'stddev', type: 'number', position: 1, required: false, default: 0.05, range: positive, doc: stddevDoc },
];

export const INITIALIZERS: Record<InitializerName, InitializerInfo> = {
  glorot_uniform: {
    name: 'glorot_uniform',
    doc: 'Uniform in ±sqrt(6 / (fan_in + fan_out)) (Xavier). The default for weights.',
    args: [],
    family: 'glorot',
    distribution: 'uniform',
  },
  glorot_normal: {
    name: 'glorot_normal',
    doc: 'Truncated normal with stddev sqrt(2 / (fan_in + fan_out)) (Xavier).',
    args: [],
    family: 'glorot',
    distribution: 'normal',
  },
  he_uniform: { name: 'he_uniform', doc: 'Uniform in ±sqrt(6 / fan_in); suits the relu family.', args: [], family: 'he', distribution: 'uniform' },
  he_normal: { name: 'he_normal', doc: 'Truncated normal with stddev sqrt(2 / fan_in); suits the relu family.', args: [], family: 'he', distribution: 'normal' },
  lecun_uniform: { name: 'lecun_uniform', doc: 'Uniform in ±sqrt(3 / fan_in).', args: [], family: 'lecun', distribution: 'uniform' },
  lecun_normal: { name: 'lecun_normal', doc: 'Truncated normal with stddev sqrt(1 / fan_in); what selu needs.', args: [], family: 'lecun', distribution: 'normal' },
  zeros: { name: 'zeros', doc: 'All zeros. The default for biases.', args: [], family: 'constant' },
  ones: { name: 'ones', doc: 'All ones (Keras `Ones`); for scales such as a gain, not for weights.', args: [], family: 'constant' },
  constant: {
    name: 'constant',
    doc: 'Every value set to the same number.',
    args: [{ name: 'value', type: 'number', position: 0, required: true, doc: 'The value.' }],
    family: 'constant',
  },
  random_uniform: {
    name: 'random_uniform',
    doc: 'Uniform in [minval, maxval), whatever the layer\'s size (Keras `RandomUniform`).',
    args: [
      { name: 'minval', type: 'number', position: 0, required: false, default: -0.05, doc: 'Lower bound (included); below maxval.' },
      { name: 'maxval', type: 'number', position: 1, required: false, default: 0.05, doc: 'Upper bound (excluded); above minval.' },
    ],
    family: 'fixed',
    distribution: 'uniform',
  },
  random_normal: {
    name: 'random_normal',
    doc: 'Normal with the given mean and standard deviation, whatever the layer\'s size (Keras `RandomNormal`).',
    args: normalArgs('Standard deviation of the normal.'),
    family: 'fixed',
    distribution: 'normal',
  },
  truncated_normal: {
    name: 'truncated_normal',
    doc: 'Normal with the given mean and standard deviation, values beyond 2 standard deviations redrawn (Keras `TruncatedNormal`).',
    args: normalArgs('Standard deviation of the normal before truncation.'),
    family: 'fixed',
    distribution: 'normal',
  },
  orthogonal: {
    name: 'orthogonal',
    doc: 'A random orthogonal matrix times gain (Keras `Orthogonal`); preserves the norm of what it multiplies.',
    args: [{ name: 'gain', type: 'number', position: 0, required: false, default: 1, range: positive, doc: 'Factor the orthogonal matrix is multiplied by.' }],
    family: 'orthogonal',
  },
  variance_scaling: {
    name: 'variance_scaling',
    doc: 'Variance scale / fan, drawn from the chosen distribution (Keras `VarianceScaling`); glorot, he and lecun are special cases.',
    args: [
      { name: 'scale', type: 'number', position: 0, required: false, default: 1, range: positive, doc: 'The variance is scale / fan.' },
      {
        name: 'mode',
        type: 'fan_mode',
        position: 1,
        required: false,
        default: 'fan_in',
        doc: 'Which fan divides the scale: `fan_in` (inputs), `fan_out` (outputs) or `fan_avg` (their mean).',
      },
      {
        name: 'distribution',
        type: 'scaling_distribution',
        position: 2,
        required: false,
        default: 'truncated_normal',
        doc: '`truncated_normal` (cut at 2 standard deviations, stddev corrected), `untruncated_normal` or `uniform`.',
      },
    ],
    family: 'variance_scaling',
  },
};

/** `variance_scaling`'s modes, the default first. */
export const FAN_MODES: readonly FanMode[] = ['fan_in', 'fan_out', 'fan_avg'];

/** `variance_scaling`'s distributions, the default first. */
export const SCALING_DISTRIBUTIONS: readonly ScalingDistribution[] = ['truncated_normal', 'untruncated_normal', 'uniform'];

/**
 * The family of an initialiser with its arguments: a `variance_scaling` that is one of the named
 * schemes gets that scheme's family (scale 1 over fan_avg: glorot; 2 over fan_in: he; 1 over fan_in:
 * lecun); every other initialiser has its catalog family.
 */
export function initializerFamily(init: Initializer): InitializerFamily {
  if (init.name !== 'variance_scaling') return INITIALIZERS[init.name].family;
  if (init.scale === 1 && init.mode === 'fan_avg') return 'glorot';
  if (init.scale === 2 && init.mode === 'fan_in') return 'he';
  if (init.scale === 1 && init.mode === 'fan_in') return 'lecun';
  return 'variance_scaling';
}

/** What an initialiser with its arguments draws from (`variance_scaling`: its `distribution`); undefined when not random or not either. */
export function initializerDistribution(init: Initializer): 'uniform' | 'normal' | undefined {
  if (init.name === 'variance_scaling') return init.distribution === 'uniform' ? 'uniform' : 'normal';
  return INITIALIZERS[init.name].distribution;
}

/** The kernel penalties (`kernel_regularizer:`). */
export type RegularizerName = Regularizer['name'];

/** Keras's defaults: 0.01 (for `l1_l2`, the string identifier's 0.01 each; Keras 3's `L1L2` class defaults both to 0). */
export const REGULARIZERS: Record<RegularizerName, Signature> = {
  l1: {
    name: 'l1',
    doc: 'Adds l1 × Σ|w| over the kernel to the loss: pushes weights to exactly zero (sparse weights).',
    args: [{ name: 'l1', type: 'number', position: 0, required: false, default: 0.01, range: nonNegative, doc: 'Penalty factor per unit of |w|.' }],
  },
  l2: {
    name: 'l2',
    doc: 'Adds l2 × Σw² over the kernel to the loss (weight decay through the loss): keeps weights small.',
    args: [{ name: 'l2', type: 'number', position: 0, required: false, default: 0.01, range: nonNegative, doc: 'Penalty factor per unit of w².' }],
  },
  l1_l2: {
    name: 'l1_l2',
    doc: 'Adds l1 × Σ|w| + l2 × Σw² over the kernel to the loss (elastic net).',
    args: [
      { name: 'l1', type: 'number', position: 0, required: false, default: 0.01, range: nonNegative, doc: 'Penalty factor per unit of |w|.' },
      { name: 'l2', type: 'number', position: 1, required: false, default: 0.01, range: nonNegative, doc: 'Penalty factor per unit of w².' },
    ],
  },
};

/** The layer kinds that take `kernel_regularizer:` (from the catalog's arguments). */
export const REGULARIZED_LAYERS = (Object.keys(LAYERS) as LayerCallKind[]).filter((k) => LAYERS[k].args.some((a) => a.name === 'kernel_regularizer'));

const fromLogitsArg: ArgSpec = {
  name: 'from_logits',
  type: 'bool',
  position: 0,
  required: false,
  default: false,
  doc: 'The output layer emits raw scores (logits), so the loss applies sigmoid/softmax itself.',
};

export const LOSSES: Record<LossName, LossInfo> = {
  mse: { name: 'mse', doc: 'Mean squared error; for regression.', family: 'regression', args: [] },
  mae: { name: 'mae', doc: 'Mean absolute error; for regression, less sensitive to outliers.', family: 'regression', args: [] },
  huber: {
    name: 'huber',
    family: 'regression',
    doc: 'Squared error for small errors, absolute error beyond delta; for regression.',
    args: [{ name: 'delta', type: 'number', position: 0, required: false, default: 1.0, range: positive, doc: 'Where the loss turns from quadratic to linear.' }],
  },
  log_cosh: {
    name: 'log_cosh',
    family: 'regression',
    doc: 'Mean of log(cosh(ŷ − y)): like mse for small errors, like mae for large ones; for regression.',
    args: [],
  },
  poisson: {
    name: 'poisson',
    family: 'regression',
    doc: 'Mean of ŷ − y·log(ŷ): for count targets, the output read as the expected count (it must be non-negative: relu).',
    args: [],
  },
  binary_crossentropy: {
    name: 'binary_crossentropy',
    family: 'probabilistic',
    doc: 'Cross-entropy of independent yes/no outputs; for binary and multilabel tasks (sigmoid outputs).',
    args: [fromLogitsArg],
  },
  categorical_crossentropy: {
    name: 'categorical_crossentropy',
    family: 'probabilistic',
    doc: 'Cross-entropy of one label among N (one-hot targets); for classification (softmax output).',
    args: [fromLogitsArg],
  },
  sparse_categorical_crossentropy: {
    name: 'sparse_categorical_crossentropy',
    family: 'probabilistic',
    doc: 'Categorical cross-entropy on integer class labels (no one-hot); for classification (softmax output).',
    args: [fromLogitsArg],
  },
  kl_divergence: {
    name: 'kl_divergence',
    family: 'probabilistic',
    doc: 'Kullback–Leibler divergence Σ y·log(y / ŷ) of the predicted distribution from the target distribution (soft labels).',
    args: [],
  },
  hinge: {
    name: 'hinge',
    family: 'margin',
    doc: 'Mean of max(0, 1 − y·ŷ) with targets −1/1 (0/1 mapped to −1/1); a margin loss for binary classification.',
    args: [],
  },
};

const learningRate = (def: number): ArgSpec => ({
  name: 'learning_rate',
  type: 'number',
  position: 0,
  required: false,
  default: def,
  range: positive,
  doc: 'Step size.',
});

/** What every optimizer takes besides its own settings: gradient clipping (Keras's `clipnorm`, `clipvalue`) and decoupled weight decay; off when not written. */
const clipArgs: ArgSpec[] = [
  {
    name: 'clipnorm',
    type: 'number',
    required: false,
    defaultText: 'off',
    range: positive,
    doc: "Scale each weight tensor's gradient down to at most this L2 norm (per tensor, as Keras).",
  },
  {
    name: 'clipvalue',
    type: 'number',
    required: false,
    defaultText: 'off',
    range: positive,
    doc: 'Clamp every gradient element to [−clipvalue, clipvalue] (applied before clipnorm).',
  },
];

const weightDecayDoc = 'Decoupled weight decay: after each step every weight is multiplied by 1 − learning_rate × weight_decay (Keras `weight_decay`).';

const weightDecayArg: ArgSpec = { name: 'weight_decay', type: 'number', required: false, defaultText: 'off', range: nonNegative, doc: weightDecayDoc };

/** The arguments every optimizer ends with: clipping, then weight decay. */
const commonArgs: ArgSpec[] = [...clipArgs, weightDecayArg];

const epsilonArg: ArgSpec = { name: 'epsilon', type: 'number', required: false, default: 1e-7, range: positive, doc: 'Added to the denominator for stability.' };

/** Adam's moment decays, shared by adam, adamw and nadam. */
const betaArgs: ArgSpec[] = [
  { name: 'beta1', type: 'number', required: false, default: 0.9, range: unitInterval, doc: 'Decay of the gradient average.' },
  { name: 'beta2', type: 'number', required: false, default: 0.999, range: unitInterval, doc: 'Decay of the squared-gradient average.' },
];

export type OptimizerName = 'sgd' | 'adam' | 'rmsprop' | 'adagrad' | 'adadelta' | 'adamw' | 'nadam';

/** Keras's defaults throughout. */
export const OPTIMIZERS: Record<OptimizerName, Signature> = {
  sgd: {
    name: 'sgd',
    doc: 'Stochastic gradient descent, optionally with (Nesterov) momentum.',
    args: [
      learningRate(0.01),
      { name: 'momentum', type: 'number', required: false, default: 0, range: unitInterval, doc: 'Fraction of the previous update kept.' },
      { name: 'nesterov', type: 'bool', required: false, default: false, doc: 'Use Nesterov momentum.' },
      ...commonArgs,
    ],
  },
  adam: {
    name: 'adam',
    doc: 'Adam: per-parameter steps from running averages of the gradient and its square.',
    args: [learningRate(1e-3), ...betaArgs, epsilonArg, ...commonArgs],
  },
  rmsprop: {
    name: 'rmsprop',
    doc: 'RMSprop: steps scaled by a running average of the squared gradient.',
    args: [
      learningRate(1e-3),
      { name: 'rho', type: 'number', required: false, default: 0.9, range: unitInterval, doc: 'Decay of the squared-gradient average.' },
      epsilonArg,
      ...commonArgs,
    ],
  },
  adagrad: {
    name: 'adagrad',
    doc: 'Adagrad: each weight\'s step divided by the root of the sum of all its squared gradients so far (steps only shrink).',
    args: [
      learningRate(1e-3),
      {
        name: 'initial_accumulator_value',
        type: 'number',
        required: false,
        default: 0.1,
        range: nonNegative,
        doc: 'Starting value of every squared-gradient sum.',
      },
      epsilonArg,
      ...commonArgs,
    ],
  },
  adadelta: {
    name: 'adadelta',
    doc: 'Adadelta: steps scaled by running averages of squared gradients and of squared updates (no decaying step size).',
    args: [
      learningRate(1e-3),
      { name: 'rho', type: 'number', required: false, default: 0.95, range: unitInterval, doc: 'Decay of both running averages.' },
      epsilonArg,
      ...commonArgs,
    ],
  },
  adamw: {
    name: 'adamw',
    doc: 'AdamW: Adam with decoupled weight decay (weights shrunk directly, not through the gradient).',
    args: [
      learningRate(1e-3),
      ...betaArgs,
      epsilonArg,
      ...clipArgs,
      { name: 'weight_decay', type: 'number', required: false, default: 0.004, range: nonNegative, doc: weightDecayDoc },
    ],
  },
  nadam: {
    name: 'nadam',
    doc: 'Nadam: Adam with Nesterov momentum (the step looks ahead along the gradient average).',
    args: [learningRate(1e-3), ...betaArgs, epsilonArg, ...commonArgs],
  },
};

export type TaskName = 'regression' | 'binary_classification' | 'classification' | 'multilabel';

export const TASKS: Record<TaskName, Signature & { defaultLoss: LossName }> = {
  regression: {
    name: 'regression',
    doc: 'Predict real numbers.',
    defaultLoss: 'mse',
    args: [{ name: 'outputs', type: 'int', position: 0, required: false, default: 1, range: positiveInt, doc: 'How many numbers to predict.' }],
  },
  binary_classification: {
    name: 'binary_classification',
    doc: 'Predict yes or no (one probability).',
    defaultLoss: 'binary_crossentropy',
    args: [],
  },
  classification: {
    name: 'classification',
    doc: 'Predict one label among N classes.',
    defaultLoss: 'categorical_crossentropy',
    args: [{ name: 'classes', type: 'int', position: 0, required: true, range: positiveInt, doc: 'Number of classes.' }],
  },
  multilabel: {
    name: 'multilabel',
    doc: 'Predict any subset of N labels (each one yes or no).',
    defaultLoss: 'binary_crossentropy',
    args: [{ name: 'labels', type: 'int', position: 0, required: true, range: positiveInt, doc: 'Number of labels.' }],
  },
};

export const EARLY_STOPPING: Signature = {
  name: 'early_stopping',
  doc: 'Stop when the validation loss has not improved for `patience` epochs (the best weights are kept).',
  args: [
    { name: 'patience', type: 'int', position: 0, required: true, range: nonNegative, doc: 'Epochs without improvement before stopping.' },
    { name: 'min_delta', type: 'number', required: false, default: 0, range: nonNegative, doc: 'Smallest decrease that counts as an improvement.' },
  ],
};

export const TRAIN_SETTINGS: Record<string, SettingInfo> = {
  loss: {
    name: 'loss',
    type: 'loss',
    required: false,
    defaultText: "the task's loss (regression → mse; binary_classification and multilabel → binary_crossentropy; classification → categorical_crossentropy)",
    doc: 'The loss to minimise.',
  },
  optimizer: { name: 'optimizer', type: 'optimizer', required: false, default: 'adam', doc: 'How weights are updated; `adam(learning_rate: 1e-3)` when not written.' },
  epochs: { name: 'epochs', type: 'int', required: false, default: 100, range: positiveInt, doc: 'Passes over the training data.' },
  batch_size: { name: 'batch_size', type: 'int', required: false, default: 32, range: positiveInt, doc: 'Samples per gradient step.' },
  seed: { name: 'seed', type: 'int', required: false, default: 42, range: nonNegative, doc: 'Random seed for initialisation, shuffling and the validation split.' },
  early_stopping: {
    name: 'early_stopping',
    type: 'early_stopping',
    required: false,
    defaultText: 'off',
    doc: 'Stop early when validation loss stalls: `early_stopping(patience: 10, min_delta: 0)`.',
    statement: true,
  },
};

export const DATA_SETTINGS: Record<string, SettingInfo> = {
  source: { name: 'source', type: 'string', required: true, doc: 'The CSV file, relative to the .axon file.' },
  target: { name: 'target', type: 'string', required: true, doc: 'The column to predict.' },
  features: { name: 'features', type: 'strings', required: false, defaultText: 'every column but the target', doc: 'The input columns, in order.' },
  validation_split: {
    name: 'validation_split',
    type: 'number',
    required: false,
    default: 0.2,
    range: unitInterval,
    doc: 'Fraction of rows held out for validation, in [0, 1).',
  },
  standardize: { name: 'standardize', type: 'bool', required: false, default: true, doc: 'Scale each feature to mean 0, standard deviation 1 (statistics from the training rows).' },
  standardize_target: {
    name: 'standardize_target',
    type: 'bool',
    required: false,
    default: false,
    doc: 'Regression only: train on the target scaled to mean 0, standard deviation 1 (statistics from the training rows, kept in the model file); predictions are scaled back.',
  },
  text: {
    name: 'text',
    type: 'string',
    required: false,
    defaultText: 'none',
    doc: 'A text column tokenised into the input\'s `[n]` token ids (lower-cased words; 0 = padding, 1 = unknown; padded or cut to n); the network must start with an embedding. Not with `features`.',
  },
  vocabulary: {
    name: 'vocabulary',
    type: 'int',
    required: false,
    default: 20000,
    range: { min: 3 },
    doc: 'With `text`: how many token ids there are; ids 2 … vocabulary − 1 go to the most frequent words of the training rows.',
  },
};

export const PADDINGS = ['valid', 'same'] as const;

/** The declarations of a file's top level. */
export const DECLARATIONS = ['network', 'block'] as const;

/** The sections a `network { }` may hold. */
export const NETWORK_SECTIONS = ['input', 'task', 'layers', 'train', 'data'] as const;

export type NetworkSection = (typeof NETWORK_SECTIONS)[number];

/** The graph constructs of a layer list: `residual { } shortcut { }` and `parallel(merge: …) { branch { } … }`. */
export const GRAPH_KEYWORDS = ['residual', 'shortcut', 'parallel', 'branch'] as const;

/** How `parallel(merge: …)` may join its branches (a `residual` always adds); the first is the default. */
export const MERGE_MODES = ['concat', 'add', 'multiply', 'average', 'maximum'] as const;

/** The reserved words, in the order the grammar documents them. */
export const KEYWORDS = [...DECLARATIONS, ...NETWORK_SECTIONS, 'repeat', ...GRAPH_KEYWORDS, 'true', 'false'] as const;

export type Keyword = (typeof KEYWORDS)[number];

/** The keyword that opens a network section of the tree: `Input` → `input` (each node kind is its keyword, capitalised). */
export function sectionKeyword(kind: NetworkMember['kind']): NetworkSection {
  return kind.toLowerCase() as Lowercase<NetworkMember['kind']>;
}

/** Looks an argument up by name. */
export function argSpec(signature: Signature, name: string): ArgSpec | undefined {
  return signature.args.find((a) => a.name === name);
}

function hasOwn<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(table, key);
}

export const isLayerKind = (name: string): name is LayerCallKind => hasOwn(LAYERS, name);
export const isActivationName = (name: string): name is ActivationName => hasOwn(ACTIVATIONS, name);
export const isInitializerName = (name: string): name is InitializerName => hasOwn(INITIALIZERS, name);
export const isLossName = (name: string): name is LossName => hasOwn(LOSSES, name);
export const isOptimizerName = (name: string): name is OptimizerName => hasOwn(OPTIMIZERS, name);
export const isRegularizerName = (name: string): name is RegularizerName => hasOwn(REGULARIZERS, name);
export const isTaskName = (name: string): name is TaskName => hasOwn(TASKS, name);

/** Describes a numeric range in words for messages and docs: "a positive integer", "a number in [0, 1)". */
export function describeRange(type: 'int' | 'number' | 'int2', range: NumericRange | undefined): string {
  const noun = type === 'number' ? 'a number' : 'an integer';
  if (!range) return noun;
  const { min, max, minExclusive, maxExclusive } = range;
  if (type !== 'number' && min === 1 && max === undefined) return 'a positive integer';
  if (min === 0 && max === undefined) return minExclusive ? `a positive number` : type === 'number' ? 'a number ≥ 0' : 'a non-negative integer';
  if (min !== undefined && max !== undefined) return `${noun} in ${minExclusive ? '(' : '['}${min}, ${max}${maxExclusive ? ')' : ']'}`;
  if (min !== undefined) return `${noun} ${minExclusive ? '>' : '≥'} ${min}`;
  if (max !== undefined) return `${noun} ${maxExclusive ? '<' : '≤'} ${max}`;
  return noun;
}

/** Whether a number lies in a range. */
export function inRange(value: number, range: NumericRange | undefined): boolean {
  if (!range) return true;
  if (range.min !== undefined && (range.minExclusive ? value <= range.min : value < range.min)) return false;
  if (range.max !== undefined && (range.maxExclusive ? value >= range.max : value > range.max)) return false;
  return true;
}

/** What a value of the given type looks like, for "expected …" messages. */
export function describeType(type: ValueType, range?: NumericRange): string {
  switch (type) {
    case 'int':
    case 'number':
      return describeRange(type, range);
    case 'int2':
      return `${describeRange('int2', range)} or a list [height, width] of them`;
    case 'padding2d':
      return 'a non-negative integer, a list [height, width] of them, or [[top, bottom], [left, right]]';
    case 'bool':
      return '`true` or `false`';
    case 'string':
      return 'a string in double quotes';
    case 'strings':
      return 'a list of strings, e.g. ["a", "b"]';
    case 'activation':
      return `an activation (${Object.keys(ACTIVATIONS).join(', ')})`;
    case 'initializer':
      return `an initialiser (${Object.keys(INITIALIZERS).join(', ')})`;
    case 'regularizer':
      return `a regularizer (${Object.keys(REGULARIZERS).join(', ')})`;
    case 'fan_mode':
      return FAN_MODES.map((m) => `\`${m}\``).join(', ');
    case 'scaling_distribution':
      return SCALING_DISTRIBUTIONS.map((m) => `\`${m}\``).join(', ');
    case 'padding':
      return PADDINGS.map((p) => `\`${p}\``).join(' or ');
    case 'loss':
      return `a loss (${Object.keys(LOSSES).join(', ')})`;
    case 'optimizer':
      return `an optimizer (${Object.keys(OPTIMIZERS).join(', ')})`;
    case 'task':
      return `a task (${Object.keys(TASKS).join(', ')})`;
    case 'early_stopping':
      return '`early_stopping(patience: N)`';
  }
}

/** Writes a default for docs and hover: `0.01`, `true`, `glorot_uniform`. */
export function formatDefault(arg: { default?: DefaultValue; defaultText?: string }): string | undefined {
  if (arg.defaultText !== undefined) return arg.defaultText;
  if (arg.default === undefined) return undefined;
  return String(arg.default);
}
