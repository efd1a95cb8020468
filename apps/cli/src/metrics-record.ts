/** One line of a run's `metrics.jsonl` (docs/cli/train.md), whichever engine trained. */
import type { EpochLog } from '@axon/core';

export function epochRecord(log: EpochLog, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    epoch: log.epoch,
    loss: log.loss,
    metrics: log.metrics,
    ...(log.valLoss !== undefined ? { valLoss: log.valLoss, valMetrics: log.valMetrics ?? {} } : {}),
    ms: Math.round(log.ms * 1000) / 1000,
    diagnostics: log.diagnostics,
    ...extra,
  };
}
