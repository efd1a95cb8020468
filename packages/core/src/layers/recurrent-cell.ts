/**
 * One direction of a recurrent layer: its weights (Keras layouts) and the machinery the three cells
 * share. Everything runs time-major over the steps in the order the cell reads them: block k of a
 * buffer holds step k for all `n` samples (`n` rows), so each step is one contiguous matrix.
 *
 *   forward:  xw = x·W + b for every step in one GEMM, then per step the recurrent product h·U is
 *             added (or, for GRU, kept apart) and the subclass applies its gates;
 *   backward: the subclass walks the steps backwards (backpropagation through time) and leaves the
 *             pre-activation gradients of every step in `dxw` (input side) and `drec` (recurrent side,
 *             the same buffer except for GRU); the weight gradients are then three GEMMs over all
 *             steps at once: dW = xᵀ·dxw, dU = h_prevᵀ·drec, db = Σ dxw (GRU: and Σ drec).
 *
 * Recurrent dropout multiplies the previous state by one mask per sample before the recurrent
 * product (the carried state itself is not dropped, as in Keras).
 */
import type { Activation } from '@axon/language';
import { alloc, ensure, type Arr, type DType } from '../arr.js';
import { initialize, initOrthogonal } from '../init.js';
import { K } from '../kernels.js';
import type { Param } from '../param.js';
import type { Rng } from '../rng.js';
import { CellActivation } from './cell-activation.js';

export interface CellOptions {
  units: number;
  /** Values per step of the input. */
  features: number;
  activation: Activation;
  /** The gates' activation (LSTM, GRU). */
  recurrentActivation?: Activation;
  useBias: boolean;
  /** Prefix of the weight names: '' for a single direction, 'forward_' / 'backward_' in a bidirectional layer. */
  prefix: string;
  /** For error messages: `layer 2 (lstm)`. */
  where: string;
}

function param(name: string, shape: number[], dtype: DType): Param {
  const size = shape.reduce((a, b) => a * b, 1);
  return { name, shape, value: alloc(dtype, size), grad: alloc(dtype, size), trainable: true };
}

export abstract class RecurrentCell {
  readonly kernel: Param;
  readonly recurrent: Param;
  readonly bias: Param | null;
  /** Keras's `get_weights()` order: kernel, recurrent_kernel, bias. */
  readonly params: Param[];
  protected readonly U: number;
  protected readonly F: number;
  /** Gate columns per step: gates × units. */
  protected readonly G: number;
  protected readonly act: CellActivation;
  protected readonly gateAct: CellActivation;
  protected n = 0;
  protected T = 0;
  /** The input, time-major in reading order, already masked by dropout: [T·n, F]. */
  protected xt: Arr = new Float64Array(0);
  /** x·W + b_input per step: [T·n, G] (LSTM and SimpleRNN add h·U into it: the pre-activations). */
  protected xw: Arr | undefined;
  /** Hidden states: block 0 is the zero initial state, block k + 1 the state after step k: [(T+1)·n, U]. */
  h: Arr | undefined;
  private hm: Arr | undefined;
  protected rmask: Arr | null = null;
  /** Gradients of the input-side pre-activations per step: [T·n, G]. */
  protected dxw: Arr | undefined;
  /** Gradients of the recurrent-side pre-activations (GRU's own buffer; else `dxw`). */
  protected drec: Arr | undefined;
  /** dL/dh of the state the next (later) step read, carried backwards. */
  protected dhNext: Arr | undefined;
  protected dh: Arr | undefined;
  private dxt: Arr | undefined;
  /** ‖dL/dh_k‖ over the batch for each step k of the last backward pass, in time order of reading. */
  stepGradNorms: Float64Array = new Float64Array(0);

  constructor(readonly o: CellOptions, readonly gates: number, readonly dtype: DType, rng: Rng, biasRows = 1) {
    const U = (this.U = o.units), F = (this.F = o.features), G = (this.G = gates * U);
    this.act = new CellActivation(o.activation, `${o.where}: activation`);
    this.gateAct = new CellActivation(o.recurrentActivation ?? { name: 'sigmoid' }, `${o.where}: recurrent_activation`);
    this.kernel = param(`${o.prefix}kernel`, [F, G], dtype);
    this.recurrent = param(`${o.prefix}recurrent_kernel`, [U, G], dtype);
    this.bias = o.useBias ? param(`${o.prefix}bias`, biasRows === 1 ? [G] : [biasRows, G], dtype) : null;
    initialize(this.kernel.value, { name: 'glorot_uniform' }, { fanIn: F, fanOut: G }, rng);
    initOrthogonal(this.recurrent.value, U, G, rng);
    if (this.bias) this.initBias(this.bias.value);
    this.params = this.bias ? [this.kernel, this.recurrent, this.bias] : [this.kernel, this.recurrent];
  }

  /** GRU keeps the recurrent side's pre-activation gradients apart (its reset gate sits between). */
  protected get splitRecurrent(): boolean {
    return false;
  }

  /** Zeros (LSTM overrides: the forget gate starts at 1). */
  protected initBias(b: Arr): void {
    b.fill(0);
  }

