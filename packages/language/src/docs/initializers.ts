/**
 * Weight and bias initialisers (`init:` and `bias_init:`). fan_in / fan_out: inputs / outputs of one unit.
 * Which argument defaults to one and which activations recommend it come from the catalog.
 */
import type { InitializerName } from '../network.js';
import type { EntryDoc } from './types.js';

export const INITIALIZER_DOCS: Record<InitializerName, EntryDoc> = {
  glorot_uniform: {
    summary: 'Glorot (Xavier) uniform: U(−l, l) with l = √(6 / (fan_in + fan_out)).',
    details: 'Keeps the variance of activations and gradients balanced from layer to layer. Keras `GlorotUniform`, PyTorch `xavier_uniform_`.',
  },
  glorot_normal: {
    summary: 'Glorot (Xavier) normal: truncated normal with σ = √(2 / (fan_in + fan_out)).',
    details: 'Same aim as glorot_uniform, drawn from a normal distribution.',
  },
  he_uniform: {
    summary: 'He (Kaiming) uniform: U(−l, l) with l = √(6 / fan_in).',
    details: 'Twice Glorot\'s variance, to make up for ReLU zeroing half its inputs.',
  },
  he_normal: {
    summary: 'He (Kaiming) normal: truncated normal with σ = √(2 / fan_in).',
  },
  lecun_uniform: {
    summary: 'LeCun uniform: U(−l, l) with l = √(3 / fan_in).',
  },
  lecun_normal: {
    summary: 'LeCun normal: truncated normal with σ = √(1 / fan_in).',
  },
  zeros: {
    summary: 'All zeros.',
    details: 'Fine for biases; for weights it leaves every unit identical, so they never learn different features.',
  },
  ones: {
    summary: 'All ones.',
    details: 'Keras `Ones`. Meant for multiplicative parameters such as a scale; as weights it has the symmetry problem of every constant (all units stay identical) and, over a wide layer, a pre-activation as large as the sum of the inputs.',
    example: 'bias_init: ones',
  },
  constant: {
    summary: 'Every value set to one number.',
    details: 'Sensible for biases (a small positive bias can keep relu units alive; a negative one kills them). For weights it never breaks the symmetry between units.',
    example: 'bias_init: constant(0.1)',
  },
  random_uniform: {
    summary: 'Uniform in [minval, maxval): U(minval, maxval). Keras `RandomUniform`, defaults minval −0.05, maxval 0.05.',
    details:
      'The scale is fixed, not derived from the layer\'s fan-in: each pre-activation has variance fan_in × (maxval − minval)² / 12 times the input\'s, so a range that suits 10 inputs saturates sigmoid/tanh units (or blows up relu stacks) with 1000. `random_uniform(0, 1)` is worse: all-positive weights add up instead of cancelling. Prefer glorot_uniform or he_uniform unless you are reproducing a model that used it.',
    example: 'init: random_uniform(-0.05, 0.05)',
  },
  random_normal: {
    summary: 'Normal N(mean, stddev²). Keras `RandomNormal`, defaults mean 0, stddev 0.05.',
    details:
      'A fixed scale, blind to the fan-in: the pre-activation\'s standard deviation grows as stddev × √fan_in, so `random_normal(stddev: 1)` on a wide layer saturates sigmoid/tanh from the first step. Prefer glorot_normal or he_normal, which divide by the fans.',
    example: 'init: random_normal(stddev: 0.05)',
  },
  truncated_normal: {
    summary: 'Normal N(mean, stddev²) with draws beyond 2·stddev redrawn. Keras `TruncatedNormal`, defaults mean 0, stddev 0.05.',
    details:
      'Like random_normal without the rare large weights; the spread after truncation is about 0.88 × stddev. Still a fixed scale, blind to the fan-in (see random_normal).',
    example: 'init: truncated_normal(0, 0.02)',
  },
  orthogonal: {
    summary: 'A random orthogonal matrix (the Q of a QR decomposition of a normal draw) times gain. Keras `Orthogonal`, default gain 1.',
    details:
      'Multiplying by an orthogonal matrix keeps a vector\'s length, so signals neither shrink nor grow through many applications: the default for recurrent kernels (Saxe et al. 2014). For a non-square kernel the rows or the columns are orthonormal. Use gain √2 before relu.',
    example: 'init: orthogonal(gain: 1.0)',
  },
  variance_scaling: {
    summary: 'Variance scale / fan, with fan = fan_in, fan_out or (fan_in + fan_out) / 2. Keras `VarianceScaling`, defaults scale 1, mode fan_in, distribution truncated_normal.',
    details:
      'The general form of the named schemes: glorot_uniform is `variance_scaling(1, fan_avg, uniform)`, he_normal `variance_scaling(2, fan_in, truncated_normal)`, lecun_normal `variance_scaling(1, fan_in, truncated_normal)`. `uniform` draws from U(−l, l) with l = √(3 · scale / fan); `truncated_normal` uses stddev √(scale / fan) / 0.8796 so the truncated draw keeps that variance; `untruncated_normal` plain N(0, scale / fan).',
    example: 'init: variance_scaling(scale: 2, mode: fan_in, distribution: truncated_normal)',
  },
};
