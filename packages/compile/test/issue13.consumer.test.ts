/**
 * The issue-13 vocabulary in the real frameworks (`test:consumers`): PyTorch's runtime against Keras's
 * formulas, train.py runs (sparse labels on iris, adamw + l2, target scaling on a regression), and
 * TF.js's loadLayersModel on topologies with the new initialisers, regularisers and training config.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '@axon/compile';
import { buildModel, fit, getWeights, loadCsvData, loadModel, predict, saveModel, unscaleTargets } from '@axon/core';
import { corePredict, HARNESS, maxAbsDiff, randomInput, requirePythonModule, runPython, trainedModel, writeFloat32 } from './consumers.js';
import { EXAMPLES, networkOf, tempDir, writeOutput } from './helpers.js';
import { fileHandler } from './tfjs-files.js';

interface Summary {
  epochs: number;
  first: Record<string, number>;
  last: Record<string, number>;
  targetNormalization: { mean: number[]; std: number[] } | null;
}

/** The iris network (examples/iris.axon's shape) with the given train{} body. */
function iris(train: string, layer = 'dense(16, activation: relu)'): ReturnType<typeof networkOf> {
  return networkOf(`network Iris {
  input [4]
  task classification(classes: 3)
  layers {
    ${layer}
    dense(16, activation: relu)
    dense(3, activation: softmax)
  }
  train { ${train}
    epochs: 30
    batch_size: 16
    seed: 42 }
  data { source: "iris.csv"
    target: "species"
    validation_split: 0.2 }
}`);
}

function trainTorch(network: ReturnType<typeof networkOf>, csv: string, epochs: number): { dir: string; summary: Summary } {
  const dir = writeOutput(compile({ network, dataPath: join(EXAMPLES, csv) }, 'pytorch'), tempDir('torch-v13'));
  for (const f of ['model.py', 'axon_runtime.py', 'axon_csv.py', 'train.py']) runPython(['-m', 'py_compile', join(dir, f)]);
  const out = runPython([join(dir, 'train.py'), '--epochs', String(epochs), '--json', '--quiet'], { cwd: dir, timeout: 300_000 });
  return { dir, summary: JSON.parse(out.trim().split('\n').pop()!) as Summary };
}

