/** Messages between the page and the training worker (plain data, structured-clone safe). */
import type { ActivationName } from '@axon/language';
import type { EpochLog, StopReason } from '@axon/core';
import type { TrainedWeights } from '@axon/compile';

/** A CSV the run reads instead of the spec's `data.source` (a bundled set picked in the page, or a dropped file). */
export interface DataChoice {
  /** File name shown in messages, e.g. "iris.csv". */
  name: string;
  text: string;
  /** Target column(s); default: the spec's `data.target`, else the last column. */
  target?: string;
}

export type ToWorker =
  | {
      type: 'train';
      source: string;
      network: string;
      /** The spec's own data set, when `data.source` names a bundled file. */
      files: Record<string, string>;
      data?: DataChoice;
      /** With a sweep: this run's activation variant. */
      activation?: ActivationName;
      epochs?: number;
    }
  | { type: 'stop' };

export interface RunSummary {
  stopReason: StopReason;
  message?: string;
  bestEpoch: number;
  epochs: number;
  seconds: number;
  params: number;
  kernels: 'wasm-relaxed-simd' | 'wasm-simd' | 'js';
  samples: { train: number; validation: number };
  featureNames: string[];
  labelNames?: string[];
}

export type FromWorker =
  | { type: 'start'; epochs: number; samples: { train: number; validation: number }; kernels: 'wasm-relaxed-simd' | 'wasm-simd' | 'js'; activation?: ActivationName }
  | { type: 'epoch'; log: EpochLog; activation?: ActivationName }
  | { type: 'done'; history: EpochLog[]; summary: RunSummary; trained?: TrainedWeights; activation?: ActivationName }
  | { type: 'error'; message: string; activation?: ActivationName };
