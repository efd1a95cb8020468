/** What the weighted layers (dense, conv2d) share: their parameters and the weight-gradient step. */
import type { Activation, Initializer, Regularizer } from '@axon/language';
import { ActivationUnit } from '../activation.js';
import { alloc, ensure, product, type Arr, type DType } from '../arr.js';
import { initialize, type Fans } from '../init.js';
import { Act, K } from '../kernels.js';
import type { Param } from '../param.js';
import type { Rng } from '../rng.js';
import { hasBias } from './layer.js';

export interface WeightedParams {
  kernel: Param;
  /** Absent with `use_bias: false`. */
  bias: Param | null;
  act: ActivationUnit;
  /** Keras's order: kernel, bias, then prelu's slopes. */
  params: Param[];
}

/**
 * A weighted layer's kernel of `kernelShape` and bias of `units` (unless `use_bias: false`), initialised
 * in that order with `fans`, and its activation over the `units` output channels. The kernel carries the
 * layer's `kernel_regularizer` (fit adds its penalty and gradient; see regularizers.ts).
 */
export function weightedParams(
  spec: { init: Initializer; biasInit: Initializer; activation: Activation; useBias?: boolean; kernelRegularizer?: Regularizer },
  kernelShape: number[],
  units: number,
  fans: Fans,
  dtype: DType,
  rng: Rng,
): WeightedParams {
  const size = product(kernelShape);
  const kernel: Param = { name: 'kernel', shape: kernelShape, value: alloc(dtype, size), grad: alloc(dtype, size), trainable: true };
  if (spec.kernelRegularizer) kernel.regularizer = spec.kernelRegularizer;
  const bias: Param | null = hasBias(spec) ? { name: 'bias', shape: [units], value: alloc(dtype, units), grad: alloc(dtype, units), trainable: true } : null;
  initialize(kernel.value, spec.init, fans, rng);
  if (bias) initialize(bias.value, spec.biasInit, fans, rng);
  const act = new ActivationUnit(spec.activation, units, dtype);
  const params = bias ? [kernel, bias] : [kernel];
  if (act.slope) params.push(act.slope);
  return { kernel, bias, act, params };
}

/**
 * The first half of a weighted layer's backward pass (dense, conv2d): dL/dz through its activation
 * (into `buffer`, unless `dy` already is dL/dz or the activation is linear), then the kernel's
 * gradient inputᵀ·dz ([inCols, units]) and the bias's Σ dz over the `rows`. Returns dz: `dy` itself,
 * or the (possibly new) buffer for the layer to keep.
 */
export function weightGradients(
  act: ActivationUnit,
  z: Arr,
  dy: Arr,
  dyIsPreact: boolean,
  buffer: Arr | undefined,
  dtype: DType,
  input: Arr,
  kernel: Param,
  bias: Param | null,
  rows: number,
  inCols: number,
  units: number,
): Arr {
  let dz = dy;
  let biasDone = false;
  if (!dyIsPreact && act.code !== 0) {
    dz = ensure(buffer, dtype, rows * units);
    if (act.code === Act.Relu && bias) {
      // relu's dz and the bias gradient in one pass (the same bits as act.backward + sumRows).
      K.reluBackwardBias(z, dy, dz, rows, units, bias.grad);
      biasDone = true;
    } else act.backward(z, dy, dz, rows * units);
  }
  K.matmul(input, dz, kernel.grad, inCols, rows, units, true, false, false);
  if (bias && !biasDone) K.sumRows(dz, bias.grad, rows, units, false);
  return dz;
}
