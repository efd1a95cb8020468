/** kernel_regularizer: penalty values, gradients by central differences, and its place in fit's losses. */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec, Regularizer, ResolvedNetwork } from '@axon/language';
import { buildModel, evaluate, fit } from '../src/index.js';
import { allParams, backwardPass, forwardPass, outputActivation, outputFeatures, outputPreact } from '../src/model.js';
import { computeLoss, planLoss } from '../src/losses.js';
import { createRng } from '../src/rng.js';
import { addPenaltyGradients, penaltyOf, regularized, totalPenalty } from '../src/regularizers.js';
import type { Param } from '../src/param.js';
import { dense, net, testRandom } from './net-helpers.js';
import { conv1d, denseSpec, seqNet } from './seq-nets.js';

/** A network whose layer `i` carries `r` as its kernel_regularizer (what the language resolves `kernel_regularizer:` to). */
function withRegularizer(network: ResolvedNetwork, i: number, r: Regularizer): ResolvedNetwork {
  const layer = network.layers[i]!;
  if (layer.kind !== 'dense' && layer.kind !== 'conv2d' && layer.kind !== 'conv1d') throw new Error('not a weighted layer');
  layer.kernelRegularizer = r;
  return network;
}

const l1l2: Regularizer = { name: 'l1_l2', l1: 0.01, l2: 0.02 };

