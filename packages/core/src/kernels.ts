/**
 * The kernel module: every heavy loop of the engine lives here and nowhere else. Layers, losses and
 * optimizers call `K.<kernel>(…)` with flat row-major arrays and explicit sizes, never touching the
 * loops themselves, so a faster implementation (WebAssembly SIMD, a worker) can be swapped in with
 * `installKernels({ matmul: … })` without changing any layer.
 *
 * Conventions: row-major; images NHWC; sizes are explicit (buffers may be longer than needed);
 * outputs are overwritten unless the argument `accumulate` says otherwise. Every kernel accepts
 * Float32Array or Float64Array (the gradient checks run in float64).
 */
import { SELU_ALPHA, SELU_SCALE } from '@axon/language';
import type { Arr } from './arr.js';
import { createWasmMatmul, relaxedSimd } from './wasm/matmul.js';
import { wasmAllowed } from './wasm/module.js';
import { createWasmOptimSteps, jsScaleAdd, type ScaleAdd } from './wasm/optim.js';

/** Activation codes used by the elementwise kernels. */
export enum Act {
  Linear = 0,
  Sigmoid = 1,
  Tanh = 2,
  Softmax = 3,
  Relu = 4,
  LeakyRelu = 5,
  Prelu = 6,
  Elu = 7,
  Selu = 8,
}

// SELU's constants are a language fact (the catalog); re-exported for the kernels' tests.
export { SELU_ALPHA, SELU_SCALE };

export interface Kernels {
  /**
   * C[m×n] (+)= op(A)·op(B), op(A) m×k, op(B) k×n. `transA`: A is stored k×m; `transB`: B is stored n×k.
   * `bias` (length n): C = op(A)·op(B) + bias on every row, fused into the product (the dense and conv
   * forward); not with `accumulate`.
   */
  matmul(a: Arr, b: Arr, c: Arr, m: number, k: number, n: number, transA: boolean, transB: boolean, accumulate: boolean, bias?: Arr | null): void;
  /** c[i, j] += v[j] for an m×n matrix. */
  addRowVector(c: Arr, v: Arr, m: number, n: number): void;
  /** dst[j] (+)= Σ_i src[i, j] over an m×n matrix. */
  sumRows(src: Arr, dst: Arr, m: number, n: number, accumulate: boolean): void;
  /**
   * Elementwise activation y = f(z) over `len` values (not softmax). `alpha`: leaky_relu/elu slope;
   * `slopes`: prelu's per-channel slopes, channel = index % channels.
   */
  activationForward(act: Act, z: Arr, y: Arr, len: number, alpha: number, slopes: Arr | null, channels: number): void;
  /**
   * Relu forward that also records dead units: y = max(z, 0) over `len` = rows·channels values, and
   * everPositive[ch] = 1 for every channel (index % channels) with a positive value. Channels already
   * marked are not looked at again, so once every channel has been positive this is the plain relu.
   */
  reluObserve(z: Arr, y: Arr, len: number, channels: number, everPositive: Uint8Array): void;
  /**
   * Relu backward and the bias gradient in one pass over a rows × units matrix: dz as
   * activationBackward(Relu) writes it, and biasGrad (overwritten) as sumRows(dz) sums it.
   */
  reluBackwardBias(z: Arr, dy: Arr, dz: Arr, rows: number, units: number, biasGrad: Arr): void;
  /** dz = f'(z) ⊙ dy (not softmax); for prelu also dSlopes[c] (+)= Σ dy·min(z, 0)·… (overwritten). */
  activationBackward(act: Act, z: Arr, y: Arr, dy: Arr, dz: Arr, len: number, alpha: number, slopes: Arr | null, channels: number, dSlopes: Arr | null): void;
  /** Row-wise stable softmax of an m×n matrix. */
  softmaxForward(z: Arr, y: Arr, m: number, n: number): void;
  /** dz = y ⊙ (dy − Σ dy·y), row-wise. */
  softmaxBackward(y: Arr, dy: Arr, dz: Arr, m: number, n: number): void;
  /** Unfold NHWC patches into rows of length kh·kw·c (order ky, kx, ch), one row per output pixel. */
  im2col(x: Arr, col: Arr, g: ConvGeometry, batch: number): void;
  /** The adjoint of im2col: scatter-add patch rows back into an NHWC gradient (overwrites dx). */
  col2im(col: Arr, dx: Arr, g: ConvGeometry, batch: number): void;
  /** Max pooling; records each output's source index in `argmax` for the backward pass. */
  maxPoolForward(x: Arr, y: Arr, argmax: Int32Array, g: ConvGeometry, batch: number): void;
  /**
   * dx[argmax[o]] += dy[o] over a zeroed dx. `disjoint`: the windows do not overlap (stride ≥ pool in
   * both axes), so no input receives two outputs' gradients and each is assigned, not added.
   */
  maxPoolBackward(dy: Arr, argmax: Int32Array, dx: Arr, outLen: number, inLen: number, disjoint?: boolean): void;
  /** Average pooling over the valid (unpadded) cells of each window, as TensorFlow does. */
  avgPoolForward(x: Arr, y: Arr, g: ConvGeometry, batch: number): void;
  avgPoolBackward(dy: Arr, dx: Arr, g: ConvGeometry, batch: number): void;
  /** out = a ⊙ b. */
  mul(a: Arr, b: Arr, out: Arr, len: number): void;
  /** Σ a[i]². */
  sumSquares(a: Arr, len: number): number;
  /** Keras SGD: v = μv − lr·g; w += v (nesterov: w += μv − lr·g). μ = 0: w −= lr·g. */
  sgdStep(w: Arr, g: Arr, v: Arr, len: number, lr: number, momentum: number, nesterov: boolean): void;
  /** Keras Adam: m += (g−m)(1−β1); v += (g²−v)(1−β2); w −= lrT·m/(√v + ε), lrT = lr·√(1−β2ᵗ)/(1−β1ᵗ). */
  adamStep(w: Arr, g: Arr, m: Arr, v: Arr, len: number, lrT: number, beta1: number, beta2: number, epsilon: number): void;
  /** Keras RMSprop: v = ρv + (1−ρ)g²; w −= lr·g/√(v + ε). */
  rmspropStep(w: Arr, g: Arr, v: Arr, len: number, lr: number, rho: number, epsilon: number): void;
}

