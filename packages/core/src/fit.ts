/**
 * Training: mini-batches, shuffling, validation, metrics, early stopping, callbacks, divergence
 * detection, diagnostics. Async: yields to the event loop between epochs and every ~30 ms inside one,
 * so progress bars repaint and abort signals are seen.
 */
import type { EarlyStopping, Loss, Optimizer, Task } from '@axon/language';
import { alloc, type Arr } from './arr.js';
import { DiagnosticsAccumulator } from './diagnostics.js';
import { computeLoss, planLoss, type LossPlan } from './losses.js';
import { MetricAccumulator } from './metrics.js';
import { allParams, backwardPass, forwardPass, outputActivation, outputFeatures, outputPreact, type Model } from './model.js';
import { createOptimizer } from './optimizers.js';
import { addPenaltyGradients, regularized, totalPenalty } from './regularizers.js';
import { deriveRng } from './rng.js';
import { openParallel, type ParallelTrainer, type ThreadOptions } from './parallel/index.js';
import type { Dataset, EpochLog, Normalization, TrainCallbacks, TrainResult } from './types.js';

export interface FitOptions extends ThreadOptions {
  epochs?: number;
  batchSize?: number;
  /** Shuffling and dropout seed; defaults to `network.train.seed`. */
  seed?: number;
  loss?: Loss;
  optimizer?: Optimizer;
  /** `null` turns early stopping off even when the spec sets it. */
  earlyStopping?: EarlyStopping | null;
  shuffle?: boolean;
  task?: Task;
  signal?: AbortSignal;
  /**
   * The targets were standardised with these statistics (`standardize_target`): the loss is the scaled
   * one the network is trained on, while mae and r2 are reported in the target's own units.
   */
  targetNormalization?: Normalization;
}

export interface Evaluation {
  loss: number;
  metrics: Record<string, number>;
}

const YIELD_EVERY_MS = 30;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The task the metrics follow: the option, the network's, or the one the loss implies. */
export function resolveTask(model: Model, loss: Loss, task?: Task): Task {
  if (task) return task;
  if (model.network.task) return model.network.task;
  if (loss.name === 'categorical_crossentropy' || loss.name === 'sparse_categorical_crossentropy' || loss.name === 'kl_divergence') {
    return { kind: 'classification', classes: outputFeatures(model) };
  }
  if (loss.name === 'binary_crossentropy' || loss.name === 'hinge') {
    return model.outputSize === 1 ? { kind: 'binary_classification' } : { kind: 'multilabel', labels: model.outputSize };
  }
  return { kind: 'regression', outputs: model.outputSize };
}

function checkDataset(model: Model, d: Dataset, what: string): void {
  if (d.x.length !== d.n * model.inputSize) {
    throw new Error(`${what}: ${d.n} samples of shape [${model.network.input.join(', ')}] need ${d.n * model.inputSize} input values, got ${d.x.length}`);
  }
  if (d.y.length !== d.n * model.outputSize) {
    throw new Error(
      `${what}: the network outputs ${model.outputSize} values per sample, so ${d.n} targets need ${d.n * model.outputSize} values, got ${d.y.length}`,
    );
  }
}

export async function fit(
  model: Model,
  train: Dataset,
  validation: Dataset | undefined,
  options: FitOptions = {},
  callbacks: TrainCallbacks = {},
): Promise<TrainResult> {
  // Threads hook (parallel/): the worker threads a data-parallel fit opens are closed however it ends.
  const threads: { trainer?: ParallelTrainer } = {};
  try {
    return await fitWith(model, train, validation, options, callbacks, threads);
  } finally {
    await threads.trainer?.close();
  }
}

