/**
 * TensorFlow.js (cpu backend) as the oracle, shared by the oracle tests: the same network as a tfjs-layers
 * Sequential model, weights copied across, and loss/gradients from both engines for one batch.
 * Agreement is measured per tensor as max|ours − tfjs| / max|tfjs| (float32 both sides).
 * Outputs of rank > 1 (a dense on a rank-N input) keep their shape; categorical targets are one-hot per
 * row of the output's last axis.
 */
import { expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Activation, Loss, MergeMode, ResolvedNetwork } from '@axon/language';
import { buildModel, getWeights, predict, setWeights, type Model } from '../src/index.js';
import { backwardPass, forwardPass, outputActivation, outputFeatures } from '../src/model.js';
import { computeLoss, planLoss } from '../src/losses.js';
import { createRng } from '../src/rng.js';
import type { LayerImpl } from '../src/layers/layer.js';
import { testRandom } from './net-helpers.js';

export const TOL = 1e-4;

type Layer = ResolvedNetwork['layers'][number];
const NATIVE = new Set(['linear', 'sigmoid', 'tanh', 'softmax', 'relu', 'selu']);

/**
 * The tfjs layers for one of ours, in order (an activation tfjs lacks in `dense`/`conv2d` becomes a
 * second layer, named `<name>_act`). `first`: options for the first layer (`inputShape` in a
 * Sequential model); `named`: give the layers our names (a functional model finds them by name).
 */
function tfLayersFor(l: Layer, first: object, named: boolean): tf.layers.Layer[] {
  const name = (suffix = '') => (named ? { name: `${l.name}${suffix}` } : {});
  // `rank`: the activation's input rank without the batch axis; prelu learns one slope per last-axis unit.
  const activation = (a: Activation, rank: number, opts: object): tf.layers.Layer => {
    switch (a.name) {
      case 'leaky_relu': return tf.layers.leakyReLU({ alpha: a.alpha, ...opts });
      case 'elu':
        if (a.alpha !== 1) throw new Error('tfjs supports elu with alpha 1 only');
        return tf.layers.activation({ activation: 'elu', ...opts });
      case 'prelu': return tf.layers.prelu({ alphaInitializer: tf.initializers.constant({ value: a.init }), ...(rank > 1 ? { sharedAxes: Array.from({ length: rank - 1 }, (_, i) => i + 1) } : {}), ...opts });
      default: return tf.layers.activation({ activation: a.name, ...opts });
    }
  };
  const withActivation = (main: tf.layers.Layer, a: Activation, rank: number) => (NATIVE.has(a.name) ? [main] : [main, activation(a, rank, name('_act'))]);
  const nativeName = (a: Activation) => (NATIVE.has(a.name) ? (a.name as 'relu') : 'linear');
  const opts = { ...first, ...name() };
  switch (l.kind) {
    case 'dense':
      return withActivation(tf.layers.dense({ units: l.units, activation: nativeName(l.activation), useBias: l.useBias, ...opts }), l.activation, l.outputShape.length);
    case 'conv2d':
      return withActivation(tf.layers.conv2d({ filters: l.filters, kernelSize: l.kernel, strides: l.stride, padding: l.padding, activation: nativeName(l.activation), useBias: l.useBias, ...opts }), l.activation, 3);
    case 'max_pool2d': return [tf.layers.maxPooling2d({ poolSize: l.pool, strides: l.stride, padding: l.padding, ...opts })];
    case 'avg_pool2d': return [tf.layers.averagePooling2d({ poolSize: l.pool, strides: l.stride, padding: l.padding, ...opts })];
    case 'global_avg_pool2d': return [tf.layers.globalAveragePooling2d({ ...opts })];
    case 'global_max_pool2d': return [tf.layers.globalMaxPooling2d({ ...opts })];
    case 'zero_padding2d': return [tf.layers.zeroPadding2d({ padding: l.padding, ...opts })];
    case 'flatten': return [tf.layers.flatten(opts)];
    case 'batch_norm': return [tf.layers.batchNormalization({ momentum: l.momentum, epsilon: l.epsilon, ...opts })];
    case 'activation': return [activation(l.activation, l.inputShape.length, opts)];
    case 'merge': return [MERGES[l.mode](opts)];
    case 'dropout': throw new Error('no dropout in oracle nets');
    case 'embedding': return [tf.layers.embedding({ inputDim: l.inputDim, outputDim: l.outputDim, ...opts })];
    case 'lstm':
    case 'simple_rnn': {
      const cell = { units: l.units, returnSequences: l.returnSequences, activation: nativeName(l.activation), useBias: l.useBias } as const;
      const make = (o: object) => (l.kind === 'lstm' ? tf.layers.lstm({ ...cell, recurrentActivation: nativeName(l.recurrentActivation ?? { name: 'sigmoid' }), ...o }) : tf.layers.simpleRNN({ ...cell, ...o }));
      return [l.bidirectional ? tf.layers.bidirectional({ layer: make({}) as tf.RNN, mergeMode: 'concat', ...opts }) : make(opts)];
    }
    case 'gru': throw new Error('tfjs 4.22 has no GRU with reset_after: true (the oracle writes it in tf ops: tfjs-oracle-sequence.test.ts)');
    case 'conv1d':
      return withActivation(tf.layers.conv1d({ filters: l.filters, kernelSize: l.kernel, strides: l.stride, padding: l.padding, activation: nativeName(l.activation), useBias: l.useBias, ...opts }), l.activation, 2);
    case 'max_pool1d': return [tf.layers.maxPooling1d({ poolSize: l.pool, strides: l.stride, padding: l.padding, ...opts })];
    case 'avg_pool1d': return [tf.layers.averagePooling1d({ poolSize: l.pool, strides: l.stride, padding: l.padding, ...opts })];
    case 'global_avg_pool1d': return [tf.layers.globalAveragePooling1d({ ...opts })];
    case 'global_max_pool1d': return [tf.layers.globalMaxPooling1d({ ...opts })];
  }
}

