/**
 * The LSTM cell (Keras's `LSTMCell`): gates in Keras's order i, f, c, o along the kernel's columns.
 *
 *   z = x·W + h_{t−1}·U + b;  i = σ(z_i), f = σ(z_f), ĉ = act(z_c), o = σ(z_o)   (σ: recurrent_activation)
 *   c_t = f ⊙ c_{t−1} + i ⊙ ĉ;  h_t = o ⊙ act(c_t)
 *
 * The forget gate's bias starts at 1 (Keras's `unit_forget_bias`).
 */
import { ensure, type Arr, type DType } from '../arr.js';
import type { Rng } from '../rng.js';
import { RecurrentCell, type CellOptions } from './recurrent-cell.js';

export class LstmCell extends RecurrentCell {
  /** Gate activations per step [T·n, 4U]: i, f, ĉ, o. */
  private g: Arr | undefined;
  /** Cell states [(T+1)·n, U]; block 0 is zero. */
  private c: Arr | undefined;
  /** act(c_t) per step [T·n, U]. */
  private a: Arr | undefined;
  private da: Arr | undefined;
  private dc: Arr | undefined;
  private dcNext: Arr | undefined;

  constructor(o: CellOptions, dtype: DType, rng: Rng) {
    super(o, 4, dtype, rng);
  }

  protected override initBias(b: Arr): void {
    b.fill(0);
    b.fill(1, this.U, 2 * this.U);
  }

  protected steps(): void {
    const { n, T, U, G } = this;
    const nu = n * U;
    const xw = this.xw as Arr, h = this.h as Arr;
    const g = (this.g = ensure(this.g, this.dtype, T * n * G));
    const c = (this.c = ensure(this.c, this.dtype, (T + 1) * nu));
    const a = (this.a = ensure(this.a, this.dtype, T * nu));
    c.fill(0, 0, nu);
    for (let k = 0; k < T; k++) {
      const zo = k * n * G;
      this.project(k, xw.subarray(zo, zo + n * G), true);
      this.gateAct.forwardCols(xw, g, zo, n, G, 0, 2 * U);
      this.act.forwardCols(xw, g, zo, n, G, 2 * U, 3 * U);
      this.gateAct.forwardCols(xw, g, zo, n, G, 3 * U, G);
      const cPrev = k * nu, cNow = (k + 1) * nu;
      for (let s = 0; s < n; s++) {
        const gr = zo + s * G, cr = s * U;
        for (let u = 0; u < U; u++) {
          c[cNow + cr + u] = (g[gr + U + u] as number) * (c[cPrev + cr + u] as number) + (g[gr + u] as number) * (g[gr + 2 * U + u] as number);
        }
      }
      this.act.forward(c.subarray(cNow), a.subarray(k * nu), 0, nu);
      for (let s = 0; s < n; s++) {
        const gr = zo + s * G + 3 * U, r = s * U;
        for (let u = 0; u < U; u++) h[cNow + r + u] = (g[gr + u] as number) * (a[k * nu + r + u] as number);
      }
    }
  }

  protected backSteps(dSeq: Arr | null, dLast: Arr | null): void {
    const { n, T, U, G } = this;
    const nu = n * U;
    const xw = this.xw as Arr, g = this.g as Arr, c = this.c as Arr, a = this.a as Arr, dxw = this.dxw as Arr;
    const da = (this.da = ensure(this.da, this.dtype, nu));
    const dc = (this.dc = ensure(this.dc, this.dtype, nu));
    const dcNext = (this.dcNext = ensure(this.dcNext, this.dtype, nu));
    dcNext.fill(0, 0, nu);
    for (let k = T - 1; k >= 0; k--) {
      const dh = this.gatherDh(k, dSeq, dLast);
      const zo = k * n * G, ao = k * nu;
      // dL/do (as dy of the o gate) and dL/d act(c_t).
      for (let s = 0; s < n; s++) {
        const gr = zo + s * G, r = s * U;
        for (let u = 0; u < U; u++) {
          const d = dh[r + u] as number;
          dxw[gr + 3 * U + u] = d * (a[ao + r + u] as number);
          da[r + u] = d * (g[gr + 3 * U + u] as number);
        }
      }
      // dL/dc_t = act'(c_t)·da + what c_{t+1} sent back.
      this.act.backward(c.subarray((k + 1) * nu), a.subarray(ao), da, dc, 0, nu);
      for (let s = 0; s < n; s++) {
        const gr = zo + s * G, r = s * U;
        for (let u = 0; u < U; u++) {
          const d = (dc[r + u] as number) + (dcNext[r + u] as number);
          dxw[gr + u] = d * (g[gr + 2 * U + u] as number);
          dxw[gr + U + u] = d * (c[k * nu + r + u] as number);
          dxw[gr + 2 * U + u] = d * (g[gr + u] as number);
          dcNext[r + u] = d * (g[gr + U + u] as number);
        }
      }
      this.gateAct.backwardCols(xw, g, dxw, dxw, zo, n, G, 0, 2 * U);
      this.act.backwardCols(xw, g, dxw, dxw, zo, n, G, 2 * U, 3 * U);
      this.gateAct.backwardCols(xw, g, dxw, dxw, zo, n, G, 3 * U, G);
      if (k > 0) this.backProject(k);
    }
  }
}
