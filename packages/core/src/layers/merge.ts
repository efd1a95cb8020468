/**
 * merge: joins two or more inputs, as Keras's Add, Concatenate (last axis), Multiply, Average and
 * Maximum layers do. No weights. The backward pass is exact; for `maximum` the gradient goes to the
 * input that holds the maximum, the first one on ties (TF.js: `maximum(a, b)` sends dy to `a` where
 * a >= b, and its Maximum layer folds the inputs left to right).
 */
import type { MergeMode, ResolvedLayer } from '@axon/language';
import { ensure, product, type Arr, type DType } from '../arr.js';
import type { JoinImpl } from './layer.js';
import { Weightless } from './weightless.js';

type MergeSpec = Extract<ResolvedLayer, { kind: 'merge' }>;

export class MergeLayer extends Weightless implements JoinImpl {
  readonly join = true;
  readonly mode: MergeMode;
  readonly inSizes: readonly number[];
  readonly outSize: number;
  /** concat: last-axis width of each input, and the rows per sample they share. */
  private readonly widths: readonly number[];
  private readonly rowsPerSample: number;
  private xs: readonly Arr[] = [];
  private y: Arr | undefined;
  /** maximum: which input won each output value. */
  private winner: Uint8Array | undefined;
  private readonly dxs: (Arr | undefined)[];

  constructor(readonly spec: MergeSpec, readonly dtype: DType, inputShapes: readonly (readonly number[])[]) {
    super();
    if (inputShapes.length < 2) throw new Error(`merge (${spec.mode}) needs at least two inputs, got ${inputShapes.length}`);
    if (inputShapes.length > 255) throw new Error(`merge (${spec.mode}) takes at most 255 inputs, got ${inputShapes.length}`);
    this.mode = spec.mode;
    this.inSizes = inputShapes.map((s) => product(s));
    this.widths = inputShapes.map((s) => (s.length > 0 ? (s[s.length - 1] as number) : 1));
    const first = inputShapes[0] as readonly number[];
    this.rowsPerSample = product(first.slice(0, -1));
    this.outSize = this.mode === 'concat' ? this.inSizes.reduce((a, b) => a + b, 0) : (this.inSizes[0] as number);
    if (this.mode !== 'concat' && this.inSizes.some((s) => s !== this.outSize)) {
      throw new Error(`merge (${this.mode}) needs inputs of equal size, got ${this.inSizes.join(', ')} values per sample`);
    }
    this.dxs = inputShapes.map(() => undefined);
  }

  forward(xs: readonly Arr[], n: number): Arr {
    this.xs = xs;
    const len = n * this.outSize;
    const y = (this.y = ensure(this.y, this.dtype, len));
    const k = xs.length;
    const x0 = xs[0] as Arr;
    switch (this.mode) {
      case 'add':
      case 'average': {
        for (let i = 0; i < len; i++) y[i] = x0[i] as number;
        for (let j = 1; j < k; j++) {
          const xj = xs[j] as Arr;
          for (let i = 0; i < len; i++) y[i] += xj[i] as number;
        }
        if (this.mode === 'average') for (let i = 0; i < len; i++) y[i] /= k;
        break;
      }
      case 'multiply': {
        for (let i = 0; i < len; i++) y[i] = x0[i] as number;
        for (let j = 1; j < k; j++) {
          const xj = xs[j] as Arr;
          for (let i = 0; i < len; i++) y[i] *= xj[i] as number;
        }
        break;
      }
      case 'maximum': {
        const w = (this.winner = this.winner && this.winner.length >= len ? this.winner : new Uint8Array(len));
        for (let i = 0; i < len; i++) {
          y[i] = x0[i] as number;
          w[i] = 0;
        }
        for (let j = 1; j < k; j++) {
          const xj = xs[j] as Arr;
          // Strictly greater: a tie stays with the earlier input.
          for (let i = 0; i < len; i++) {
            if ((xj[i] as number) > (y[i] as number)) {
              y[i] = xj[i] as number;
              w[i] = j;
            }
          }
        }
        break;
      }
      case 'concat': {
        const rows = n * this.rowsPerSample;
        const out = this.outSize / this.rowsPerSample;
        let offset = 0;
        for (let j = 0; j < k; j++) {
          const xj = xs[j] as Arr;
          const c = this.widths[j] as number;
          for (let r = 0; r < rows; r++) {
            const src = r * c, dst = r * out + offset;
            for (let q = 0; q < c; q++) y[dst + q] = xj[src + q] as number;
          }
          offset += c;
        }
        break;
      }
    }
    return y;
  }

  backward(dy: Arr, n: number, needDx: readonly boolean[]): readonly (Arr | null)[] {
    const k = this.inSizes.length;
    const len = n * this.outSize;
    const out: (Arr | null)[] = new Array<Arr | null>(k).fill(null);
    switch (this.mode) {
      case 'add':
        for (let j = 0; j < k; j++) if (needDx[j]) out[j] = dy;
        break;
      case 'average': {
        if (!needDx.some(Boolean)) break;
        const d = (this.dxs[0] = ensure(this.dxs[0], this.dtype, len));
        for (let i = 0; i < len; i++) d[i] = (dy[i] as number) / k;
        for (let j = 0; j < k; j++) if (needDx[j]) out[j] = d;
        break;
      }
      case 'multiply': {
        const xs = this.xs;
        for (let j = 0; j < k; j++) {
          if (!needDx[j]) continue;
          const d = (this.dxs[j] = ensure(this.dxs[j], this.dtype, len));
          for (let i = 0; i < len; i++) d[i] = dy[i] as number;
          for (let m = 0; m < k; m++) {
            if (m === j) continue;
            const xm = xs[m] as Arr;
            for (let i = 0; i < len; i++) d[i] *= xm[i] as number;
          }
          out[j] = d;
        }
        break;
      }
      case 'maximum': {
        const w = this.winner as Uint8Array;
        for (let j = 0; j < k; j++) {
          if (!needDx[j]) continue;
          const d = (this.dxs[j] = ensure(this.dxs[j], this.dtype, len));
          for (let i = 0; i < len; i++) d[i] = w[i] === j ? (dy[i] as number) : 0;
          out[j] = d;
        }
        break;
      }
      case 'concat': {
        const rows = n * this.rowsPerSample;
        const width = this.outSize / this.rowsPerSample;
        let offset = 0;
        for (let j = 0; j < k; j++) {
          const c = this.widths[j] as number;
          if (needDx[j]) {
            const d = (this.dxs[j] = ensure(this.dxs[j], this.dtype, rows * c));
            for (let r = 0; r < rows; r++) {
              const src = r * width + offset, dst = r * c;
              for (let q = 0; q < c; q++) d[dst + q] = dy[src + q] as number;
            }
            out[j] = d;
          }
          offset += c;
        }
        break;
      }
    }
    return out;
  }
}
