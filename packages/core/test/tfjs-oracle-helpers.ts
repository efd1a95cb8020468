/**
 * TensorFlow.js (cpu backend) as the oracle, shared by the oracle tests: the same network as a tfjs-layers
 * Sequential model, weights copied across, and loss/gradients from both engines for one batch.
 * Agreement is measured per tensor as max|ours − tfjs| / max|tfjs| (float32 both sides).
 * Outputs of rank > 1 (a dense on a rank-N input) keep their shape; categorical targets are one-hot per
 * row of the output's last axis.
 */
import { expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Loss, ResolvedNetwork } from '@axon/language';
import { buildModel, getWeights, predict, setWeights, type Model } from '../src/index.js';
import { backwardPass, forwardPass, outputActivation, outputFeatures } from '../src/model.js';
import { computeLoss, planLoss } from '../src/losses.js';
import { createRng } from '../src/rng.js';
import type { LayerImpl } from '../src/layers/layer.js';
import { testRandom } from './net-helpers.js';

export const TOL = 1e-4;

/** The same network as a tfjs-layers Sequential model (activations tfjs lacks in `dense` become layers). */
export function toTfjs(network: ResolvedNetwork): tf.Sequential {
  const m = tf.sequential();
  let first = true;
  const shape = () => (first ? { inputShape: network.input } : {});
  const add = (l: tf.layers.Layer) => {
    m.add(l);
    first = false;
  };
  // `rank`: the activation's input rank without the batch axis; prelu learns one slope per last-axis unit.
  const addActivation = (a: ResolvedNetwork['layers'][number] extends infer _ ? import('@axon/language').Activation : never, rank: number) => {
    switch (a.name) {
      case 'leaky_relu': return add(tf.layers.leakyReLU({ alpha: a.alpha, ...shape() }));
      case 'elu':
        if (a.alpha !== 1) throw new Error('tfjs supports elu with alpha 1 only');
        return add(tf.layers.activation({ activation: 'elu', ...shape() }));
      case 'prelu': return add(tf.layers.prelu({ alphaInitializer: tf.initializers.constant({ value: a.init }), ...(rank > 1 ? { sharedAxes: Array.from({ length: rank - 1 }, (_, i) => i + 1) } : {}), ...shape() }));
      default: return add(tf.layers.activation({ activation: a.name, ...shape() }));
    }
  };
  const native = new Set(['linear', 'sigmoid', 'tanh', 'softmax', 'relu', 'selu']);
  for (const l of network.layers) {
    switch (l.kind) {
      case 'dense':
        add(tf.layers.dense({ units: l.units, activation: native.has(l.activation.name) ? (l.activation.name as 'relu') : 'linear', ...shape() }));
        if (!native.has(l.activation.name)) addActivation(l.activation, l.outputShape.length);
        break;
      case 'conv2d':
        add(tf.layers.conv2d({ filters: l.filters, kernelSize: l.kernel, strides: l.stride, padding: l.padding, activation: native.has(l.activation.name) ? (l.activation.name as 'relu') : 'linear', ...shape() }));
        if (!native.has(l.activation.name)) addActivation(l.activation, 3);
        break;
      case 'max_pool2d':
        add(tf.layers.maxPooling2d({ poolSize: l.pool, strides: l.stride, padding: l.padding, ...shape() }));
        break;
      case 'avg_pool2d':
        add(tf.layers.averagePooling2d({ poolSize: l.pool, strides: l.stride, padding: l.padding, ...shape() }));
        break;
      case 'flatten':
        add(tf.layers.flatten(shape()));
        break;
      case 'batch_norm':
        add(tf.layers.batchNormalization({ momentum: l.momentum, epsilon: l.epsilon, ...shape() }));
        break;
      case 'activation':
        addActivation(l.activation, l.inputShape.length);
        break;
      case 'dropout':
        throw new Error('no dropout in oracle nets');
    }
  }
  return m;
}

/** Random weights in our model (biases and BN statistics too), copied into the tfjs model. */
export function syncWeights(model: Model, tfm: tf.Sequential, seed: number): void {
  const r = testRandom(seed);
  const weights = getWeights(model).map((lw) => ({
    ...lw,
    weights: lw.weights.map((w) => {
      const values = Float32Array.from(w.values);
      if (w.name === 'bias' || w.name === 'beta' || w.name === 'moving_mean') values.forEach((_, i) => (values[i] = (r() - 0.5) * 0.4));
      if (w.name === 'gamma' || w.name === 'moving_variance') values.forEach((_, i) => (values[i] = 0.5 + r()));
      if (w.name === 'alpha') values.forEach((_, i) => (values[i] = 0.1 + 0.3 * r()));
      return { ...w, values };
    }),
  }));
  setWeights(model, weights);
  const flat = weights.flatMap((lw) => lw.weights);
  expect(tfm.weights.length).toBe(flat.length);
  let next = 0;
  for (const layer of tfm.layers) {
    const ws = layer.weights.map((w) => tf.tensor(flat[next++]!.values, w.shape as number[]));
    if (ws.length > 0) layer.setWeights(ws);
  }
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
      return loss.fromLogits ? (tf.losses.softmaxCrossEntropy(y, out) as tf.Scalar) : tf.mean(tf.metrics.categoricalCrossentropy(y, out));
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
