/**
 * Layers over the spatial axes of NHWC data without weights: global average / max pooling
 * (`[h, w, c]` → `[c]`) and zero padding (`[h, w, c]` → `[h + top + bottom, w + left + right, c]`).
 */
import type { Padding2D, ResolvedLayer } from '@axon/language';
import { ensure, type Arr, type DType } from '../arr.js';
import type { ForwardContext, LayerImpl } from './layer.js';
import { Weightless } from './weightless.js';

type GlobalPoolSpec = Extract<ResolvedLayer, { kind: 'global_avg_pool2d' | 'global_max_pool2d' }>;

/**
 * The mean or maximum of each channel over height and width (Keras's GlobalAveragePooling2D /
 * GlobalMaxPooling2D). The maximum's gradient goes to every position equal to the maximum, as
 * TensorFlow.js's `max` gradient does (`dy · (x == max)`), so a tie passes the full gradient to each.
 */
export class GlobalPoolLayer extends Weightless implements LayerImpl {
  readonly inSize: number;
  readonly outSize: number;
  private readonly pixels: number;
  private readonly channels: number;
  private x: Arr | undefined;
  private y: Arr | undefined;
  private dx: Arr | undefined;

  constructor(readonly spec: GlobalPoolSpec, readonly dtype: DType, inputShape: readonly number[]) {
    super();
    const [h, w, c] = inputShape as [number, number, number];
    this.pixels = h * w;
    this.channels = c;
    this.inSize = h * w * c;
    this.outSize = c;
  }

  forward(x: Arr, n: number, _ctx: ForwardContext): Arr {
    const { pixels: hw, channels: c } = this;
    const y = (this.y = ensure(this.y, this.dtype, n * c));
    this.x = x;
    const max = this.spec.kind === 'global_max_pool2d';
    for (let s = 0; s < n; s++) {
      const xs = s * hw * c, ys = s * c;
      for (let k = 0; k < c; k++) y[ys + k] = x[xs + k] as number;
      for (let p = 1; p < hw; p++) {
        const xp = xs + p * c;
        if (max) for (let k = 0; k < c; k++) { const v = x[xp + k] as number; if (v > (y[ys + k] as number)) y[ys + k] = v; }
        else for (let k = 0; k < c; k++) y[ys + k] = (y[ys + k] as number) + (x[xp + k] as number);
      }
      if (!max) for (let k = 0; k < c; k++) y[ys + k] = (y[ys + k] as number) / hw;
    }
    return y;
  }

  backward(dy: Arr, n: number, needDx: boolean): Arr | null {
    if (!needDx) return null;
    const { pixels: hw, channels: c } = this;
    const dx = (this.dx = ensure(this.dx, this.dtype, n * this.inSize));
    const max = this.spec.kind === 'global_max_pool2d';
    const x = this.x as Arr, y = this.y as Arr;
    for (let s = 0; s < n; s++) {
      const xs = s * hw * c, ys = s * c;
      for (let p = 0; p < hw; p++) {
        const xp = xs + p * c;
        if (max) for (let k = 0; k < c; k++) dx[xp + k] = x[xp + k] === y[ys + k] ? (dy[ys + k] as number) : 0;
        else for (let k = 0; k < c; k++) dx[xp + k] = (dy[ys + k] as number) / hw;
      }
    }
    return dx;
  }
}

/** Zero rows above and below, zero columns left and right of each sample (Keras's ZeroPadding2D). */
export class ZeroPaddingLayer extends Weightless implements LayerImpl {
  readonly inSize: number;
  readonly outSize: number;
  private readonly h: number;
  private readonly w: number;
  private readonly c: number;
  private readonly padding: Padding2D;
  private readonly outW: number;
  private y: Arr | undefined;
  private dx: Arr | undefined;

  constructor(readonly spec: Extract<ResolvedLayer, { kind: 'zero_padding2d' }>, readonly dtype: DType, inputShape: readonly number[]) {
    super();
    const [h, w, c] = inputShape as [number, number, number];
    const [[top, bottom], [left, right]] = (this.padding = spec.padding);
    this.h = h;
    this.w = w;
    this.c = c;
    this.outW = w + left + right;
    this.inSize = h * w * c;
    this.outSize = (h + top + bottom) * this.outW * c;
  }

  /** Offset, in the padded sample, of input row `r`'s first value. */
  private rowStart(r: number): number {
    return ((r + this.padding[0][0]) * this.outW + this.padding[1][0]) * this.c;
  }

  forward(x: Arr, n: number, _ctx: ForwardContext): Arr {
    const y = (this.y = ensure(this.y, this.dtype, n * this.outSize));
    y.fill(0, 0, n * this.outSize);
    const row = this.w * this.c;
    for (let s = 0; s < n; s++) {
      for (let r = 0; r < this.h; r++) {
        const from = s * this.inSize + r * row;
        y.set(x.subarray(from, from + row), s * this.outSize + this.rowStart(r));
      }
    }
    return y;
  }

  backward(dy: Arr, n: number, needDx: boolean): Arr | null {
    if (!needDx) return null;
    const dx = (this.dx = ensure(this.dx, this.dtype, n * this.inSize));
    const row = this.w * this.c;
    for (let s = 0; s < n; s++) {
      for (let r = 0; r < this.h; r++) {
        const from = s * this.outSize + this.rowStart(r);
        dx.set(dy.subarray(from, from + row), s * this.inSize + r * row);
      }
    }
    return dx;
  }
}