async function fitWith(
  model: Model,
  train: Dataset,
  validation: Dataset | undefined,
  options: FitOptions,
  callbacks: TrainCallbacks,
  threads: { trainer?: ParallelTrainer },
): Promise<TrainResult> {
  const spec = model.network.train;
  const epochs = options.epochs ?? spec.epochs;
  const batchSize = Math.max(1, Math.min(options.batchSize ?? spec.batchSize, Math.max(train.n, 1)));
  const seed = options.seed ?? spec.seed;
  const loss = options.loss ?? spec.loss;
  const optimizerConfig = options.optimizer ?? spec.optimizer;
  const earlyStopping = options.earlyStopping === undefined ? spec.earlyStopping : options.earlyStopping ?? undefined;
  const shuffle = options.shuffle ?? true;
  const task = resolveTask(model, loss, options.task);
  checkDataset(model, train, 'training data');
  if (validation && validation.n > 0) checkDataset(model, validation, 'validation data');
  if (train.n === 0) throw new Error('training data: no samples');

  const plan = planLoss(loss, outputActivation(model), outputFeatures(model));
  const optimizer = createOptimizer(optimizerConfig, allParams(model));
  const penalised = regularized(allParams(model));
  const shuffleRng = deriveRng(seed, 1);
  const ctx = { training: true, updateStats: true, observe: true, rng: deriveRng(seed, 2) };
  const inSize = model.inputSize, outSize = model.outputSize;
  const xb = alloc(model.dtype, batchSize * inSize);
  const yb = alloc(model.dtype, batchSize * outSize);
  const grad = alloc(model.dtype, batchSize * outSize);
  const order = new Int32Array(train.n);
  for (let i = 0; i < train.n; i++) order[i] = i;
  const diag = new DiagnosticsAccumulator(model.layers);
  const batches = Math.ceil(train.n / batchSize);
  // Threads hook: shards of each batch on worker threads, one summed gradient (undefined: this thread alone).
  const parallel = (threads.trainer = await openParallel(model, plan, options, batchSize, seed, loss, { samples: train.n, epochs }));

  const history: EpochLog[] = [];
  let best = Infinity;
  let bestEpoch = 0;
  let reference = Infinity;
  let sinceBest = 0;
  let lastYield = performance.now();

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = performance.now();
    diag.reset();
    if (shuffle) {
      for (let i = train.n - 1; i > 0; i--) {
        const j = shuffleRng.int(i + 1);
        const tmp = order[i]!;
        order[i] = order[j]!;
        order[j] = tmp;
      }
    }
    const metrics = new MetricAccumulator(task, outSize, plan.outputIsLogits, outputFeatures(model), options.targetNormalization);
    let lossSum = 0;
    let diverged: { batch: number; value: number } | undefined;
    for (let b = 0; b < batches; b++) {
      const start = b * batchSize;
      const m = Math.min(batchSize, train.n - start);
      const tx = train.x, ty = train.y;
      for (let r = 0; r < m; r++) {
        const src = order[start + r]!;
        if (inSize >= 32) xb.set(tx.subarray(src * inSize, (src + 1) * inSize), r * inSize);
        else for (let j = 0, s = src * inSize, d = r * inSize; j < inSize; j++) xb[d + j] = tx[s + j]!;
        for (let j = 0, s = src * outSize, d = r * outSize; j < outSize; j++) yb[d + j] = ty[s + j]!;
      }
      const shards = parallel ? await parallel.step(xb, yb, m, ctx) : undefined; // threads hook: forward + backward done
      const out = shards ? shards.out : forwardPass(model, xb, m, ctx);
      // Keras's training loss: the data loss plus the weight penalties (at the weights of this forward pass).
      const penalty = penalised.length > 0 ? totalPenalty(penalised) : 0;
      const value = (shards ? shards.value : computeLoss(plan, plan.fused ? outputPreact(model) : out, yb, m, outSize, grad)) + penalty;
      if (!Number.isFinite(value)) {
        diverged = { batch: b, value };
        lossSum += value * m;
        break;
      }
      lossSum += value * m;
      metrics.add(out, yb, m);
      if (!shards) backwardPass(model, grad, m, plan.fused);
      if (penalised.length > 0) addPenaltyGradients(penalised);
      diag.addGradients();
      optimizer.step();
      callbacks.onBatchEnd?.({ epoch, batch: b, batches, loss: value });
      if (options.signal?.aborted) break;
      const now = performance.now();
      if (now - lastYield > YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    const log: EpochLog = {
      epoch,
      loss: diverged ? diverged.value : lossSum / train.n,
      metrics: metrics.result(),
      diagnostics: diag.result(),
      ms: 0,
    };
    if (diverged) {
      log.ms = performance.now() - t0;
      history.push(log);
      return {
        history,
        stopReason: 'diverged',
        message: divergenceMessage(epoch, diverged.batch, batches, diverged.value, optimizerConfig),
        bestEpoch: bestEpoch || epoch,
      };
    }
    if (validation && validation.n > 0) {
      const v = evaluateWith(model, validation, plan, task, batchSize, options.targetNormalization);
      log.valLoss = v.loss;
      log.valMetrics = v.metrics;
    }
    log.ms = performance.now() - t0;
    history.push(log);
    const monitored = log.valLoss ?? log.loss;
    if (monitored < best) {
      best = monitored;
      bestEpoch = epoch;
    }
    // Keras's rule: an epoch improves only when it beats the last improvement by more than min_delta.
    if (monitored < reference - (earlyStopping?.minDelta ?? 0)) {
      reference = monitored;
      sinceBest = 0;
    } else sinceBest++;
    const verdict = callbacks.onEpochEnd?.(log);
    if (options.signal?.aborted || verdict === 'stop') return { history, stopReason: 'stopped', bestEpoch: bestEpoch || epoch };
    if (earlyStopping && sinceBest >= earlyStopping.patience) return { history, stopReason: 'early_stopping', bestEpoch: bestEpoch || epoch };
    await yieldToEventLoop();
    lastYield = performance.now();
    if (options.signal?.aborted) return { history, stopReason: 'stopped', bestEpoch: bestEpoch || epoch };
  }
  return { history, stopReason: 'completed', bestEpoch: bestEpoch || history.length };
}

function divergenceMessage(epoch: number, batch: number, batches: number, value: number, opt: Optimizer): string {
  const what = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  const lower = opt.learningRate / 10;
  return (
    `training diverged in epoch ${epoch} (batch ${batch + 1} of ${batches}): the loss became ${what}. ` +
    `Try a lower learning rate (${opt.name} learning_rate is ${opt.learningRate}; try ${lower}), ` +
    `standardise the inputs, check the data for extreme values, or use a loss with from_logits for stable cross-entropy.`
  );
}

/** Loss and metrics in inference mode (dropout off, moving statistics). */
export function evaluate(
  model: Model,
  data: Dataset,
  options: { loss?: Loss; task?: Task; batchSize?: number; targetNormalization?: Normalization } = {},
): Evaluation {
  checkDataset(model, data, 'evaluation data');
  const loss = options.loss ?? model.network.train.loss;
  const plan = planLoss(loss, outputActivation(model), outputFeatures(model));
  return evaluateWith(model, data, plan, resolveTask(model, loss, options.task), options.batchSize ?? 256, options.targetNormalization);
}

function evaluateWith(model: Model, data: Dataset, plan: LossPlan, task: Task, batchSize: number, targetNormalization?: Normalization): Evaluation {
  const inSize = model.inputSize, outSize = model.outputSize;
  const ctx = { training: false, updateStats: false, observe: false, rng: deriveRng(model.seed, 4) };
  const metrics = new MetricAccumulator(task, outSize, plan.outputIsLogits, outputFeatures(model), targetNormalization);
  const x: Arr = model.dtype === 'float64' ? Float64Array.from(data.x) : data.x;
  const y: Arr = model.dtype === 'float64' ? Float64Array.from(data.y) : data.y;
  let sum = 0;
  const step = Math.max(1, batchSize);
  for (let start = 0; start < data.n; start += step) {
    const m = Math.min(step, data.n - start);
    const out = forwardPass(model, x.subarray(start * inSize, (start + m) * inSize), m, ctx);
    const yt = y.subarray(start * outSize, (start + m) * outSize);
    sum += computeLoss(plan, plan.fused ? outputPreact(model) : out, yt, m, outSize, null) * m;
    metrics.add(out, yt, m);
  }
  // As Keras's `evaluate` and val_loss: the weight penalties are part of the loss.
  const penalty = totalPenalty(regularized(allParams(model)));
  return { loss: data.n === 0 ? NaN : sum / data.n + penalty, metrics: metrics.result() };
}
