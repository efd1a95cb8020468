/**
 * A WebAssembly SIMD implementation of the `matmul` kernel (float32 only).
 *
 * Operands are packed into the module's memory — A into panels of R rows, B into panels of 4V columns,
 * both zero-padded, with any transposition resolved while packing — then `gemm` accumulates each R×4V
 * tile of C in SIMD registers over the whole inner dimension, and C is copied back (added to the old C
 * when accumulating). Packing is O(m·k + k·n) against O(m·k·n) arithmetic, so small products (and any
 * Float64Array) stay with the plain TypeScript kernel.
 */
import type { Arr } from '../arr.js';
import type { Kernels } from '../kernels.js';
import { GEMM_WASM_BASE64 } from './gemm-bytes.js';

// The few WebAssembly JS-API types used here (lib ES2022 does not declare them).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

/** Below this many multiply-adds the TypeScript kernel is faster than packing. */
export const WASM_MIN_WORK = 16 * 1024;

interface GemmExports {
  memory: WasmMemory;
  tileRows: { value: number };
  tileCols: { value: number };
  gemm(pa: number, pb: number, pc: number, mb: number, k: number, nb: number): void;
}

/** The wasm matmul (falling back to `fallback` for small or float64 products), or null without WebAssembly SIMD. */
export function createWasmMatmul(fallback: Kernels['matmul']): Kernels['matmul'] | null {
  if (typeof WebAssembly === 'undefined') return null;
  let ex: GemmExports;
  try {
    const bytes = Buffer.from(GEMM_WASM_BASE64, 'base64');
    ex = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as GemmExports;
  } catch {
    return null;
  }
  const R = ex.tileRows.value;
  const W = ex.tileCols.value;
  let heap = new Float32Array(ex.memory.buffer);

  const reserve = (floats: number): void => {
    const bytes = floats * 4;
    if (bytes > ex.memory.buffer.byteLength) {
      ex.memory.grow(Math.ceil((bytes - ex.memory.buffer.byteLength) / 65536));
      heap = new Float32Array(ex.memory.buffer);
    }
    if (heap.buffer !== ex.memory.buffer) heap = new Float32Array(ex.memory.buffer);
  };

  return function wasmMatmul(a: Arr, b: Arr, c: Arr, m: number, k: number, n: number, transA: boolean, transB: boolean, accumulate: boolean): void {
    if (m * k * n < WASM_MIN_WORK || !(a instanceof Float32Array) || !(b instanceof Float32Array) || !(c instanceof Float32Array) || k === 0) {
      fallback(a, b, c, m, k, n, transA, transB, accumulate);
      return;
    }
    const mb = Math.ceil(m / R), nb = Math.ceil(n / W);
    const mp = mb * R, np = nb * W;
    const offA = 0, offB = mp * k, offC = offB + k * np;
    reserve(offC + mp * np);
    const h = heap;
    // Pack A: panel ib holds rows ib·R … ib·R+R−1, laid out [p][r].
    for (let ib = 0; ib < mb; ib++) {
      const base = offA + ib * k * R;
      const row0 = ib * R;
      if (R === 4 && row0 + 4 <= m) {
        if (transA) {
          for (let p = 0, src = row0, dst = base; p < k; p++, src += m, dst += 4) {
            h[dst] = a[src]!;
            h[dst + 1] = a[src + 1]!;
            h[dst + 2] = a[src + 2]!;
            h[dst + 3] = a[src + 3]!;
          }
        } else {
          const s0 = row0 * k, s1 = s0 + k, s2 = s1 + k, s3 = s2 + k;
          for (let p = 0, dst = base; p < k; p++, dst += 4) {
            h[dst] = a[s0 + p]!;
            h[dst + 1] = a[s1 + p]!;
            h[dst + 2] = a[s2 + p]!;
            h[dst + 3] = a[s3 + p]!;
          }
        }
        continue;
      }
      for (let r = 0; r < R; r++) {
        const row = row0 + r;
        if (row >= m) {
          for (let p = 0; p < k; p++) h[base + p * R + r] = 0;
        } else if (transA) {
          for (let p = 0, src = row; p < k; p++, src += m) h[base + p * R + r] = a[src]!;
        } else {
          for (let p = 0, src = row * k; p < k; p++, src++) h[base + p * R + r] = a[src]!;
        }
      }
    }
    // Pack B: panel jb holds columns jb·W … jb·W+W−1, laid out [p][col].
    for (let jb = 0; jb < nb; jb++) {
      const base = offB + jb * k * W;
      const j0 = jb * W;
      const cols = Math.min(W, n - j0);
      if (transB) {
        for (let v = 0; v < cols; v++) {
          for (let p = 0, src = (j0 + v) * k, dst = base + v; p < k; p++, dst += W) h[dst] = b[src + p]!;
        }
      } else {
        for (let p = 0; p < k; p++) {
          const src = p * n + j0, dst = base + p * W;
          for (let v = 0; v < cols; v++) h[dst + v] = b[src + v]!;
        }
      }
      if (cols < W) for (let p = 0; p < k; p++) for (let v = cols; v < W; v++) h[base + p * W + v] = 0;
    }
    ex.gemm(offA * 4, offB * 4, offC * 4, mb, k, nb);
    // Unpack C.
    for (let i = 0; i < m; i++) {
      const src = offC + i * np, dst = i * n;
      if (accumulate) for (let j = 0; j < n; j++) c[dst + j] += h[src + j]!;
      else for (let j = 0; j < n; j++) c[dst + j] = h[src + j]!;
    }
  };
}
