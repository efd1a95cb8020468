/**
 * One sweep run — a variant with one seed — as plain data in and out, so it can run in a worker
 * thread or in-process alike.
 */
import { getHeapStatistics } from 'node:v8';
import { runTraining, type EpochLog, type StopReason } from '@axon/core';
import type { ActivationName } from '@axon/language';
import { makeVariant } from './variants.js';

export interface SweepTask {
  /** The original source; the variant is derived inside the task. */
  source: string;
  /** Path of the .axon file (data sources are relative to it). */
  file: string;
  network: string;
  activation: ActivationName;
  init: 'auto' | 'keep';
  /** Seed for initialisation, shuffling and dropout. The data split always uses the spec's own seed. */
  seed: number;
  epochs?: number;
  /** Read a data source outside the spec's project (`--allow-data-outside`). */
  allowDataOutside?: boolean;
}

export interface SweepRun {
  activation: ActivationName;
  seed: number;
  history: EpochLog[];
  bestEpoch: number;
  stopReason: StopReason;
  message?: string;
  wallMs: number;
  /** Peak of this isolate's JS heap plus its external (typed array) memory, sampled every epoch. */
  peakMemoryMB: number;
  params: number;
}

function heapMB(): number {
  const h = getHeapStatistics();
  return (h.used_heap_size + h.external_memory) / (1024 * 1024);
}

export async function runSweepTask(task: SweepTask, onEpoch?: (log: EpochLog) => void): Promise<SweepRun> {
  const variant = makeVariant(task.source, task.network, task.activation, task.init);
  const network = variant.network;
  let started = performance.now();
  let peak = heapMB();
  // The shared training pipeline; the data split keeps the spec's own seed whatever the run's seed.
  const { result } = await runTraining({
    network,
    specPath: task.file,
    dataSeed: network.train.seed,
    seed: task.seed,
    ...(task.epochs !== undefined ? { epochs: task.epochs } : {}),
    ...(task.allowDataOutside ? { allowDataOutside: true } : {}),
    onStart() {
      started = performance.now();
      peak = heapMB();
    },
    onEpoch(log) {
      peak = Math.max(peak, heapMB());
      onEpoch?.(log);
    },
  });
  return {
    activation: task.activation,
    seed: task.seed,
    history: result.history,
    bestEpoch: result.bestEpoch,
    stopReason: result.stopReason,
    ...(result.message ? { message: result.message } : {}),
    wallMs: performance.now() - started,
    peakMemoryMB: peak,
    params: network.params.total,
  };
}
