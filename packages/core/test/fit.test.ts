import { describe, expect, it } from 'vitest';
import { buildModel, evaluate, fit, getWeights, predict, probeGradients, setWeights, type Dataset } from '@axon/core';
import { act, dense, net, testRandom } from './net-helpers.js';

/** Three Gaussian blobs in 4-D, one-hot labels. */
function blobs(n: number, seed: number): Dataset {
  const r = testRandom(seed);
  const x = new Float32Array(n * 4);
  const y = new Float32Array(n * 3);
  const centers = [[2, 0, 0, 1], [-2, 1, 0, 0], [0, -2, 2, -1]];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    for (let j = 0; j < 4; j++) x[i * 4 + j] = centers[c]![j]! + (r() - 0.5) * 1.5;
    y[i * 3 + c] = 1;
  }
  return { x, y, n, inputShape: [4], targetSize: 3 };
}

const classifier = (extra = {}) =>
  net([4], [dense(16, act('relu')), dense(16, act('relu')), dense(3, act('softmax'))], {
    loss: { name: 'categorical_crossentropy', fromLogits: false },
    task: { kind: 'classification', classes: 3 },
    optimizer: { name: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    epochs: 30,
    batchSize: 16,
    ...extra,
  });

describe('fit', () => {
  it('learns three separable blobs to high validation accuracy', async () => {
    const model = buildModel(classifier());
    const res = await fit(model, blobs(300, 1), blobs(90, 2));
    expect(res.stopReason).toBe('completed');
    expect(res.history).toHaveLength(30);
    const last = res.history[29]!;
    expect(last.valMetrics!.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(last.loss).toBeLessThan(res.history[0]!.loss);
    expect(last.diagnostics).toHaveLength(3);
    expect(last.diagnostics[0]!.gradNorm).toBeGreaterThan(0);
    expect(last.diagnostics[0]!.deadFraction).toBeGreaterThanOrEqual(0);
    expect(last.diagnostics[0]!.deadFraction).toBeLessThan(0.5);
    const p = predict(model, blobs(3, 5).x, 3);
    expect(p).toHaveLength(9);
    for (let i = 0; i < 3; i++) expect(p[i * 3]! + p[i * 3 + 1]! + p[i * 3 + 2]!).toBeCloseTo(1, 5);
    const ev = evaluate(model, blobs(90, 2));
    expect(ev.loss).toBeCloseTo(last.valLoss!, 5);
  });

  it('learns a linear regression (R² > 0.95) with mae reported', async () => {
    const r = testRandom(7);
    const n = 400;
    const x = new Float32Array(n * 2), y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      x[2 * i] = r() * 2 - 1;
      x[2 * i + 1] = r() * 2 - 1;
      y[i] = 3 * x[2 * i]! - 2 * x[2 * i + 1]! + 0.5 + (r() - 0.5) * 0.1;
    }
    const model = buildModel(net([2], [dense(8, act('tanh')), dense(1)], { loss: { name: 'mse', fromLogits: false }, task: { kind: 'regression', outputs: 1 }, epochs: 60, optimizer: { name: 'adam', learningRate: 0.02, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } }));
    const data = { x, y, n, inputShape: [2], targetSize: 1 };
    const res = await fit(model, data, undefined);
    const m = res.history.at(-1)!.metrics;
    expect(m.r2).toBeGreaterThan(0.95);
    expect(m.mae).toBeLessThan(0.3);
    expect(res.history.at(-1)!.diagnostics[0]!.saturatedFraction).toBeGreaterThanOrEqual(0);
  });

  it('stops early when validation loss stops improving', async () => {
    const model = buildModel(classifier({ epochs: 200, earlyStopping: { patience: 3, minDelta: 0.05 } }));
    const res = await fit(model, blobs(120, 1), blobs(60, 2));
    expect(res.stopReason).toBe('early_stopping');
    expect(res.history.length).toBeLessThan(200);
    // The last epoch that beat the previous improvement by more than min_delta is exactly `patience` back.
    const losses = res.history.map((h) => h.valLoss!);
    let reference = Infinity, lastImprovement = 0;
    losses.forEach((l, i) => {
      if (l < reference - 0.05) {
        reference = l;
        lastImprovement = i + 1;
      }
    });
    expect(res.history.length - lastImprovement).toBe(3);
    expect(losses[res.bestEpoch - 1]).toBe(Math.min(...losses));
  });

  it('reports divergence with the epoch and a learning-rate suggestion', async () => {
    const model = buildModel(net([4], [dense(16, act('relu')), dense(3)], {
      loss: { name: 'mse', fromLogits: false },
      optimizer: { name: 'sgd', learningRate: 50, momentum: 0.9, nesterov: false },
      epochs: 50,
      batchSize: 8,
    }));
    const d = blobs(64, 3);
    const res = await fit(model, d, undefined);
    expect(res.stopReason).toBe('diverged');
    expect(res.message).toMatch(/diverged in epoch \d+/);
    expect(res.message).toMatch(/lower learning rate/);
    expect(res.message).toContain('learning_rate is 50');
    expect(res.history.length).toBeLessThan(50);
  });

  it('calls back per batch and per epoch, and stops when asked', async () => {
    const model = buildModel(classifier({ epochs: 10 }));
    const batches: number[] = [];
    const res = await fit(model, blobs(50, 1), undefined, {}, {
      onBatchEnd: (b) => batches.push(b.batch),
      onEpochEnd: (e) => (e.epoch === 2 ? 'stop' : undefined),
    });
    expect(res.stopReason).toBe('stopped');
    expect(res.history).toHaveLength(2);
    expect(batches).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
  });

  it('yields to the event loop between epochs (timers and progress bars get to run)', async () => {
    const model = buildModel(classifier({ epochs: 4 }));
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const seen: number[] = [];
    await fit(model, blobs(30, 1), undefined, {}, { onEpochEnd: () => void seen.push(ticks) });
    running = false;
    expect(seen).toHaveLength(4);
    for (let i = 1; i < 4; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
  });

  it('honours an abort signal', async () => {
    const model = buildModel(classifier({ epochs: 1000 }));
    const ctl = new AbortController();
    const res = await fit(model, blobs(50, 1), undefined, { signal: ctl.signal }, { onEpochEnd: (e) => { if (e.epoch === 3) ctl.abort(); } });
    expect(res.stopReason).toBe('stopped');
    expect(res.history).toHaveLength(3);
  });

  it('round-trips weights and rejects mismatched shapes', () => {
    const a = buildModel(classifier(), { seed: 1 });
    const b = buildModel(classifier(), { seed: 2 });
    const x = blobs(5, 9).x;
    expect(Array.from(predict(a, x, 5))).not.toEqual(Array.from(predict(b, x, 5)));
    const w = getWeights(a);
    expect(w.map((l) => l.weights.map((t) => `${t.name}[${t.shape.join(',')}]`))).toEqual([
      ['kernel[4,16]', 'bias[16]'], ['kernel[16,16]', 'bias[16]'], ['kernel[16,3]', 'bias[3]'],
    ]);
    setWeights(b, w);
    expect(Array.from(predict(b, x, 5))).toEqual(Array.from(predict(a, x, 5)));
    const bad = buildModel(net([4], [dense(8, act('relu')), dense(16, act('relu')), dense(3, act('softmax'))]));
    expect(() => setWeights(bad, w)).toThrow(/layer 0 \(dense\) weight 'kernel' has shape \[4, 8\]/);
  });

  it('probes gradients without changing the weights', () => {
    const model = buildModel(classifier());
    const before = getWeights(model);
    const d = blobs(32, 4);
    const p = probeGradients(model, d);
    expect(p.loss).toBeGreaterThan(0.3);
    expect(p.loss).toBeLessThan(3);
    expect(p.layers.map((l) => l.name)).toEqual(['dense', 'dense_1', 'dense_2']);
    for (const l of p.layers) expect(l.gradNorm).toBeGreaterThan(0);
    expect(getWeights(model)).toEqual(before);
  });
});
