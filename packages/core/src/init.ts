/**
 * Weight initialisers with Keras's formulas. The normal variants draw from a normal truncated at two
 * standard deviations and scaled by 1/0.87962566103423978 (the stddev of a unit normal truncated at ±2),
 * exactly as Keras's VarianceScaling(distribution='truncated_normal') does.
 */
import type { Initializer } from '@axon/language';
import type { Arr } from './arr.js';
import type { Rng } from './rng.js';

const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

export interface Fans {
  fanIn: number;
  fanOut: number;
}

export function initialize(out: Arr, init: Initializer, fans: Fans, rng: Rng): void {
  switch (init.name) {
    case 'zeros':
      out.fill(0);
      return;
    case 'constant':
      out.fill(init.value);
      return;
    case 'glorot_uniform':
      return uniform(out, Math.sqrt(6 / (fans.fanIn + fans.fanOut)), rng);
    case 'he_uniform':
      return uniform(out, Math.sqrt(6 / fans.fanIn), rng);
    case 'lecun_uniform':
      return uniform(out, Math.sqrt(3 / fans.fanIn), rng);
    case 'glorot_normal':
      return truncatedNormal(out, Math.sqrt(2 / (fans.fanIn + fans.fanOut)) / TRUNCATED_NORMAL_STDDEV, rng);
    case 'he_normal':
      return truncatedNormal(out, Math.sqrt(2 / fans.fanIn) / TRUNCATED_NORMAL_STDDEV, rng);
    case 'lecun_normal':
      return truncatedNormal(out, Math.sqrt(1 / fans.fanIn) / TRUNCATED_NORMAL_STDDEV, rng);
  }
}

function uniform(out: Arr, limit: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.next() - 1) * limit;
}

function truncatedNormal(out: Arr, stddev: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) {
    let z = rng.normal();
    while (z < -2 || z > 2) z = rng.normal();
    out[i] = z * stddev;
  }
}