/** The geometry of a convolution or pooling window over NHWC input. */
export interface ConvGeometry {
  inH: number;
  inW: number;
  inC: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  padTop: number;
  padLeft: number;
  outH: number;
  outW: number;
}

/** TensorFlow's output size and padding for 'same' / 'valid'. */
export function convGeometry(
  inH: number, inW: number, inC: number, kh: number, kw: number, sh: number, sw: number, padding: 'same' | 'valid',
): ConvGeometry {
  if (padding === 'valid') {
    return { inH, inW, inC, kh, kw, sh, sw, padTop: 0, padLeft: 0, outH: Math.floor((inH - kh) / sh) + 1, outW: Math.floor((inW - kw) / sw) + 1 };
  }
  const outH = Math.ceil(inH / sh);
  const outW = Math.ceil(inW / sw);
  const padH = Math.max((outH - 1) * sh + kh - inH, 0);
  const padW = Math.max((outW - 1) * sw + kw - inW, 0);
  return { inH, inW, inC, kh, kw, sh, sw, padTop: Math.floor(padH / 2), padLeft: Math.floor(padW / 2), outH, outW };
}

// ---------------------------------------------------------------------------------------------
// Plain TypeScript implementations.

function matmulNN(a: Arr, b: Arr, c: Arr, m: number, k: number, n: number, acc: boolean): void {
  if (!acc) c.fill(0, 0, m * n);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) {
        const bv = b[bp + j];
        c[c0 + j] += x0 * bv;
        c[c1 + j] += x1 * bv;
        c[c2 + j] += x2 * bv;
        c[c3 + j] += x3 * bv;
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n, ai = i * k;
    for (let p = 0; p < k; p++) {
      const x = a[ai + p];
      if (x === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += x * b[bp + j];
    }
  }
}

/** C = A·Bᵀ, A m×k, B n×k: dot products of rows. */
function matmulNT(a: Arr, b: Arr, c: Arr, m: number, k: number, n: number, acc: boolean): void {
  for (let i = 0; i < m; i++) {
    const ai = i * k, ci = i * n;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < k; p++) {
        const x = a[ai + p];
        s0 += x * b[b0 + p];
        s1 += x * b[b1 + p];
        s2 += x * b[b2 + p];
        s3 += x * b[b3 + p];
      }
      if (acc) {
        c[ci + j] += s0; c[ci + j + 1] += s1; c[ci + j + 2] += s2; c[ci + j + 3] += s3;
      } else {
        c[ci + j] = s0; c[ci + j + 1] = s1; c[ci + j + 2] = s2; c[ci + j + 3] = s3;
      }
    }
    for (; j < n; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
      c[ci + j] = acc ? c[ci + j] + s : s;
    }
  }
}

