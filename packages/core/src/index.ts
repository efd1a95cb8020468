/**
 * @axon/core — the training engine (and, alongside, data loading and model files).
 *
 *   buildModel(network, { seed })            seeded weights in Keras layouts
 *   predict(model, x, n)                     inference: dropout off, batch_norm moving statistics
 *   fit(model, train, validation, options)   async training with metrics, early stopping, diagnostics
 *   getWeights / setWeights                  Keras-layout weight tensors
 *   probeGradients(model, batch)             one forward + backward, no update (step-0 checks)
 *   evaluate(model, data)                    loss and metrics in inference mode
 *   runTraining({ network, specPath, … })    the pipeline of train/diagnose/sweep: data → build → fit → save
 *   predictCsv(trained, csvPath)             raw CSV rows → encoded as in training → predictions with label names
 *   capacityProblem(network, limits)         why a network is too large to train here, in words
 */
export * from './types.js';
export { buildModel, predict, getWeights, setWeights, ModelError, type Model, type BuildOptions } from './model.js';
export { fit, evaluate, type FitOptions, type Evaluation } from './fit.js';
export { probeGradients } from './diagnostics.js';
export { planThreads, nodeSpawner, MIN_SHARD_MACS, type ThreadPlan, type ThreadOptions, type SpawnWorker, type WorkerHandle, type WorkerInit, prepareShardWorker } from './parallel/index.js';
export {
  runTraining,
  predictCsv,
  loadTrainingData,
  checkTargets,
  checkCapacity,
  TrainingError,
  type TrainingOptions,
  type TrainingRun,
  type TrainingData,
  type TrainingStage,
  type CsvPredictions,
} from './pipeline.js';
export { capacityProblem, estimateTraining, MAX_TENSOR_ELEMENTS, type CapacityEstimate, type CapacityLimits } from './capacity.js';
export { K as kernels, installKernels, jsKernels, activeMatmul, type Kernels } from './kernels.js';
export type { DType } from './arr.js';
// Data + model files (CSV loading, standardisation, model.json + weights.bin): see docs/model-format.md.
export {
  loadCsvData,
  DataError,
  applyNormalization,
  computeNormalization,
  standardizeTargets,
  unscaleTargets,
  splitWords,
  buildVocabulary,
  encodeTexts,
  encodeRows,
  readInputRows,
  decodeOutputs,
  outputNames,
  WORD_PATTERN,
  PADDING_TOKEN,
  UNKNOWN_TOKEN,
  type LoadCsvOptions,
  type WordRule,
  type EncodedRows,
  type InputEncoding,
  type Prediction,
  type OutputNaming,
} from './data/index.js';
export { mulberry32 } from './data/random.js';
export {
  saveModel,
  loadModel,
  encodeModel,
  ModelFileError,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type ModelFile,
  type ModelFileLayer,
  type ModelFileTensor,
  type ModelFileNode,
  type LoadModelOptions,
} from './io/index.js';