  /** Runs the cell over `T` steps of `n` samples; `xt` is time-major in reading order. */
  forward(xt: Arr, n: number, T: number, rmask: Arr | null): void {
    this.n = n;
    this.T = T;
    this.xt = xt;
    this.rmask = rmask;
    const { F, G, U } = this;
    const xw = (this.xw = ensure(this.xw, this.dtype, T * n * G));
    K.matmul(xt, this.kernel.value, xw, T * n, F, G, false, false, false);
    if (this.bias) K.addRowVector(xw, this.bias.value, T * n, G);
    const h = (this.h = ensure(this.h, this.dtype, (T + 1) * n * U));
    h.fill(0, 0, n * U);
    if (rmask) (this.hm = ensure(this.hm, this.dtype, T * n * U)).fill(0, 0, n * U);
    this.steps();
  }

  /** The state after the last step: offset into `h` of n × U values. */
  lastOffset(): number {
    return this.T * this.n * this.U;
  }

  /** `out` (n × G) (+)= h_k·U, with h_k (the state step k reads) masked by recurrent dropout. Zero for k = 0. */
  protected project(k: number, out: Arr, accumulate: boolean): void {
    const { n, U, G } = this;
    if (k === 0) {
      if (!accumulate) out.fill(0, 0, n * G);
      return;
    }
    const h = this.h as Arr;
    let src = h.subarray(k * n * U, (k + 1) * n * U);
    if (this.rmask) {
      const hm = (this.hm as Arr).subarray(k * n * U, (k + 1) * n * U);
      K.mul(src, this.rmask, hm, n * U);
      src = hm;
    }
    K.matmul(src, this.recurrent.value, out, n, U, G, false, false, accumulate);
  }

  /** dhNext = (drec_k·Uᵀ) ⊙ mask: the gradient step k sends to the state it read (k > 0). */
  protected backProject(k: number): Arr {
    const { n, U, G } = this;
    const dhNext = this.dhNext as Arr;
    const drec = this.drec as Arr;
    K.matmul(drec.subarray(k * n * G, (k + 1) * n * G), this.recurrent.value, dhNext, n, G, U, false, true, false);
    if (this.rmask) K.mul(dhNext, this.rmask, dhNext, n * U);
    return dhNext;
  }

  /** dh = dL/dh_k from the layer's output (`dSeq` block k, or `dLast` at the last step) plus what step k+1 sent back. */
  protected gatherDh(k: number, dSeq: Arr | null, dLast: Arr | null): Arr {
    const nu = this.n * this.U;
    const dh = this.dh as Arr, next = this.dhNext as Arr;
    for (let i = 0; i < nu; i++) dh[i] = next[i] as number;
    if (dSeq) for (let i = 0, o = k * nu; i < nu; i++) dh[i] += dSeq[o + i] as number;
    if (dLast && k === this.T - 1) for (let i = 0; i < nu; i++) dh[i] += dLast[i] as number;
    this.stepGradNorms[k] = Math.sqrt(K.sumSquares(dh, nu));
    return dh;
  }

  /**
   * Backpropagation through time from dL/d(each step's state) (`dSeq`, time-major in reading order)
   * or dL/d(last state) (`dLast`). Writes the weight gradients; returns dL/dx time-major in reading
   * order (before the dropout mask), or null when `needDx` is false.
   */
  backward(dSeq: Arr | null, dLast: Arr | null, needDx: boolean): Arr | null {
    const { n, T, U, G, F } = this;
    const rows = T * n;
    this.dxw = ensure(this.dxw, this.dtype, rows * G);
    this.dh = ensure(this.dh, this.dtype, n * U);
    this.dhNext = ensure(this.dhNext, this.dtype, n * U);
    this.dhNext.fill(0, 0, n * U);
    this.drec = this.splitRecurrent ? ensure(this.drec, this.dtype, rows * G) : this.dxw;
    if (this.stepGradNorms.length !== T) this.stepGradNorms = new Float64Array(T);
    this.backSteps(dSeq, dLast);
    const dxw = this.dxw, drec = this.drec ?? dxw;
    K.matmul(this.xt, dxw, this.kernel.grad, F, rows, G, true, false, false);
    const hsrc = this.rmask ? (this.hm as Arr) : (this.h as Arr);
    K.matmul(hsrc, drec, this.recurrent.grad, U, rows, G, true, false, false);
    if (this.bias) {
      K.sumRows(dxw, this.bias.grad, rows, G, false);
      if (this.bias.grad.length > G) K.sumRows(drec, this.bias.grad.subarray(G), rows, G, false);
    }
    if (!needDx) return null;
    const dxt = (this.dxt = ensure(this.dxt, this.dtype, rows * F));
    K.matmul(dxw, this.kernel.value, dxt, rows, G, F, false, true, false);
    return dxt;
  }

  /** The gates over every step (reading `xw`, calling `project`, writing `h`). */
  protected abstract steps(): void;
  /** The steps backwards: fills `dxw` (and `drec`) for every step. */
  protected abstract backSteps(dSeq: Arr | null, dLast: Arr | null): void;
}