/** C = Aᵀ·B, A k×m, B k×n: rank-1 updates, four at a time. */
function matmulTN(a: Arr, b: Arr, c: Arr, m: number, k: number, n: number, acc: boolean): void {
  if (!acc) c.fill(0, 0, m * n);
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const a0 = p * m, a1 = a0 + m, a2 = a1 + m, a3 = a2 + m;
    const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
    for (let i = 0; i < m; i++) {
      const x0 = a[a0 + i], x1 = a[a1 + i], x2 = a[a2 + i], x3 = a[a3 + i];
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) {
        c[ci + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
      }
    }
  }
  for (; p < k; p++) {
    const ap = p * m, bp = p * n;
    for (let i = 0; i < m; i++) {
      const x = a[ap + i];
      if (x === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) c[ci + j] += x * b[bp + j];
    }
  }
}

/** C = Aᵀ·Bᵀ (rare): falls back to an explicit loop. */
function matmulTT(a: Arr, b: Arr, c: Arr, m: number, k: number, n: number, acc: boolean): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[p * m + i] * b[j * k + p];
      c[i * n + j] = acc ? c[i * n + j] + s : s;
    }
  }
}

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

// ---------------------------------------------------------------------------------------------
// Fast paths of the non-GEMM passes. Each one computes exactly what the general loop below it in
// jsKernels computes (bit for bit, except sumRows, which sums in float64 and rounds once).

/** Scratch reused across calls (never allocated per call): sumRows's float64 column sums. */
let sumScratch = new Float64Array(64);
/** The shared float64 column-sum buffer, at least `n` long, its first `n` values zeroed. */
function columnSums(n: number): Float64Array {
  if (sumScratch.length < n) sumScratch = new Float64Array(n);
  sumScratch.fill(0, 0, n);
  return sumScratch;
}
/** reluObserve's list of channels not yet seen positive. */
let pendingScratch = new Int32Array(64);

/** Relu, branch-free ((v + |v|) / 2 is exact; NaN stays NaN), over [from, to). */
function relu(z: Arr, y: Arr, from: number, to: number): void {
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const v0 = z[i]!, v1 = z[i + 1]!, v2 = z[i + 2]!, v3 = z[i + 3]!;
    y[i] = (v0 + Math.abs(v0)) * 0.5;
    y[i + 1] = (v1 + Math.abs(v1)) * 0.5;
    y[i + 2] = (v2 + Math.abs(v2)) * 0.5;
    y[i + 3] = (v3 + Math.abs(v3)) * 0.5;
  }
  for (; i < to; i++) {
    const v = z[i]!;
    y[i] = (v + Math.abs(v)) * 0.5;
  }
}

/**
 * 2×2 max pooling whose every window lies inside the input (no padding): each output's four cells are
 * compared in the general loop's order (row by row), branch-free, with the index kept in a register.
 */
function maxPool2x2(x: Arr, y: Arr, argmax: Int32Array, g: ConvGeometry, batch: number): void {
  const { inH, inW, inC, sh, sw, outH, outW } = g;
  const rowStride = inW * inC, colStep = sw * inC, rowStep = sh * rowStride;
  let o = 0;
  for (let b = 0; b < batch; b++) {
    const xb = b * inH * rowStride;
    for (let oy = 0; oy < outH; oy++) {
      const rb = xb + oy * rowStep;
      for (let ox = 0; ox < outW; ox++) {
        const p = rb + ox * colStep;
        let ch = 0;
        // Two channels per iteration: two independent compare chains (1.2× over one).
        for (; ch + 2 <= inC; ch += 2) {
          const i0 = p + ch, i1 = i0 + inC, i2 = i0 + rowStride, i3 = i2 + inC;
          let at = i0, bt = i0 + 1;
          at ^= (at ^ i1) & -(+(x[i1]! > x[at]!));
          bt ^= (bt ^ (i1 + 1)) & -(+(x[i1 + 1]! > x[bt]!));
          at ^= (at ^ i2) & -(+(x[i2]! > x[at]!));
          bt ^= (bt ^ (i2 + 1)) & -(+(x[i2 + 1]! > x[bt]!));
          at ^= (at ^ i3) & -(+(x[i3]! > x[at]!));
          bt ^= (bt ^ (i3 + 1)) & -(+(x[i3 + 1]! > x[bt]!));
          argmax[o] = at;
          argmax[o + 1] = bt;
          y[o] = x[at]!;
          y[o + 1] = x[bt]!;
          o += 2;
        }
        for (; ch < inC; ch++) {
          const i0 = p + ch, i1 = i0 + inC, i2 = i0 + rowStride, i3 = i2 + inC;
          let at = i0;
          at ^= (at ^ i1) & -(+(x[i1]! > x[at]!));
          at ^= (at ^ i2) & -(+(x[i2]! > x[at]!));
          at ^= (at ^ i3) & -(+(x[i3]! > x[at]!));
          argmax[o] = at;
          y[o++] = x[at]!;
        }
      }
    }
  }
}

