/**
 * Standardisation: per feature, (x - mean) / std, with mean and std taken from the training split only
 * (population std). A feature that is constant in the training split gets std 1, so it maps to 0 and
 * never to Inf/NaN. The statistics are saved with the model and applied again before predict.
 */
import type { Normalization } from '../types.js';

/** Mean and std of each of the `features` columns of `x` (n rows). */
export function computeNormalization(x: Float32Array, n: number, features: number): Normalization {
  const mean = new Float64Array(features);
  const sq = new Float64Array(features);
  for (let r = 0; r < n; r++) {
    for (let f = 0; f < features; f++) mean[f]! += x[r * features + f]!;
  }
  for (let f = 0; f < features; f++) mean[f] = n > 0 ? mean[f]! / n : 0;
  for (let r = 0; r < n; r++) {
    for (let f = 0; f < features; f++) {
      const d = x[r * features + f]! - mean[f]!;
      sq[f]! += d * d;
    }
  }
  const std = Array.from(sq, (s) => {
    const v = n > 0 ? Math.sqrt(s / n) : 0;
    return v > 1e-12 ? v : 1;
  });
  return { mean: Array.from(mean), std };
}

/** A standardised copy of `x` (n rows of `norm.mean.length` features). */
export function applyNormalization(x: Float32Array, n: number, norm: Normalization): Float32Array {
  const features = norm.mean.length;
  if (norm.std.length !== features) {
    throw new Error(`normalization has ${features} means but ${norm.std.length} standard deviations`);
  }
  if (x.length !== n * features) {
    throw new Error(`cannot standardise ${x.length} values as ${n} rows of ${features} features`);
  }
  const out = new Float32Array(x.length);
  for (let r = 0; r < n; r++) {
    for (let f = 0; f < features; f++) {
      const i = r * features + f;
      out[i] = (x[i]! - norm.mean[f]!) / norm.std[f]!;
    }
  }
  return out;
}
