import { describe, expect, it } from 'vitest';
import { fit } from '../src/fit.js';
import { buildModel, getWeights, type Model } from '../src/model.js';
import { planThreads, singleThreadReason, type SpawnWorker } from '../src/parallel/index.js';
import { shardRows } from '../src/parallel/layout.js';
import type { Dataset, LayerWeights } from '../src/types.js';
import { act, dense, net } from './net-helpers.js';
import { sourceSpawner } from './parallel-entry.js';
import { useTempDir } from './temp-dir.js';

const tmp = useTempDir('axon-parallel-');
let spawner: SpawnWorker | undefined;
const spawn = async (): Promise<SpawnWorker> => (spawner ??= await sourceSpawner(tmp()));

/** Seeded synthetic classification data: `n` samples of `inSize` values, one-hot over `classes`. */
function data(n: number, inSize: number, classes: number, seed = 7): Dataset {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const x = new Float32Array(n * inSize), y = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < inSize; j++) sum += (x[i * inSize + j] = rnd() * 2 - 1) * ((j % 3) - 1);
    y[i * classes + (Math.floor((sum + 3) * 7) % classes + classes) % classes] = 1;
  }
  return { x, y, n, inputShape: [inSize], targetSize: classes };
}

const cce = { name: 'categorical_crossentropy', fromLogits: false } as const;
const mlp = (extra: object = {}) =>
  net([64], [dense(256, act('relu')), dense(128, act('tanh')), dense(10, act('softmax'))], { loss: cce, batchSize: 64, epochs: 2, ...extra });
const cnn = net(
  [28, 28, 1],
  [
    { kind: 'conv2d', filters: 8, kernel: [3, 3], activation: act('relu') },
    { kind: 'max_pool2d', pool: [2, 2] },
    { kind: 'conv2d', filters: 16, kernel: [3, 3], activation: act('relu') },
    { kind: 'flatten' },
    dense(10, act('softmax')),
  ],
  { loss: cce, batchSize: 32, epochs: 1 },
);

async function train(model: Model, d: Dataset, threads: number, spawnWorker?: SpawnWorker) {
  // minShardMacs 0: these test-sized runs are far below the break-even; split them all the same.
  const result = await fit(model, d, undefined, { threads, minShardMacs: 0, ...(spawnWorker ? { spawnWorker } : {}) });
  return { result, weights: getWeights(model) };
}

/** Largest |a − b| over a tensor, relative to the tensor's largest |a|; the worst tensor. */
function worstRelative(a: LayerWeights[], b: LayerWeights[]): number {
  let worst = 0;
  a.forEach((l, i) =>
    l.weights.forEach((w, j) => {
      const o = b[i]!.weights[j]!.values;
      let diff = 0, scale = 0;
      for (let k = 0; k < w.values.length; k++) {
        diff = Math.max(diff, Math.abs(w.values[k]! - o[k]!));
        scale = Math.max(scale, Math.abs(w.values[k]!));
      }
      worst = Math.max(worst, diff / scale);
    }),
  );
  return worst;
}

const sameBits = (a: LayerWeights[], b: LayerWeights[]) =>
  a.every((l, i) => l.weights.every((w, j) => Buffer.from(w.values.buffer).equals(Buffer.from(b[i]!.weights[j]!.values.buffer))));

