/**
 * The engine's view of one layer: its parameters, a forward pass that writes into the layer's own
 * (reused) buffers, and a backward pass that writes parameter gradients and returns dL/dx.
 * Every layer works on flat row-major batches: `n` samples of `inSize` values in, `outSize` out.
 * A merge (`JoinImpl`) reads several such batches and writes one.
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

/** What every engine layer has, whatever it reads: its spec, weights and activation. */
export interface EngineLayerBase {
  readonly spec: ResolvedLayer;
  readonly dtype: DType;
  readonly outSize: number;
  /** All weights, in Keras order (trainable and not). */
  readonly params: Param[];
  /** The weight whose gradient norm the diagnostics report (dense/conv kernel). */
  readonly kernel: Param | null;
  /** The activation the layer applies, if any (dense, conv2d, activation). */
  readonly act: ActivationUnit | null;
  /** The pre-activations of the last forward pass (layers with `act`). */
  preact(): Arr;
  /** Recurrent layers: ‖dL/dh_t‖ over the batch per input step t of the last backward pass. */
  stepGradNorms?(): Float64Array;
}

/** A layer that reads one input (every kind written as a call). */
export interface LayerImpl extends EngineLayerBase {
  readonly inSize: number;
  /** Returns the layer's output buffer (valid until the next forward). */
  forward(x: Arr, n: number, ctx: ForwardContext): Arr;
  /**
   * Writes parameter gradients; returns dL/dx, or null when `needDx` is false.
   * `dyIsPreact`: `dy` already is dL/dz of the layer's activation (a fused softmax/sigmoid loss).
   * Never writes into `dy` (a gradient may be shared by several inputs of a merge).
   */
  backward(dy: Arr, n: number, needDx: boolean, dyIsPreact: boolean): Arr | null;
}

/** A layer that joins two or more inputs (merge). No weights, no activation. */
export interface JoinImpl extends EngineLayerBase {
  readonly join: true;
  /** Values per sample of each input, in input order. */
  readonly inSizes: readonly number[];
  forward(xs: readonly Arr[], n: number): Arr;
  /**
   * dL/d(each input), null where `needDx` is false. The returned buffers may be shared between
   * inputs (add passes `dy` itself to all of them): read them, never write into them.
   */
  backward(dy: Arr, n: number, needDx: readonly boolean[]): readonly (Arr | null)[];
}

export type EngineLayer = LayerImpl | JoinImpl;

export function isJoin(layer: EngineLayer): layer is JoinImpl {
  return (layer as JoinImpl).join === true;
}

/**
 * Whether a dense or conv2d layer has a bias (`use_bias`, default true). A hand-built network
 * written before `useBias` existed (no field) keeps its bias.
 */
export function hasBias(spec: { useBias?: boolean }): boolean {
  return spec.useBias !== false;
}
