/**
 * `axon diagnose`'s measurement: a short seeded training run that records the network's health at
 * step 0, the training loss at regular checks, and its health after the last step. The diagnostics
 * come from the forward/backward passes the core runs anyway (no second pass over the data).
 */
import { probeGradients, runTraining, type BatchLog, type Dataset, type EpochLog, type LayerDiagnostics } from '@axon/core';
import type { ResolvedNetwork } from '@axon/language';
import { runChecks, type CheckThresholds, type DynamicFinding, type RunEvidence } from './checks.js';

export interface DiagnoseOptions {
  /** Optimizer steps to run (default 200). */
  steps?: number;
  /** How many loss checks to record over the run (default 20; the stall window counts these). */
  checks?: number;
  /** Evaluation batch size for the step-0 and final snapshots (default 256). */
  evalSize?: number;
  seed?: number;
  thresholds?: Partial<CheckThresholds>;
}

export interface DiagnoseResult {
  findings: DynamicFinding[];
  evidence: RunEvidence;
  history: EpochLog[];
  steps: number;
}

/** The first `size` samples of a data set, as a batch of its own. */
export function headBatch(data: Dataset, size: number): Dataset {
  const n = Math.min(size, data.n);
  const xPer = data.x.length / data.n;
  const yPer = data.y.length / data.n;
  return { ...data, n, x: data.x.subarray(0, n * xPer), y: data.y.subarray(0, n * yPer) };
}

/** Groups per-step losses into `checks` consecutive means (the loss "at each check"). */
export function lossChecks(stepLosses: number[], checks: number): number[] {
  if (stepLosses.length === 0) return [];
  const k = Math.max(1, Math.floor(stepLosses.length / checks));
  const out: number[] = [];
  for (let i = 0; i + k <= stepLosses.length; i += k) {
    let s = 0;
    for (let j = i; j < i + k; j++) s += stepLosses[j]!;
    out.push(s / k);
  }
  return out;
}

export async function diagnoseNetwork(
  network: ResolvedNetwork,
  train: Dataset,
  options: DiagnoseOptions = {},
): Promise<DiagnoseResult> {
  const steps = Math.max(1, options.steps ?? 200);
  const seed = options.seed ?? network.train.seed;
  const evalBatch = headBatch(train, options.evalSize ?? 256);
  let initial: { loss: number; layers: LayerDiagnostics[] } | undefined;

  const batchSize = Math.min(network.train.batchSize, train.n);
  const perEpoch = Math.max(1, Math.ceil(train.n / batchSize));
  const epochs = Math.ceil(steps / perEpoch);
  const stepLosses: number[] = [];
  const controller = new AbortController();
  // The shared training pipeline, on the data given (no validation), stopped after `steps` steps.
  const { model, result } = await runTraining({
    network,
    data: { train },
    seed,
    epochs,
    batchSize,
    signal: controller.signal,
    onModel(built) {
      initial = probeGradients(built, evalBatch);
    },
    onBatch(log: BatchLog) {
      stepLosses.push(log.loss);
      if (stepLosses.length >= steps || !Number.isFinite(log.loss)) controller.abort();
    },
  });
  const final = probeGradients(model, evalBatch);
  const evidence: RunEvidence = { initial: initial!, final, losses: lossChecks(stepLosses, options.checks ?? 20) };
  return {
    findings: runChecks(network, evidence, options.thresholds),
    evidence,
    history: result.history,
    steps: stepLosses.length,
  };
}
