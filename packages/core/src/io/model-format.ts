/**
 * The on-disk model format, version 1 (documented in docs/model-format.md).
 *
 *   <dir>/model.json   ModelFile below (UTF-8 JSON)
 *   <dir>/weights.bin  every weight tensor, float32 little-endian, concatenated in `layers` order
 */
import type { Normalization, TextTokenizer } from '../types.js';
import type { Shape, Task } from '@axon/language';

export const MODEL_FORMAT = 'axon-model';
export const MODEL_FORMAT_VERSION = 1;
export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

export interface ModelFileTensor {
  /** Keras name: `kernel`, `bias`, `gamma`, `beta`, `moving_mean`, `moving_variance`, `alpha`. */
  name: string;
  shape: number[];
  /** Byte offset into weights.bin (a multiple of 4). */
  byteOffset: number;
  /** Number of float32 values (= product of shape). */
  length: number;
}

export interface ModelFileLayer {
  /** Index into the resolved network's flat layer list. */
  index: number;
  /** Keras-style layer name (`dense_1`). */
  name: string;
  kind: string;
  tensors: ModelFileTensor[];
}

/** One layer of the network as the model was trained: what it reads (see `ResolvedLayer.inputs`). */
export interface ModelFileNode {
  name: string;
  kind: string;
  /** Indices of the layers it reads; -1 is the network input. */
  inputs: number[];
}

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_FORMAT_VERSION;
  /** Name of the network inside `source`. */
  network: string;
  /** The complete .axon source the network was resolved from. */
  source: string;
  /** Informational copies; loadModel re-derives them from `source` and checks they agree. */
  inputShape: Shape;
  outputShape: Shape;
  task?: Task;
  featureNames: string[];
  target?: string;
  labelNames?: string[];
  normalization?: Normalization;
  /**
   * `standardize_target: true` (regression): each target column's mean and population std over the
   * training rows; the network was trained on (y − mean) / std and its outputs are scaled back with
   * y = output·std + mean. One value per output. Files without it (all files before it) predict unscaled.
   */
  targetNormalization?: Normalization;
  /**
   * How the text column becomes token ids (`data { text: … }`): column, length, lowercase, pattern and
   * the vocabulary (id → word). Absent for numeric features; files written before text data lack it.
   */
  tokenizer?: TextTokenizer;
  weights: {
    file: typeof WEIGHTS_BIN;
    dtype: 'float32';
    byteOrder: 'little-endian';
    byteLength: number;
    /** Hex SHA-256 of weights.bin: a torn or edited file is reported, never loaded. */
    sha256: string;
  };
  layers: ModelFileLayer[];
  /**
   * Every layer of the network, in order, with its inputs. Files written before graphs lack it and
   * are read as a chain (each layer reads the one before).
   */
  graph?: ModelFileNode[];
}