describe('issue-13 vocabulary in PyTorch', () => {
  beforeAll(() => requirePythonModule('torch'));

  it("the runtime's losses, optimizers, weight decay, initialisers and penalties equal Keras 3's formulas", () => {
    const dir = writeOutput(compile({ network: iris('loss: sparse_categorical_crossentropy') }, 'pytorch'), tempDir('torch-v13-rt'));
    const m = JSON.parse(runPython([HARNESS('torch_vocabulary.py'), dir])) as Record<string, number>;
    for (const k of ['log_cosh', 'kl_divergence', 'poisson', 'hinge', 'sparse_vs_categorical', 'sparse_vs_categorical_logits']) expect(m[k], k).toBeLessThan(1e-6);
    for (const k of ['nadam', 'nadam_weight_decay', 'adamw', 'adadelta', 'sgd_weight_decay']) expect(m[k], k).toBeLessThan(1e-6);
    expect(m.adagrad, 'adagrad: torch adds eps outside the root, Keras inside').toBeLessThan(1e-5);
    expect(m.random_uniform_min).toBeGreaterThanOrEqual(-0.1);
    expect(m.random_uniform_max).toBeLessThan(0.3);
    expect(m.random_uniform_mean).toBeCloseTo(0.1, 2);
    expect(m.random_normal_mean).toBeCloseTo(0.5, 2);
    expect(m.random_normal_std).toBeCloseTo(0.2, 2);
    expect(m.truncated_normal_min).toBeGreaterThanOrEqual(0.8 - 1e-6);
    expect(m.truncated_normal_max).toBeLessThanOrEqual(1.2 + 1e-6);
    expect(m.variance_scaling_tn_std! / Math.sqrt(2 / 300)).toBeCloseTo(1, 1);
    expect(m.variance_scaling_uniform_max! / Math.sqrt(3 / 350)).toBeCloseTo(1, 2);
    expect(m.variance_scaling_normal_std! / Math.sqrt(3 / 400)).toBeCloseTo(1, 1);
    expect(m.orthogonal_gram_error).toBeLessThan(1e-4);
    expect(m.ones_sum).toBe(2500);
    expect(m.l1_l2_penalty).toBeCloseTo(0.1 * 7.5 + 0.01 * 15.25, 6);
  });

  it('(a) sparse_categorical_crossentropy on iris: class-index targets, the loss falls, accuracy > 0.8', () => {
    const { summary } = trainTorch(iris('loss: sparse_categorical_crossentropy\n optimizer: adam(learning_rate: 0.01)'), 'iris.csv', 30);
    expect(summary.epochs).toBe(30);
    expect(summary.last.loss).toBeLessThan(summary.first.loss * 0.6);
    expect(summary.last.accuracy).toBeGreaterThan(0.8);
  });

  it('(b) adamw with an l2 kernel regulariser: the loss (penalty included) falls; the penalty is in the reported loss', () => {
    const reg = trainTorch(iris('optimizer: adamw(learning_rate: 0.01, weight_decay: 0.01)', 'dense(16, activation: relu, kernel_regularizer: l2(0.05))'), 'iris.csv', 30);
    expect(reg.summary.last.loss).toBeLessThan(reg.summary.first.loss * 0.8);
    expect(reg.summary.last.accuracy).toBeGreaterThan(0.8);
    const plain = trainTorch(iris('optimizer: adamw(learning_rate: 0.01, weight_decay: 0.01)'), 'iris.csv', 1);
    // Same seed, same first batch order: the regularised run's first epoch reports a larger loss (the penalty).
    expect(reg.summary.first.loss).toBeGreaterThan(plain.summary.first.loss);
  });

  it("(c) standardize_target: train.py's target statistics are the core's; the core's trained model, saved and reloaded, un-scaled by predict equals the core's predictions", async () => {
    const file = join(EXAMPLES, 'regression.axon');
    const source = readFileSync(file, 'utf8').replace('standardize: true', 'standardize: true\n    standardize_target: true');
    const network = networkOf(source);
    expect(network.data?.standardizeTarget).toBe(true);
    const { summary } = trainTorch(network, 'regression.csv', 5);
    expect(summary.last.loss).toBeLessThan(summary.first.loss);
    const data = await loadCsvData(network, file);
    const core = data.targetNormalization!;
    const t = summary.targetNormalization!;
    expect(t.mean).toHaveLength(1);
    expect(Math.abs(t.mean[0]! - core.mean[0]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(core.mean[0]!)));
    expect(Math.abs(t.std[0]! - core.std[0]!)).toBeLessThan(1e-5 * core.std[0]!);
    // the core trains on the scaled targets, saves the statistics with the model; the CLI passes loadModel's result
    const model = buildModel(network);
    await fit(model, data.train, data.validation, { epochs: 3 });
    const saved = tempDir('torch-v13-model');
    await saveModel(saved, { network, source, weights: getWeights(model), featureNames: data.featureNames, target: 'y', normalization: data.normalization!, targetNormalization: core });
    const loaded = await loadModel(saved);
    expect(loaded.targetNormalization).toEqual(core);
    const dir = writeOutput(compile({ network: loaded.network, trained: loaded }, 'pytorch'), tempDir('torch-v13-unscale'));
    const v = data.validation!;
    writeFloat32(join(dir, 'x.bin'), v.x);
    const script = `import sys, json, torch\nsys.path.insert(0, ${JSON.stringify(dir)})\nimport model\nnet = model.build_model()\nx = torch.frombuffer(bytearray(open(${JSON.stringify(join(dir, 'x.bin'))}, 'rb').read()), dtype=torch.float32).reshape(${v.n}, -1)\nprint(json.dumps(net.predict(x).reshape(-1).tolist()))`;
    const torchOut = JSON.parse(runPython(['-c', script])) as number[];
    const expected = unscaleTargets(predict(model, v.x, v.n), v.n, core);
    expect(torchOut).toHaveLength(v.n);
    expect(maxAbsDiff(torchOut, expected)).toBeLessThan(1e-4 * Math.max(1, core.std[0]!));
  });
});

