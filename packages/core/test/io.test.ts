import { describe, expect, it } from 'vitest';
import { readFile, writeFile, readdir, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '@axon/language';
import { buildModel, fit, getWeights, predict, setWeights, type TrainedModel } from '../src/index.js';
import { loadCsvData, applyNormalization } from '../src/data/index.js';
import { saveModel, loadModel, encodeModel, ModelFileError } from '../src/io/index.js';
import { useTempDir } from './temp-dir.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const dir = useTempDir('axon-io-');

async function exampleNetwork(file: string) {
  const source = await readFile(join(examples, file), 'utf8');
  const result = check(source);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { source, network: result.networks[0]! };
}

/** Iris, trained for a few epochs so batch_norm's moving statistics and every weight are non-trivial. */
async function trainedIris(): Promise<TrainedModel> {
  const { source, network } = await exampleNetwork('iris.axon');
  const data = await loadCsvData(network, join(examples, 'iris.axon'));
  const model = buildModel(network, { seed: 3 });
  await fit(model, data.train, data.validation, { epochs: 3 });
  return {
    network,
    source,
    weights: getWeights(model),
    featureNames: data.featureNames,
    target: data.target,
    labelNames: data.labelNames!,
    normalization: data.normalization!,
  };
}

function restore(trained: TrainedModel) {
  const model = buildModel(trained.network);
  setWeights(model, trained.weights);
  return model;
}

async function saved(name: string, trained: TrainedModel): Promise<string> {
  const out = join(dir(), name);
  await saveModel(out, trained);
  return out;
}

async function loadError(out: string): Promise<ModelFileError> {
  const err = await loadModel(out).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelFileError);
  return err as ModelFileError;
}

