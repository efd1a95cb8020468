/**
 * The memory the threads of a data-parallel fit share: one SharedArrayBuffer holding a control block,
 * the weights (written by the main thread after each update, read by every worker), one gradient slot
 * per worker, the batch (inputs and targets), the outputs, and the per-shard loss values.
 */
import type { Arr, DType } from '../arr.js';

/** Int32 slots of the control block. */
export const GEN = 0; // bumped by the main thread to start a step
export const DONE = 1; // workers that finished the current step
export const ROWS = 2; // samples in the current batch
export const CMD = 3; // STEP or QUIT
export const CTRL_INTS = 4;
export const STEP = 1;
export const QUIT = 2;
/** Bytes of error text a worker may leave for the main thread. */
export const ERROR_BYTES = 512;

export interface SharedLayout {
  threads: number;
  dtype: DType;
  /** Values of all the model's weights, in `allParams` order. */
  weights: number;
  batchSize: number;
  inSize: number;
  outSize: number;
  /** Byte offsets. */
  at: { weights: number; grads: number; x: number; y: number; out: number; loss: number; errors: number; total: number };
}

const align = (n: number): number => Math.ceil(n / 64) * 64;

export function sharedLayout(threads: number, dtype: DType, weights: number, batchSize: number, inSize: number, outSize: number): SharedLayout {
  const el = dtype === 'float64' ? 8 : 4;
  let o = align(CTRL_INTS * 4);
  const at = { weights: o, grads: 0, x: 0, y: 0, out: 0, loss: 0, errors: 0, total: 0 };
  o = at.grads = align(o + weights * el);
  o = at.x = align(o + (threads - 1) * weights * el);
  o = at.y = align(o + batchSize * inSize * el);
  o = at.out = align(o + batchSize * outSize * el);
  o = at.loss = align(o + batchSize * outSize * el);
  o = at.errors = align(o + threads * 8);
  at.total = align(o + threads * ERROR_BYTES);
  return { threads, dtype, weights, batchSize, inSize, outSize, at };
}

/** Typed views on the shared buffer (each thread makes its own). */
export interface SharedViews {
  ctrl: Int32Array;
  weights: Arr;
  /** Gradient slot of worker `w` (1 … threads−1). */
  grads(w: number): Arr;
  x: Arr;
  y: Arr;
  out: Arr;
  loss: Float64Array;
  errors: Uint8Array;
}

export function sharedViews(shared: SharedArrayBuffer, l: SharedLayout): SharedViews {
  const F = l.dtype === 'float64' ? Float64Array : Float32Array;
  // ES2022 lib types typed arrays over ArrayBuffer only; a SharedArrayBuffer is accepted at run time.
  const buf = shared as unknown as ArrayBuffer;
  const el = F.BYTES_PER_ELEMENT;
  return {
    ctrl: new Int32Array(buf, 0, CTRL_INTS),
    weights: new F(buf, l.at.weights, l.weights),
    grads: (w) => new F(buf, l.at.grads + (w - 1) * l.weights * el, l.weights),
    x: new F(buf, l.at.x, l.batchSize * l.inSize),
    y: new F(buf, l.at.y, l.batchSize * l.outSize),
    out: new F(buf, l.at.out, l.batchSize * l.outSize),
    loss: new Float64Array(buf, l.at.loss, l.threads),
    errors: new Uint8Array(buf, l.at.errors, l.threads * ERROR_BYTES),
  };
}

/**
 * The rows of shard `s` of a batch of `m` samples split over `threads`: contiguous, in order, sizes
 * differing by at most one (the first `m % threads` shards take one more).
 */
export function shardRows(m: number, threads: number, s: number): { start: number; count: number } {
  const base = Math.floor(m / threads), extra = m % threads;
  const start = s * base + Math.min(s, extra);
  return { start, count: base + (s < extra ? 1 : 0) };
}
