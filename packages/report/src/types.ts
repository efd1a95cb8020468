import type { EpochLog } from '@axon/core';
import type { ResolvedNetwork, Severity } from '@axon/language';

/** A finding to mark on the network diagram (a lint rule or a diagnose check). */
export interface ReportFinding {
  /** Index into `network.layers`, when the finding concerns one layer. */
  layer?: number;
  /** 1-based source line. */
  line: number;
  ruleId: string;
  severity: Severity;
  message: string;
}

/** One activation variant of a sweep, over all its seeds. */
export interface SweepVariant {
  /** e.g. `relu`, `leaky_relu`. */
  name: string;
  /** One training history per seed. */
  runs: EpochLog[][];
  /** The validation metric compared across variants (e.g. `val_accuracy`). */
  metric: string;
  /** Whether a higher metric is better (accuracy, R²) or lower (loss, mae). */
  higherIsBetter: boolean;
  mean: number;
  /** Standard deviation over seeds (0 with one seed). */
  spread: number;
  /** Mean validation (or training) loss at the best epoch: breaks ties between equal metrics. */
  loss?: number;
  epochsToBest: number;
  wallMs: number;
  peakMemoryMB: number;
  deadFraction?: number;
  saturatedFraction?: number;
  /** 1 is best. */
  rank: number;
}

export interface ReportInput {
  kind: 'train' | 'diagnose' | 'sweep';
  title: string;
  /** The .axon file the report is about, as the user named it. */
  file?: string;
  network: ResolvedNetwork;
  findings?: ReportFinding[];
  /** Training history (train, diagnose). */
  history?: EpochLog[];
  /** Variants side by side (sweep). */
  sweep?: SweepVariant[];
  /** Free-form key figures shown at the top (final loss, accuracy, wall time…). */
  summary?: Record<string, string | number>;
}

/** A chart: its id (file name stem), title and Vega-Lite specification. */
export interface ChartSpec {
  id: string;
  title: string;
  spec: Record<string, unknown>;
}

export interface RenderedChart {
  id: string;
  title: string;
  svg: string;
}
