import type { EpochLog, SweepVariant } from '@axon/core';
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

/** One activation variant of a sweep: the core's type (the producer, diagnose, takes it from there too). */
export type { SweepVariant };

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
