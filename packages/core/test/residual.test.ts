/**
 * Residual and concat networks through the rest of the engine: model files (kernels without a bias
 * are saved alone, in Keras's layout), and a short training run that learns.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildModel, fit, getWeights, predict, setWeights } from '../src/index.js';
import { loadModel, saveModel } from '../src/io/index.js';
import { concatNet, residualNet } from './graph-nets.js';
import { testRandom } from './net-helpers.js';
import { useTempDir } from './temp-dir.js';

const dir = useTempDir('axon-residual-');

/**
 * size×size×2 images with a bright 2×2 patch at a random place: the class is which channel it lights
 * (the first, the second, or both). Global pooling discards the place, so the nets must find the patch.
 */
function patches(n: number, seed: number, size: number) {
  const r = testRandom(seed);
  const per = size * size * 2;
  const x = new Float32Array(n * per), y = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(r() * 3);
    y[i * 3 + c] = 1;
    for (let j = 0; j < per; j++) x[i * per + j] = (r() - 0.5) * 0.4;
    const top = Math.floor(r() * (size - 1)), left = Math.floor(r() * (size - 1));
    for (let dy = 0; dy < 2; dy++) {
      for (let dx = 0; dx < 2; dx++) {
        const at = i * per + ((top + dy) * size + left + dx) * 2;
        if (c !== 1) x[at] += 1.5;
        if (c !== 0) x[at + 1] += 1.5;
      }
    }
  }
  return { x, y, n, inputShape: [size, size, 2], targetSize: 3 };
}

describe('residual and concat networks', () => {
  it('a model file holds a bias-free conv\'s kernel alone and round-trips the residual network bit for bit', async () => {
    const network = residualNet();
    const model = buildModel(network, { seed: 2 });
    await fit(model, patches(64, 1, 6), undefined, { epochs: 1, batchSize: 16 });
    const out = join(dir(), 'residual');
    await saveModel(out, { network, source: '', weights: getWeights(model), featureNames: [] });
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    const conv1 = json.layers.find((l: { name: string }) => l.name === 'conv2d_1');
    expect(conv1.tensors.map((t: { name: string; shape: number[] }) => [t.name, t.shape])).toEqual([['kernel', [3, 3, 4, 4]]]);
    expect(json.graph.find((g: { name: string }) => g.name === 'add')).toEqual({ name: 'add', kind: 'merge', inputs: [5, 0] });
    expect(json.weights.byteLength).toBe(network.params.total * 4);
    const loaded = await loadModel(out, { network });
    const again = buildModel(loaded.network);
    setWeights(again, loaded.weights);
    const x = patches(5, 9, 6).x;
    expect(Array.from(predict(again, x, 5))).toEqual(Array.from(predict(model, x, 5)));
  });

  for (const [label, make, size] of [['residual', residualNet, 6], ['concat', concatNet, 5]] as const) {
    it(`the ${label} network learns which channels a patch lights, wherever it is (loss falls by more than half, > 90 % right on new images)`, async () => {
      const network = make({ loss: { name: 'categorical_crossentropy', fromLogits: false }, optimizer: { name: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } });
      const train = patches(384, 3, size);
      const test = patches(200, 4, size);
      const model = buildModel(network, { seed: 1 });
      const result = await fit(model, train, undefined, { epochs: 12, batchSize: 32 });
      const first = result.history[0]!.loss, last = result.history[result.history.length - 1]!.loss;
      expect(last).toBeLessThan(first / 2);
      const p = predict(model, test.x, test.n);
      let right = 0;
      for (let i = 0; i < test.n; i++) {
        const row = Array.from(p.subarray(i * 3, i * 3 + 3));
        if (test.y[i * 3 + row.indexOf(Math.max(...row))] === 1) right++;
      }
      expect(right / test.n).toBeGreaterThan(0.9);
    });
  }
});
