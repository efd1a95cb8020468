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
  constant: {
    summary: 'Every value set to one number.',
    details: 'Sensible for biases (a small positive bias can keep relu units alive; a negative one kills them). For weights it never breaks the symmetry between units.',
    example: 'bias_init: constant(0.1)',
  },
};
