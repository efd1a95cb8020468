/** fit's hook: the ParallelTrainer a fit uses, or undefined to train on this thread alone. */
import type { Loss } from '@axon/language';
import type { LossPlan } from '../losses.js';
import type { Model } from '../model.js';
import { planThreads } from './plan.js';
import { defaultSpawner, type SpawnWorker } from './spawn.js';
import { ParallelTrainer } from './trainer.js';

export interface ThreadOptions {
  /** Threads to train on (default 1); fewer are used when the batch is too small (see planThreads). */
  threads?: number;
  /** How to start a worker (default: Node's worker_threads under Node; a browser passes its own). */
  spawnWorker?: SpawnWorker;
  /** Multiply-adds a shard must have for a thread to pay (default MIN_SHARD_MACS; 0 always splits). */
  minShardMacs?: number;
  /** Multiply-adds a whole run must have for the workers' start-up to pay (default MIN_RUN_MACS; 0 skips the check). */
  minRunMacs?: number;
}

export async function openParallel(
  model: Model,
  plan: LossPlan,
  o: ThreadOptions,
  batchSize: number,
  seed: number,
  loss: Loss,
  run?: { samples: number; epochs: number },
): Promise<ParallelTrainer | undefined> {
  if (!o.threads || o.threads <= 1) return undefined;
  const { threads } = planThreads(model, batchSize, o.threads, o.minShardMacs, run, o.minRunMacs);
  if (threads <= 1) return undefined;
  const spawn = o.spawnWorker ?? defaultSpawner();
  if (!spawn) return undefined;
  return ParallelTrainer.start(model, plan, { threads, batchSize, seed, loss, spawn });
}