export const MERGES: Record<MergeMode, (opts: object) => tf.layers.Layer> = {
  add: (o) => tf.layers.add(o),
  concat: (o) => tf.layers.concatenate({ axis: -1, ...o }),
  multiply: (o) => tf.layers.multiply(o),
  average: (o) => tf.layers.average(o),
  maximum: (o) => tf.layers.maximum(o),
};

/** The same network as a tfjs-layers Sequential model (a chain). */
export function toTfjs(network: ResolvedNetwork): tf.Sequential {
  const m = tf.sequential();
  network.layers.forEach((l, i) => {
    for (const layer of tfLayersFor(l, i === 0 ? { inputShape: network.input } : {}, false)) m.add(layer);
  });
  return m;
}

/** Any network (graphs too) as a tfjs functional model whose layers carry our names. */
export function toTfjsGraph(network: ResolvedNetwork): tf.LayersModel {
  const input = tf.input({ shape: network.input });
  const outs: tf.SymbolicTensor[] = [];
  const at = (j: number) => (j === -1 ? input : outs[j]!);
  for (const l of network.layers) {
    let t: tf.SymbolicTensor | tf.SymbolicTensor[] = l.kind === 'merge' ? l.inputs.map(at) : at(l.inputs[0]!);
    for (const layer of tfLayersFor(l, {}, true)) t = layer.apply(t) as tf.SymbolicTensor;
    outs.push(t as tf.SymbolicTensor);
  }
  return tf.model({ inputs: input, outputs: outs[outs.length - 1]! });
}

/** The tfjs weights matching each of our weighted layers' params, found by name (ours, then `<name>_act`). */
export function tfWeightsByLayer(model: Model, tfm: tf.LayersModel): tf.LayerVariable[] {
  const named = new Map(tfm.layers.map((l) => [l.name, l]));
  return getWeights(model).flatMap((lw) => [lw.name, `${lw.name}_act`].flatMap((n) => named.get(n)?.weights ?? []));
}

