import type { ActivationUnit } from '../activation.js';
import { ensure, type Arr, type DType } from '../arr.js';
import { K } from '../kernels.js';
import type { Param } from '../param.js';

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
  if (!dyIsPreact && act.code !== 0) {
    dz = ensure(buffer, dtype, rows * units);
    act.backward(z, dy, dz, rows * units);
  }
  K.matmul(input, dz, kernel.grad, inCols, rows, units, true, false, false);
  if (bias) K.sumRows(dz, bias.grad, rows, units, false);
  return dz;
}
