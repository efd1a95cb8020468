/**
 * An activation inside a recurrent cell (a gate's `recurrent_activation`, the candidate's and the
 * state's `activation`), applied to a range of columns of each row of a step's block: the gates of one
 * step sit side by side in a row ([i | f | c | o] for LSTM), so each gate is a column range. It runs
 * the engine's elementwise activation kernels (no softmax, no prelu: a cell has no per-unit slopes).
 */
import type { Activation } from '@axon/language';
import { actCode } from '../activation.js';
import type { Arr } from '../arr.js';
import { Act, K } from '../kernels.js';
import { ModelError } from '../model-error.js';

export class CellActivation {
  readonly code: Act;
  readonly alpha: number;

  constructor(readonly activation: Activation, where: string) {
    if (activation.name === 'softmax' || activation.name === 'prelu') {
      throw new ModelError(`${where}: ${activation.name} cannot be a recurrent cell's activation (it needs a whole row or learned slopes); use tanh, sigmoid, relu, elu or linear`);
    }
    this.code = actCode(activation);
    this.alpha = activation.name === 'leaky_relu' || activation.name === 'elu' ? activation.alpha : 0;
  }

  /** y = f(z) over `len` contiguous values from `off`. */
  forward(z: Arr, y: Arr, off: number, len: number): void {
    const e = off + len;
    // The two gate functions of nearly every cell run in place over the range (a range per row and
    // gate would otherwise mean four array views per call); the rest go through the kernels.
    if (this.code === Act.Sigmoid) {
      for (let i = off; i < e; i++) {
        const v = z[i] as number;
        if (v >= 0) y[i] = 1 / (1 + Math.exp(-v));
        else {
          const x = Math.exp(v);
          y[i] = x / (1 + x);
        }
      }
    } else if (this.code === Act.Tanh) for (let i = off; i < e; i++) y[i] = Math.tanh(z[i] as number);
    else K.activationForward(this.code, z.subarray(off, e), y.subarray(off, e), len, this.alpha, null, len);
  }

  /** dz = f'(z)·dy over `len` contiguous values from `off` (dz may be dy). */
  backward(z: Arr, y: Arr, dy: Arr, dz: Arr, off: number, len: number): void {
    const e = off + len;
    if (this.code === Act.Sigmoid) {
      for (let i = off; i < e; i++) {
        const s = y[i] as number;
        dz[i] = (dy[i] as number) * s * (1 - s);
      }
    } else if (this.code === Act.Tanh) {
      for (let i = off; i < e; i++) {
        const t = y[i] as number;
        dz[i] = (dy[i] as number) * (1 - t * t);
      }
    } else K.activationBackward(this.code, z.subarray(off, e), y.subarray(off, e), dy.subarray(off, e), dz.subarray(off, e), len, this.alpha, null, len, null);
  }

  /** f over columns [c0, c1) of `rows` rows of `width` values starting at `off`. */
  forwardCols(z: Arr, y: Arr, off: number, rows: number, width: number, c0: number, c1: number): void {
    if (c0 === 0 && c1 === width) return this.forward(z, y, off, rows * width);
    for (let r = 0, o = off + c0; r < rows; r++, o += width) this.forward(z, y, o, c1 - c0);
  }

  /** f' over columns [c0, c1) of `rows` rows of `width` values starting at `off` (in place when dz is dy). */
  backwardCols(z: Arr, y: Arr, dy: Arr, dz: Arr, off: number, rows: number, width: number, c0: number, c1: number): void {
    if (c0 === 0 && c1 === width) return this.backward(z, y, dy, dz, off, rows * width);
    for (let r = 0, o = off + c0; r < rows; r++, o += width) this.backward(z, y, dy, dz, o, c1 - c0);
  }
}