/** Random weights in our model (biases and BN statistics too); returns them flat, in Keras order. */
function randomizeWeights(model: Model, seed: number): Float32Array[] {
  const r = testRandom(seed);
  const weights = getWeights(model).map((lw) => ({
    ...lw,
    weights: lw.weights.map((w) => {
      const values = Float32Array.from(w.values);
      if (w.name.endsWith('bias') || w.name === 'beta' || w.name === 'moving_mean') values.forEach((_, i) => (values[i] = (r() - 0.5) * 0.4));
      if (w.name === 'gamma' || w.name === 'moving_variance') values.forEach((_, i) => (values[i] = 0.5 + r()));
      if (w.name === 'alpha') values.forEach((_, i) => (values[i] = 0.1 + 0.3 * r()));
      if (w.name === 'embeddings') values.forEach((_, i) => (values[i] = (r() - 0.5) * 1.6));
      return { ...w, values };
    }),
  }));
  setWeights(model, weights);
  return weights.flatMap((lw) => lw.weights.map((w) => w.values));
}

/** Random weights in our model, copied into the tfjs Sequential model (layer by layer, in order). */
export function syncWeights(model: Model, tfm: tf.Sequential, seed: number): void {
  const flat = randomizeWeights(model, seed);
  expect(tfm.weights.length).toBe(flat.length);
  let next = 0;
  for (const layer of tfm.layers) {
    const ws = layer.weights.map((w) => tf.tensor(flat[next++]!, w.shape as number[]));
    if (ws.length > 0) layer.setWeights(ws);
  }
}

/** Random weights in our model, copied into a functional model from `toTfjsGraph` (by layer name). */
export function syncGraphWeights(model: Model, tfm: tf.LayersModel, seed: number): tf.LayerVariable[] {
  const flat = randomizeWeights(model, seed);
  const vars = tfWeightsByLayer(model, tfm);
  expect(vars.length).toBe(flat.length);
  expect(tfm.weights.length).toBe(flat.length);
  vars.forEach((v, i) => v.write(tf.tensor(flat[i]!, v.shape as number[])));
  return vars;
}

/** `classes`: one-hot targets are one-hot per row of this many values (default: the whole output). */
export function data(inSize: number, outSize: number, n: number, seed: number, kind: 'regression' | 'onehot' | 'binary', classes = outSize) {
  const r = testRandom(seed);
  const x = new Float32Array(n * inSize).map(() => r() * 2 - 1);
  const y = new Float32Array(n * outSize);
  for (let i = 0; i < n; i++) {
    if (kind === 'onehot') for (let o = i * outSize; o < (i + 1) * outSize; o += classes) y[o + Math.floor(r() * classes)] = 1;
    else for (let j = 0; j < outSize; j++) y[i * outSize + j] = kind === 'binary' ? (r() < 0.5 ? 0 : 1) : r() * 2 - 1;
  }
  return { x, y };
}

export function tfLoss(loss: Loss, y: tf.Tensor, out: tf.Tensor): tf.Scalar {
  switch (loss.name) {
    case 'mse': return tf.mean(tf.metrics.meanSquaredError(y, out));
    case 'mae': return tf.mean(tf.metrics.meanAbsoluteError(y, out));
    case 'huber': return tf.losses.huberLoss(y, out, undefined, loss.delta ?? 1) as tf.Scalar;
    case 'categorical_crossentropy':
    case 'sparse_categorical_crossentropy':
      return loss.fromLogits ? (tf.losses.softmaxCrossEntropy(y, out) as tf.Scalar) : tf.mean(tf.metrics.categoricalCrossentropy(y, out));
    case 'hinge': return tf.losses.hingeLoss(y, out) as tf.Scalar;
    case 'log_cosh': return tf.mean(tf.sub(tf.add(tf.sub(out, y), tf.softplus(tf.mul(-2, tf.sub(out, y)))), Math.LN2));
    case 'poisson': return tf.mean(tf.sub(out, tf.mul(y, tf.log(tf.add(out, 1e-7)))));
    case 'kl_divergence': {
      const yc = tf.clipByValue(y, 1e-7, 1), pc = tf.clipByValue(out, 1e-7, 1);
      return tf.mean(tf.sum(tf.mul(yc, tf.log(tf.div(yc, pc))), -1));
    }
    case 'binary_crossentropy':
      return loss.fromLogits ? (tf.losses.sigmoidCrossEntropy(y, out) as tf.Scalar) : tf.mean(tf.metrics.binaryCrossentropy(y, out));
  }
}

export function relErr(ours: ArrayLike<number>, theirs: ArrayLike<number>): number {
  expect(ours.length).toBe(theirs.length);
  let maxDiff = 0, maxRef = 0;
  for (let i = 0; i < ours.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(ours[i]! - theirs[i]!));
    maxRef = Math.max(maxRef, Math.abs(theirs[i]!));
  }
  return maxDiff / Math.max(maxRef, 1e-12);
}