describe('issue-13 vocabulary in TensorFlow.js', () => {
  const network = networkOf(`network V {
  input [4]
  task classification(classes: 3)
  layers {
    dense(8, activation: relu, init: random_uniform(-0.1, 0.2), kernel_regularizer: l2(0.01))
    dense(8, activation: tanh, init: random_normal(0.5, 0.02), bias_init: ones, kernel_regularizer: l1(0.003))
    dense(8, activation: tanh, init: truncated_normal(0, 0.3), kernel_regularizer: l1_l2(l1: 0.001, l2: 0.002))
    dense(8, activation: relu, init: variance_scaling(2, fan_in, uniform))
    dense(8, activation: relu, init: variance_scaling(1, fan_avg, truncated_normal))
    dense(3, activation: softmax, init: orthogonal(1.5))
  }
  train { loss: sparse_categorical_crossentropy
    optimizer: adagrad(learning_rate: 0.05) }
}`);

  it('loadLayersModel accepts the topology: initialisers drawn as asked, regularisers and the training config compiled', async () => {
    const dir = writeOutput(compile({ network }, 'tfjs'), tempDir('tfjs-v13'));
    const model = await tf.loadLayersModel(fileHandler(dir));
    expect(model.countParams()).toBe(network.params.total);
    const kernel = (i: number) => model.layers[i]!.getWeights()[0]!.dataSync();
    const k0 = kernel(0);
    expect(Math.min(...k0)).toBeGreaterThanOrEqual(-0.1);
    expect(Math.max(...k0)).toBeLessThan(0.2);
    expect(Array.from(model.layers[1]!.getWeights()[1]!.dataSync())).toEqual(new Array(8).fill(1));
    const k5 = tf.tidy(() => {
      const w = model.layers[5]!.getWeights()[0]!; // [8, 3]: orthonormal columns times 1.5
      return tf.matMul(w, w, true, false).dataSync();
    });
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(k5[i * 3 + j]!).toBeCloseTo(i === j ? 2.25 : 0, 4);
    expect(model.loss).toBe('sparseCategoricalCrossentropy');
    expect(model.optimizer.getClassName()).toBe('Adagrad');
    // the regularisers took part: layers 0–2 each carry a kernel regularizer
    expect((model.layers[0] as unknown as { kernelRegularizer?: unknown }).kernelRegularizer).toBeDefined();
    expect((model.layers[3] as unknown as { kernelRegularizer?: unknown }).kernelRegularizer ?? null).toBeNull();
    // one fit step runs with integer labels
    const h = await model.fit(tf.randomNormal([8, 4]), tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'float32'), { epochs: 2, batchSize: 8, verbose: 0 });
    expect(h.history.loss).toHaveLength(2);
    expect(Number.isFinite(h.history.loss[1] as number)).toBe(true);
    model.dispose();
  });

  it('with trained weights, predictions equal the core within 1e-4', async () => {
    const trained = trainedModel(network);
    const dir = writeOutput(compile({ network, trained: { weights: trained.weights } }, 'tfjs'), tempDir('tfjs-v13-w'));
    const model = await tf.loadLayersModel(fileHandler(dir));
    const n = 4;
    const x = randomInput(network, n);
    const y = tf.tidy(() => (model.predict(tf.tensor(x, [n, ...network.input])) as tf.Tensor).dataSync());
    expect(maxAbsDiff(y, corePredict(trained.model, x, n))).toBeLessThan(1e-4);
    model.dispose();
  });
});

describe('issue-13 vocabulary in ONNX (inference only)', () => {
  beforeAll(() => requirePythonModule('onnx'));

  it('a network with the new initialisers, a regulariser, hinge and nadam exports and passes onnx.checker; target statistics in the metadata', () => {
    const network = networkOf(`network H {
  input [3]
  task regression(outputs: 1)
  layers {
    dense(4, activation: relu, init: orthogonal(2), kernel_regularizer: l1_l2(l1: 0.01, l2: 0.01))
    dense(1, init: variance_scaling(1, fan_avg, uniform))
  }
  train { loss: log_cosh
    optimizer: nadam(weight_decay: 0.01) }
}`);
    const trained = trainedModel(network);
    const file = writeOutput(compile({ network, trained: { weights: trained.weights, targetNormalization: { mean: [3], std: [2] } } }, 'onnx'), tempDir('onnx-v13'));
    const check = JSON.parse(runPython([HARNESS('onnx_check.py'), file])) as { output_dims: (number | string)[]; metadata: Record<string, string> };
    expect(check.output_dims).toEqual(['N', 1]);
    expect(JSON.parse(check.metadata['axon.target_normalization']!)).toEqual({ mean: [3], std: [2] });
  });
});
