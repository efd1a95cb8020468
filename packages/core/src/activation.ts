/**
 * One activation applied to a layer's pre-activations, with its own buffers and diagnostics.
 * Dense, conv2d and the standalone `activation` layer all own one of these.
 * Channel = index % channels (the unit for dense, the filter for conv), which is also prelu's slope index
 * and the unit over which dead relus are counted.
 */
import type { Activation } from '@axon/language';
import { alloc, ensure, type Arr, type DType } from './arr.js';
import { Act, K } from './kernels.js';
import type { Param } from './param.js';

export function actCode(a: Activation): Act {
  switch (a.name) {
    case 'linear': return Act.Linear;
    case 'sigmoid': return Act.Sigmoid;
    case 'tanh': return Act.Tanh;
    case 'softmax': return Act.Softmax;
    case 'relu': return Act.Relu;
    case 'leaky_relu': return Act.LeakyRelu;
    case 'prelu': return Act.Prelu;
    case 'elu': return Act.Elu;
    case 'selu': return Act.Selu;
  }
}

/** Pre-activations at or beyond this magnitude count as saturated (DeepDiagnosis). */
export const SATURATION_THRESHOLD = 5;

export class ActivationUnit {
  readonly code: Act;
  readonly alpha: number;
  /** prelu only: the learned slopes, one per channel. */
  readonly slope: Param | null;
  /** Output buffer (y); for linear this is the pre-activation buffer itself. */
  y: Arr | undefined;
  /** Dead-unit tracking (relu): per channel, whether it was ever positive since the last reset. */
  readonly everPositive: Uint8Array | null;
  /** Saturation counting (sigmoid/tanh). */
  saturated = 0;
  seen = 0;

  constructor(
    readonly activation: Activation,
    readonly channels: number,
    readonly dtype: DType,
  ) {
    this.code = actCode(activation);
    this.alpha = activation.name === 'leaky_relu' || activation.name === 'elu' ? activation.alpha : 0;
    if (activation.name === 'prelu') {
      const value = alloc(dtype, channels).fill(activation.init);
      this.slope = { name: 'alpha', shape: [channels], value, grad: alloc(dtype, channels), trainable: true };
    } else this.slope = null;
    this.everPositive = this.code === Act.Relu ? new Uint8Array(channels) : null;
  }

  get tracksDead(): boolean {
    return this.everPositive !== null;
  }

  get tracksSaturation(): boolean {
    return this.code === Act.Sigmoid || this.code === Act.Tanh;
  }

  /** y = f(z) for `rows` rows of `channels`; also feeds the diagnostics when `observe` is set. */
  forward(z: Arr, len: number, observe: boolean): Arr {
    if (this.code === Act.Linear) {
      this.y = z;
      return z;
    }
    const y = (this.y = ensure(this.y, this.dtype, len));
    const ep = this.everPositive;
    if (observe && ep !== null) {
      // relu and its dead-unit record in one pass (which skips the channels already seen positive).
      K.reluObserve(z, y, len, this.channels, ep);
      return y;
    }
    if (this.code === Act.Softmax) K.softmaxForward(z, y, len / this.channels, this.channels);
    else K.activationForward(this.code, z, y, len, this.alpha, this.slope ? this.slope.value : null, this.channels);
    if (observe) this.observe(z, len);
    return y;
  }

  /** Saturation counting (relu's dead units are recorded by K.reluObserve in the forward). */
  private observe(z: Arr, len: number): void {
    if (this.tracksSaturation) {
      let s = 0;
      for (let i = 0; i < len; i++) s += +(Math.abs(z[i]!) >= SATURATION_THRESHOLD); // branch-free; NaN never counts
      this.saturated += s;
      this.seen += len;
    }
  }

  /** dz = f'(z)·dy (in place into `dz`, which may alias `dy`); prelu also fills its slope gradient. */
  backward(z: Arr, dy: Arr, dz: Arr, len: number): void {
    const y = this.y as Arr;
    if (this.code === Act.Softmax) K.softmaxBackward(y, dy, dz, len / this.channels, this.channels);
    else
      K.activationBackward(
        this.code, z, y, dy, dz, len, this.alpha,
        this.slope ? this.slope.value : null, this.channels, this.slope ? this.slope.grad : null,
      );
  }

  resetDiagnostics(): void {
    if (this.everPositive) this.everPositive.fill(0);
    this.saturated = 0;
    this.seen = 0;
  }

  deadFraction(): number | undefined {
    const ep = this.everPositive;
    if (ep === null) return undefined;
    let dead = 0;
    for (let i = 0; i < ep.length; i++) if (ep[i] === 0) dead++;
    return dead / ep.length;
  }

  saturatedFraction(): number | undefined {
    if (!this.tracksSaturation) return undefined;
    return this.seen === 0 ? 0 : this.saturated / this.seen;
  }
}