/** Loss and gradients (training mode) from our engine, flattened per trainable tensor. */
export function ourGradients(model: Model, loss: Loss, x: Float32Array, y: Float32Array, n: number): { loss: number; grads: Float32Array[] } {
  const plan = planLoss(loss, outputActivation(model), outputFeatures(model));
  const out = forwardPass(model, x, n, { training: true, updateStats: false, observe: false, rng: createRng(1) });
  const last = model.layers[model.layers.length - 1] as LayerImpl;
  const grad = new Float32Array(n * model.outputSize);
  const value = computeLoss(plan, plan.fused ? last.preact() : out, y, n, model.outputSize, grad);
  backwardPass(model, grad, n, plan.fused);
  const grads = model.layers.flatMap((l) => l.params.filter((p) => p.trainable).map((p) => Float32Array.from(p.grad)));
  return { loss: value, grads };
}

export function tfGradients(tfm: tf.Sequential, loss: Loss, x: Float32Array, y: Float32Array, n: number) {
  const xs = tf.tensor(x, [n, ...(tfm.inputs[0]!.shape.slice(1) as number[])]);
  const ys = tf.tensor(y, [n, ...(tfm.outputs[0]!.shape.slice(1) as number[])]);
  const vars = tfm.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => tfLoss(loss, ys, tfm.apply(xs, { training: true }) as tf.Tensor), vars);
  return { loss: value.dataSync()[0]!, grads: vars.map((v) => grads[v.name]!.dataSync() as Float32Array), names: vars.map((v) => v.name) };
}

export function compareNet(network: ResolvedNetwork, loss: Loss, kind: 'regression' | 'onehot' | 'binary', n: number, seed: number) {
  const model = buildModel(network, { seed });
  const tfm = toTfjs(network);
  syncWeights(model, tfm, seed + 1);
  const { x, y } = data(model.inputSize, model.outputSize, n, seed + 2, kind, outputFeatures(model));
  // Inference forward.
  const ours = predict(model, x, n);
  const theirs = (tfm.predict(tf.tensor(x, [n, ...network.input])) as tf.Tensor).dataSync();
  const forwardErr = relErr(ours, theirs);
  // Training-mode loss and gradients.
  const og = ourGradients(model, loss, x, y, n);
  const tg = tfGradients(tfm, loss, x, y, n);
  const gradErrs = og.grads.map((g, i) => relErr(g, tg.grads[i]!));
  return { forwardErr, lossErr: Math.abs(og.loss - tg.loss) / Math.abs(tg.loss), gradErrs, names: tg.names, model, tfm, x, y };
}

/** `compareNet` for any network (graphs too), through a tfjs functional model. */
export function compareGraph(network: ResolvedNetwork, loss: Loss, kind: 'regression' | 'onehot' | 'binary', n: number, seed: number, prepareX?: (x: Float32Array) => void) {
  const model = buildModel(network, { seed });
  const tfm = toTfjsGraph(network);
  const vars = syncGraphWeights(model, tfm, seed + 1);
  const { x, y } = data(model.inputSize, model.outputSize, n, seed + 2, kind, outputFeatures(model));
  prepareX?.(x);
  const ours = predict(model, x, n);
  const theirs = (tfm.predict(tf.tensor(x, [n, ...network.input])) as tf.Tensor).dataSync();
  const forwardErr = relErr(ours, theirs);
  const og = ourGradients(model, loss, x, y, n);
  const xs = tf.tensor(x, [n, ...network.input]);
  const ys = tf.tensor(y, [n, ...network.outputShape]);
  const trainable = vars.filter((v) => v.trainable).map((v) => v.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => tfLoss(loss, ys, tfm.apply(xs, { training: true }) as tf.Tensor), trainable);
  const tfLossValue = value.dataSync()[0]!;
  const gradErrs = og.grads.map((g, i) => relErr(g, grads[trainable[i]!.name]!.dataSync()));
  return { forwardErr, lossErr: Math.abs(og.loss - tfLossValue) / Math.abs(tfLossValue), gradErrs, model, tfm, x, y, ours, theirs };
}
