import type { ResolvedNetwork } from '@axon/language';
import type { TrainedModel } from '@axon/core';
import type { LayerWeights, Normalization } from './weights.js';

export type TargetName = 'json' | 'pytorch' | 'tfjs' | 'keras' | 'onnx';

export const TARGETS: readonly TargetName[] = ['json', 'pytorch', 'tfjs', 'keras', 'onnx'];

/** Trained weights and the data encoding they were trained with (a subset of @axon/core's TrainedModel). */
export interface TrainedWeights {
  weights: LayerWeights[];
  featureNames?: string[];
  target?: string;
  labelNames?: string[];
  normalization?: Normalization;
  /** With `data { text: }`: how text became token ids in training (the vocabulary from the training rows). */
  tokenizer?: TrainedModel['tokenizer'];
  /**
   * With `data { standardize_target: true }`: the training targets' mean and std (one per output) the
   * model was trained on; the generated predict code scales outputs back (y · std + mean).
   */
  targetNormalization?: Normalization;
}

export interface CompileInput {
  network: ResolvedNetwork;
  /** Weights trained by `axon train` (Keras layouts). Required by `onnx`; optional for `pytorch` and `tfjs`. */
  trained?: TrainedWeights;
  /**
   * Path of the data CSV as the generated code should open it (default: `network.data.source`, which is
   * relative to the `.axon` file). The CLI rewrites it relative to the output folder.
   */
  dataPath?: string;
}

/** One emitted file, relative to the output (a folder for multi-file targets). */
export interface OutputFile {
  path: string;
  contents: string | Uint8Array;
}

export interface CompileOutput {
  target: TargetName;
  /** True when the target writes a folder (pytorch, tfjs); false when it writes one file. */
  directory: boolean;
  files: OutputFile[];
}
