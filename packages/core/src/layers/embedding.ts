/**
 * Token ids → vectors (Keras's `Embedding`): `[steps]` ids → `[steps, outputDim]`. The ids arrive as
 * the network input's float values and must be whole numbers in [0, inputDim). The table
 * `embeddings` [inputDim, outputDim] starts uniform in [-0.05, 0.05] (Keras's default); its gradient
 * is the scatter-add of each step's output gradient into the row of its id. No gradient flows to the
 * ids.
 */
import type { ResolvedLayer } from '@axon/language';
import { alloc, ensure, type Arr, type DType } from '../arr.js';
import { initUniform } from '../init.js';
import { ModelError } from '../model-error.js';
import type { Param } from '../param.js';
import type { Rng } from '../rng.js';
import type { ForwardContext, LayerImpl } from './layer.js';

type EmbeddingSpec = Extract<ResolvedLayer, { kind: 'embedding' }>;

/** Keras's `RandomUniform(minval=-0.05, maxval=0.05)`, the embedding's default initializer. */
export const EMBEDDING_INIT_LIMIT = 0.05;

export class EmbeddingLayer implements LayerImpl {
  readonly inSize: number;
  readonly outSize: number;
  readonly table: Param;
  readonly params: Param[];
  /** Its gradient norm is the layer's in the diagnostics. */
  readonly kernel: Param;
  readonly act = null;
  private ids: Int32Array = new Int32Array(0);
  private y: Arr | undefined;

  constructor(readonly spec: EmbeddingSpec, readonly dtype: DType, inputShape: readonly number[], rng: Rng) {
    const steps = inputShape.reduce((a, b) => a * b, 1);
    const size = spec.inputDim * spec.outputDim;
    this.table = { name: 'embeddings', shape: [spec.inputDim, spec.outputDim], value: alloc(dtype, size), grad: alloc(dtype, size), trainable: true };
    initUniform(this.table.value, EMBEDDING_INIT_LIMIT, rng);
    this.params = [this.table];
    this.kernel = this.table;
    this.inSize = steps;
    this.outSize = steps * spec.outputDim;
  }

  preact(): Arr {
    throw new Error('embedding has no activation');
  }

  forward(x: Arr, n: number, _ctx: ForwardContext): Arr {
    const len = n * this.inSize;
    const D = this.spec.outputDim, V = this.spec.inputDim;
    if (this.ids.length < len) this.ids = new Int32Array(len);
    const ids = this.ids;
    const y = (this.y = ensure(this.y, this.dtype, len * D));
    const table = this.table.value;
    for (let i = 0; i < len; i++) {
      const v = x[i] as number;
      if (!Number.isInteger(v) || v < 0 || v >= V) {
        const sample = Math.floor(i / this.inSize), step = i % this.inSize;
        throw new ModelError(
          `layer ${this.spec.index} (${this.spec.name}): token id ${v} (sample ${sample}, step ${step}) is ${Number.isInteger(v) ? 'outside' : 'not a whole number in'} [0, ${V}); an embedding's ids are whole numbers below its input_dim ${V}`,
        );
      }
      ids[i] = v;
      y.set(table.subarray(v * D, (v + 1) * D), i * D);
    }
    return y;
  }

  backward(dy: Arr, n: number, _needDx: boolean): Arr | null {
    const len = n * this.inSize;
    const D = this.spec.outputDim;
    const g = this.table.grad;
    g.fill(0);
    const ids = this.ids;
    for (let i = 0; i < len; i++) {
      const row = (ids[i] as number) * D, src = i * D;
      for (let j = 0; j < D; j++) g[row + j] += dy[src + j] as number;
    }
    return null;
  }
}
