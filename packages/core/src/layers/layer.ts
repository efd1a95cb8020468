/**
 * The engine's view of one layer: its parameters, a forward pass that writes into the layer's own
 * (reused) buffers, and a backward pass that writes parameter gradients and returns dL/dx.
 * Every layer works on flat row-major batches: `n` samples of `inSize` values in, `outSize` out.
 */
import type { ResolvedLayer } from '@axon/language';
import type { ActivationUnit } from '../activation.js';
import type { Arr, DType } from '../arr.js';
import type { Param } from '../param.js';
import type { Rng } from '../rng.js';

export interface ForwardContext {
  /** Dropout active, batch_norm uses batch statistics. */
  training: boolean;
  /** batch_norm: update the moving statistics (training steps only, never in probes). */
  updateStats: boolean;
  /** Feed the diagnostics (dead units, saturation). */
  observe: boolean;
  /** Dropout masks. */
  rng: Rng;
}

export interface LayerImpl {
  readonly spec: ResolvedLayer;
  readonly dtype: DType;
  readonly inSize: number;
  readonly outSize: number;
  /** All weights, in Keras order (trainable and not). */
  readonly params: Param[];
  /** The weight whose gradient norm the diagnostics report (dense/conv kernel). */
  readonly kernel: Param | null;
  /** The activation the layer applies, if any (dense, conv2d, activation). */
  readonly act: ActivationUnit | null;
  /** The pre-activations of the last forward pass (layers with `act`). */
  preact(): Arr;
  /** Returns the layer's output buffer (valid until the next forward). */
  forward(x: Arr, n: number, ctx: ForwardContext): Arr;
  /**
   * Writes parameter gradients; returns dL/dx, or null when `needDx` is false.
   * `dyIsPreact`: `dy` already is dL/dz of the layer's activation (a fused softmax/sigmoid loss).
   */
  backward(dy: Arr, n: number, needDx: boolean, dyIsPreact: boolean): Arr | null;
}
