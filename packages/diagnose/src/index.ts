/**
 * @axon/diagnose — evidence, not just advice: the dynamic checks of a short seeded training run
 * (`axon diagnose`) and activation sweeps on worker threads (`axon sweep`).
 */
export * from './checks.js';
export { diagnoseNetwork, headBatch, lossChecks, type DiagnoseOptions, type DiagnoseResult } from './run.js';
export { SWEEP_ACTIVATIONS, RECOMMENDED_INIT, hiddenLayers, variantEdits, makeVariant, resolve, type Variant } from './variants.js';
export { runSweepTask, type SweepTask, type SweepRun } from './sweep-task.js';
export { runSweep, summarizeSweep, sweepTasks, sweepMetric, runMetric, type SweepOptions } from './sweep.js';
export type { SweepVariant } from '@axon/core';
export { toLintFindings, diagnoseRuleId, CHECK_DESCRIPTIONS, DIAGNOSE_RULES } from './findings.js';
