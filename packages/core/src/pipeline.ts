/**
 * The training pipeline shared by `axon train`, `axon diagnose` and `axon sweep`:
 * load the network's data → check its targets → build the model → fit → save, cancellable with an
 * AbortSignal (an aborted run stops at the next batch and is still saved).
 *
 * `predictCsv` is the way back: a trained (usually loaded) model and a CSV of raw rows → its predictions,
 * the rows encoded with the saved normalisation or tokenizer.
 *
 * Each stage that a user can make fail throws a `TrainingError` naming the stage, so a caller can
 * choose its own wording and exit code; everything else (a bug) propagates as it is.
 */
import type { EarlyStopping, ResolvedNetwork } from '@axon/language';
import { DataError, loadCsvData, decodeOutputs, readInputRows, type Prediction } from './data/index.js';
import { unscaleTargets } from './data/targets.js';
import { capacityProblem } from './capacity.js';
import { fit } from './fit.js';
import { saveModel } from './io/index.js';
import { buildModel, getWeights, predict, setWeights, type Model } from './model.js';
import type { BatchLog, EpochLog, LoadedData, TrainedModel, TrainResult } from './types.js';

/** Data a run trains on: what `loadCsvData` gives, or just the sets (featureNames etc. then default to empty). */
export type TrainingData = Pick<LoadedData, 'train' | 'validation'> & Partial<Omit<LoadedData, 'train' | 'validation'>>;

/** `capacity`: the network is too large to train here (said before any data is read or memory allocated). */
export type TrainingStage = 'capacity' | 'data' | 'targets' | 'fit' | 'save';