describe('data-parallel fit', () => {
  it('splits a batch into contiguous shards in order, sizes differing by at most one', () => {
    expect([0, 1, 2].map((s) => shardRows(64, 3, s))).toEqual([{ start: 0, count: 22 }, { start: 22, count: 21 }, { start: 43, count: 21 }]);
    expect([0, 1].map((s) => shardRows(1, 2, s))).toEqual([{ start: 0, count: 1 }, { start: 1, count: 0 }]);
  });

  it('the MLP on 2 threads ends within 1e-5 (relative) of 1 thread after 8 Adam steps, with the same losses', async () => {
    const d = data(256, 64, 10);
    const one = await train(buildModel(mlp()), d, 1);
    const two = await train(buildModel(mlp()), d, 2, await spawn());
    expect(one.result.history).toHaveLength(2);
    const rel = worstRelative(one.weights, two.weights);
    if (process.env.AXON_PRINT) console.log('1 vs 2 threads, worst relative weight difference:', rel);
    expect(rel).toBeLessThan(1e-5);
    expect(rel).toBeGreaterThan(0); // the shards' GEMMs round differently: the run really was split
    two.result.history.forEach((h, i) => {
      expect(h.loss).toBeCloseTo(one.result.history[i]!.loss, 5);
      expect(h.metrics.accuracy).toBe(one.result.history[i]!.metrics.accuracy);
    });
    // The run really moved the weights: far more than the thread-to-thread difference.
    expect(worstRelative(one.weights, getWeights(buildModel(mlp())))).toBeGreaterThan(1e-3);
  });

  it('the small CNN on 2 threads ends within 1e-5 of 1 thread (conv, pooling, flatten)', async () => {
    const d = data(64, 784, 10, 3);
    const one = await train(buildModel(cnn), d, 1);
    const two = await train(buildModel(cnn), d, 2, await spawn());
    const rel = worstRelative(one.weights, two.weights);
    expect(rel).toBeLessThan(1e-5);
    expect(rel).toBeGreaterThan(0);
    expect(two.result.history[0]!.loss).toBeCloseTo(one.result.history[0]!.loss, 5);
  });

  it('2 threads twice give bit-identical weights, dropout included (a fixed stream per shard)', async () => {
    const withDropout = net([64], [dense(256, act('relu')), { kind: 'dropout', rate: 0.3 }, dense(128, act('relu')), dense(10, act('softmax'))], {
      loss: cce,
      batchSize: 64,
      epochs: 2,
    });
    const d = data(192, 64, 10, 11);
    const a = await train(buildModel(withDropout), d, 2, await spawn());
    const b = await train(buildModel(withDropout), d, 2, await spawn());
    expect(sameBits(a.weights, b.weights)).toBe(true);
    expect(a.result.history.map((h) => h.loss)).toEqual(b.result.history.map((h) => h.loss));
    // Shard 1 draws its masks from its own stream: not the one-thread run.
    const one = await train(buildModel(withDropout), d, 1);
    expect(worstRelative(one.weights, a.weights)).toBeGreaterThan(1e-4);
  });

  it('a batch_norm net falls back to one thread: same bits as a one-thread run', async () => {
    const bn = net([64], [dense(256, act('relu')), { kind: 'batch_norm' }, dense(128, act('relu')), dense(10, act('softmax'))], { loss: cce, batchSize: 64, epochs: 1 });
    const model = buildModel(bn);
    expect(singleThreadReason(model)).toBe('layer 1 (batch_norm) is a batch_norm: its statistics are over the whole batch');
    expect(planThreads(model, 64, 2)).toEqual({ threads: 1, reason: singleThreadReason(model) });
    const d = data(128, 64, 10);
    const one = await train(buildModel(bn), d, 1);
    const two = await train(model, d, 2, await spawn());
    expect(sameBits(one.weights, two.weights)).toBe(true);
  });

  it('tiny shards and short runs stay on one thread: the iris-sized net at batch 4, or 120 rows × 100 epochs', () => {
    const iris = buildModel(net([4], [dense(16, act('relu')), dense(16, act('relu')), dense(3, act('softmax'))], { loss: cce, batchSize: 16 }));
    // 4·16 + 16·16 + 16·3 = 368 multiply-adds a sample: 2 rows a shard is 736 < 2,000.
    expect(planThreads(iris, 4, 2)).toEqual({ threads: 1, reason: 'a batch of 4 is 0.00 M multiply-adds; a thread pays from about 0.002 M' });
    expect(planThreads(iris, 16, 2)).toEqual({ threads: 2 });
    expect(planThreads(iris, 16, 2, undefined, { samples: 120, epochs: 100 })).toEqual({
      threads: 1,
      reason: 'the whole run is 0.00 G multiply-adds; starting threads pays from about 5 G',
    });
    expect(planThreads(buildModel(mlp()), 64, 2)).toEqual({ threads: 2 });
    expect(planThreads(buildModel(mlp()), 64, 1)).toEqual({ threads: 1 });
    expect(planThreads(buildModel(mlp()), 64, 8)).toEqual({ threads: 8 });
    expect(planThreads(buildModel(mlp()), 2, 8)).toEqual({ threads: 2, reason: 'a batch of 2 gives each thread at least one sample' });
    // A run too short for the workers' start-up: 50,432 × 1,000 samples × 10 epochs ≈ 0.5 G < 5 G.
    expect(planThreads(buildModel(mlp()), 64, 2, undefined, { samples: 1000, epochs: 10 })).toEqual({
      threads: 1,
      reason: 'the whole run is 0.50 G multiply-adds; starting threads pays from about 5 G',
    });
    expect(planThreads(buildModel(mlp()), 64, 2, undefined, { samples: 60000, epochs: 2 })).toEqual({ threads: 2 });
  });

  it('run from the TypeScript sources there is no compiled worker entry: the default spawner declines (one thread)', async () => {
    const { defaultSpawner } = await import('../src/parallel/index.js');
    expect(defaultSpawner()).toBeUndefined();
    const d = data(128, 64, 10);
    const one = await train(buildModel(mlp()), d, 1);
    const asked = await train(buildModel(mlp()), d, 2);
    expect(sameBits(one.weights, asked.weights)).toBe(true);
  });

  it('a worker that cannot start fails the fit with a clear error, not a hang', async () => {
    const { nodeSpawner } = await import('../src/parallel/index.js');
    const missing = nodeSpawner(`${tmp()}/no-such-worker.mjs`);
    await expect(fit(buildModel(mlp()), data(64, 64, 10), undefined, { threads: 2, minShardMacs: 0, spawnWorker: missing })).rejects.toThrow(/^training thread 1 stopped \(.*no-such-worker/);
  });
});
