import type { ResolvedLayer } from '@axon/language';
import type { ActivationUnit } from '../activation.js';
import { ensure, type Arr, type DType } from '../arr.js';
import { convGeometry, K, type ConvGeometry } from '../kernels.js';
import type { Param } from '../param.js';
import type { Rng } from '../rng.js';
import type { ForwardContext, LayerImpl } from './layer.js';
import { weightedParams, weightGradients } from './weighted.js';

type ConvSpec = Extract<ResolvedLayer, { kind: 'conv2d' }>;

/**
 * 2-D convolution over NHWC input by im2col + matmul: each output pixel's patch (ky, kx, c) is a row,
 * and the Keras kernel [kh, kw, inC, filters] read row-major is exactly the [kh·kw·inC, filters] matrix.
 */
export class Conv2dLayer implements LayerImpl {
  readonly inSize: number;
  readonly outSize: number;
  readonly params: Param[];
  readonly kernel: Param;
  /** Absent with `use_bias: false` (Keras's `use_bias`): the layer's weights are then the kernel alone. */
  readonly bias: Param | null;
  readonly act: ActivationUnit;
  readonly geometry: ConvGeometry;
  private readonly patch: number;
  private col: Arr | undefined;
  private z: Arr | undefined;
  private dz: Arr | undefined;
  private dcol: Arr | undefined;
  private dx: Arr | undefined;

  constructor(readonly spec: ConvSpec, readonly dtype: DType, inputShape: number[], rng: Rng) {
    const [h, w, c] = inputShape as [number, number, number];
    const [kh, kw] = spec.kernel;
    const g = (this.geometry = convGeometry(h, w, c, kh, kw, spec.stride[0], spec.stride[1], spec.padding));
    const f = spec.filters;
    this.inSize = h * w * c;
    this.outSize = g.outH * g.outW * f;
    this.patch = kh * kw * c;
    ({ kernel: this.kernel, bias: this.bias, act: this.act, params: this.params } = weightedParams(spec, [kh, kw, c, f], f, { fanIn: kh * kw * c, fanOut: kh * kw * f }, dtype, rng));
  }

  preact(): Arr {
    return this.z as Arr;
  }

  forward(x: Arr, n: number, ctx: ForwardContext): Arr {
    const g = this.geometry;
    const rows = n * g.outH * g.outW;
    const f = this.spec.filters;
    const col = (this.col = ensure(this.col, this.dtype, rows * this.patch));
    K.im2col(x, col, g, n);
    const z = (this.z = ensure(this.z, this.dtype, rows * f));
    K.matmul(col, this.kernel.value, z, rows, this.patch, f, false, false, false, this.bias?.value);
    return this.act.forward(z, rows * f, ctx.observe);
  }

  backward(dy: Arr, n: number, needDx: boolean, dyIsPreact: boolean): Arr | null {
    const g = this.geometry;
    const rows = n * g.outH * g.outW;
    const f = this.spec.filters;
    const dz = weightGradients(this.act, this.z as Arr, dy, dyIsPreact, this.dz, this.dtype, this.col as Arr, this.kernel, this.bias, rows, this.patch, f);
    if (dz !== dy) this.dz = dz;
    if (!needDx) return null;
    const dcol = (this.dcol = ensure(this.dcol, this.dtype, rows * this.patch));
    K.matmul(dz, this.kernel.value, dcol, rows, f, this.patch, false, true, false);
    const dx = (this.dx = ensure(this.dx, this.dtype, n * this.inSize));
    K.col2im(dcol, dx, g, n);
    return dx;
  }
}
