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
