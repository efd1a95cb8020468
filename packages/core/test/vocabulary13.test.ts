/** Issue 13 end to end: the vocabulary as written in .axon, resolved by the language, trained by the core. */
import { describe, expect, it } from 'vitest';
import { check, type ResolvedNetwork } from '@axon/language';
import { buildModel, evaluate, fit } from '../src/index.js';
import { allParams } from '../src/model.js';
import { testRandom } from './net-helpers.js';

function resolve(src: string): ResolvedNetwork {
  const result = check(src);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => d.message)).toEqual([]);
  return result.networks[0]!;
}

const source = (task: string, layers: string, train: string) => `network V {
  input [4]
  task ${task}
  layers {
${layers}
  }
  train {
${train}
    epochs: 25
    batch_size: 16
    seed: 1
  }
}
`;

/** 96 rows of 4 features; a linear score s = x·w decides the targets. */
function data(kind: 'regression' | 'binary' | 'classes' | 'counts' | 'distribution') {
  const r = testRandom(21);
  const n = 96;
  const x = Float32Array.from({ length: n * 4 }, () => r() * 2 - 1);
  const score = (i: number) => x[i * 4]! - 0.5 * x[i * 4 + 1]! + 0.25 * x[i * 4 + 2]!;
  const k = kind === 'classes' || kind === 'distribution' ? 3 : 1;
  const y = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const s = score(i);
    if (kind === 'regression') y[i] = s;
    else if (kind === 'binary') y[i] = s > 0 ? 1 : 0;
    else if (kind === 'counts') y[i] = s > 0.5 ? 1 : s > -0.5 ? 0.5 : 0; // rates in [0, 1]
    else if (kind === 'classes') y[i * 3 + (s < -0.3 ? 0 : s < 0.3 ? 1 : 2)] = 1;
    else {
      const e = [Math.exp(s), 1, Math.exp(-s)], sum = e[0]! + e[1]! + e[2]!;
      for (let j = 0; j < 3; j++) y[i * 3 + j] = e[j]! / sum;
    }
  }
  return { x, y, n, inputShape: [4], targetSize: k };
}

async function trains(network: ResolvedNetwork, d: ReturnType<typeof data>): Promise<{ first: number; last: number; metrics: Record<string, number> }> {
  const model = buildModel(network);
  const before = evaluate(model, d).loss;
  const result = await fit(model, d, undefined);
  const after = evaluate(model, d);
  expect(result.stopReason).toBe('completed');
  return { first: before, last: after.loss, metrics: after.metrics };
}

describe('issue-13 optimizers train a regression from source', () => {
  const optimizers = [
    'adagrad(learning_rate: 0.1)',
    'adadelta(learning_rate: 1)',
    'adamw(learning_rate: 0.01)',
    'adamw(learning_rate: 0.01, weight_decay: 0.1)',
    'nadam(learning_rate: 0.01)',
    'sgd(learning_rate: 0.05, momentum: 0.9, weight_decay: 0.01)',
    'adam(learning_rate: 0.01, weight_decay: 0.004, clipnorm: 1)',
  ];
  for (const opt of optimizers) {
    it(opt, async () => {
      const network = resolve(source('regression', '    dense(16, activation: tanh)\n    dense(1)', `    loss: mse\n    optimizer: ${opt}`));
      const { first, last } = await trains(network, data('regression'));
      expect(last).toBeLessThan(0.5 * first);
    });
  }
});

describe('issue-13 losses train their tasks from source', () => {
  it('log_cosh (regression)', async () => {
    const r = await trains(resolve(source('regression', '    dense(16, activation: tanh)\n    dense(1)', '    loss: log_cosh\n    optimizer: adam(learning_rate: 0.01)')), data('regression'));
    expect(r.last).toBeLessThan(0.3 * r.first);
    expect(r.metrics.r2).toBeGreaterThan(0.8);
  });
  it('poisson on a positive (sigmoid) output: event rates', async () => {
    const r = await trains(resolve(source('regression', '    dense(16, activation: tanh)\n    dense(1, activation: sigmoid)', '    loss: poisson\n    optimizer: adam(learning_rate: 0.01)')), data('counts'));
    // The best constant rate's loss is well above the fitted one's.
    expect(r.last).toBeLessThan(r.first - 0.05);
    expect(Number.isFinite(r.last)).toBe(true);
  });
  it('hinge with 0/1 labels (binary): accuracy on the score at 0', async () => {
    const r = await trains(resolve(source('binary_classification', '    dense(16, activation: tanh)\n    dense(1)', '    loss: hinge\n    optimizer: adam(learning_rate: 0.01)')), data('binary'));
    expect(r.last).toBeLessThan(0.5 * r.first);
    expect(r.metrics.accuracy).toBeGreaterThan(0.9);
  });
  it('sparse_categorical_crossentropy on softmax (classification)', async () => {
    const r = await trains(resolve(source('classification(3)', '    dense(16, activation: tanh)\n    dense(3, activation: softmax)', '    loss: sparse_categorical_crossentropy\n    optimizer: adam(learning_rate: 0.01)')), data('classes'));
    expect(r.last).toBeLessThan(0.6 * r.first);
    expect(r.metrics.accuracy).toBeGreaterThan(0.85);
  });
  it('kl_divergence on soft labels (classification)', async () => {
    const r = await trains(resolve(source('classification(3)', '    dense(16, activation: tanh)\n    dense(3, activation: softmax)', '    loss: kl_divergence\n    optimizer: adam(learning_rate: 0.01)')), data('distribution'));
    expect(r.last).toBeLessThan(0.5 * r.first);
  });
});

describe('issue-13 initialisers and regularisers from source', () => {
  it('every new initialiser builds, seeded, and trains', async () => {
    const inits = ['ones', 'random_uniform(-0.1, 0.1)', 'random_normal(0, 0.1)', 'truncated_normal(stddev: 0.2)', 'orthogonal(1.41)', 'variance_scaling(2, fan_in, untruncated_normal)'];
    for (const init of inits) {
      const network = resolve(source('regression', `    dense(8, activation: tanh, init: ${init})\n    dense(1)`, '    loss: mse\n    optimizer: adam(learning_rate: 0.01)'));
      const a = buildModel(network), b = buildModel(network);
      expect(Array.from(a.layers[0]!.params[0]!.value), init).toEqual(Array.from(b.layers[0]!.params[0]!.value));
      const { first, last } = await trains(network, data('regression'));
      expect(last, init).toBeLessThan(first);
    }
  });
  it('kernel_regularizer: l2 reaches the kernel and raises the reported loss by its penalty', async () => {
    const network = resolve(source('regression', '    dense(8, activation: tanh, kernel_regularizer: l2(0.1))\n    dense(1)', '    loss: mse\n    optimizer: adam(learning_rate: 0.01)'));
    const model = buildModel(network);
    const kernel = allParams(model).find((p) => p.regularizer)!;
    expect(kernel.regularizer).toEqual({ name: 'l2', l2: 0.1 });
    const sumSq = Array.from(kernel.value).reduce((s, v) => s + v * v, 0);
    const plain = buildModel(resolve(source('regression', '    dense(8, activation: tanh)\n    dense(1)', '    loss: mse\n    optimizer: adam(learning_rate: 0.01)')));
    const d = data('regression');
    expect(evaluate(model, d).loss - evaluate(plain, d).loss).toBeCloseTo(0.1 * sumSq, 5);
  });
});
