/**
 * How many threads a fit uses: what was asked, fewer when a shard would be tiny or the run too short
 * for the workers' start-up to pay, one when the network has a layer whose result depends on the whole
 * batch or whose diagnostics live in one model copy.
 */
import type { Model } from '../model.js';

/**
 * Multiply-adds per shard below which a thread is not used. Measured in bench/core-threads.mjs on the
 * shared 2-core machine, steady state: the 4-16-16-3 net at batch 16 (8 rows × 368 = 2,944 MACs a
 * shard, the smallest case measured) still trains 2.0× faster on 2 threads — a step's hand-off costs
 * ≈ 10 µs, the per-row work dominates such a step. Smaller shards were not measured: they stay on one.
 */
export const MIN_SHARD_MACS = 2_000;

/**
 * Multiply-adds of a whole run (per-sample forward MACs × samples × epochs) below which the workers'
 * start-up (each builds its model and compiles the WebAssembly GEMM: 0.5–1.5 s measured on the loaded
 * 2-core machine) costs more than the threads save: about 5 s of one-thread training here.
 */
export const MIN_RUN_MACS = 5e9;

/** Why this network trains on one thread only, or undefined when it can be split. */
export function singleThreadReason(model: Model): string | undefined {
  for (const l of model.network.layers) {
    if (l.kind === 'batch_norm') return `layer ${l.index} (${l.name}) is a batch_norm: its statistics are over the whole batch`;
    if (l.kind === 'lstm' || l.kind === 'gru' || l.kind === 'simple_rnn') {
      return `layer ${l.index} (${l.name}) is recurrent: its per-step gradient diagnostics are kept by one model copy`;
    }
  }
  return undefined;
}

/** Multiply-adds of one sample's forward pass through the weighted layers (kernel size × output positions). */
export function macsPerSample(model: Model): number {
  let macs = 0;
  for (const layer of model.layers) {
    const k = layer.kernel;
    if (!k) continue;
    const out = layer.spec.outputShape;
    const last = out.length > 0 ? (out[out.length - 1] as number) : 1;
    macs += k.value.length * (last > 0 ? layer.outSize / last : 1);
  }
  return macs;
}

export interface ThreadPlan {
  threads: number;
  /** Why fewer threads than asked (undefined when all of them are used). */
  reason?: string;
}

/** The threads a fit of `model` at `batchSize` uses when `requested` are asked for. */
export function planThreads(
  model: Model,
  batchSize: number,
  requested: number,
  minShardMacs = MIN_SHARD_MACS,
  /** The run's length, when known: a run too short for the workers' start-up to pay stays on one thread. */
  run?: { samples: number; epochs: number },
  minRunMacs = MIN_RUN_MACS,
): ThreadPlan {
  const asked = Math.max(1, Math.floor(requested));
  if (asked === 1) return { threads: 1 };
  const why = singleThreadReason(model);
  if (why) return { threads: 1, reason: why };
  if (run && minShardMacs > 0 && minRunMacs > 0) {
    const total = macsPerSample(model) * run.samples * run.epochs;
    if (total < minRunMacs) {
      return { threads: 1, reason: `the whole run is ${(total / 1e9).toFixed(2)} G multiply-adds; starting threads pays from about ${minRunMacs / 1e9} G` };
    }
  }
  const work = macsPerSample(model) * batchSize;
  const byWork = minShardMacs > 0 ? Math.max(1, Math.floor(work / minShardMacs)) : Infinity;
  const threads = Math.min(asked, byWork, batchSize);
  if (threads === asked) return { threads };
  return {
    threads,
    reason:
      threads === batchSize && batchSize < byWork
        ? `a batch of ${batchSize} gives each thread at least one sample`
        : `a batch of ${batchSize} is ${(work / 1e6).toFixed(2)} M multiply-adds; a thread pays from about ${(minShardMacs / 1e6).toFixed(3)} M`,
  };
}
