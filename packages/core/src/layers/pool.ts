import type { ResolvedLayer } from '@axon/language';
import { ensure, type Arr, type DType } from '../arr.js';
import { convGeometry, K, type ConvGeometry } from '../kernels.js';
import type { ForwardContext, LayerImpl } from './layer.js';
import { Weightless } from './weightless.js';

type PoolSpec = Extract<ResolvedLayer, { kind: 'max_pool2d' | 'avg_pool2d' }>;

/** Max or average pooling over NHWC windows (TensorFlow's same/valid geometry; padding never counts). */
export class PoolLayer extends Weightless implements LayerImpl {
  readonly inSize: number;
  readonly outSize: number;
  readonly geometry: ConvGeometry;
  private y: Arr | undefined;
  private dx: Arr | undefined;
  private argmax: Int32Array = new Int32Array(0);
  /** The windows do not overlap (stride ≥ pool): max pooling's backward assigns instead of adding. */
  private readonly disjoint: boolean;

  constructor(readonly spec: PoolSpec, readonly dtype: DType, inputShape: number[]) {
    super();
    const [h, w, c] = inputShape as [number, number, number];
    this.geometry = convGeometry(h, w, c, spec.pool[0], spec.pool[1], spec.stride[0], spec.stride[1], spec.padding);
    this.inSize = h * w * c;
    this.outSize = this.geometry.outH * this.geometry.outW * c;
    this.disjoint = spec.stride[0] >= spec.pool[0] && spec.stride[1] >= spec.pool[1];
  }

  forward(x: Arr, n: number, _ctx: ForwardContext): Arr {
    const len = n * this.outSize;
    const y = (this.y = ensure(this.y, this.dtype, len));
    if (this.spec.kind === 'max_pool2d') {
      if (this.argmax.length < len) this.argmax = new Int32Array(len);
      K.maxPoolForward(x, y, this.argmax, this.geometry, n);
    } else K.avgPoolForward(x, y, this.geometry, n);
    return y;
  }

  backward(dy: Arr, n: number, needDx: boolean): Arr | null {
    if (!needDx) return null;
    const dx = (this.dx = ensure(this.dx, this.dtype, n * this.inSize));
    if (this.spec.kind === 'max_pool2d') K.maxPoolBackward(dy, this.argmax, dx, n * this.outSize, n * this.inSize, this.disjoint);
    else K.avgPoolBackward(dy, dx, this.geometry, n);
    return dx;
  }
}