describe('saveModel / loadModel round trip', () => {
  it('iris (dense, dropout, batch_norm, elu, leaky_relu): identical predictions, names and statistics after load', async () => {
    const trained = await trainedIris();
    const out = await saved('iris', trained);
    expect((await readdir(out)).sort()).toEqual(['model.json', 'weights.bin']); // no temp files left
    const loaded = await loadModel(out);
    expect(loaded.network.name).toBe('Iris');
    expect(loaded.source).toBe(trained.source);
    expect(loaded.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(loaded.labelNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(loaded.target).toBe('species');
    expect(loaded.normalization).toEqual(trained.normalization);
    expect(loaded.weights.map((w) => [w.layer, w.name, w.weights.map((t) => `${t.name}:${t.shape.join('x')}`)])).toEqual(
      trained.weights.map((w) => [w.layer, w.name, w.weights.map((t) => `${t.name}:${t.shape.join('x')}`)]),
    );
    const rows = new Float32Array([5.1, 3.5, 1.4, 0.2, 6.7, 3.1, 4.7, 1.5, 6.3, 3.3, 6.0, 2.5]);
    const x = applyNormalization(rows, 3, loaded.normalization!);
    const before = predict(restore(trained), applyNormalization(rows, 3, trained.normalization!), 3);
    const after = predict(restore(loaded), x, 3);
    expect(Array.from(after)).toEqual(Array.from(before));
    expect(after.length).toBe(9);
  });

  it('a CNN (conv2d kernels [kh, kw, in, filters]) round-trips bit for bit', async () => {
    const { source, network } = await exampleNetwork('mnist-cnn.axon');
    const model = buildModel(network, { seed: 5 });
    const trained: TrainedModel = { network, source, weights: getWeights(model), featureNames: [] };
    const out = await saved('cnn', trained);
    const file = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(file.layers[0].tensors[0]).toEqual({ name: 'kernel', shape: [3, 3, 1, 32], byteOffset: 0, length: 288 });
    expect(file.weights.byteLength).toBe(network.params.total * 4);
    const loaded = await loadModel(out);
    for (let l = 0; l < trained.weights.length; l++) {
      for (let t = 0; t < trained.weights[l]!.weights.length; t++) {
        expect(Array.from(loaded.weights[l]!.weights[t]!.values)).toEqual(Array.from(trained.weights[l]!.weights[t]!.values));
      }
    }
    const x = Float32Array.from({ length: 2 * 784 }, (_, i) => ((i * 7919) % 255) / 255);
    expect(Array.from(predict(restore(loaded), x, 2))).toEqual(Array.from(predict(model, x, 2)));
  });

  it('writes float32 little-endian values at the recorded offsets', async () => {
    const trained = await trainedIris();
    const { file, bytes } = encodeModel(trained);
    expect(file.format).toBe('axon-model');
    expect(file.version).toBe(1);
    const view = new DataView(bytes.buffer);
    for (const layer of file.layers) {
      const source = trained.weights.find((w) => w.layer === layer.index)!;
      for (const t of layer.tensors) {
        const values = source.weights.find((w) => w.name === t.name)!.values;
        expect(view.getFloat32(t.byteOffset, true)).toBe(values[0]);
        expect(view.getFloat32(t.byteOffset + (t.length - 1) * 4, true)).toBe(values[t.length - 1]);
      }
    }
    const total = file.layers.flatMap((l) => l.tensors).reduce((a, t) => a + t.length, 0);
    expect(bytes.length).toBe(total * 4);
    expect(total).toBe(trained.network.params.total);
  });

  it('saving again replaces the model', async () => {
    const trained = await trainedIris();
    const out = await saved('twice', trained);
    const changed: TrainedModel = { ...trained, labelNames: ['a', 'b', 'c'] };
    await saveModel(out, changed);
    expect((await loadModel(out)).labelNames).toEqual(['a', 'b', 'c']);
    expect((await readdir(out)).sort()).toEqual(['model.json', 'weights.bin']);
  });
});

describe('loadModel: missing or corrupt files are clear errors', () => {
  it('a directory without a model', async () => {
    const err = await loadError(join(dir(), 'nothing-here'));
    expect(err.message).toMatch(/nothing-here\/model\.json: file not found; .* is not a complete Axon model directory/);
  });

  it('missing weights.bin', async () => {
    const out = await saved('no-weights', await trainedIris());
    await rm(join(out, 'weights.bin'));
    expect((await loadError(out)).message).toMatch(/weights\.bin: file not found/);
  });

  it('truncated weights.bin', async () => {
    const out = await saved('truncated', await trainedIris());
    await truncate(join(out, 'weights.bin'), 100);
    expect((await loadError(out)).message).toMatch(/weights\.bin: holds 100 bytes but model\.json records \d+; the model is incomplete or corrupt/);
  });

  it('one changed byte in weights.bin', async () => {
    const out = await saved('flipped', await trainedIris());
    const bytes = await readFile(join(out, 'weights.bin'));
    bytes[40] = bytes[40]! ^ 0xff;
    await writeFile(join(out, 'weights.bin'), bytes);
    expect((await loadError(out)).message).toMatch(/weights\.bin: SHA-256 does not match model\.json/);
  });

  async function editJson(name: string, edit: (json: Record<string, unknown>) => void): Promise<string> {
    const out = await saved(name, await trainedIris());
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    edit(json);
    await writeFile(join(out, 'model.json'), JSON.stringify(json));
    return out;
  }

  it('model.json that is not JSON', async () => {
    const out = await saved('not-json', await trainedIris());
    await writeFile(join(out, 'model.json'), '{"format": "axon-model", ');
    expect((await loadError(out)).message).toMatch(/model\.json: not valid JSON/);
  });

  it('another format or version', async () => {
    const other = await editJson('format', (j) => (j.format = 'keras'));
    expect((await loadError(other)).message).toMatch(/not an Axon model \(format is "keras", expected "axon-model"\)/);
    const newer = await editJson('version', (j) => (j.version = 2));
    expect((await loadError(newer)).message).toMatch(/format version 2 is not supported \(this Axon reads version 1\)/);
  });

  it('a tensor table that does not fit weights.bin', async () => {
    const out = await editJson('offsets', (j) => {
      const layers = j.layers as { tensors: { byteOffset: number }[] }[];
      layers[0]!.tensors[0]!.byteOffset = 1 << 30;
    });
    expect((await loadError(out)).message).toMatch(/layers\[0\]\.tensors\[0\] needs name, shape, byteOffset and length that agree and fit in weights\.bin/);
  });

  it('a saved source that no longer analyses', async () => {
    const out = await editJson('bad-source', (j) => (j.source = String(j.source).replace('dense(16, activation: relu)', 'dense(16, activation: rleu)')));
    expect((await loadError(out)).message).toMatch(/the saved source no longer analyses \(1 error; first at line \d+, column \d+: /);
  });

  it('a source without the saved network', async () => {
    const out = await editJson('renamed', (j) => (j.network = 'Iris2'));
    expect((await loadError(out)).message).toMatch(/the saved source has no network Iris2 \(it has: Iris\)/);
  });

  it('weights that do not match the source', async () => {
    const out = await editJson('resized', (j) => (j.source = String(j.source).replace('dense(16, activation: relu)', 'dense(17, activation: relu)')));
    expect((await loadError(out)).message).toMatch(/layer dense has 80 weights in the file but 85 parameters in the source/);
  });
});
