/**
 * The engine's numeric arrays. Training runs on Float32Array; the gradient checks run the very same
 * code on Float64Array (`buildModel(net, { dtype: 'float64' })`), so every kernel accepts either.
 */
export type Arr = Float32Array | Float64Array;

export type DType = 'float32' | 'float64';

export function alloc(dtype: DType, length: number): Arr {
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

/** A buffer at least `length` long: `buf` itself when it is big enough, else a new one. */
export function ensure(buf: Arr | undefined, dtype: DType, length: number): Arr {
  if (buf !== undefined && buf.length >= length) return buf;
  return alloc(dtype, length);
}

export function product(shape: readonly number[]): number {
  let p = 1;
  for (const d of shape) p *= d;
  return p;
}