describe('kernel regularizers', () => {
  it('penalties by hand: l1·Σ|w|, l2·Σw², both', () => {
    const w = Float64Array.from([0.5, -2, 0, 1]);
    expect(penaltyOf({ name: 'l1', l1: 0.1 }, w)).toBeCloseTo(0.1 * 3.5, 14);
    expect(penaltyOf({ name: 'l2', l2: 0.1 }, w)).toBeCloseTo(0.1 * 5.25, 14);
    expect(penaltyOf(l1l2, w)).toBeCloseTo(0.01 * 3.5 + 0.02 * 5.25, 14);
  });
  it('the penalty gradient matches central differences (l1, l2, l1_l2), sign(0) = 0', () => {
    for (const r of [{ name: 'l1', l1: 0.3 }, { name: 'l2', l2: 0.3 }, l1l2] as Regularizer[]) {
      const rnd = testRandom(4);
      const p: Param = { name: 'kernel', shape: [20], value: Float64Array.from({ length: 20 }, () => rnd() * 2 - 1), grad: new Float64Array(20), trainable: true, regularizer: r };
      addPenaltyGradients([p]);
      const h = 1e-6;
      for (let i = 0; i < 20; i++) {
        const x = p.value[i]!;
        p.value[i] = x + h;
        const up = totalPenalty([p]);
        p.value[i] = x - h;
        const down = totalPenalty([p]);
        p.value[i] = x;
        expect(p.grad[i]!).toBeCloseTo((up - down) / (2 * h), 7);
      }
    }
    const z: Param = { name: 'kernel', shape: [1], value: new Float64Array(1), grad: new Float64Array(1), trainable: true, regularizer: { name: 'l1', l1: 1 } };
    addPenaltyGradients([z]);
    expect(z.grad[0]).toBe(0);
  });
  it('dense, conv2d and conv1d kernels carry the regulariser; biases do not', () => {
    const d = buildModel(withRegularizer(net([4], [dense(3), dense(1)]), 0, l1l2));
    expect(regularized(allParams(d)).map((p) => p.name)).toEqual(['kernel']);
    expect(d.layers[0]!.params[0]!.regularizer).toEqual(l1l2);
    const c = buildModel(withRegularizer(net([5, 5, 2], [{ kind: 'conv2d', filters: 2, kernel: [3, 3] }, { kind: 'flatten' }, dense(1)]), 0, { name: 'l2', l2: 0.1 }));
    expect(regularized(allParams(c))).toHaveLength(1);
    expect(regularized(allParams(c))[0]!.shape).toEqual([3, 3, 2, 2]);
    const s = buildModel(seqNet([6, 2], [{ ...conv1d(3, 2), kernelRegularizer: { name: 'l1', l1: 0.2 } } as LayerSpec, denseSpec(1)]));
    const k = regularized(allParams(s));
    expect(k.map((p) => [p.name, p.shape])).toEqual([['kernel', [2, 2, 3]]]);
    expect(totalPenalty(k)).toBeCloseTo(0.2 * Array.from(k[0]!.value).reduce((a, v) => a + Math.abs(v), 0), 6);
  });
  it('fit: the reported training and validation losses include the penalty, as in Keras 3', async () => {
    const network = withRegularizer(net([3], [dense(4, { name: 'tanh' }), dense(1)], { epochs: 1, batchSize: 64, optimizer: { name: 'sgd', learningRate: 0, momentum: 0, nesterov: false } }), 0, { name: 'l2', l2: 0.5 });
    const model = buildModel(network, { seed: 1 });
    const r = testRandom(3);
    const n = 40;
    const data = { x: Float32Array.from({ length: n * 3 }, () => r() * 2 - 1), y: Float32Array.from({ length: n }, () => r()), n, inputShape: [3], targetSize: 1 };
    const penalty = totalPenalty(regularized(allParams(model)));
    expect(penalty).toBeGreaterThan(0.1);
    // Learning rate 0: the weights stay, so training loss (one batch) = evaluation loss = data loss + penalty.
    const result = await fit(model, data, data);
    const log = result.history[0]!;
    const ev = evaluate(model, data);
    expect(log.loss).toBeCloseTo(ev.loss, 5);
    expect(log.valLoss).toBeCloseTo(ev.loss, 5);
    const unregularised = buildModel(net([3], [dense(4, { name: 'tanh' }), dense(1)]), { seed: 1 });
    expect(ev.loss - evaluate(unregularised, data).loss).toBeCloseTo(penalty, 5);
  });
  it('training with l1 shrinks the kernel towards zero', async () => {
    const build = (r?: Regularizer) => {
      const n0 = net([3], [dense(8), dense(1)], { epochs: 30, batchSize: 16, optimizer: { name: 'sgd', learningRate: 0.05, momentum: 0, nesterov: false } });
      return buildModel(r ? withRegularizer(n0, 0, r) : n0, { seed: 2 });
    };
    const rnd = testRandom(8);
    const n = 64;
    const x = Float32Array.from({ length: n * 3 }, () => rnd() * 2 - 1);
    const y = Float32Array.from({ length: n }, (_, i) => x[i * 3]!);
    const plain = build(), sparse = build({ name: 'l1', l1: 0.05 });
    await fit(plain, { x, y, n, inputShape: [3], targetSize: 1 }, undefined);
    await fit(sparse, { x, y, n, inputShape: [3], targetSize: 1 }, undefined);
    const abs = (m: ReturnType<typeof build>) => Array.from(m.layers[0]!.params[0]!.value).reduce((s, v) => s + Math.abs(v), 0);
    expect(abs(sparse)).toBeLessThan(0.7 * abs(plain));
  });
  it('loss and kernel gradient equal TF.js with tf.regularizers.l1l2 on the same weights (1e-5)', () => {
    const network = withRegularizer(net([3], [dense(4, { name: 'tanh' }), dense(2)]), 0, l1l2);
    const model = buildModel(network, { seed: 4 });
    const [k1, b1, k2, b2] = allParams(model);
    const rnd = testRandom(6);
    const n = 8;
    const x = Float32Array.from({ length: n * 3 }, () => rnd() * 2 - 1);
    const y = Float32Array.from({ length: n * 2 }, () => rnd() * 2 - 1);
    const plan = planLoss({ name: 'mse', fromLogits: false }, outputActivation(model), outputFeatures(model));
    const out = forwardPass(model, x, n, { training: true, updateStats: false, observe: false, rng: createRng(1) });
    const grad = new Float32Array(n * 2);
    const ours = computeLoss(plan, plan.fused ? outputPreact(model) : out, y, n, 2, grad) + totalPenalty(regularized(allParams(model)));
    backwardPass(model, grad, n, plan.fused);
    addPenaltyGradients(regularized(allParams(model)));
    const t = (p: Param) => tf.tensor(Float32Array.from(p.value), p.shape);
    const [W1, B1, W2, B2] = [t(k1!), t(b1!), t(k2!), t(b2!)];
    const reg = tf.regularizers.l1l2({ l1: 0.01, l2: 0.02 });
    const lossOf = (w1: tf.Tensor) => {
      const h = tf.tanh(tf.add(tf.matMul(tf.tensor(x, [n, 3]), w1 as tf.Tensor2D), B1));
      const o = tf.add(tf.matMul(h, W2 as tf.Tensor2D), B2);
      return tf.add(tf.mean(tf.square(tf.sub(o, tf.tensor(y, [n, 2])))), reg.apply(w1)) as tf.Scalar;
    };
    const theirs = lossOf(W1).dataSync()[0]!;
    const g = tf.grad(lossOf)(W1).dataSync();
    expect(Math.abs(ours - theirs)).toBeLessThan(1e-5);
    expect(totalPenalty(regularized(allParams(model)))).toBeGreaterThan(0.01);
    let worst = 0;
    for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(k1!.grad[i]! - g[i]!));
    expect(worst).toBeLessThan(1e-5);
  });
});
