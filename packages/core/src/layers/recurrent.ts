/**
 * A recurrent layer (`lstm`, `gru`, `simple_rnn`) over `[steps, features]`: one cell, or two when
 * `bidirectional` (the second reads the sequence from its last step to its first). Output as Keras:
 * the last state `[units]`, or every step's state `[steps, units]` with `returnSequences`; a
 * bidirectional layer concatenates forward then backward (`2 × units`), and with `returnSequences`
 * the backward states are re-reversed so step t of both halves belongs to input step t.
 *
 * Dropout (training only): one mask per sample over the input features, shared by every step, and
 * one over the state for `recurrentDropout`; each direction draws its own.
 * Weights (`params`): Keras's `get_weights()` order, kernel, recurrent_kernel, bias, the backward
 * direction's three after the forward's (named `forward_…`, `backward_…`).
 */
import type { RecurrentKind, ResolvedLayer } from '@axon/language';
import { ensure, type Arr, type DType } from '../arr.js';
import type { Param } from '../param.js';
import type { Rng } from '../rng.js';
import { GruCell } from './gru-cell.js';
import type { ForwardContext, LayerImpl } from './layer.js';
import { LstmCell } from './lstm-cell.js';
import type { CellOptions, RecurrentCell } from './recurrent-cell.js';
import { SimpleRnnCell } from './simple-rnn-cell.js';

export type RecurrentSpec = Extract<ResolvedLayer, { kind: RecurrentKind }>;

const CELLS: Record<RecurrentKind, new (o: CellOptions, dtype: DType, rng: Rng) => RecurrentCell> = {
  lstm: LstmCell,
  gru: GruCell,
  simple_rnn: SimpleRnnCell,
};

const GATES: Record<RecurrentKind, number> = { lstm: 4, gru: 3, simple_rnn: 1 };

/**
 * Values a recurrent layer keeps per sample for its backward pass (every step's input, gate
 * pre-activations and activations, and states, per direction): what bounds how many samples
 * `predict` runs at once.
 */
export function recurrentFloatsPerSample(spec: RecurrentSpec): number {
  const [steps, features] = spec.inputShape as [number, number];
  const g = GATES[spec.kind] * spec.units;
  return (spec.bidirectional ? 2 : 1) * steps * (features + 3 * g + 4 * spec.units);
}

interface DirectionBuffers {
  xt?: Arr;
  mask: Arr | null;
  rmask: Arr | null;
  dSeq?: Arr;
  dLast?: Arr;
}

export class RecurrentLayer implements LayerImpl {
  readonly inSize: number;
  readonly outSize: number;
  readonly steps: number;
  readonly features: number;
  readonly cells: readonly RecurrentCell[];
  readonly params: Param[];
  /** The forward direction's input kernel (its gradient norm is the layer's in the diagnostics). */
  readonly kernel: Param;
  /** The gates are not a layer activation: nothing to fuse with a loss, no dead-unit or saturation counts. */
  readonly act = null;
  private readonly bufs: DirectionBuffers[];
  private y: Arr | undefined;
  private dx: Arr | undefined;

  constructor(readonly spec: RecurrentSpec, readonly dtype: DType, inputShape: readonly number[], rng: Rng) {
    const [steps, features] = inputShape as [number, number];
    this.steps = steps;
    this.features = features;
    const directions = spec.bidirectional ? 2 : 1;
    const where = `layer ${spec.index} (${spec.name})`;
    this.cells = Array.from({ length: directions }, (_, d) => {
      const o: CellOptions = {
        units: spec.units,
        features,
        activation: spec.activation,
        ...(spec.recurrentActivation ? { recurrentActivation: spec.recurrentActivation } : {}),
        useBias: spec.useBias !== false,
        prefix: directions === 1 ? '' : d === 0 ? 'forward_' : 'backward_',
        where,
      };
      return new CELLS[spec.kind](o, dtype, rng);
    });
    this.params = this.cells.flatMap((c) => c.params);
    this.kernel = (this.cells[0] as RecurrentCell).kernel;
    this.bufs = this.cells.map(() => ({ mask: null, rmask: null }));
    this.inSize = steps * features;
    this.outSize = (spec.returnSequences ? steps : 1) * directions * spec.units;
  }

  preact(): Arr {
    throw new Error(`${this.spec.kind} has no output activation to fuse with the loss`);
  }

