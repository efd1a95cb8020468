/**
 * Weight initialisers with Keras's formulas. The normal variants draw from a normal truncated at two
 * standard deviations and scaled by 1/0.87962566103423978 (the stddev of a unit normal truncated at ±2),
 * exactly as Keras's VarianceScaling(distribution='truncated_normal') does.
 *
 * - `random_uniform(minval, maxval)`: uniform in [minval, maxval).
 * - `random_normal(mean, stddev)`: mean + stddev·z; `truncated_normal`: the same with z redrawn beyond ±2
 *   (no stddev correction: Keras's `TruncatedNormal` is not corrected either).
 * - `variance_scaling(scale, mode, distribution)`: variance scale / max(1, fan) with fan = fan_in, fan_out
 *   or their mean; truncated_normal corrected by 0.87962566103423978, untruncated_normal plain, uniform
 *   limit √(3·variance).
 * - `orthogonal(gain)`: the kernel viewed as a matrix [fan_in, rest] — for a dense kernel [in, units]
 *   itself, for a conv kernel [kh·kw·c, filters] (the last axis against all the others, as Keras flattens
 *   it); see `initOrthogonal`.
 * - `ones`: 1 everywhere. Every draw comes from the seeded `rng`.
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
    case 'ones':
      out.fill(1);
      return;
    case 'random_uniform': {
      const { minval: lo, maxval: hi } = init;
      for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * rng.next();
      return;
    }
    case 'random_normal':
      for (let i = 0; i < out.length; i++) out[i] = init.mean + init.stddev * rng.normal();
      return;
    case 'truncated_normal':
      truncatedNormal(out, init.stddev, rng);
      if (init.mean !== 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + init.mean;
      return;
    case 'orthogonal': {
      const rows = Math.max(1, fans.fanIn);
      if (out.length % rows !== 0) throw new Error(`orthogonal: a tensor of ${out.length} values is not a [${rows}, …] matrix`);
      return initOrthogonal(out, rows, out.length / rows, rng, init.gain);
    }
    case 'variance_scaling': {
      const fan = init.mode === 'fan_in' ? fans.fanIn : init.mode === 'fan_out' ? fans.fanOut : (fans.fanIn + fans.fanOut) / 2;
      const variance = init.scale / Math.max(1, fan);
      if (init.distribution === 'uniform') return uniform(out, Math.sqrt(3 * variance), rng);
      if (init.distribution === 'untruncated_normal') {
        const sd = Math.sqrt(variance);
        for (let i = 0; i < out.length; i++) out[i] = sd * rng.normal();
        return;
      }
      return truncatedNormal(out, Math.sqrt(variance) / TRUNCATED_NORMAL_STDDEV, rng);
    }
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

/** Uniform in [-limit, limit] (Keras's `RandomUniform(-0.05, 0.05)` is the embedding's default, limit 0.05). */
export function initUniform(out: Arr, limit: number, rng: Rng): void {
  uniform(out, limit, rng);
}

/**
 * Keras's `Orthogonal` initializer for a `rows × cols` matrix (row-major into `out`): a matrix of
 * standard normals, of shape [max, min], orthonormalised (the Q of its QR decomposition with the signs
 * of R's diagonal folded in, done here by modified Gram–Schmidt on its columns), transposed when
 * rows < cols, so the rows (or the columns) are orthonormal. A recurrent kernel [units, g·units] thus
 * has orthonormal rows.
 */
export function initOrthogonal(out: Arr, rows: number, cols: number, rng: Rng, gain = 1): void {
  const tall = Math.max(rows, cols), wide = Math.min(rows, cols);
  // q: `wide` column vectors of length `tall`, stored one after another.
  const q = new Float64Array(tall * wide);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  for (let j = 0; j < wide; j++) {
    const cj = j * tall;
    for (let p = 0; p < j; p++) {
      const cp = p * tall;
      let dot = 0;
      for (let i = 0; i < tall; i++) dot += q[cj + i]! * q[cp + i]!;
      for (let i = 0; i < tall; i++) q[cj + i]! -= dot * q[cp + i]!;
    }
    let norm = 0;
    for (let i = 0; i < tall; i++) norm += q[cj + i]! * q[cj + i]!;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < tall; i++) q[cj + i]! /= norm;
  }
  // rows >= cols: out[r][c] = column c's entry r; rows < cols: out[r][c] = column r's entry c.
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = gain * (rows >= cols ? q[c * tall + r]! : q[r * tall + c]!);
  }
}
