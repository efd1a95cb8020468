/** Layers without weights of their own: dropout, flatten, activation. */
import type { ResolvedLayer } from '@axon/language';
import { ActivationUnit } from '../activation.js';
import { ensure, product, type Arr, type DType } from '../arr.js';
import { K } from '../kernels.js';
import type { Param } from '../param.js';
import type { ForwardContext, LayerImpl } from './layer.js';
import { Weightless } from './weightless.js';

/** Inverted dropout: kept values are scaled by 1/(1−rate) in training; identity at inference. */
export class DropoutLayer extends Weightless implements LayerImpl {
  readonly inSize: number;
  readonly outSize: number;
  private mask: Arr | undefined;
  private y: Arr | undefined;
  private dx: Arr | undefined;
  private active = false;

  constructor(readonly spec: Extract<ResolvedLayer, { kind: 'dropout' }>, readonly dtype: DType, inputShape: number[]) {
    super();
    this.inSize = this.outSize = product(inputShape);
  }

  forward(x: Arr, n: number, ctx: ForwardContext): Arr {
    const rate = this.spec.rate;
    this.active = ctx.training && rate > 0;
    if (!this.active) return x;
    const len = n * this.inSize;
    const mask = (this.mask = ensure(this.mask, this.dtype, len));
    // The scale as the mask stores it (rounded to float32 in a float32 model), so y = x·mask exactly.
    const keep = this.dtype === 'float32' ? Math.fround(1 / (1 - rate)) : 1 / (1 - rate);
    const rng = ctx.rng;
    const y = (this.y = ensure(this.y, this.dtype, len));
    // One pass: the mask branch-free (kept or not is a coin flip, which a branch mispredicts half the
    // time) and y = x ⊙ mask as it is drawn. (rate 1 keeps nothing; keep·0 would be ∞·0 = NaN there.)
    const kept = rate < 1 ? keep : 0;
    for (let i = 0; i < len; i++) {
      const m = kept * +(rng.next() >= rate);
      mask[i] = m;
      y[i] = x[i]! * m;
    }
    return y;
  }

  backward(dy: Arr, n: number, needDx: boolean): Arr | null {
    if (!needDx) return null;
    if (!this.active) return dy;
    const len = n * this.inSize;
    const dx = (this.dx = ensure(this.dx, this.dtype, len));
    K.mul(dy, this.mask as Arr, dx, len);
    return dx;
  }
}

/** NHWC row-major data is already flat: flatten is the identity on buffers. */
export class FlattenLayer extends Weightless implements LayerImpl {
  readonly inSize: number;
  readonly outSize: number;

  constructor(readonly spec: Extract<ResolvedLayer, { kind: 'flatten' }>, readonly dtype: DType, inputShape: number[]) {
    super();
    this.inSize = this.outSize = product(inputShape);
  }

  forward(x: Arr): Arr {
    return x;
  }

  backward(dy: Arr, _n: number, needDx: boolean): Arr | null {
    return needDx ? dy : null;
  }
}

/** A standalone activation over the last axis (channels), e.g. `activation(prelu)` after batch_norm. */
export class ActivationLayer implements LayerImpl {
  readonly inSize: number;
  readonly outSize: number;
  readonly params: Param[];
  readonly kernel = null;
  readonly act: ActivationUnit;
  private x: Arr | undefined;
  private dx: Arr | undefined;

  constructor(readonly spec: Extract<ResolvedLayer, { kind: 'activation' }>, readonly dtype: DType, inputShape: number[]) {
    this.inSize = this.outSize = product(inputShape);
    const channels = inputShape.length > 0 ? (inputShape[inputShape.length - 1] as number) : 1;
    this.act = new ActivationUnit(spec.activation, channels, dtype);
    this.params = this.act.slope ? [this.act.slope] : [];
  }

  preact(): Arr {
    return this.x as Arr;
  }

  forward(x: Arr, n: number, ctx: ForwardContext): Arr {
    this.x = x;
    return this.act.forward(x, n * this.inSize, ctx.observe);
  }

  backward(dy: Arr, n: number, needDx: boolean, dyIsPreact: boolean): Arr | null {
    const len = n * this.inSize;
    if (dyIsPreact || this.act.code === 0) {
      if (this.act.slope && !dyIsPreact) this.act.slope.grad.fill(0);
      return needDx ? dy : null;
    }
    // prelu needs its slope gradient even when dx is not needed.
    const dx = (this.dx = ensure(this.dx, this.dtype, len));
    this.act.backward(this.x as Arr, dy, dx, len);
    return needDx ? dx : null;
  }
}
