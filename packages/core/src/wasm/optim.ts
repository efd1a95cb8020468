/**
 * WebAssembly SIMD optimizer steps (float32 only): Adam (and AdamW, whose decay runs before it) and
 * RMSprop, four weights per instruction; and the weighted sum of the threads' shard gradients. Their division and square root are what a JavaScript loop
 * pays for one weight at a time in float64: on the 235 k weights of a 784-256-128-10 MLP an Adam step
 * took 2.1–2.5 ms in the TypeScript kernel and 0.34–0.38 ms here, the copies in and out of the
 * module's memory included. Float64 arrays (the gradient checks) and short tensors stay with the
 * TypeScript kernels, whose formulas these are (see kernels.ts and optim.wat).
 */
import type { Arr } from '../arr.js';
import type { Kernels } from '../kernels.js';
import { floatHeap, instantiate, type WasmMemory } from './module.js';
import { OPTIM_WASM_BASE64 } from './optim-bytes.js';

/** Below this many weights the TypeScript kernel is as fast as the copies. */
export const WASM_MIN_WEIGHTS = 64;

interface OptimExports {
  memory: WasmMemory;
  adam(pw: number, pg: number, pm: number, pv: number, n: number, lrT: number, c1: number, c2: number, eps: number): void;
  rmsprop(pw: number, pg: number, pv: number, n: number, lr: number, rho: number, c: number, eps: number): void;
  axpby(py: number, px: number, n: number, a: number, b: number): void;
}

type Steps = Pick<Kernels, 'adamStep' | 'rmspropStep'>;

/** y[0..len) ← a·y + b·x[from..from+len) — the threads' weighted sum of shard gradients (parallel/trainer.ts). */
export type ScaleAdd = (y: Arr, x: Arr, from: number, len: number, a: number, b: number) => void;

/** The TypeScript scaleAdd (float64, short tensors, or no WebAssembly). */
export const jsScaleAdd: ScaleAdd = (y, x, from, len, a, b) => {
  for (let j = 0; j < len; j++) y[j] = (y[j] as number) * a + (x[from + j] as number) * b;
};

const isF32 = (...xs: Arr[]): boolean => xs.every((x) => x instanceof Float32Array);

/**
 * Adam with its moments resident in a WebAssembly memory of its own (one instance per optimizer, sized
 * once, never grown: JavaScript holds no view of it that could go stale). A step copies only the weights
 * in and out and the gradient in — three of the seven copies `adamStep` makes. `index` is the tensor's
 * position in `lengths`; tensors shorter than WASM_MIN_WEIGHTS get no slot (the caller keeps them in
 * TypeScript). Null without WebAssembly SIMD or when the memory cannot be had.
 */
export interface ResidentAdam {
  /** Whether tensor `index` has its moments here. */
  holds(index: number): boolean;
  step(index: number, w: Float32Array, g: Float32Array, lrT: number, beta1: number, beta2: number, epsilon: number): void;
}

export function createResidentAdam(lengths: readonly number[]): ResidentAdam | null {
  const ex = instantiate<OptimExports>(OPTIM_WASM_BASE64);
  if (!ex) return null;
  const pad = (n: number): number => (n + 3) & ~3;
  const longest = Math.max(0, ...lengths.filter((n) => n >= WASM_MIN_WEIGHTS).map(pad));
  // Layout (floats): w and g scratch (one tensor at a time), then m and v of every tensor that has a slot.
  const mAt: number[] = [];
  let top = 2 * longest;
  for (const n of lengths) {
    mAt.push(n >= WASM_MIN_WEIGHTS ? top : -1);
    if (n >= WASM_MIN_WEIGHTS) top += 2 * pad(n);
  }
  const memory = floatHeap(ex.memory);
  if (!memory.reserve(top)) return null;
  memory.heap().fill(0); // the moments start at zero
  return {
    holds: (index) => (mAt[index] ?? -1) >= 0,
    step(index, w, g, lrT, beta1, beta2, epsilon) {
      const at = mAt[index] as number, len = lengths[index] as number, n = pad(len);
      const h = memory.heap();
      h.set(w.subarray(0, len), 0);
      h.set(g.subarray(0, len), longest);
      if (n > len) h.fill(0, longest + len, longest + n);
      ex.adam(0, longest * 4, at * 4, (at + n) * 4, n, lrT, 1 - beta1, 1 - beta2, epsilon);
      w.set(h.subarray(0, len));
    },
  };
}

/** The wasm optimizer steps (falling back to `fallback` for float64 or short tensors), or null without WebAssembly SIMD. */
export function createWasmOptimSteps(fallback: Steps): (Steps & { scaleAdd: ScaleAdd }) | null {
  const ex = instantiate<OptimExports>(OPTIM_WASM_BASE64);
  if (!ex) return null;
  const memory = floatHeap(ex.memory);
  /** Copies `arrays` (each `len` long) into consecutive 16-byte-aligned slots; returns the slot stride in floats, or 0. */
  const load = (len: number, arrays: Arr[]): number => {
    const stride = (len + 3) & ~3;
    if (!memory.reserve(stride * arrays.length)) return 0;
    const h = memory.heap();
    arrays.forEach((a, i) => {
      h.set(a.subarray(0, len), i * stride);
      if (stride > len) h.fill(0, i * stride + len, (i + 1) * stride);
    });
    return stride;
  };
  const store = (len: number, stride: number, arrays: [Arr, number][]): void => {
    const h = memory.heap();
    for (const [a, slot] of arrays) a.set(h.subarray(slot * stride, slot * stride + len));
  };
  return {
    adamStep(w, g, m, v, len, lrT, beta1, beta2, epsilon) {
      const s = len >= WASM_MIN_WEIGHTS && isF32(w, g, m, v) ? load(len, [w, g, m, v]) : 0;
      if (s === 0) return fallback.adamStep(w, g, m, v, len, lrT, beta1, beta2, epsilon);
      ex.adam(0, s * 4, 2 * s * 4, 3 * s * 4, s, lrT, 1 - beta1, 1 - beta2, epsilon);
      store(len, s, [[w, 0], [m, 2], [v, 3]]);
    },
    rmspropStep(w, g, v, len, lr, rho, epsilon) {
      const s = len >= WASM_MIN_WEIGHTS && isF32(w, g, v) ? load(len, [w, g, v]) : 0;
      if (s === 0) return fallback.rmspropStep(w, g, v, len, lr, rho, epsilon);
      ex.rmsprop(0, s * 4, 2 * s * 4, s, lr, rho, 1 - rho, epsilon);
      store(len, s, [[w, 0], [v, 2]]);
    },
    scaleAdd(y, x, from, len, a, b) {
      const s = len >= WASM_MIN_WEIGHTS && isF32(y, x) ? load(len, [y, x.subarray(from, from + len)]) : 0;
      if (s === 0) return jsScaleAdd(y, x, from, len, a, b);
      ex.axpby(0, s * 4, s, a, b);
      store(len, s, [[y, 0]]);
    },
  };
}
