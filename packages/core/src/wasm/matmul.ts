/**
 * A WebAssembly SIMD implementation of the `matmul` kernel (float32 only).
 *
 * Operands are copied into the module's memory as they are stored (one memcpy each in the common case;
 * rows/columns zero-padded to the tile size when needed; only a transposed B is gathered into column
 * panels), and `gemm` reads them through byte strides, accumulating each R×4V tile of C in SIMD registers
 * over the whole inner dimension; C is copied back (added to the old C when accumulating). The copies are
 * O(m·k + k·n) against O(m·k·n) arithmetic, so small products (and any Float64Array) stay with the plain
 * TypeScript kernel.
 */
import type { Arr } from '../arr.js';
import type { Kernels } from '../kernels.js';
import { GEMM_RELAXED_WASM_BASE64, GEMM_WASM_BASE64 } from './gemm-bytes.js';
import { floatHeap, instantiate, validates, type WasmMemory } from './module.js';

/** Below this many multiply-adds the TypeScript kernel is faster than packing. */
export const WASM_MIN_WORK = 16 * 1024;

/** The inner dimension's block (see wasmMatmul). */
const KC = 256;

/**
 * Whether the runtime takes relaxed SIMD (f32x4.relaxed_madd: a fused multiply-add on CPUs with FMA).
 * Browsers with it (Chrome ≥ 114) need nothing; Node 20's V8 has it behind
 * `--experimental-wasm-relaxed-simd` (on by default from Node 22), which this turns on through
 * `process.getBuiltinModule('node:v8')` — no import, so the engine still loads in a browser — before
 * validating the module. `AXON_KERNELS=wasm-simd` in the environment declines it.
 */
export const relaxedSimd: boolean = (() => {
  if (typeof process === 'undefined') return validates(GEMM_RELAXED_WASM_BASE64);
  if (process.env?.AXON_KERNELS === 'wasm-simd') return false;
  if (validates(GEMM_RELAXED_WASM_BASE64)) return true;
  const v8 = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:v8') as
    | { setFlagsFromString(flags: string): void }
    | undefined;
  try {
    v8?.setFlagsFromString('--experimental-wasm-relaxed-simd');
  } catch {
    return false;
  }
  return validates(GEMM_RELAXED_WASM_BASE64);
})();

interface GemmExports {
  memory: WasmMemory;
  tileRows: { value: number };
  tileCols: { value: number };
  gemm(
    pa: number, aRow: number, aStep: number, aPanel: number,
    pb: number, bStep: number, bPanel: number,
    pc: number, ldc: number, mb: number, k: number, nb: number, acc: number, pbias: number,
  ): void;
}

const align4 = (floats: number): number => (floats + 3) & ~3;

/** Copies `rows` rows of `cols` floats from `src` into `h` at `off`, each row widened to `padded` with zeros. */
function copyRowsPadded(h: Float32Array, src: Float32Array, off: number, rows: number, cols: number, padded: number): void {
  if (padded === cols) {
    h.set(src.subarray(0, rows * cols), off);
    return;
  }
  for (let p = 0; p < rows; p++) {
    const from = p * cols, to = off + p * padded;
    for (let i = 0; i < cols; i++) h[to + i] = src[from + i]!;
    for (let i = cols; i < padded; i++) h[to + i] = 0;
  }
}

/** The wasm matmul (falling back to `fallback` for small or float64 products), or null without WebAssembly SIMD. */
export function createWasmMatmul(fallback: Kernels['matmul']): Kernels['matmul'] | null {
  const ex = instantiate<GemmExports>(relaxedSimd ? GEMM_RELAXED_WASM_BASE64 : GEMM_WASM_BASE64);
  if (!ex) return null;
  const R = ex.tileRows.value;
  const W = ex.tileCols.value;
  const memory = floatHeap(ex.memory);

  return function wasmMatmul(a: Arr, b: Arr, c: Arr, m: number, k: number, n: number, transA: boolean, transB: boolean, accumulate: boolean, bias?: Arr | null): void {
    if (m * k * n < WASM_MIN_WORK || !(a instanceof Float32Array) || !(b instanceof Float32Array) || !(c instanceof Float32Array) || k === 0 || (bias && accumulate)) {
      fallback(a, b, c, m, k, n, transA, transB, accumulate, bias);
      return;
    }
    const mb = Math.ceil(m / R), nb = Math.ceil(n / W);
    const mp = mb * R, np = nb * W;
    // A is used as stored (row-major m×k, or k×m when transposed), only padded to mp rows/columns.
    const offA = 0;
    const sizeA = mp * k;
    const offB = align4(offA + sizeA);
    // B row-major (k×np) when not transposed; packed into column panels [nb][k][W] when it is.
    const sizeB = k * np;
    const offC = align4(offB + sizeB);
    // The bias (padded to np) after C; its address is never 0, which the kernel reads as "no bias".
    const offBias = offC + mp * np;
    if (!memory.reserve(offBias + (bias ? np : 0))) {
      fallback(a, b, c, m, k, n, transA, transB, accumulate, bias);
      return;
    }
    const h = memory.heap();
    if (bias) {
      for (let j = 0; j < n; j++) h[offBias + j] = bias[j]!;
      h.fill(0, offBias + n, offBias + np);
    }

    let aRow: number, aStep: number, aPanel: number;
    if (!transA) {
      h.set(a.subarray(0, m * k), offA);
      if (mp > m) h.fill(0, offA + m * k, offA + mp * k);
      aRow = k * 4;
      aStep = 4;
      aPanel = R * k * 4;
    } else {
      copyRowsPadded(h, a, offA, k, m, mp);
      aRow = 4;
      aStep = mp * 4;
      aPanel = R * 4;
    }

    let bStep: number, bPanel: number;
    if (!transB) {
      copyRowsPadded(h, b, offB, k, n, np);
      bStep = np * 4;
      bPanel = W * 4;
    } else {
      // B stored n×k: gather each panel of W columns into [p][W].
      for (let jb = 0; jb < nb; jb++) {
        const base = offB + jb * k * W;
        const j0 = jb * W;
        const cols = Math.min(W, n - j0);
        for (let v = 0; v < cols; v++) {
          for (let p = 0, src = (j0 + v) * k, dst = base + v; p < k; p++, dst += W) h[dst] = b[src + p]!;
        }
        if (cols < W) for (let p = 0; p < k; p++) for (let v = cols; v < W; v++) h[base + p * W + v] = 0;
      }
      bStep = W * 4;
      bPanel = k * W * 4;
    }

    // The inner dimension in blocks of KC: one block of B (KC × np) stays in cache while every row panel
    // of A passes over it, and each block adds into C's tiles (a long k otherwise streams A and B from
    // memory once per tile: the kernel gradient of a convolution, k = batch·pixels, ran at 3.7 GFLOP/s).
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      ex.gemm(offA * 4 + p0 * aStep, aRow, aStep, aPanel, offB * 4 + p0 * bStep, bStep, bPanel, offC * 4, np * 4, mb, kc, nb, p0 > 0 ? 1 : 0, bias && p0 === 0 ? offBias * 4 : 0);
    }

    if (!accumulate && np === n) {
      c.set(h.subarray(offC, offC + m * n));
      return;
    }
    for (let i = 0; i < m; i++) {
      const src = offC + i * np, dst = i * n;
      if (accumulate) for (let j = 0; j < n; j++) c[dst + j] += h[src + j]!;
      else for (let j = 0; j < n; j++) c[dst + j] = h[src + j]!;
    }
  };
}
