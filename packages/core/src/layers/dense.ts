import type { ResolvedLayer } from '@axon/language';
import type { ActivationUnit } from '../activation.js';
import { ensure, product, type Arr, type DType } from '../arr.js';
import { K } from '../kernels.js';
import type { Param } from '../param.js';
import type { Rng } from '../rng.js';
import type { ForwardContext, LayerImpl } from './layer.js';
import { weightedParams, weightGradients } from './weighted.js';

type DenseSpec = Extract<ResolvedLayer, { kind: 'dense' }>;

/**
 * y = f(x·W + b), W in Keras layout [features, units], applied to the LAST axis of the input (Keras
 * semantics): an input of shape [d1, …, dk, features] is read as n·d1·…·dk rows of `features` values
 * (row-major NHWC data already is), and the output is [d1, …, dk, units]. A rank-1 input is one row
 * per sample. Activations (softmax, prelu's slopes, dead-unit counts) work per unit = per output column.
 */
export class DenseLayer implements LayerImpl {
  readonly inSize: number;
  readonly outSize: number;
  /** Size of the input's last axis (the kernel's first dimension). */
  readonly features: number;
  /** Rows per sample: the product of the input's leading axes (1 for a rank-1 input). */
  readonly rowsPerSample: number;
  readonly params: Param[];
  readonly kernel: Param;
  /** Absent with `use_bias: false` (Keras's `use_bias`): the layer's weights are then the kernel alone. */
  readonly bias: Param | null;
  readonly act: ActivationUnit;
  private x: Arr | undefined;
  private z: Arr | undefined;
  private dz: Arr | undefined;
  private dx: Arr | undefined;

  constructor(readonly spec: DenseSpec, readonly dtype: DType, inputShape: readonly number[], rng: Rng) {
    if (inputShape.length === 0) throw new Error('dense needs an input with at least one axis');
    const units = spec.units;
    const features = (this.features = inputShape[inputShape.length - 1] as number);
    this.rowsPerSample = product(inputShape.slice(0, -1));
    this.inSize = this.rowsPerSample * features;
    this.outSize = this.rowsPerSample * units;
    // Keras's Dense: fan_in is the last input axis, fan_out the units, whatever the input's rank.
    ({ kernel: this.kernel, bias: this.bias, act: this.act, params: this.params } = weightedParams(spec, [features, units], units, { fanIn: features, fanOut: units }, dtype, rng));
  }

  preact(): Arr {
    return this.z as Arr;
  }

  forward(x: Arr, n: number, ctx: ForwardContext): Arr {
    const units = this.spec.units;
    const rows = n * this.rowsPerSample;
    this.x = x;
    const z = (this.z = ensure(this.z, this.dtype, rows * units));
    K.matmul(x, this.kernel.value, z, rows, this.features, units, false, false, false, this.bias?.value);
    return this.act.forward(z, rows * units, ctx.observe);
  }

  backward(dy: Arr, n: number, needDx: boolean, dyIsPreact: boolean): Arr | null {
    const units = this.spec.units;
    const rows = n * this.rowsPerSample;
    const dz = weightGradients(this.act, this.z as Arr, dy, dyIsPreact, this.dz, this.dtype, this.x as Arr, this.kernel, this.bias, rows, this.features, units);
    if (dz !== dy) this.dz = dz;
    if (!needDx) return null;
    const dx = (this.dx = ensure(this.dx, this.dtype, rows * this.features));
    K.matmul(dz, this.kernel.value, dx, rows, units, this.features, false, true, false);
    return dx;
  }
}
