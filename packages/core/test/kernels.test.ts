import { describe, expect, it } from 'vitest';
import { activeMatmul, convGeometry, installKernels, jsKernels, K, wasmMatmul } from '../src/kernels.js';
import { testRandom } from './net-helpers.js';

function naive(a: Float64Array, b: Float64Array, m: number, k: number, n: number, ta: boolean, tb: boolean): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? a[p * m + i]! : a[i * k + p]!) * (tb ? b[j * k + p]! : b[p * n + j]!);
      c[i * n + j] = s;
    }
  return c;
}

describe('kernels', () => {
  it('matmul agrees with a naive triple loop for every transposition, odd sizes, and accumulate', () => {
    const r = testRandom(1);
    for (const [m, k, n] of [[1, 1, 1], [5, 7, 3], [9, 4, 13], [16, 16, 16], [3, 33, 6]] as const) {
      for (const ta of [false, true])
        for (const tb of [false, true]) {
          const a = new Float64Array(m * k).map(() => (r() < 0.2 ? 0 : r() - 0.5));
          const b = new Float64Array(k * n).map(() => r() - 0.5);
          const c = new Float64Array(m * n).fill(99);
          K.matmul(a, b, c, m, k, n, ta, tb, false);
          const ref = naive(a, b, m, k, n, ta, tb);
          for (let i = 0; i < m * n; i++) expect(c[i]).toBeCloseTo(ref[i]!, 12);
          K.matmul(a, b, c, m, k, n, ta, tb, true);
          for (let i = 0; i < m * n; i++) expect(c[i]).toBeCloseTo(2 * ref[i]!, 12);
        }
    }
  });

  it('uses the WebAssembly SIMD matmul by default, and it agrees with the naive loop (float32, all transpositions, padding edges)', () => {
    expect(activeMatmul).toMatch(/^wasm-(relaxed-)?simd$/);
    expect(K.matmul).toBe(wasmMatmul);
    const r = testRandom(5);
    for (const [m, k, n] of [[64, 70, 33], [37, 300, 29], [5, 2000, 9], [128, 16, 130], [64, 50, 64], [12, 300, 16]] as const) {
      for (const ta of [false, true])
        for (const tb of [false, true]) {
          const a = new Float32Array(m * k).map(() => r() - 0.5);
          const b = new Float32Array(k * n).map(() => r() - 0.5);
          const ref = naive(Float64Array.from(a), Float64Array.from(b), m, k, n, ta, tb);
          const c = new Float32Array(m * n).fill(1);
          wasmMatmul!(a, b, c, m, k, n, ta, tb, true);
          let worst = 0;
          for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(c[i]! - 1 - ref[i]!));
          expect(worst).toBeLessThan(1e-4);
          wasmMatmul!(a, b, c, m, k, n, ta, tb, false);
          for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(c[i]! - ref[i]!));
          expect(worst).toBeLessThan(1e-4);
        }
    }
  });

  it('computes TensorFlow same/valid geometry', () => {
    expect(convGeometry(28, 28, 1, 3, 3, 1, 1, 'valid')).toMatchObject({ outH: 26, outW: 26, padTop: 0 });
    expect(convGeometry(28, 28, 1, 3, 3, 2, 2, 'same')).toMatchObject({ outH: 14, outW: 14, padTop: 0, padLeft: 0 });
    expect(convGeometry(7, 8, 1, 3, 3, 2, 2, 'same')).toMatchObject({ outH: 4, outW: 4, padTop: 1, padLeft: 0 });
    expect(convGeometry(5, 5, 1, 4, 4, 1, 1, 'same')).toMatchObject({ outH: 5, outW: 5, padTop: 1, padLeft: 1 });
  });

  it('col2im is the adjoint of im2col (⟨im2col x, c⟩ = ⟨x, col2im c⟩)', () => {
    const r = testRandom(2);
    const g = convGeometry(6, 5, 3, 3, 2, 2, 1, 'same');
    const batch = 2;
    const x = new Float64Array(batch * 6 * 5 * 3).map(() => r() - 0.5);
    const rows = batch * g.outH * g.outW, patch = 3 * 2 * 3;
    const col = new Float64Array(rows * patch);
    K.im2col(x, col, g, batch);
    const c = new Float64Array(rows * patch).map(() => r() - 0.5);
    const back = new Float64Array(x.length);
    K.col2im(c, back, g, batch);
    const lhs = col.reduce((s, v, i) => s + v * c[i]!, 0);
    const rhs = x.reduce((s, v, i) => s + v * back[i]!, 0);
    expect(lhs).toBeCloseTo(rhs, 10);
    expect(Math.abs(lhs)).toBeGreaterThan(1e-3);
  });

  it('pools by hand: max and average (padding not counted)', () => {
    const x = new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9]); // 3×3×1
    const g = convGeometry(3, 3, 1, 2, 2, 2, 2, 'same');
    const y = new Float64Array(4);
    const arg = new Int32Array(4);
    K.maxPoolForward(x, y, arg, g, 1);
    expect(Array.from(y)).toEqual([5, 6, 8, 9]);
    K.avgPoolForward(x, y, g, 1);
    expect(Array.from(y)).toEqual([3, 4.5, 7.5, 9]);
    const dx = new Float64Array(9);
    K.avgPoolBackward(new Float64Array([1, 1, 1, 1]), dx, g, 1);
    expect(Array.from(dx)).toEqual([0.25, 0.25, 0.5, 0.25, 0.25, 0.5, 0.5, 0.5, 1]);
    K.maxPoolBackward(new Float64Array([1, 2, 3, 4]), arg, dx, 4, 9);
    expect(Array.from(dx)).toEqual([0, 0, 0, 0, 1, 2, 0, 3, 4]);
  });

  it('sums rows, adds row vectors and multiplies elementwise', () => {
    const m = new Float32Array([1, 2, 3, 4, 5, 6]);
    const s = new Float32Array(3);
    K.sumRows(m, s, 2, 3, false);
    expect(Array.from(s)).toEqual([5, 7, 9]);
    K.addRowVector(m, new Float32Array([10, 20, 30]), 2, 3);
    expect(Array.from(m)).toEqual([11, 22, 33, 14, 25, 36]);
    expect(K.sumSquares(new Float32Array([3, 4]), 2)).toBe(25);
  });

  it('lets another implementation replace a kernel without touching layers, and restores it', () => {
    let calls = 0;
    const restore = installKernels({ matmul: (...args) => { calls++; jsKernels.matmul(...args); } });
    const c = new Float32Array(1);
    K.matmul(new Float32Array([2]), new Float32Array([3]), c, 1, 1, 1, false, false, false);
    expect(c[0]).toBe(6);
    expect(calls).toBe(1);
    restore();
    K.matmul(new Float32Array([2]), new Float32Array([3]), c, 1, 1, 1, false, false, false);
    expect(calls).toBe(1);
  });
});