/**
 * im2col when every window lies inside the input and a kernel row is short (the first conv of an
 * image net: one channel, kw values): row by row of the kernel, so the per-value work is one copy
 * (1.5× on the Keras convnet's conv1). Writes what the general loop writes.
 */
function im2colShortRuns(x: Arr, col: Arr, g: ConvGeometry, batch: number): void {
  const { inH, inW, inC, kh, kw, sh, sw, outH, outW } = g;
  const run = kw * inC, patch = kh * run, step = sw * inC, rowStride = inW * inC;
  for (let b = 0; b < batch; b++) {
    const xb = b * inH * rowStride;
    for (let oy = 0; oy < outH; oy++) {
      const cRow = (b * outH + oy) * outW * patch;
      for (let ky = 0; ky < kh; ky++) {
        let src = xb + (oy * sh + ky) * rowStride, dst = cRow + ky * run;
        for (let ox = 0; ox < outW; ox++, src += step, dst += patch) {
          for (let t = 0; t < run; t++) col[dst + t] = x[src + t]!;
        }
      }
    }
  }
}

export const jsKernels: Kernels = {
  matmul(a, b, c, m, k, n, transA, transB, accumulate, bias) {
    if (bias && accumulate) throw new Error('matmul: a fused bias cannot be combined with accumulate');
    if (!transA && !transB) matmulNN(a, b, c, m, k, n, accumulate);
    else if (!transA && transB) matmulNT(a, b, c, m, k, n, accumulate);
    else if (transA && !transB) matmulTN(a, b, c, m, k, n, accumulate);
    else matmulTT(a, b, c, m, k, n, accumulate);
    if (bias) jsKernels.addRowVector(c, bias, m, n);
  },

  addRowVector(c, v, m, n) {
    for (let i = 0; i < m; i++) {
      const ci = i * n;
      for (let j = 0; j < n; j++) c[ci + j] += v[j];
    }
  },

  sumRows(src, dst, m, n, accumulate) {
    // Four rows per pass into float64 column sums (one read-modify-write per four values instead of
    // one float32 round trip per value); rounded once at the end.
    const acc = columnSums(n);
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const s0 = i * n, s1 = s0 + n, s2 = s1 + n, s3 = s2 + n;
      for (let j = 0; j < n; j++) acc[j] += src[s0 + j]! + src[s1 + j]! + (src[s2 + j]! + src[s3 + j]!);
    }
    for (; i < m; i++) {
      const si = i * n;
      for (let j = 0; j < n; j++) acc[j] += src[si + j]!;
    }
    if (accumulate) for (let j = 0; j < n; j++) dst[j] += acc[j]!;
    else for (let j = 0; j < n; j++) dst[j] = acc[j]!;
  },

  activationForward(act, z, y, len, alpha, slopes, channels) {
    switch (act) {
      case Act.Linear:
        if (y !== z) for (let i = 0; i < len; i++) y[i] = z[i];
        return;
      case Act.Sigmoid:
        for (let i = 0; i < len; i++) y[i] = sigmoid(z[i]);
        return;
      case Act.Tanh:
        for (let i = 0; i < len; i++) y[i] = Math.tanh(z[i]);
        return;
      case Act.Relu:
        // Branch-free ((v + |v|) / 2 is exact): a data-dependent branch mispredicts on half the values
        // and was 5× slower. NaN stays NaN, as in PyTorch and TensorFlow.
        relu(z, y, 0, len);
        return;
      case Act.LeakyRelu:
        for (let i = 0; i < len; i++) {
          const v = z[i];
          y[i] = v > 0 ? v : alpha * v;
        }
        return;
      case Act.Prelu: {
        const s = slopes as Arr;
        for (let i = 0, ch = 0; i < len; i++) {
          const v = z[i];
          y[i] = v > 0 ? v : s[ch] * v;
          if (++ch === channels) ch = 0;
        }
        return;
      }
      case Act.Elu:
        for (let i = 0; i < len; i++) {
          const v = z[i];
          y[i] = v > 0 ? v : alpha * Math.expm1(v);
        }
        return;
      case Act.Selu:
        for (let i = 0; i < len; i++) {
          const v = z[i];
          y[i] = v > 0 ? SELU_SCALE * v : SELU_SCALE * SELU_ALPHA * Math.expm1(v);
        }
        return;
      case Act.Softmax:
        throw new Error('softmax is a row-wise kernel: use softmaxForward');
    }
  },

  reluObserve(z, y, len, channels, everPositive) {
    const c = channels;
    // The channels not yet seen positive; usually none after the first batch, and then this is relu.
    let pending = pendingScratch;
    if (pending.length < c) pending = pendingScratch = new Int32Array(c);
    let np = 0;
    for (let ch = 0; ch < c; ch++) if (everPositive[ch] === 0) pending[np++] = ch;
    if (np === 0 || len % c !== 0) {
      relu(z, y, 0, len);
      if (np !== 0) for (let i = 0, ch = 0; i < len; i++) {
        everPositive[ch] |= +(z[i]! > 0);
        if (++ch === c) ch = 0;
      }
      return;
    }
    // Blocks of whole rows small enough to stay in L1: relu over the block, then each pending channel
    // is looked up in it (strided, stopping at its first positive value; a marked channel leaves the list).
    const block = Math.max(1, Math.floor(2048 / c)) * c;
    for (let from = 0; from < len; from += block) {
      const to = Math.min(from + block, len);
      relu(z, y, from, to);
      for (let k = 0; k < np; k++) {
        const ch = pending[k]!;
        for (let i = from + ch; i < to; i += c) {
          if (z[i]! > 0) {
            everPositive[ch] = 1;
            pending[k--] = pending[--np]!;
            break;
          }
        }
      }
      if (np === 0) {
        relu(z, y, to, len);
        return;
      }
    }
  },

  reluBackwardBias(z, dy, dz, rows, units, biasGrad) {
    // sumRows's loop with dz computed on the way (dz is exact in the array's type: dy or 0), so both
    // results are bit for bit those of the two separate passes, and dz is not read back.
    const n = units;
    const acc = columnSums(n);
    let i = 0;
    for (; i + 4 <= rows; i += 4) {
      const s0 = i * n, s1 = s0 + n, s2 = s1 + n, s3 = s2 + n;
      for (let j = 0; j < n; j++) {
        const d0 = dy[s0 + j]! * +(z[s0 + j]! > 0) + 0, d1 = dy[s1 + j]! * +(z[s1 + j]! > 0) + 0;
        const d2 = dy[s2 + j]! * +(z[s2 + j]! > 0) + 0, d3 = dy[s3 + j]! * +(z[s3 + j]! > 0) + 0;
        dz[s0 + j] = d0;
        dz[s1 + j] = d1;
        dz[s2 + j] = d2;
        dz[s3 + j] = d3;
        acc[j] += d0 + d1 + (d2 + d3);
      }
    }
    for (; i < rows; i++) {
      const si = i * n;
      for (let j = 0; j < n; j++) {
        const d = dy[si + j]! * +(z[si + j]! > 0) + 0;
        dz[si + j] = d;
        acc[j] += d;
      }
    }
    for (let j = 0; j < n; j++) biasGrad[j] = acc[j]!;
  },

  activationBackward(act, z, y, dy, dz, len, alpha, slopes, channels, dSlopes) {
    switch (act) {
      case Act.Linear:
        if (dz !== dy) for (let i = 0; i < len; i++) dz[i] = dy[i];
        return;
      case Act.Sigmoid:
        for (let i = 0; i < len; i++) {
          const s = y[i];
          dz[i] = dy[i] * s * (1 - s);
        }
        return;
      case Act.Tanh:
        for (let i = 0; i < len; i++) {
          const t = y[i];
          dz[i] = dy[i] * (1 - t * t);
        }
        return;
      case Act.Relu: {
        // Branch-free mask (see the forward); `+ 0` turns −0 (a negative dy masked) into 0.
        let i = 0;
        for (; i + 4 <= len; i += 4) {
          const m0 = +(z[i]! > 0), m1 = +(z[i + 1]! > 0), m2 = +(z[i + 2]! > 0), m3 = +(z[i + 3]! > 0);
          dz[i] = dy[i]! * m0 + 0;
          dz[i + 1] = dy[i + 1]! * m1 + 0;
          dz[i + 2] = dy[i + 2]! * m2 + 0;
          dz[i + 3] = dy[i + 3]! * m3 + 0;
        }
        for (; i < len; i++) dz[i] = dy[i]! * +(z[i]! > 0) + 0;
        return;
      }
      case Act.LeakyRelu:
        for (let i = 0; i < len; i++) dz[i] = z[i] > 0 ? dy[i] : alpha * dy[i];
        return;
      case Act.Prelu: {
        const s = slopes as Arr;
        const ds = dSlopes as Arr;
        ds.fill(0, 0, channels);
        for (let i = 0, ch = 0; i < len; i++) {
          const v = z[i];
          if (v > 0) dz[i] = dy[i];
          else {
            dz[i] = s[ch] * dy[i];
            ds[ch] += v * dy[i];
          }
          if (++ch === channels) ch = 0;
        }
        return;
      }
      case Act.Elu:
        for (let i = 0; i < len; i++) dz[i] = z[i] > 0 ? dy[i] : dy[i] * (y[i] + alpha);
        return;
      case Act.Selu:
        for (let i = 0; i < len; i++) dz[i] = z[i] > 0 ? dy[i] * SELU_SCALE : dy[i] * (y[i] + SELU_SCALE * SELU_ALPHA);
        return;
      case Act.Softmax:
        throw new Error('softmax is a row-wise kernel: use softmaxBackward');
    }
  },

  softmaxForward(z, y, m, n) {
    for (let i = 0; i < m; i++) {
      const r = i * n;
      let max = -Infinity;
      for (let j = 0; j < n; j++) if (z[r + j] > max) max = z[r + j];
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const e = Math.exp(z[r + j] - max);
        y[r + j] = e;
        sum += e;
      }
      const inv = 1 / sum;
      for (let j = 0; j < n; j++) y[r + j] *= inv;
    }
  },

  softmaxBackward(y, dy, dz, m, n) {
    for (let i = 0; i < m; i++) {
      const r = i * n;
      let dot = 0;
      for (let j = 0; j < n; j++) dot += dy[r + j] * y[r + j];
      for (let j = 0; j < n; j++) dz[r + j] = y[r + j] * (dy[r + j] - dot);
    }
  },

  im2col(x, col, g, batch) {
    const { inH, inW, inC, kh, kw, sh, sw, padTop, padLeft, outH, outW } = g;
    const run = kw * inC;
    if (run < 16 && padTop === 0 && padLeft === 0 && (outH - 1) * sh + kh <= inH && (outW - 1) * sw + kw <= inW) {
      im2colShortRuns(x, col, g, batch);
      return;
    }
    let o = 0;
    for (let b = 0; b < batch; b++) {
      const xb = b * inH * inW * inC;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          const ix0 = ox * sw - padLeft;
          const inside = ix0 >= 0 && ix0 + kw <= inW;
          for (let ky = 0; ky < kh; ky++) {
            const iy = oy * sh + ky - padTop;
            if (iy < 0 || iy >= inH) {
              for (let t = 0; t < run; t++) col[o++] = 0;
              continue;
            }
            const rowStart = xb + iy * inW * inC;
            if (inside) {
              // The kw·inC values of this kernel row are contiguous in NHWC: a block copy when the run
              // is long enough to pay for the view (≈ 2× on the Keras convnet's second conv, run 96).
              const src = rowStart + ix0 * inC;
              if (run >= 16) {
                col.set(x.subarray(src, src + run), o);
                o += run;
              } else for (let t = 0; t < run; t++) col[o++] = x[src + t]!;
              continue;
            }
            for (let kx = 0; kx < kw; kx++) {
              const ix = ix0 + kx;
              if (ix < 0 || ix >= inW) {
                for (let ch = 0; ch < inC; ch++) col[o++] = 0;
                continue;
              }
              const src = rowStart + ix * inC;
              for (let ch = 0; ch < inC; ch++) col[o++] = x[src + ch]!;
            }
          }
        }
      }
    }
  },

  col2im(col, dx, g, batch) {
    const { inH, inW, inC, kh, kw, sh, sw, padTop, padLeft, outH, outW } = g;
    const run = kw * inC;
    dx.fill(0, 0, batch * inH * inW * inC);
    let o = 0;
    for (let b = 0; b < batch; b++) {
      const xb = b * inH * inW * inC;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          const ix0 = ox * sw - padLeft;
          const inside = ix0 >= 0 && ix0 + kw <= inW;
          for (let ky = 0; ky < kh; ky++) {
            const iy = oy * sh + ky - padTop;
            if (iy < 0 || iy >= inH) {
              o += run;
              continue;
            }
            const rowStart = xb + iy * inW * inC;
            if (inside) {
              // Unrolled by four (1.5× on the Keras convnet's conv2, run 96); a gather (each input pixel
              // summing its patch entries in registers) measured slower.
              const dst = rowStart + ix0 * inC;
              let t = 0;
              for (; t + 4 <= run; t += 4) {
                const c0 = col[o + t]!, c1 = col[o + t + 1]!, c2 = col[o + t + 2]!, c3 = col[o + t + 3]!;
                dx[dst + t] += c0;
                dx[dst + t + 1] += c1;
                dx[dst + t + 2] += c2;
                dx[dst + t + 3] += c3;
              }
              for (; t < run; t++) dx[dst + t] += col[o + t]!;
              o += run;
              continue;
            }
            for (let kx = 0; kx < kw; kx++) {
              const ix = ix0 + kx;
              if (ix < 0 || ix >= inW) {
                o += inC;
                continue;
              }
              const dst = rowStart + ix * inC;
              for (let ch = 0; ch < inC; ch++) dx[dst + ch] += col[o++]!;
            }
          }
        }
      }
    }
  },

  maxPoolForward(x, y, argmax, g, batch) {
    const { inH, inW, inC, kh, kw, sh, sw, padTop, padLeft, outH, outW } = g;
    if (kh === 2 && kw === 2 && padTop === 0 && padLeft === 0 && (outH - 1) * sh + 2 <= inH && (outW - 1) * sw + 2 <= inW) {
      maxPool2x2(x, y, argmax, g, batch);
      return;
    }
    let o = 0;
    for (let b = 0; b < batch; b++) {
      const xb = b * inH * inW * inC;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = Math.max(oy * sh - padTop, 0), y1 = Math.min(oy * sh - padTop + kh, inH);
        for (let ox = 0; ox < outW; ox++) {
          const x0 = Math.max(ox * sw - padLeft, 0), x1 = Math.min(ox * sw - padLeft + kw, inW);
          // First valid cell initialises every channel's argmax; the rest compare channel-contiguously,
          // branch-free (a data-dependent branch mispredicts on about half the cells): the index moves to
          // a later cell only when its value is strictly greater, so ties keep the first, and NaN never wins.
          const first = xb + (y0 * inW + x0) * inC;
          for (let ch = 0; ch < inC; ch++) argmax[o + ch] = first + ch;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = iy === y0 ? x0 + 1 : x0; ix < x1; ix++) {
              const src = xb + (iy * inW + ix) * inC;
              for (let ch = 0; ch < inC; ch++) {
                const at = argmax[o + ch]!, s = src + ch;
                argmax[o + ch] = at ^ ((at ^ s) & -(+(x[s]! > x[at]!)));
              }
            }
          }
          for (let ch = 0; ch < inC; ch++) y[o + ch] = x[argmax[o + ch]!]!;
          o += inC;
        }
      }
    }
  },

  maxPoolBackward(dy, argmax, dx, outLen, inLen, disjoint) {
    dx.fill(0, 0, inLen);
    // `dy + 0` is the `0 + dy` of the add (a −0 lands as +0); the store alone is 1.3× the read-modify-write.
    if (disjoint) for (let o = 0; o < outLen; o++) dx[argmax[o]!] = dy[o]! + 0;
    else for (let o = 0; o < outLen; o++) dx[argmax[o]!] += dy[o]!;
  },

  avgPoolForward(x, y, g, batch) {
    const { inH, inW, inC, kh, kw, sh, sw, padTop, padLeft, outH, outW } = g;
    let o = 0;
    for (let b = 0; b < batch; b++) {
      const xb = b * inH * inW * inC;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = Math.max(oy * sh - padTop, 0), y1 = Math.min(oy * sh - padTop + kh, inH);
        for (let ox = 0; ox < outW; ox++) {
          const x0 = Math.max(ox * sw - padLeft, 0), x1 = Math.min(ox * sw - padLeft + kw, inW);
          const inv = 1 / ((y1 - y0) * (x1 - x0));
          for (let ch = 0; ch < inC; ch++) {
            let s = 0;
            for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) s += x[xb + (iy * inW + ix) * inC + ch];
            y[o++] = s * inv;
          }
        }
      }
    }
  },

  avgPoolBackward(dy, dx, g, batch) {
    const { inH, inW, inC, kh, kw, sh, sw, padTop, padLeft, outH, outW } = g;
    dx.fill(0, 0, batch * inH * inW * inC);
    let o = 0;
    for (let b = 0; b < batch; b++) {
      const xb = b * inH * inW * inC;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = Math.max(oy * sh - padTop, 0), y1 = Math.min(oy * sh - padTop + kh, inH);
        for (let ox = 0; ox < outW; ox++) {
          const x0 = Math.max(ox * sw - padLeft, 0), x1 = Math.min(ox * sw - padLeft + kw, inW);
          const inv = 1 / ((y1 - y0) * (x1 - x0));
          for (let ch = 0; ch < inC; ch++) {
            const d = dy[o++] * inv;
            for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) dx[xb + (iy * inW + ix) * inC + ch] += d;
          }
        }
      }
    }
  },

  mul(a, b, out, len) {
    for (let i = 0; i < len; i++) out[i] = a[i] * b[i];
  },

  sumSquares(a, len) {
    // Four independent accumulators: one add chain was latency-bound.
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = 0;
    for (; i + 4 <= len; i += 4) {
      const a0 = a[i]!, a1 = a[i + 1]!, a2 = a[i + 2]!, a3 = a[i + 3]!;
      s0 += a0 * a0;
      s1 += a1 * a1;
      s2 += a2 * a2;
      s3 += a3 * a3;
    }
    for (; i < len; i++) s0 += a[i]! * a[i]!;
    return s0 + s1 + (s2 + s3);
  },

  sgdStep(w, g, v, len, lr, momentum, nesterov) {
    if (momentum === 0) {
      for (let i = 0; i < len; i++) w[i] -= lr * g[i];
      return;
    }
    for (let i = 0; i < len; i++) {
      const vi = momentum * v[i] - lr * g[i];
      v[i] = vi;
      w[i] += nesterov ? momentum * vi - lr * g[i] : vi;
    }
  },

  adamStep(w, g, m, v, len, lrT, beta1, beta2, epsilon) {
    const c1 = 1 - beta1, c2 = 1 - beta2;
    for (let i = 0; i < len; i++) {
      const gi = g[i];
      const mi = m[i] + (gi - m[i]) * c1;
      const vi = v[i] + (gi * gi - v[i]) * c2;
      m[i] = mi;
      v[i] = vi;
      w[i] -= (lrT * mi) / (Math.sqrt(vi) + epsilon);
    }
  },

  rmspropStep(w, g, v, len, lr, rho, epsilon) {
    const c = 1 - rho;
    for (let i = 0; i < len; i++) {
      const gi = g[i];
      const vi = rho * v[i] + c * gi * gi;
      v[i] = vi;
      w[i] -= (lr * gi) / Math.sqrt(vi + epsilon);
    }
  },
};

