/**
 * `axon sweep`: trains one network once per activation variant and seed, in parallel on worker
 * threads, and ranks the variants by their validation metric.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EpochLog, SweepVariant } from '@axon/core';
import type { ActivationName, Task } from '@axon/language';
import { runSweepTask, type SweepRun, type SweepTask } from './sweep-task.js';
import type { WorkerMessage } from './sweep-worker.js';

export interface SweepOptions {
  activations: ActivationName[];
  /** Number of seeds per variant (default 1); seeds are base, base+1, … */
  seeds?: number;
  baseSeed: number;
  init?: 'auto' | 'keep';
  epochs?: number;
  /** Read a data source outside the spec's project (`--allow-data-outside`). */
  allowDataOutside?: boolean;
  /** Worker threads; 0 runs in this thread (default: the machine's parallelism, at most the number of runs). */
  workers?: number;
  /** Called as runs progress: which run, and how many epochs it has done. */
  onProgress?(event: { activation: ActivationName; seed: number; epoch: number; done: boolean }): void;
}

/** The validation metric a sweep compares, given the task. */
export function sweepMetric(task: Task | undefined): { key: string; label: string; higherIsBetter: boolean } {
  if (task?.kind === 'regression') return { key: 'r2', label: 'val_r2', higherIsBetter: true };
  if (task) return { key: 'accuracy', label: 'val_accuracy', higherIsBetter: true };
  return { key: 'loss', label: 'val_loss', higherIsBetter: false };
}

/** A run's compared figure: the metric at its best epoch (validation if there is a validation set). */
export function runMetric(history: EpochLog[], bestEpoch: number, key: string): number {
  const e = history.find((h) => h.epoch === bestEpoch) ?? history[history.length - 1];
  if (!e) return Number.NaN;
  if (key === 'loss') return e.valLoss ?? e.loss;
  return e.valMetrics?.[key] ?? e.metrics[key] ?? Number.NaN;
}

function meanStd(xs: number[]): { mean: number; std: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const std = xs.length > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, std };
}

/** Mean over a run's last epoch of a per-layer fraction (dead or saturated), or undefined if no layer has it. */
function finalFraction(history: EpochLog[], pick: 'deadFraction' | 'saturatedFraction'): number | undefined {
  const last = history[history.length - 1];
  const values = (last?.diagnostics ?? []).map((d) => d[pick]).filter((v): v is number => v !== undefined);
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : undefined;
}

/** Aggregates runs into ranked variants (best first: rank 1). Diverged runs count as the worst value. */
export function summarizeSweep(runs: SweepRun[], task: Task | undefined): SweepVariant[] {
  const metric = sweepMetric(task);
  const by = new Map<ActivationName, SweepRun[]>();
  for (const r of runs) by.set(r.activation, [...(by.get(r.activation) ?? []), r]);
  const variants: SweepVariant[] = [...by.entries()].map(([name, rs]) => {
    const values = rs.map((r) => runMetric(r.history, r.bestEpoch, metric.key)).map((v) => (Number.isFinite(v) ? v : metric.higherIsBetter ? 0 : Number.MAX_VALUE));
    const { mean, std } = meanStd(values);
    const losses = rs.map((r) => runMetric(r.history, r.bestEpoch, 'loss')).filter((v) => Number.isFinite(v));
    const dead = rs.map((r) => finalFraction(r.history, 'deadFraction')).filter((v): v is number => v !== undefined);
    const sat = rs.map((r) => finalFraction(r.history, 'saturatedFraction')).filter((v): v is number => v !== undefined);
    return {
      name,
      runs: rs.map((r) => r.history),
      metric: metric.label,
      higherIsBetter: metric.higherIsBetter,
      mean,
      spread: std,
      ...(losses.length ? { loss: meanStd(losses).mean } : {}),
      epochsToBest: Math.round(meanStd(rs.map((r) => r.bestEpoch)).mean),
      wallMs: meanStd(rs.map((r) => r.wallMs)).mean,
      peakMemoryMB: Math.max(...rs.map((r) => r.peakMemoryMB)),
      ...(dead.length ? { deadFraction: meanStd(dead).mean } : {}),
      ...(sat.length ? { saturatedFraction: meanStd(sat).mean } : {}),
      rank: 0,
    };
  });
  // Best metric first; equal metrics (several variants at 100 % accuracy) are ranked by their loss.
  variants.sort((a, b) => (metric.higherIsBetter ? b.mean - a.mean : a.mean - b.mean) || (a.loss ?? Infinity) - (b.loss ?? Infinity));
  variants.forEach((v, i) => (v.rank = i + 1));
  return variants;
}

/** Every (activation, seed) task of a sweep. */
export function sweepTasks(source: string, file: string, network: string, options: SweepOptions): SweepTask[] {
  const tasks: SweepTask[] = [];
  for (const activation of options.activations) {
    for (let k = 0; k < (options.seeds ?? 1); k++) {
      tasks.push({ source, file, network, activation, init: options.init ?? 'keep', seed: options.baseSeed + k, ...(options.epochs ? { epochs: options.epochs } : {}), ...(options.allowDataOutside ? { allowDataOutside: true } : {}) });
    }
  }
  return tasks;
}

/** Runs the tasks on a pool of worker threads (or in this thread with `workers: 0`), in task order. */
export async function runSweep(source: string, file: string, network: string, options: SweepOptions): Promise<SweepRun[]> {
  const tasks = sweepTasks(source, file, network, options);
  const size = Math.min(options.workers ?? availableParallelism(), tasks.length);
  if (size <= 0) {
    const runs: SweepRun[] = [];
    for (const t of tasks) {
      runs.push(await runSweepTask(t, (log) => options.onProgress?.({ activation: t.activation, seed: t.seed, epoch: log.epoch, done: false })));
      options.onProgress?.({ activation: t.activation, seed: t.seed, epoch: runs[runs.length - 1]!.history.length, done: true });
    }
    return runs;
  }
  const results: SweepRun[] = new Array(tasks.length);
  let next = 0;
  const workers = Array.from({ length: size }, () => new Worker(new URL('./sweep-worker.js', import.meta.url)));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= tasks.length) return resolve();
              const id = next++;
              worker.postMessage({ id, task: tasks[id] });
            };
            worker.on('message', (m: WorkerMessage) => {
              const t = tasks[m.id]!;
              if (m.type === 'epoch') options.onProgress?.({ activation: t.activation, seed: t.seed, epoch: m.epoch, done: false });
              else if (m.type === 'done') {
                results[m.id] = m.run;
                options.onProgress?.({ activation: t.activation, seed: t.seed, epoch: m.run.history.length, done: true });
                feed();
              } else reject(new Error(`${t.activation} (seed ${t.seed}): ${m.message}`));
            });
            worker.on('error', reject);
            // A worker that dies without an error event (out of memory, process.exit) must fail the sweep, not hang it.
            worker.on('exit', (code) => reject(new Error(`a sweep worker stopped unexpectedly (exit code ${code})`)));
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
