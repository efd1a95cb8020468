/**
 * The training core's plain data: data sets, training logs, diagnostics, and trained weights.
 * These types are the contract between the engine (model, fit), the data loader, model files,
 * the compiler (weights export) and the reports. Behaviour lives in functions over them.
 */
import type { ResolvedNetwork, Shape } from '@axon/language';

/** Rows of samples, row-major. `x` has `n * product(inputShape)` values, `y` has `n * targetSize`. */
export interface Dataset {
  x: Float32Array;
  y: Float32Array;
  n: number;
  inputShape: Shape;
  /** Columns per target row: 1 for regression(1)/binary, C for one-hot classification, L for multilabel. */
  targetSize: number;
}

/** Standardisation statistics, per feature, saved with the model and applied before predict. */
export interface Normalization {
  mean: number[];
  std: number[];
}

/**
 * How a text column (`data { text: "column" }`) becomes a row of token ids: the text is put in Unicode
 * NFC form and lower-cased (`lowercase`), the words are the matches of `pattern` (a `u`-flag regular
 * expression), each word becomes its index in `vocabulary` (1 when absent), and the row is cut to its
 * first `length` ids or padded with 0 at the end. Saved with the model so prediction tokenises the
 * same way training did.
 */
export interface TextTokenizer {
  /** The CSV column holding the text. */
  column: string;
  /** Ids per sample: the network's input `[length]`. */
  length: number;
  lowercase: boolean;
  /** The word pattern, as a RegExp source read with the `gu` flags. */
  pattern: string;
  /** Id → word: `[0]` is `""` (padding), `[1]` is `"[UNK]"` (unknown), then the training words by frequency. */
  vocabulary: string[];
}

/** What a CSV loader produces: train/validation sets plus everything needed to reproduce the encoding. */
export interface LoadedData {
  train: Dataset;
  validation?: Dataset;
  featureNames: string[];
  target: string;
  /** Class labels in one-hot order (classification) or [negative, positive] (binary), if categorical. */
  labelNames?: string[];
  normalization?: Normalization;
  /** `standardize_target: true`: the training targets' mean and std per target column (the sets' `y` are scaled with it). */
  targetNormalization?: Normalization;
  /** Set when the feature is a text column: the vocabulary built from the training rows. */
  tokenizer?: TextTokenizer;
}

/** One layer's training diagnostics, taken from the forward/backward pass already run (no second pass). */
export interface LayerDiagnostics {
  /** Index into `ResolvedNetwork.layers`. */
  layer: number;
  name: string;
  /** L2 norm of the gradient of the layer's kernel (weights), averaged over the epoch's batches; undefined for layers without weights. */
  gradNorm?: number;
  /** Relu layers (dense/conv with relu, or activation(relu)): fraction of units never positive over the evaluation batch. */
  deadFraction?: number;
  /** Sigmoid/tanh layers: fraction of pre-activations with |x| >= 5. */
  saturatedFraction?: number;
  /**
   * Recurrent layers: per input step t, the L2 norm over the batch of dL/dh_t (the gradient reaching
   * the hidden state at step t in backpropagation through time, forward direction), averaged over the
   * epoch's batches. Falling towards t = 0 is vanishing, growing is exploding.
   */
  stepGradNorms?: number[];
}

export interface EpochLog {
  /** 1-based. */
  epoch: number;
  loss: number;
  /** e.g. { accuracy } for classification, { mae, r2 } for regression. */
  metrics: Record<string, number>;
  valLoss?: number;
  valMetrics?: Record<string, number>;
  diagnostics: LayerDiagnostics[];
  /** Wall time of the epoch. */
  ms: number;
}

export interface BatchLog {
  epoch: number;
  /** 0-based within the epoch. */
  batch: number;
  batches: number;
  loss: number;
}

export interface TrainCallbacks {
  onBatchEnd?(log: BatchLog): void;
  /** Return `'stop'` to end training after this epoch. */
  onEpochEnd?(log: EpochLog): void | 'stop';
}

export type StopReason = 'completed' | 'early_stopping' | 'diverged' | 'stopped';

export interface TrainResult {
  history: EpochLog[];
  stopReason: StopReason;
  /** Set when `stopReason` is 'diverged': names the epoch and what to try. */
  message?: string;
  /** 1-based epoch with the best monitored loss (validation loss if any, else training loss). */
  bestEpoch: number;
}

/**
 * A named weight tensor of one layer. Layouts follow Keras:
 * dense `kernel` [in, units], `bias` [units]; conv2d `kernel` [kh, kw, inChannels, filters], `bias` [filters];
 * batch_norm `gamma`, `beta`, `moving_mean`, `moving_variance` [features];
 * prelu `alpha` [units] (or [channels] after a conv).
 */
export interface WeightTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface LayerWeights {
  /** Index into `ResolvedNetwork.layers`. */
  layer: number;
  name: string;
  weights: WeightTensor[];
}

/** A trained model as plain data: what `saveModel` writes and `loadModel` reads. */
export interface TrainedModel {
  network: ResolvedNetwork;
  /** The `.axon` source the network was resolved from, so a loaded model can be re-analysed. */
  source: string;
  weights: LayerWeights[];
  featureNames: string[];
  target?: string;
  labelNames?: string[];
  normalization?: Normalization;
  /** `standardize_target: true`: the network predicts (y − mean) / std; outputs are scaled back with it. */
  targetNormalization?: Normalization;
  tokenizer?: TextTokenizer;
}

/**
 * One activation variant of a sweep (`axon sweep`), over all its seeds: what the sweep produces and
 * the report draws. Defined here, beside the training logs it is made of, so the producer (diagnose)
 * and the view (report) both take it from the engine rather than from each other.
 */
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
