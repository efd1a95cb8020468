/**
 * The GRU cell as Keras's `GRUCell(reset_after=True)` (the TensorFlow 2 and cuDNN form): gates z, r, h
 * along the kernel's columns, and two biases, `bias[0]` on the input side and `bias[1]` on the
 * recurrent side (shape [2, 3·units]).
 *
 *   x̃ = x·W + b_0;  h̃ = h_{t−1}·U + b_1
 *   z = σ(x̃_z + h̃_z);  r = σ(x̃_r + h̃_r);  ĥ = act(x̃_h + r ⊙ h̃_h)        (σ: recurrent_activation)
 *   h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ
 */
import { ensure, type Arr, type DType } from '../arr.js';
import { K } from '../kernels.js';
import type { Rng } from '../rng.js';
import { RecurrentCell, type CellOptions } from './recurrent-cell.js';

export class GruCell extends RecurrentCell {
  /** h̃ = h_{t−1}·U + b_1 per step [T·n, 3U]. */
  private rec: Arr | undefined;
  /** Gate activations per step [T·n, 3U]: z, r, ĥ. */
  private g: Arr | undefined;
  private direct: Arr | undefined;

  constructor(o: CellOptions, dtype: DType, rng: Rng) {
    super(o, 3, dtype, rng, 2);
  }

  protected override get splitRecurrent(): boolean {
    return true;
  }

  protected steps(): void {
    const { n, T, U, G } = this;
    const nu = n * U;
    // xw holds x̃ and becomes the pre-activations: z and r add h̃, ĥ adds r ⊙ h̃_h.
    const xw = this.xw as Arr, h = this.h as Arr;
    const rec = (this.rec = ensure(this.rec, this.dtype, T * n * G));
    const g = (this.g = ensure(this.g, this.dtype, T * n * G));
    const recBias = this.bias ? this.bias.value.subarray(G, 2 * G) : null;
    for (let k = 0; k < T; k++) {
      const zo = k * n * G;
      const rk = rec.subarray(zo, zo + n * G);
      this.project(k, rk, false);
      if (recBias) K.addRowVector(rk, recBias, n, G);
      for (let s = 0; s < n; s++) {
        const r = zo + s * G;
        for (let j = 0; j < 2 * U; j++) xw[r + j] += rec[r + j] as number;
      }
      this.gateAct.forwardCols(xw, g, zo, n, G, 0, 2 * U);
      for (let s = 0; s < n; s++) {
        const r = zo + s * G;
        for (let u = 0; u < U; u++) xw[r + 2 * U + u] += (g[r + U + u] as number) * (rec[r + 2 * U + u] as number);
      }
      this.act.forwardCols(xw, g, zo, n, G, 2 * U, G);
      const prev = k * nu, now = (k + 1) * nu;
      for (let s = 0; s < n; s++) {
        const r = zo + s * G, hr = s * U;
        for (let u = 0; u < U; u++) {
          const z = g[r + u] as number;
          h[now + hr + u] = z * (h[prev + hr + u] as number) + (1 - z) * (g[r + 2 * U + u] as number);
        }
      }
    }
  }

  protected backSteps(dSeq: Arr | null, dLast: Arr | null): void {
    const { n, T, U, G } = this;
    const nu = n * U;
    const xw = this.xw as Arr, h = this.h as Arr, g = this.g as Arr, rec = this.rec as Arr;
    const dxw = this.dxw as Arr, drec = this.drec as Arr;
    const direct = (this.direct = ensure(this.direct, this.dtype, nu));
    for (let k = T - 1; k >= 0; k--) {
      const dh = this.gatherDh(k, dSeq, dLast);
      const zo = k * n * G, prev = k * nu;
      for (let s = 0; s < n; s++) {
        const r = zo + s * G, hr = s * U;
        for (let u = 0; u < U; u++) {
          const d = dh[hr + u] as number, z = g[r + u] as number;
          dxw[r + u] = d * ((h[prev + hr + u] as number) - (g[r + 2 * U + u] as number));
          dxw[r + 2 * U + u] = d * (1 - z);
          direct[hr + u] = d * z;
        }
      }
      this.act.backwardCols(xw, g, dxw, dxw, zo, n, G, 2 * U, G);
      for (let s = 0; s < n; s++) {
        const r = zo + s * G;
        for (let u = 0; u < U; u++) {
          const dpre = dxw[r + 2 * U + u] as number;
          dxw[r + U + u] = dpre * (rec[r + 2 * U + u] as number);
          drec[r + 2 * U + u] = dpre * (g[r + U + u] as number);
        }
      }
      this.gateAct.backwardCols(xw, g, dxw, dxw, zo, n, G, 0, 2 * U);
      for (let s = 0; s < n; s++) {
        const r = zo + s * G;
        for (let j = 0; j < 2 * U; j++) drec[r + j] = dxw[r + j] as number;
      }
      if (k > 0) {
        const next = this.backProject(k);
        for (let i = 0; i < nu; i++) next[i] += direct[i] as number;
      } else (this.dhNext as Arr).fill(0, 0, nu);
    }
  }
}