  /** ‖dL/dh_t‖ over the batch per input step t of the last backward pass (the forward direction's). */
  stepGradNorms(): Float64Array {
    return (this.cells[0] as RecurrentCell).stepGradNorms;
  }

  forward(x: Arr, n: number, ctx: ForwardContext): Arr {
    const { steps: T, features: F } = this;
    const U = this.spec.units;
    const D = this.cells.length;
    this.cells.forEach((cell, d) => {
      const b = this.bufs[d] as DirectionBuffers;
      b.mask = ctx.training && this.spec.dropout > 0 ? this.dropMask(b.mask, n * F, this.spec.dropout, ctx.rng) : null;
      b.rmask = ctx.training && this.spec.recurrentDropout > 0 ? this.dropMask(b.rmask, n * U, this.spec.recurrentDropout, ctx.rng) : null;
      const xt = (b.xt = ensure(b.xt, this.dtype, T * n * F));
      const mask = b.mask;
      for (let k = 0; k < T; k++) {
        const t = d === 0 ? k : T - 1 - k;
        for (let s = 0; s < n; s++) {
          const src = (s * T + t) * F, dst = (k * n + s) * F, m = s * F;
          if (mask) for (let f = 0; f < F; f++) xt[dst + f] = (x[src + f] as number) * (mask[m + f] as number);
          else for (let f = 0; f < F; f++) xt[dst + f] = x[src + f] as number;
        }
      }
      cell.forward(xt, n, T, b.rmask);
    });
    const width = D * U;
    const y = (this.y = ensure(this.y, this.dtype, n * this.outSize));
    this.cells.forEach((cell, d) => {
      const h = cell.h as Arr;
      if (this.spec.returnSequences) {
        for (let t = 0; t < T; t++) {
          const k = d === 0 ? t : T - 1 - t;
          for (let s = 0; s < n; s++) {
            const src = ((k + 1) * n + s) * U, dst = (s * T + t) * width + d * U;
            for (let u = 0; u < U; u++) y[dst + u] = h[src + u] as number;
          }
        }
      } else {
        const last = cell.lastOffset();
        for (let s = 0; s < n; s++) for (let u = 0; u < U; u++) y[s * width + d * U + u] = h[last + s * U + u] as number;
      }
    });
    return y;
  }

  backward(dy: Arr, n: number, needDx: boolean): Arr | null {
    const { steps: T, features: F } = this;
    const U = this.spec.units;
    const width = this.cells.length * U;
    const dx = needDx ? (this.dx = ensure(this.dx, this.dtype, n * this.inSize)) : null;
    this.cells.forEach((cell, d) => {
      const b = this.bufs[d] as DirectionBuffers;
      let dxt: Arr | null;
      if (this.spec.returnSequences) {
        const dSeq = (b.dSeq = ensure(b.dSeq, this.dtype, T * n * U));
        for (let t = 0; t < T; t++) {
          const k = d === 0 ? t : T - 1 - t;
          for (let s = 0; s < n; s++) {
            const src = (s * T + t) * width + d * U, dst = (k * n + s) * U;
            for (let u = 0; u < U; u++) dSeq[dst + u] = dy[src + u] as number;
          }
        }
        dxt = cell.backward(dSeq, null, needDx);
      } else {
        const dLast = (b.dLast = ensure(b.dLast, this.dtype, n * U));
        for (let s = 0; s < n; s++) for (let u = 0; u < U; u++) dLast[s * U + u] = dy[s * width + d * U + u] as number;
        dxt = cell.backward(null, dLast, needDx);
      }
      if (!dx || !dxt) return;
      const mask = b.mask;
      for (let k = 0; k < T; k++) {
        const t = d === 0 ? k : T - 1 - k;
        for (let s = 0; s < n; s++) {
          const src = (k * n + s) * F, dst = (s * T + t) * F, m = s * F;
          for (let f = 0; f < F; f++) {
            const g = mask ? (dxt[src + f] as number) * (mask[m + f] as number) : (dxt[src + f] as number);
            dx[dst + f] = d === 0 ? g : (dx[dst + f] as number) + g;
          }
        }
      }
    });
    return dx;
  }

  /** Inverted dropout: each kept value scaled by 1/(1 − rate). */
  private dropMask(buf: Arr | null, len: number, rate: number, rng: Rng): Arr {
    const mask = ensure(buf ?? undefined, this.dtype, len);
    const keep = 1 / (1 - rate);
    for (let i = 0; i < len; i++) mask[i] = rng.next() >= rate ? keep : 0;
    return mask;
  }
}
