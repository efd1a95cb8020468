/**
 * The convolution's fast path (im2col + the WebAssembly SIMD GEMM with the bias fused in; col2im for
 * the input gradient; the blocked GEMM for the kernel gradient) against a straightforward direct
 * convolution in float64, over random shapes, strides, same/valid padding and batch sizes.
 */
import type { ResolvedLayer } from '@axon/language';
import { describe, expect, it } from 'vitest';
import { convGeometry, jsKernels, K, wasmMatmul } from '../src/kernels.js';
import { Conv2dLayer } from '../src/layers/conv2d.js';
import { createRng } from '../src/rng.js';
import { testRandom } from './net-helpers.js';

type ConvSpec = Extract<ResolvedLayer, { kind: 'conv2d' }>;

interface Case { n: number; h: number; w: number; c: number; f: number; kh: number; kw: number; sh: number; sw: number; padding: 'same' | 'valid' }

/** y[b, oy, ox, f] = bias[f] + Σ x[b, oy·sh + ky − pt, ox·sw + kx − pl, ch] · K[ky, kx, ch, f]; and its adjoints. */
function reference(t: Case, x: Float64Array, kernel: Float64Array, bias: Float64Array, dy: Float64Array) {
  const g = convGeometry(t.h, t.w, t.c, t.kh, t.kw, t.sh, t.sw, t.padding);
  const y = new Float64Array(t.n * g.outH * g.outW * t.f);
  const dx = new Float64Array(x.length), dk = new Float64Array(kernel.length), db = new Float64Array(t.f);
  for (let b = 0; b < t.n; b++)
    for (let oy = 0; oy < g.outH; oy++)
      for (let ox = 0; ox < g.outW; ox++)
        for (let f = 0; f < t.f; f++) {
          const o = ((b * g.outH + oy) * g.outW + ox) * t.f + f;
          let s = bias[f]!;
          db[f] += dy[o]!;
          for (let ky = 0; ky < t.kh; ky++)
            for (let kx = 0; kx < t.kw; kx++) {
              const iy = oy * t.sh + ky - g.padTop, ix = ox * t.sw + kx - g.padLeft;
              if (iy < 0 || iy >= t.h || ix < 0 || ix >= t.w) continue;
              for (let ch = 0; ch < t.c; ch++) {
                const xi = ((b * t.h + iy) * t.w + ix) * t.c + ch, ki = ((ky * t.kw + kx) * t.c + ch) * t.f + f;
                s += x[xi]! * kernel[ki]!;
                dx[xi] += dy[o]! * kernel[ki]!;
                dk[ki] += dy[o]! * x[xi]!;
              }
            }
          y[o] = s;
        }
  return { y, dx, dk, db, g };
}

function spec(t: Case): ConvSpec {
  return {
    kind: 'conv2d', filters: t.f, kernel: [t.kh, t.kw], stride: [t.sh, t.sw], padding: t.padding,
    activation: { name: 'linear' }, init: { name: 'glorot_uniform' }, biasInit: { name: 'zeros' },
  } as unknown as ConvSpec;
}

/** Largest |a − b| relative to the reference's largest magnitude. */
function relErr(a: ArrayLike<number>, b: Float64Array): number {
  let worst = 0, scale = 1e-12;
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return worst / scale;
}

describe('the fast convolution path', () => {
  it('runs on the WebAssembly GEMM', () => {
    expect(K.matmul).toBe(wasmMatmul);
  });

  it('equals a direct convolution forward and backward (random shapes, strides, same/valid, batch sizes; float32)', () => {
    const r = testRandom(14);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    for (let trial = 0; trial < 24; trial++) {
      const t: Case = {
        n: pick([1, 2, 3, 7, 16]), h: pick([5, 8, 11, 14]), w: pick([4, 9, 12, 13]), c: pick([1, 3, 8, 17]), f: pick([1, 5, 8, 16, 33]),
        kh: pick([1, 2, 3, 5]), kw: pick([1, 3, 4]), sh: pick([1, 1, 2, 3]), sw: pick([1, 2]), padding: pick(['same', 'valid'] as const),
      };
      if (t.padding === 'valid' && (t.kh > t.h || t.kw > t.w)) continue;
      const layer = new Conv2dLayer(spec(t), 'float32', [t.h, t.w, t.c], createRng(trial));
      const bias = layer.bias!.value;
      for (let i = 0; i < bias.length; i++) bias[i] = r() - 0.5;
      const x = new Float32Array(t.n * t.h * t.w * t.c).map(() => r() * 2 - 1);
      const ref0 = reference(t, Float64Array.from(x), Float64Array.from(layer.kernel.value), Float64Array.from(bias), new Float64Array(0));
      const outLen = t.n * ref0.g.outH * ref0.g.outW * t.f;
      const dy = new Float32Array(outLen).map(() => r() - 0.5);
      const ref = reference(t, Float64Array.from(x), Float64Array.from(layer.kernel.value), Float64Array.from(bias), Float64Array.from(dy));
      const label = JSON.stringify(t);
      const y = layer.forward(x, t.n, { training: true, updateStats: true, observe: true, rng: createRng(1) });
      expect(relErr(y.subarray(0, outLen), ref.y), label).toBeLessThan(1e-5);
      const dx = layer.backward(dy, t.n, true, false)!;
      expect(relErr(dx.subarray(0, x.length), ref.dx), label).toBeLessThan(1e-5);
      expect(relErr(layer.kernel.grad, ref.dk), label).toBeLessThan(1e-5);
      expect(relErr(layer.bias!.grad, ref.db), label).toBeLessThan(1e-5);
    }
  });

  it('fuses the bias into the GEMM exactly as matmul + addRowVector, in wasm and in TypeScript', () => {
    const r = testRandom(3);
    for (const [m, k, n] of [[100, 300, 33], [64, 9, 8], [7, 600, 10]] as const) {
      const a = new Float32Array(m * k).map(() => r() - 0.5), b = new Float32Array(k * n).map(() => r() - 0.5);
      const bias = new Float32Array(n).map(() => r() * 4 - 2);
      const plain = new Float32Array(m * n);
      jsKernels.matmul(a, b, plain, m, k, n, false, false, false);
      jsKernels.addRowVector(plain, bias, m, n);
      const fusedWasm = new Float32Array(m * n).fill(7), fusedJs = new Float32Array(m * n).fill(7);
      wasmMatmul!(a, b, fusedWasm, m, k, n, false, false, false, bias);
      jsKernels.matmul(a, b, fusedJs, m, k, n, false, false, false, bias);
      expect(relErr(fusedWasm, Float64Array.from(plain))).toBeLessThan(1e-6);
      expect(Array.from(fusedJs)).toEqual(Array.from(plain));
    }
    expect(() => jsKernels.matmul(new Float32Array(1), new Float32Array(1), new Float32Array(1), 1, 1, 1, false, false, true, new Float32Array(1))).toThrow(/accumulate/);
  });
});
