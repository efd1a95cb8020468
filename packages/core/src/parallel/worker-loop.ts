/**
 * A data-parallel worker: builds its own copy of the model, then, each time the main thread bumps
 * the step counter, reads the shared weights, runs forward + backward on its shard of the shared batch
 * and leaves its gradient (the mean over its shard), outputs and loss in the shared buffer.
 * Environment-agnostic: a Node worker thread or a browser Web Worker calls `runShardWorker`.
 */
import type { Loss, ResolvedNetwork } from '@axon/language';
import { alloc, type DType } from '../arr.js';
import { planLoss } from '../losses.js';
import { allParams, buildModel, outputActivation, outputFeatures } from '../model.js';
import { deriveRng } from '../rng.js';
import { CMD, DONE, ERROR_BYTES, GEN, QUIT, ROWS, shardRows, sharedViews, type SharedLayout } from './layout.js';
import { shardPass } from './shard.js';

export interface WorkerInit {
  network: ResolvedNetwork;
  seed: number;
  dtype: DType;
  loss: Loss;
  buffer: SharedArrayBuffer;
  layout: SharedLayout;
  /** This worker's shard, 1 … threads−1 (shard 0 is the main thread's). */
  index: number;
}

/** Dropout stream of shard `s` (shard 0, the main thread, keeps fit's own stream 2). */
export const shardDropoutStream = (s: number): number => 1000 + s;

/** Builds the model; returns the loop to run (blocking) once the main thread has been told it is ready. */
export function prepareShardWorker(init: WorkerInit): () => void {
  const { layout, index } = init;
  const v = sharedViews(init.buffer, layout);
  const model = buildModel(init.network, { seed: init.seed, dtype: init.dtype });
  const params = allParams(model);
  const plan = planLoss(init.loss, outputActivation(model), outputFeatures(model));
  const ctx = { training: true, updateStats: true, observe: false, rng: deriveRng(init.seed, shardDropoutStream(index)) };
  const inSize = layout.inSize, outSize = layout.outSize;
  const grad = alloc(init.dtype, layout.batchSize * outSize);
  // The weights and gradients live in the shared buffer itself (the layers reach them through their
  // Param on every pass): the main thread's weights are read in place, the gradient lands in this
  // worker's slot unscaled, and nothing is copied per step on this side.
  const slot = v.grads(index);
  let at = 0;
  for (const p of params) {
    const len = p.value.length;
    p.value = v.weights.subarray(at, at + len);
    if (p.trainable) p.grad = slot.subarray(at, at + len);
    at += len;
  }
  return () => {
    // The counter's value before the first step: the main thread bumps it only once every worker is ready,
    // so reading it here (after 'ready' was posted) could already see step 1 and miss it.
    let gen = 0;
    for (;;) {
      Atomics.wait(v.ctrl, GEN, gen);
      gen = Atomics.load(v.ctrl, GEN);
      if (Atomics.load(v.ctrl, CMD) === QUIT) return;
      try {
        const m = Atomics.load(v.ctrl, ROWS);
        const { start, count } = shardRows(m, layout.threads, index);
        v.loss[index] = 0;
        if (count > 0) {
          const x = v.x.subarray(start * inSize, (start + count) * inSize);
          const y = v.y.subarray(start * outSize, (start + count) * outSize);
          const r = shardPass(model, plan, x, y, count, ctx, grad);
          v.loss[index] = r.value;
          v.out.set(r.out.subarray(0, count * outSize), start * outSize);
        }
      } catch (err) {
        const text = new TextEncoder().encode((err instanceof Error ? err.message : String(err)).slice(0, ERROR_BYTES / 4));
        v.errors.fill(0, index * ERROR_BYTES, (index + 1) * ERROR_BYTES);
        v.errors.set(text.subarray(0, ERROR_BYTES - 1), index * ERROR_BYTES);
      }
      Atomics.add(v.ctrl, DONE, 1);
      Atomics.notify(v.ctrl, DONE);
    }
  };
}
