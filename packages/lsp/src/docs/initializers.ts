import type { EntryDoc } from './types.js';

/** Weight and bias initialisers (`init:` and `bias_init:`). fan_in / fan_out: inputs / outputs of one unit. */
export const initializerDocs: EntryDoc[] = [
  {
    name: 'glorot_uniform',
    summary: 'Glorot (Xavier) uniform: U(−l, l) with l = √(6 / (fan_in + fan_out)). The default for `init:`.',
    details: 'Keeps the variance of activations and gradients balanced for sigmoid, tanh and linear layers. Keras `GlorotUniform`, PyTorch `xavier_uniform_`.',
  },
  {
    name: 'glorot_normal',
    summary: 'Glorot (Xavier) normal: truncated normal with σ = √(2 / (fan_in + fan_out)).',
    details: 'Same aim as glorot_uniform, drawn from a normal distribution. Suits sigmoid and tanh.',
  },
  {
    name: 'he_uniform',
    summary: 'He (Kaiming) uniform: U(−l, l) with l = √(6 / fan_in).',
    details: 'Twice Glorot\'s variance, to make up for ReLU zeroing half its inputs. For the relu family.',
  },
  {
    name: 'he_normal',
    summary: 'He (Kaiming) normal: truncated normal with σ = √(2 / fan_in).',
    details: 'The usual choice for relu, leaky_relu, prelu and elu layers.',
  },
  {
    name: 'lecun_uniform',
    summary: 'LeCun uniform: U(−l, l) with l = √(3 / fan_in).',
  },
  {
    name: 'lecun_normal',
    summary: 'LeCun normal: truncated normal with σ = √(1 / fan_in).',
    details: 'Required by selu for self-normalisation.',
  },
  {
    name: 'zeros',
    summary: 'All zeros. The default for `bias_init:`.',
    details: 'Fine for biases; for weights it leaves every unit identical, so they never learn different features.',
  },
  {
    name: 'constant',
    summary: 'Every value set to one number.',
    details:
      'Sensible for biases (a small positive bias can keep relu units alive; a negative one kills them). For weights it never breaks the symmetry between units.',
    example: 'bias_init: constant(0.1)',
  },
];
