/**
 * The main thread's side of a data-parallel fit. Each step: the weights and the batch go into the
 * shared buffer, the workers are woken, the main thread runs shard 0 itself, then waits for the
 * workers and sums the shard gradients into its own params in a fixed order (shard 0, 1, 2, …), each
 * (a mean over its shard) weighted by its share of the batch, so the optimizer then takes one step on the whole batch's mean
 * gradient — the same update as one thread, within float rounding, and bit-identical for a given N.
 */
import type { Loss } from '@axon/language';
import type { Arr } from '../arr.js';
import { scaleAdd } from '../kernels.js';
import type { ForwardContext } from '../layers/layer.js';
import type { LossPlan } from '../losses.js';
import { allParams, type Model } from '../model.js';
import type { Param } from '../param.js';
import { CMD, DONE, ERROR_BYTES, GEN, QUIT, ROWS, STEP, shardRows, sharedLayout, sharedViews, type SharedViews } from './layout.js';
import { packWeights, shardPass, weightCount, type ShardResult } from './shard.js';
import type { SpawnWorker, WorkerHandle } from './spawn.js';
import type { WorkerInit } from './worker-loop.js';

export interface ParallelOptions {
  threads: number;
  batchSize: number;
  seed: number;
  loss: Loss;
  spawn: SpawnWorker;
}

type WaitAsync = (a: Int32Array, i: number, v: number) => { async: boolean; value: Promise<string> | string };

export class ParallelTrainer {
  private failure: string | undefined;
  private failed: (() => void) | undefined;
  private closed = false;

  private constructor(
    private readonly model: Model,
    private readonly plan: LossPlan,
    readonly threads: number,
    private readonly v: SharedViews,
    private readonly workers: WorkerHandle[],
    private readonly params: Param[],
  ) {}

  /** Starts `threads − 1` workers and waits until each has built its model. */
  static async start(model: Model, plan: LossPlan, o: ParallelOptions): Promise<ParallelTrainer> {
    const params = allParams(model);
    const layout = sharedLayout(o.threads, model.dtype, weightCount(model), o.batchSize, model.inputSize, model.outputSize);
    const buffer = new SharedArrayBuffer(layout.at.total);
    const v = sharedViews(buffer, layout);
    const workers: WorkerHandle[] = [];
    let trainer: ParallelTrainer | undefined;
    try {
      for (let i = 1; i < o.threads; i++) workers.push(await o.spawn());
      trainer = new ParallelTrainer(model, plan, o.threads, v, workers, params);
      const t = trainer;
      await Promise.all(
        workers.map(
          (w, k) =>
            new Promise<void>((resolve, reject) => {
              w.onMessage((m) => (m.type === 'ready' ? resolve() : reject(new Error(`training thread ${k + 1}: ${m.message}`))));
              w.onExit((reason) => {
                const message = `training thread ${k + 1} stopped (${reason})`;
                if (!t.closed) t.fail(message);
                reject(new Error(message));
              });
              const init: WorkerInit = { network: model.network, seed: o.seed, dtype: model.dtype, loss: o.loss, buffer, layout, index: k + 1 };
              w.postMessage(init);
            }),
        ),
      );
      return trainer;
    } catch (err) {
      if (trainer) await trainer.close();
      else await Promise.all(workers.map((w) => w.terminate()));
      throw err;
    }
  }

  private fail(message: string): void {
    this.failure ??= message;
    this.failed?.();
  }

  /**
   * Forward, loss and backward over the `m` rows of `x`/`y`, split over the threads; leaves the whole
   * batch's mean gradient in the model's params. Returns the outputs of all rows and the mean loss.
   */
  async step(x: Arr, y: Arr, m: number, ctx: ForwardContext): Promise<ShardResult> {
    const { v, model, threads } = this;
    if (this.failure) throw new Error(this.failure);
    const inSize = model.inputSize, outSize = model.outputSize;
    packWeights(this.params, v.weights);
    v.x.set(x.subarray(0, m * inSize));
    v.y.set(y.subarray(0, m * outSize));
    Atomics.store(v.ctrl, ROWS, m);
    Atomics.store(v.ctrl, DONE, 0);
    Atomics.store(v.ctrl, CMD, STEP);
    Atomics.add(v.ctrl, GEN, 1);
    Atomics.notify(v.ctrl, GEN);

    const own = shardRows(m, threads, 0);
    const r = shardPass(model, this.plan, x, y, own.count, ctx, alloc(model, own.count * outSize));
    v.out.set(r.out.subarray(0, own.count * outSize), 0);
    await this.waitForWorkers();

    let value = (r.value * own.count) / m;
    for (let s = 1; s < threads; s++) value += (v.loss[s] as number) * (shardRows(m, threads, s).count / m);
    if (Number.isFinite(value)) this.reduce(m);
    return { out: v.out.subarray(0, m * outSize), value };
  }

  /** params.grad ← s₀·grad₀ + s₁·grad₁ + …, summed in shard order, sₖ = shard k's share of the batch. */
  private reduce(m: number): void {
    const { v, threads } = this;
    const slots: Arr[] = [];
    const shares: number[] = [];
    for (let s = 1; s < threads; s++) {
      const count = shardRows(m, threads, s).count;
      if (count > 0) {
        slots.push(v.grads(s));
        shares.push(count / m);
      }
    }
    const s0 = shardRows(m, threads, 0).count / m;
    let o = 0;
    for (const p of this.params) {
      if (p.trainable) {
        const g = p.grad, len = g.length;
        if (slots.length === 0) for (let j = 0; j < len; j++) g[j] = (g[j] as number) * s0;
        for (let k = 0; k < slots.length; k++) scaleAdd(g, slots[k] as Arr, o, len, k === 0 ? s0 : 1, shares[k] as number);
      }
      o += p.value.length;
    }
  }

  private async waitForWorkers(): Promise<void> {
    const { ctrl } = this.v;
    const want = this.threads - 1;
    const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;
    for (let done = Atomics.load(ctrl, DONE); done < want; done = Atomics.load(ctrl, DONE)) {
      if (this.failure) throw new Error(this.failure);
      if (waitAsync) {
        const w = waitAsync(ctrl, DONE, done);
        if (w.async) {
          await Promise.race([w.value, new Promise<void>((resolve) => (this.failed = resolve))]);
          this.failed = undefined;
        }
      } else Atomics.wait(ctrl, DONE, done, 1000);
    }
    const text = this.workerError();
    if (text) throw new Error(text);
  }

  private workerError(): string | undefined {
    const e = this.v.errors;
    for (let s = 1; s < this.threads; s++) {
      const bytes = e.subarray(s * ERROR_BYTES, (s + 1) * ERROR_BYTES);
      const end = bytes.indexOf(0);
      if (end !== 0) return `training thread ${s}: ${new TextDecoder().decode(bytes.slice(0, end < 0 ? undefined : end))}`;
    }
    return undefined;
  }

  /** Stops the workers (idempotent). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.v.ctrl, CMD, QUIT);
    Atomics.add(this.v.ctrl, GEN, 1);
    Atomics.notify(this.v.ctrl, GEN);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

const scratch = new WeakMap<Model, Arr>();
/** The main shard's dL/d(output) buffer, kept per model. */
function alloc(model: Model, length: number): Arr {
  let b = scratch.get(model);
  if (!b || b.length < length) {
    b = model.dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
    scratch.set(model, b);
  }
  return b;
}
