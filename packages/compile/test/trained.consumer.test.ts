/**
 * Weights trained by the core and saved as `axon train` saves them (saveModel → model.json + weights.bin),
 * read back with loadModel, compiled for every weight-carrying target and checked in the real consumers
 * on the real (standardised) validation rows. Also: the PyTorch CSV loader reproduces the core's split,
 * encoding and standardisation exactly. One of them is a graph (residual-cnn.axon).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, fit, getWeights, loadCsvData, loadModel, predict, saveModel, type LoadedData, type Model, type TrainedModel } from '@axon/core';
import { compile } from '@axon/compile';
import { HARNESS, maxAbsDiff, requirePythonModule, runPython, writeFloat32 } from './consumers.js';
import { EXAMPLES, networkOf, tempDir, writeOutput } from './helpers.js';

// residual-cnn.axon: a graph (an identity residual block) trained on the 400 MNIST rows, reloaded from its model files.
// sentiment.axon and marker-order.axon: a text column tokenised by the core (the tokenizer saved with the model).
const cases = ['iris.axon', 'binary.axon', 'regression.axon', 'residual-cnn.axon', 'sentiment.axon', 'marker-order.axon'];
const EPOCHS: Record<string, number> = { 'residual-cnn.axon': 1, 'sentiment.axon': 3, 'marker-order.axon': 3 };

interface Trained {
  file: string;
  data: LoadedData;
  model: Model;
  loaded: TrainedModel;
}

async function train(example: string): Promise<Trained> {
  const file = join(EXAMPLES, example);
  const source = readFileSync(file, 'utf8');
  const network = networkOf(source);
  const data = await loadCsvData(network, file);
  const model = buildModel(network);
  await fit(model, data.train, data.validation, { epochs: EPOCHS[example] ?? 5 });
  const dir = tempDir('trained');
  await saveModel(dir, {
    network,
    source,
    weights: getWeights(model),
    featureNames: data.featureNames,
    target: network.data!.target,
    ...(data.labelNames ? { labelNames: data.labelNames } : {}),
    ...(data.normalization ? { normalization: data.normalization } : {}),
    ...(data.tokenizer ? { tokenizer: data.tokenizer } : {}),
  });
  return { file, data, model, loaded: await loadModel(dir) };
}

describe.each(cases)('%s trained by the core, saved and reloaded', (example) => {
  let t: Trained;
  beforeAll(async () => {
    requirePythonModule('torch');
    requirePythonModule('onnx');
    t = await train(example);
  });

  it('pytorch: forward pass on the validation rows equals the core within 1e-4', () => {
    const v = t.data.validation!;
    const dir = writeOutput(compile({ network: t.loaded.network, trained: t.loaded, dataPath: join(EXAMPLES, t.loaded.network.data!.source) }, 'pytorch'), tempDir('trained-torch'));
    writeFloat32(join(dir, 'x.bin'), v.x);
    const torch = JSON.parse(runPython([HARNESS('torch_forward.py'), dir, join(dir, 'x.bin'), String(v.n)])) as { out: number[] };
    expect(maxAbsDiff(torch.out, predict(t.model, v.x, v.n))).toBeLessThan(1e-4);
  });

  it('pytorch: the generated CSV loader reproduces the core split, targets and standardisation', () => {
    const dir = writeOutput(compile({ network: t.loaded.network, dataPath: join(EXAMPLES, t.loaded.network.data!.source) }, 'pytorch'), tempDir('trained-data'));
    const py = JSON.parse(runPython([HARNESS('torch_data.py'), dir])) as Record<string, never>;
    expect(py.trainN).toBe(t.data.train.n);
    expect(py.valN).toBe(t.data.validation!.n);
    expect(maxAbsDiff(py.trainX, t.data.train.x)).toBeLessThan(1e-5);
    expect(maxAbsDiff(py.valX, t.data.validation!.x)).toBeLessThan(1e-5);
    expect(py.trainY).toEqual(Array.from(t.data.train.y));
    expect(py.valY).toEqual(Array.from(t.data.validation!.y));
    expect(py.featureNames).toEqual(t.data.featureNames);
    expect(py.labelNames ?? undefined).toEqual(t.data.labelNames);
    // A text column: the same vocabulary from the same training rows, so the same token ids.
    expect(py.vocabulary ?? undefined).toEqual(t.data.tokenizer?.vocabulary);
    if (t.data.tokenizer) expect(t.loaded.tokenizer?.vocabulary).toEqual(t.data.tokenizer.vocabulary);
  });

  it('keras: the generated load_data (numpy) reproduces the core split and standardisation', () => {
    requirePythonModule('numpy');
    const file = writeOutput(compile({ network: t.loaded.network, dataPath: join(EXAMPLES, t.loaded.network.data!.source) }, 'keras'), tempDir('trained-keras'));
    const py = JSON.parse(runPython([HARNESS('keras_data.py'), file])) as Record<string, never>;
    expect(py.shape).toEqual([t.data.train.n, ...t.loaded.network.input]);
    expect(maxAbsDiff(py.trainX, t.data.train.x)).toBeLessThan(1e-5);
    expect(maxAbsDiff(py.valX, t.data.validation!.x)).toBeLessThan(1e-5);
    expect(py.trainY).toEqual(Array.from(t.data.train.y));
    expect(py.valY).toEqual(Array.from(t.data.validation!.y));
  });

  it('tfjs: predictions equal the core within 1e-4', async () => {
    const v = t.data.validation!;
    const out = compile({ network: t.loaded.network, trained: t.loaded }, 'tfjs');
    const mj = JSON.parse(out.files[0]!.contents as string);
    const w = out.files[1]!.contents as Uint8Array;
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: mj.modelTopology, weightSpecs: mj.weightsManifest[0].weights, weightData: w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer }),
    );
    const y = tf.tidy(() => (model.predict(tf.tensor(v.x, [v.n, ...t.loaded.network.input])) as tf.Tensor).dataSync());
    expect(maxAbsDiff(y, predict(t.model, v.x, v.n))).toBeLessThan(1e-4);
  });

  it('onnx: checker passes; onnxruntime-node equals the core within 1e-4; metadata carries the encoding', async () => {
    const ort = await import('onnxruntime-node');
    const v = t.data.validation!;
    const file = writeOutput(compile({ network: t.loaded.network, trained: t.loaded }, 'onnx'), tempDir('trained-onnx'));
    const check = JSON.parse(runPython([HARNESS('onnx_check.py'), file])) as { metadata: Record<string, string> };
    expect(JSON.parse(check.metadata['axon.feature_names']!)).toEqual(t.data.featureNames);
    expect(check.metadata['axon.tokenizer'] === undefined ? undefined : JSON.parse(check.metadata['axon.tokenizer']).vocabulary).toEqual(t.data.tokenizer?.vocabulary);
    const session = await ort.InferenceSession.create(file);
    const r = await session.run({ input: new ort.Tensor('float32', v.x, [v.n, ...t.loaded.network.input]) });
    expect(maxAbsDiff(r.output!.data as Float32Array, predict(t.model, v.x, v.n))).toBeLessThan(1e-4);
  });
});
