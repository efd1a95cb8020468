/**
 * The non-GEMM kernels' fast paths (2×2 max pooling and its disjoint-window backward, im2col's short-run copy, col2im's unrolled
 * scatter, relu with its dead-unit record, relu backward fused with the bias sum, the blocked sumRows / sumSquares, dropout's fused mask)
 * against plain reference loops, over random shapes: odd sizes, same/valid padding, strides,
 * channels 1..67, float32 and float64, ties, zeros and NaN. Where the fast path promises the same
 * bits (everything but the sums) the comparison is exact (Object.is, so −0 and NaN count).
 */
import type { ResolvedLayer } from '@axon/language';
import { describe, expect, it } from 'vitest';
import { ActivationUnit } from '../src/activation.js';
import { Act, convGeometry, jsKernels as J, type ConvGeometry } from '../src/kernels.js';
import { DropoutLayer } from '../src/layers/simple.js';
import { createRng } from '../src/rng.js';
import { testRandom } from './net-helpers.js';

type Arr = Float32Array | Float64Array;
type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;
const DTYPES: [string, Ctor][] = [['float32', Float32Array], ['float64', Float64Array]];

/** The first index where `a` and `b` differ (Object.is), or -1. */
function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>, n = Math.max(a.length, b.length)): number {
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Values with many ties and zeros (as after a relu), some negative zeros, and now and then a NaN. */
function tricky(r: () => number, len: number, Ctor: Ctor, nan = true): Arr {
  return new Ctor(len).map(() => {
    const u = r();
    if (nan && u < 0.01) return NaN;
    if (u < 0.2) return 0;
    if (u < 0.25) return -0;
    if (u < 0.5) return Math.round(r() * 4) - 2; // small integers: ties
    return r() * 2 - 1;
  });
}

interface Shape { n: number; h: number; w: number; c: number; kh: number; kw: number; sh: number; sw: number; padding: 'same' | 'valid' }

function randomShape(r: () => number, kernel?: [number, number], stride?: [number, number]): Shape {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const cs = [1, 2, 3, 4, 5, 8, 16, 17, 31, 32, 33, 64, 67];
  const [kh, kw] = kernel ?? [int(1, 4), int(1, 4)];
  const [sh, sw] = stride ?? [int(1, 3), int(1, 3)];
  return { n: int(1, 3), h: int(kh, 13), w: int(kw, 13), c: cs[int(0, cs.length - 1)]!, kh, kw, sh, sw, padding: r() < 0.5 ? 'same' : 'valid' };
}

const geometry = (t: Shape): ConvGeometry => convGeometry(t.h, t.w, t.c, t.kh, t.kw, t.sh, t.sw, t.padding);

/** Calls `cell(o, i)` for every patch cell in im2col's row order (o counts up from 0); i is the input index, or -1 outside the input. */
function forEachPatchCell(g: ConvGeometry, batch: number, cell: (o: number, i: number) => void): void {
  let o = 0;
  for (let b = 0; b < batch; b++)
    for (let oy = 0; oy < g.outH; oy++)
      for (let ox = 0; ox < g.outW; ox++)
        for (let ky = 0; ky < g.kh; ky++)
          for (let kx = 0; kx < g.kw; kx++)
            for (let ch = 0; ch < g.inC; ch++, o++) {
              const iy = oy * g.sh + ky - g.padTop, ix = ox * g.sw + kx - g.padLeft;
              cell(o, iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW ? -1 : ((b * g.inH + iy) * g.inW + ix) * g.inC + ch);
            }
}

/** Patch rows (ky, kx, ch), zeros outside the input. */
function im2colRef(x: Arr, col: Arr, g: ConvGeometry, batch: number): void {
  forEachPatchCell(g, batch, (o, i) => (col[o] = i < 0 ? 0 : x[i]!));
}

/** The scatter-add, in the order of the patch rows (each += rounds in the array's own type). */
function col2imRef(col: Arr, dx: Arr, g: ConvGeometry, batch: number): void {
  dx.fill(0);
  forEachPatchCell(g, batch, (o, i) => {
    if (i >= 0) dx[i] += col[o]!;
  });
}

/** Each window scanned row by row; a cell wins only when strictly greater (ties keep the first; NaN never wins). */
function maxPoolRef(x: Arr, y: Arr, argmax: Int32Array, g: ConvGeometry, batch: number): void {
  let o = 0;
  for (let b = 0; b < batch; b++)
    for (let oy = 0; oy < g.outH; oy++)
      for (let ox = 0; ox < g.outW; ox++)
        for (let ch = 0; ch < g.inC; ch++, o++) {
          let best = -1;
          for (let ky = 0; ky < g.kh; ky++)
            for (let kx = 0; kx < g.kw; kx++) {
              const iy = oy * g.sh + ky - g.padTop, ix = ox * g.sw + kx - g.padLeft;
              if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) continue;
              const i = ((b * g.inH + iy) * g.inW + ix) * g.inC + ch;
              if (best < 0 || x[i]! > x[best]!) best = i;
            }
          argmax[o] = best;
          y[o] = x[best]!;
        }
}

