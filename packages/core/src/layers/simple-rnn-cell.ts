/** The plain recurrent cell (Keras's `SimpleRNNCell`): h_t = act(x·W + h_{t−1}·U + b). */
import type { Arr, DType } from '../arr.js';
import type { Rng } from '../rng.js';
import { RecurrentCell, type CellOptions } from './recurrent-cell.js';

export class SimpleRnnCell extends RecurrentCell {
  constructor(o: CellOptions, dtype: DType, rng: Rng) {
    super(o, 1, dtype, rng);
  }

  protected steps(): void {
    const { n, T, U } = this;
    const nu = n * U;
    const xw = this.xw as Arr, h = this.h as Arr;
    for (let k = 0; k < T; k++) {
      this.project(k, xw.subarray(k * nu, (k + 1) * nu), true);
      this.act.forward(xw.subarray(k * nu), h.subarray((k + 1) * nu), 0, nu);
    }
  }

  protected backSteps(dSeq: Arr | null, dLast: Arr | null): void {
    const { n, T, U } = this;
    const nu = n * U;
    const xw = this.xw as Arr, h = this.h as Arr, dxw = this.dxw as Arr;
    for (let k = T - 1; k >= 0; k--) {
      const dh = this.gatherDh(k, dSeq, dLast);
      this.act.backward(xw.subarray(k * nu), h.subarray((k + 1) * nu), dh, dxw.subarray(k * nu), 0, nu);
      if (k > 0) this.backProject(k);
    }
  }
}
