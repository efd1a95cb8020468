import type { Regularizer } from '@axon/language';
import type { Arr } from './arr.js';

/** A weight tensor of a layer with its gradient (Keras layout, row-major). */
export interface Param {
  /** Keras weight name: kernel, bias, gamma, beta, moving_mean, moving_variance, alpha. */
  name: string;
  shape: number[];
  value: Arr;
  /** Gradient of the loss, written by the last backward pass (unused for non-trainable params). */
  grad: Arr;
  trainable: boolean;
  /** A penalty on this tensor added to the loss (a layer's `kernel_regularizer`); see regularizers.ts. */
  regularizer?: Regularizer;
}