describe('fast non-GEMM kernels agree with plain reference loops', () => {
  it('max pooling: 2×2 windows (the fast path) and any other window, every padding/stride, ties and NaN, exactly', () => {
    const r = testRandom(11);
    let fast = 0;
    for (let t = 0; t < 160; t++) {
      const s = t % 2 === 0 ? randomShape(r, [2, 2], t % 4 === 0 ? [2, 2] : undefined) : randomShape(r);
      const g = geometry(s);
      if (g.kh === 2 && g.kw === 2 && g.padTop === 0 && g.padLeft === 0 && (g.outH - 1) * g.sh + 2 <= g.inH && (g.outW - 1) * g.sw + 2 <= g.inW) fast++;
      for (const [, Ctor] of DTYPES) {
        const x = tricky(r, s.n * s.h * s.w * s.c, Ctor);
        const len = s.n * g.outH * g.outW * s.c;
        const y = new Ctor(len + 3).fill(7), ref = new Ctor(len + 3).fill(7);
        const a = new Int32Array(len + 3).fill(-5), aRef = new Int32Array(len + 3).fill(-5);
        J.maxPoolForward(x, y, a, g, s.n);
        maxPoolRef(x, ref, aRef, g, s.n);
        expect(firstDiff(a, aRef)).toBe(-1);
        expect(firstDiff(y, ref)).toBe(-1);
      }
    }
    expect(fast).toBeGreaterThan(30); // the 2×2 fast path was exercised, not only the general loop
  });

  it('max pooling backward: disjoint windows (assigned) and overlapping ones (added) equal the plain scatter-add, exactly', () => {
    const r = testRandom(19);
    let disjoint = 0;
    for (let t = 0; t < 120; t++) {
      const s = t % 2 === 0 ? randomShape(r, [2, 2], [2, 2]) : randomShape(r);
      const g = geometry(s);
      const dis = s.sh >= s.kh && s.sw >= s.kw;
      if (dis) disjoint++;
      for (const [, Ctor] of DTYPES) {
        const x = tricky(r, s.n * s.h * s.w * s.c, Ctor);
        const len = s.n * g.outH * g.outW * s.c;
        const y = new Ctor(len), a = new Int32Array(len);
        J.maxPoolForward(x, y, a, g, s.n);
        const dy = tricky(r, len, Ctor);
        const dx = new Ctor(x.length + 2).fill(6), ref = new Ctor(x.length + 2).fill(6);
        J.maxPoolBackward(dy, a, dx, len, x.length, dis);
        ref.fill(0, 0, x.length);
        for (let o = 0; o < len; o++) ref[a[o]!] += dy[o]!;
        expect(firstDiff(dx, ref)).toBe(-1);
      }
    }
    expect(disjoint).toBeGreaterThan(40);
  });

  it('im2col (short kernel rows copied row by row, long ones as blocks) equals the plain unfold', () => {
    const r = testRandom(12);
    for (let t = 0; t < 160; t++) {
      // Half the cases valid with stride ≤ 2 and few channels: every window inside, the short-run path.
      const s = randomShape(r);
      if (t % 2 === 0) {
        s.padding = 'valid';
        s.c = 1 + (t % 5);
      }
      const g = geometry(s);
      for (const [, Ctor] of DTYPES) {
        const x = tricky(r, s.n * s.h * s.w * s.c, Ctor);
        const len = s.n * g.outH * g.outW * s.kh * s.kw * s.c;
        const col = new Ctor(len + 2).fill(9), ref = new Ctor(len + 2).fill(9);
        J.im2col(x, col, g, s.n);
        im2colRef(x, ref, g, s.n);
        expect(firstDiff(col, ref)).toBe(-1);
      }
    }
  });

  it('col2im (unrolled scatter) equals the plain scatter-add bit for bit, float32 and float64', () => {
    const r = testRandom(13);
    for (let t = 0; t < 160; t++) {
      const s = t % 3 === 0 ? randomShape(r, [3, 3], [1, 1]) : randomShape(r);
      const g = geometry(s);
      for (const [, Ctor] of DTYPES) {
        const col = tricky(r, s.n * g.outH * g.outW * s.kh * s.kw * s.c, Ctor, false);
        for (let i = 0; i < col.length; i++) col[i] = col[i]! * (1 + r()); // non-representable sums: rounding order matters
        const dx = new Ctor(s.n * s.h * s.w * s.c).fill(5), ref = new Ctor(dx.length);
        J.col2im(col, dx, g, s.n);
        col2imRef(col, ref, g, s.n);
        expect(firstDiff(dx, ref)).toBe(-1);
      }
    }
  });

  it('relu forward and backward (unrolled) equal the definitions, tails and −0/NaN included', () => {
    const r = testRandom(14);
    for (const len of [0, 1, 3, 4, 5, 7, 8, 33, 1001]) {
      for (const [, Ctor] of DTYPES) {
        const z = tricky(r, len, Ctor), dy = tricky(r, len, Ctor);
        const y = new Ctor(len + 1).fill(3), dz = new Ctor(len + 1).fill(3);
        J.activationForward(Act.Relu, z, y, len, 0, null, 1);
        J.activationBackward(Act.Relu, z, y, dy, dz, len, 0, null, 1, null);
        for (let i = 0; i < len; i++) {
          const v = z[i]!;
          expect(Object.is(y[i], Number.isNaN(v) ? NaN : v > 0 ? v : 0)).toBe(true);
          expect(Object.is(dz[i], v > 0 ? dy[i]! + 0 : Number.isNaN(dy[i]!) ? NaN : 0)).toBe(true);
        }
        expect(y[len]).toBe(3);
        expect(dz[len]).toBe(3);
      }
    }
  });

  it('reluObserve: relu plus everPositive[ch] |= (any z > 0 in the channel), channels 1..67, dead and pre-marked channels', () => {
    const r = testRandom(15);
    for (let t = 0; t < 120; t++) {
      const c = 1 + Math.floor(r() * 67);
      const rows = [1, 2, 3, 31, 64, 200][t % 6]!;
      // len % c != 0 takes the general loop; it must record the same.
      const len = t % 10 === 9 ? rows * c + 1 + Math.floor(r() * (c - 1 || 1)) : rows * c;
      for (const [, Ctor] of DTYPES) {
        const z = tricky(r, len, Ctor);
        // Some channels never positive, some positive only late (beyond the first blocks).
        const kind = Array.from({ length: c }, () => Math.floor(r() * 4));
        for (let i = 0; i < len; i++) {
          const ch = i % c;
          if (kind[ch] === 0) z[i] = -Math.abs(z[i]!);
          if (kind[ch] === 1 && i < len - c) z[i] = r() < 0.5 ? -Math.abs(z[i]!) : NaN;
        }
        const ep = new Uint8Array(c).map(() => +(r() < 0.2));
        const epRef = Uint8Array.from(ep);
        for (let i = 0; i < len; i++) epRef[i % c] |= +(z[i]! > 0);
        const y = new Ctor(len), yRef = new Ctor(len);
        J.reluObserve(z, y, len, c, ep);
        J.activationForward(Act.Relu, z, yRef, len, 0, null, c);
        expect(firstDiff(y, yRef)).toBe(-1);
        expect(Array.from(ep)).toEqual(Array.from(epRef));
      }
    }
  });

  it('ActivationUnit records exactly the dead relu units across batches and resets', () => {
    const r = testRandom(16);
    for (const c of [1, 7, 32, 67]) {
      const unit = new ActivationUnit({ name: 'relu' } as never, c, 'float32');
      const ever = new Uint8Array(c);
      for (let batch = 0; batch < 6; batch++) {
        if (batch === 3) {
          unit.resetDiagnostics();
          ever.fill(0);
        }
        const rows = 1 + Math.floor(r() * 50), len = rows * c;
        const z = tricky(r, len, Float32Array);
        for (let i = 0; i < len; i++) if ((i % c) % 3 === batch % 3) z[i] = -Math.abs(z[i]!);
        const y = unit.forward(z, len, true);
        for (let i = 0; i < len; i++) ever[i % c] |= +(z[i]! > 0);
        for (let i = 0; i < len; i++) expect(Object.is(y[i], Number.isNaN(z[i]!) ? NaN : z[i]! > 0 ? z[i] : 0)).toBe(true);
        const dead = ever.reduce((a, v) => a + (v === 0 ? 1 : 0), 0) / c;
        expect(unit.deadFraction()).toBe(dead);
      }
      // Without `observe` nothing is recorded.
      unit.resetDiagnostics();
      unit.forward(new Float32Array(c).fill(1), c, false);
      expect(unit.deadFraction()).toBe(1);
    }
  });

  it('sumRows (four rows at a time, float64 sums) and sumSquares (four accumulators) match float64 references', () => {
    const r = testRandom(17);
    for (const [m, n] of [[1, 1], [3, 5], [4, 4], [5, 67], [128, 10], [333, 32], [1000, 1], [7, 130]] as const) {
      for (const [name, Ctor] of DTYPES) {
        const src = new Ctor(m * n).map(() => r() * 2 - 1);
        const ref = new Float64Array(n);
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) ref[j] += src[i * n + j]!;
        const dst = new Ctor(n + 1).fill(4);
        J.sumRows(src, dst, m, n, false);
        const tol = name === 'float32' ? 1e-6 * Math.max(1, Math.sqrt(m)) : 1e-13 * m;
        for (let j = 0; j < n; j++) expect(Math.abs(dst[j]! - ref[j]!)).toBeLessThan(tol);
        expect(dst[n]).toBe(4);
        J.sumRows(src, dst, m, n, true);
        for (let j = 0; j < n; j++) expect(Math.abs(dst[j]! - 2 * ref[j]!)).toBeLessThan(2 * tol + 1e-6);
        let sq = 0;
        for (let i = 0; i < m * n; i++) sq += src[i]! * src[i]!;
        expect(Math.abs(J.sumSquares(src, m * n) - sq)).toBeLessThan(1e-12 * Math.max(1, sq));
        // Only the first `len` values count.
        expect(J.sumSquares(src, m * n - 1)).toBeCloseTo(sq - src[m * n - 1]! ** 2, 10);
      }
    }
  });

  it('reluBackwardBias gives the bits of activationBackward(relu) followed by sumRows', () => {
    const r = testRandom(20);
    for (const [rows, n] of [[1, 1], [3, 7], [4, 32], [9, 67], [128, 10], [515, 64]] as const) {
      for (const [, Ctor] of DTYPES) {
        const z = tricky(r, rows * n, Ctor), dy = tricky(r, rows * n, Ctor);
        const dz = new Ctor(rows * n + 1).fill(2), bias = new Ctor(n + 1).fill(2);
        const dzRef = new Ctor(rows * n + 1).fill(2), biasRef = new Ctor(n + 1).fill(2);
        J.reluBackwardBias(z, dy, dz, rows, n, bias);
        J.activationBackward(Act.Relu, z, z, dy, dzRef, rows * n, 0, null, n, null);
        J.sumRows(dzRef, biasRef, rows, n, false);
        expect(firstDiff(dz, dzRef)).toBe(-1);
        expect(firstDiff(bias, biasRef)).toBe(-1);
      }
    }
  });

  it('dropout draws the same mask as `next() >= rate ? keep : 0` and y = x ⊙ mask, exactly (float32 and float64)', () => {
    const r = testRandom(18);
    for (const rate of [0.1, 0.5, 0.7, 1]) {
      for (const [dtype, Ctor] of DTYPES) {
        const size = 37, n = 5, len = size * n;
        const layer = new DropoutLayer({ kind: 'dropout', rate } as Extract<ResolvedLayer, { kind: 'dropout' }>, dtype as 'float32' | 'float64', [size]);
        const x = tricky(r, len, Ctor);
        const y = layer.forward(x, n, { training: true, updateStats: true, observe: true, rng: createRng(99) });
        const rng = createRng(99);
        const mask = new Ctor(len), ref = new Ctor(len);
        const keep = 1 / (1 - rate);
        for (let i = 0; i < len; i++) mask[i] = rng.next() >= rate ? keep : 0;
        for (let i = 0; i < len; i++) ref[i] = x[i]! * mask[i]!;
        expect(firstDiff(y, ref, len)).toBe(-1);
        const dy = tricky(r, len, Ctor);
        const dx = layer.backward(dy, n, true) as Arr;
        for (let i = 0; i < len; i++) expect(Object.is(dx[i], new Ctor([dy[i]! * mask[i]!])[0])).toBe(true);
      }
    }
  });
});
