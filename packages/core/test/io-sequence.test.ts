/** Model files and getWeights/setWeights for the sequence layers: round trips and shape checks. */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { check } from '@axon/language';
import { buildModel, getWeights, predict, setWeights, type TrainedModel } from '../src/index.js';
import { loadModel, ModelFileError, saveModel } from '../src/io/index.js';
import { expectedTensorShapes } from '../src/io/weight-shapes.js';
import { tokenIds } from './seq-nets.js';
import { useTempDir } from './temp-dir.js';

const dir = useTempDir('axon-io-seq-');

const SOURCE = `network Seq {
  input [12]
  task binary_classification
  layers {
    embedding(30, 6)
    lstm(5, return_sequences: true, bidirectional: true)
    gru(4, return_sequences: true)
    simple_rnn(3, return_sequences: true, use_bias: false)
    conv1d(4, 3, stride: 2, padding: same, activation: relu)
    max_pool1d(2)
    global_avg_pool1d()
    dense(1, activation: sigmoid)
  }
}
`;

function trained(source = SOURCE, seed = 4): { model: ReturnType<typeof buildModel>; file: TrainedModel } {
  const r = check(source);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const network = r.networks[0]!;
  const model = buildModel(network, { seed });
  return { model, file: { network, source, weights: getWeights(model), featureNames: [] } };
}

const x = Float32Array.from(tokenIds(3, 12, 30, 8));

describe('sequence layers: weights round trip', () => {
  it('getWeights → setWeights into a differently seeded model gives the same predictions', () => {
    const a = trained(SOURCE, 1), b = trained(SOURCE, 2);
    expect(Array.from(predict(b.model, x, 3))).not.toEqual(Array.from(predict(a.model, x, 3)));
    setWeights(b.model, getWeights(a.model));
    expect(Array.from(predict(b.model, x, 3))).toEqual(Array.from(predict(a.model, x, 3)));
  });

  it('every weight has the shape expectedTensorShapes gives for its layer', () => {
    const { file } = trained();
    for (const lw of file.weights) {
      const layer = file.network.layers[lw.layer]!;
      const expected = expectedTensorShapes(layer);
      expect(Object.keys(expected)).toEqual(lw.weights.map((w) => w.name));
      for (const w of lw.weights) expect(w.shape).toEqual(expected[w.name]);
    }
    expect(expectedTensorShapes(file.network.layers[2]!)).toEqual({ kernel: [10, 12], recurrent_kernel: [4, 12], bias: [2, 12] });
    expect(expectedTensorShapes(file.network.layers[3]!)).toEqual({ kernel: [4, 3], recurrent_kernel: [3, 3] });
  });

  it('saveModel → loadModel: identical tensors and predictions', async () => {
    const { model, file } = trained();
    const out = join(dir(), 'seq');
    await saveModel(out, file);
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(json.layers[1].tensors.map((t: { name: string; shape: number[] }) => `${t.name}:${t.shape.join('x')}`)).toEqual([
      'forward_kernel:6x20', 'forward_recurrent_kernel:5x20', 'forward_bias:20',
      'backward_kernel:6x20', 'backward_recurrent_kernel:5x20', 'backward_bias:20',
    ]);
    expect(json.weights.byteLength).toBe(file.network.params.total * 4);
    const loaded = await loadModel(out);
    const again = buildModel(loaded.network, { seed: 99 });
    setWeights(again, loaded.weights);
    expect(Array.from(predict(again, x, 3))).toEqual(Array.from(predict(model, x, 3)));
  });

  it('a recorded tensor of the wrong shape (same size) is refused, naming it and the shape the source needs', async () => {
    const { file } = trained();
    const out = join(dir(), 'bad');
    await saveModel(out, file);
    const path = join(out, 'model.json');
    const json = JSON.parse(await readFile(path, 'utf8'));
    json.layers[1].tensors[1].shape = [20, 5];
    await writeFile(path, JSON.stringify(json));
    const err = await loadModel(out).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as Error).message).toMatch(/layer lstm tensor forward_recurrent_kernel has shape \[20, 5\] but the source needs \[5, 20\]/);
  });
});