export class TrainingError extends Error {
  override name = 'TrainingError';
  constructor(
    readonly stage: TrainingStage,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export interface TrainingOptions {
  network: ResolvedNetwork;
  /** The .axon file the network comes from: its `data { }` paths are relative to it. */
  specPath?: string;
  /** Train on these sets instead of loading the network's data. */
  data?: TrainingData;
  /** Read a `data { source }` outside the project (the CLI's --allow-data-outside); see loadCsvData. */
  allowDataOutside?: boolean;
  /**
   * Memory the run may use (the CLI passes the machine's RAM): a network whose weights, optimizer state
   * and activations need more is refused up front with a TrainingError('capacity'). Without it only the
   * engine's per-tensor limit is checked.
   */
  availableBytes?: number;
  /** Seed of the data split (default: `seed`, else the spec's). */
  dataSeed?: number;
  /** Seed of initialisation, shuffling and dropout (default: the spec's `train.seed`). */
  seed?: number;
  epochs?: number;
  batchSize?: number;
  /** `null` turns early stopping off even when the spec sets it. */
  earlyStopping?: EarlyStopping | null;
  signal?: AbortSignal;
  /** Threads for data-parallel training (default 1; see fit's `threads` and docs/core.md "Threads"). */
  threads?: number;
  /**
   * Called once the data is loaded and checked, before the model is built: the place to prepare the
   * output folder and announce the run. What it throws propagates unchanged.
   */
  onStart?(run: { data: TrainingData; epochs: number; seed: number }): void | Promise<void>;
  /** Called with the freshly built model, before the first step (e.g. step-0 probes). */
  onModel?(model: Model): void;
  onBatch?(log: BatchLog): void;
  /** Return `'stop'` to end training after this epoch. */
  onEpoch?(log: EpochLog): void | 'stop';
  /** Write the trained model here (model.json + weights.bin), unless training diverged. */
  save?: { dir: string; source: string };
}

export interface TrainingRun {
  network: ResolvedNetwork;
  data: TrainingData;
  model: Model;
  result: TrainResult;
  epochs: number;
  seed: number;
  /** Wall time of the fit, in seconds. */
  seconds: number;
  /** The model as plain data (weights copied when training ended). */
  trained: TrainedModel;
  /** True when the model was written to `save.dir`. */
  saved: boolean;
}

/**
 * Throws TrainingError('capacity') when the network cannot be trained here: a tensor over the engine's
 * limit, or (with `availableBytes`) more memory than that. The message says what it would take.
 */
export function checkCapacity(network: ResolvedNetwork, limits: { availableBytes?: number; batchSize?: number } = {}): void {
  const problem = capacityProblem(network, limits);
  if (problem !== undefined) throw new TrainingError('capacity', problem);
}

/** Loads a network's `data { }` CSV; a DataError becomes a TrainingError('data') with its message. */
export async function loadTrainingData(
  network: ResolvedNetwork,
  specPath: string,
  seed?: number,
  access: { allowDataOutside?: boolean } = {},
): Promise<LoadedData> {
  try {
    return await loadCsvData(network, specPath, {
      ...(seed === undefined ? {} : { seed }),
      ...(access.allowDataOutside ? { allowDataOutside: true } : {}),
    });
  } catch (err) {
    if (err instanceof DataError) throw new TrainingError('data', err.message, err);
    throw err;
  }
}

/** The targets must have as many values per sample as the network outputs. */
export function checkTargets(network: ResolvedNetwork, data: TrainingData): void {
  const outputs = network.outputShape.reduce((a, b) => a * b, 1);
  const got = data.train.targetSize;
  if (got === outputs) return;
  throw new TrainingError(
    'targets',
    `network ${network.name} outputs ${outputs} value${outputs === 1 ? '' : 's'} per sample but its targets from "${data.target ?? 'the target column'}" have ${got}` +
      `${network.task ? ` (${network.task.kind.replace('_', ' ')})` : ''}; make the last layer's units match the task`,
  );
}

export async function runTraining(o: TrainingOptions): Promise<TrainingRun> {
  const { network } = o;
  const seed = o.seed ?? network.train.seed;
  const epochs = o.epochs ?? network.train.epochs;
  // Before any data is read or any weight allocated: can this network be trained here at all?
  checkCapacity(network, {
    batchSize: o.batchSize ?? network.train.batchSize,
    ...(o.availableBytes !== undefined ? { availableBytes: o.availableBytes } : {}),
  });
  let data: TrainingData;
  if (o.data) data = o.data;
  else if (o.specPath !== undefined) {
    data = await loadTrainingData(network, o.specPath, o.dataSeed ?? o.seed, o.allowDataOutside ? { allowDataOutside: true } : {});
  }
  else throw new TrainingError('data', `network ${network.name}: no data given and no .axon file to load its data { } from`);
  checkTargets(network, data);
  await o.onStart?.({ data, epochs, seed });

  const model = buildModel(network, { seed });
  o.onModel?.(model);
  const started = performance.now();
  let result: TrainResult;
  try {
    result = await fit(
      model,
      data.train,
      data.validation,
      {
        epochs,
        seed,
        ...(o.batchSize !== undefined ? { batchSize: o.batchSize } : {}),
        ...(o.earlyStopping !== undefined ? { earlyStopping: o.earlyStopping } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.threads !== undefined ? { threads: o.threads } : {}),
        ...(data.targetNormalization ? { targetNormalization: data.targetNormalization } : {}),
      },
      {
        ...(o.onBatch ? { onBatchEnd: o.onBatch } : {}),
        ...(o.onEpoch ? { onEpochEnd: o.onEpoch } : {}),
      },
    );
  } catch (err) {
    throw new TrainingError('fit', err instanceof Error ? err.message : String(err), err);
  }
  const seconds = (performance.now() - started) / 1000;
  const trained = trainedModel(network, o.save?.source ?? '', model, data);
  let saved = false;
  if (o.save && result.stopReason !== 'diverged') {
    try {
      await saveModel(o.save.dir, trained);
    } catch (err) {
      throw new TrainingError('save', err instanceof Error ? err.message : String(err), err);
    }
    saved = true;
  }
  return { network, data, model, result, epochs, seed, seconds, trained, saved };
}

function trainedModel(network: ResolvedNetwork, source: string, model: Model, data: TrainingData): TrainedModel {
  const trained: TrainedModel = { network, source, weights: getWeights(model), featureNames: data.featureNames ?? [] };
  if (data.target !== undefined) trained.target = data.target;
  if (data.labelNames) trained.labelNames = data.labelNames;
  if (data.normalization) trained.normalization = data.normalization;
  if (data.targetNormalization) trained.targetNormalization = data.targetNormalization;
  if (data.tokenizer) trained.tokenizer = data.tokenizer;
  return trained;
}

export interface CsvPredictions {
  /** One per data row, in file order. */
  predictions: Prediction[];
  /** The model's outputs, `n × outputs` row-major, in the target's units (scaled back under standardize_target). */
  outputs: Float32Array;
  n: number;
  /** 1-based line of each row in the file. */
  lines: number[];
}

/**
 * Predicts every row of the CSV at `path` (named `shown` in messages) with a trained model: the rows are
 * encoded as its training rows were, run in inference mode, and decoded with its label names.
 * Bad rows throw a DataError with file:row:col.
 */
export async function predictCsv(trained: TrainedModel, path: string, shown: string = path): Promise<CsvPredictions> {
  const rows = await readInputRows(trained, path, shown);
  const model = buildModel(trained.network);
  setWeights(model, trained.weights);
  const raw = predict(model, rows.x, rows.n);
  const outputs = trained.targetNormalization ? unscaleTargets(raw, rows.n, trained.targetNormalization) : raw;
  return { predictions: decodeOutputs(trained, raw, rows.n), outputs, n: rows.n, lines: rows.lines };
}