/**
 * The WebAssembly kernels (src/wasm/), used by default: the matmul for float32 products big enough to pay
 * for packing (with a fused multiply-add where the runtime has relaxed SIMD), and the Adam and RMSprop
 * steps for float32 tensors. `AXON_KERNELS=js` in the environment keeps the plain TypeScript kernels;
 * `AXON_KERNELS=wasm-simd` declines relaxed SIMD.
 */
const useWasm = wasmAllowed();
export const wasmMatmul: Kernels['matmul'] | null = useWasm ? createWasmMatmul(jsKernels.matmul) : null;
const wasmSteps = useWasm ? createWasmOptimSteps(jsKernels) : null;

/** Which matmul the engine uses: 'wasm-relaxed-simd' (fused multiply-add), 'wasm-simd' or 'js'. */
export const activeMatmul: 'wasm-relaxed-simd' | 'wasm-simd' | 'js' = wasmMatmul ? (relaxedSimd ? 'wasm-relaxed-simd' : 'wasm-simd') : 'js';

/** The kernels in use. Layers call through this object; `installKernels` swaps implementations in. */
export const K: Kernels = {
  ...jsKernels,
  ...(wasmMatmul ? { matmul: wasmMatmul } : {}),
  ...(wasmSteps ? { adamStep: wasmSteps.adamStep, rmspropStep: wasmSteps.rmspropStep } : {}),
};

/** y ← a·y + b·x over a slice of x: the threads' sum of shard gradients (WebAssembly SIMD for float32). */
export const scaleAdd: ScaleAdd = wasmSteps?.scaleAdd ?? jsScaleAdd;

/** Replace some kernels (e.g. a WebAssembly matmul); returns a function that restores the previous ones. */
export function installKernels(replacement: Partial<Kernels>): () => void {
  const previous: Partial<Kernels> = {};
  for (const key of Object.keys(replacement) as (keyof Kernels)[]) {
    (previous as Record<string, unknown>)[key] = K[key];
  }
  Object.assign(K, replacement);
  return () => Object.assign(K, previous);
}
