import type { ResolvedLayer } from '@axon/language';
import { ActivationUnit } from '../activation.js';
import { alloc, ensure, type Arr, type DType } from '../arr.js';
import { initialize } from '../init.js';
import { K } from '../kernels.js';
import type { Param } from '../param.js';
import type { Rng } from '../rng.js';
import type { ForwardContext, LayerImpl } from './layer.js';

type DenseSpec = Extract<ResolvedLayer, { kind: 'dense' }>;

/** y = f(x·W + b), W in Keras layout [in, units]. */
export class DenseLayer implements LayerImpl {
  readonly inSize: number;
  readonly outSize: number;
  readonly params: Param[];
  readonly kernel: Param;
  readonly bias: Param;
  readonly act: ActivationUnit;
  private x: Arr | undefined;
  private z: Arr | undefined;
  private dz: Arr | undefined;
  private dx: Arr | undefined;

  constructor(readonly spec: DenseSpec, readonly dtype: DType, inSize: number, rng: Rng) {
    const units = spec.units;
    this.inSize = inSize;
    this.outSize = units;
    this.kernel = { name: 'kernel', shape: [inSize, units], value: alloc(dtype, inSize * units), grad: alloc(dtype, inSize * units), trainable: true };
    this.bias = { name: 'bias', shape: [units], value: alloc(dtype, units), grad: alloc(dtype, units), trainable: true };
    initialize(this.kernel.value, spec.init, { fanIn: inSize, fanOut: units }, rng);
    initialize(this.bias.value, spec.biasInit, { fanIn: inSize, fanOut: units }, rng);
    this.act = new ActivationUnit(spec.activation, units, dtype);
    this.params = [this.kernel, this.bias];
    if (this.act.slope) this.params.push(this.act.slope);
  }

  preact(): Arr {
    return this.z as Arr;
  }

  forward(x: Arr, n: number, ctx: ForwardContext): Arr {
    const units = this.outSize;
    this.x = x;
    const z = (this.z = ensure(this.z, this.dtype, n * units));
    K.matmul(x, this.kernel.value, z, n, this.inSize, units, false, false, false);
    K.addRowVector(z, this.bias.value, n, units);
    return this.act.forward(z, n * units, ctx.observe);
  }

  backward(dy: Arr, n: number, needDx: boolean, dyIsPreact: boolean): Arr | null {
    const units = this.outSize;
    const len = n * units;
    let dz = dy;
    if (!dyIsPreact && this.act.code !== 0) {
      dz = this.dz = ensure(this.dz, this.dtype, len);
      this.act.backward(this.z as Arr, dy, dz, len);
    }
    K.matmul(this.x as Arr, dz, this.kernel.grad, this.inSize, n, units, true, false, false);
    K.sumRows(dz, this.bias.grad, n, units, false);
    if (!needDx) return null;
    const dx = (this.dx = ensure(this.dx, this.dtype, n * this.inSize));
    K.matmul(dz, this.kernel.value, dx, n, units, this.inSize, false, true, false);
    return dx;
  }
}
