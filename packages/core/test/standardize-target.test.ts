/** standardize_target: targets scaled by training-row statistics, kept in the model file, predictions scaled back. */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { check } from '@axon/language';
import { decodeOutputs, loadModel, predictCsv, runTraining, saveModel, ModelFileError } from '../src/index.js';
import { standardizeTargets, unscaleTargets } from '../src/data/targets.js';
import { testRandom } from './net-helpers.js';
import { useTempDir } from './temp-dir.js';

const dir = useTempDir('axon-stdtarget-');

const source = (standardize: boolean) => `network Price {
  input [2]
  task regression
  layers {
    dense(16, activation: tanh)
    dense(1)
  }
  train {
    loss: mse
    optimizer: adam(learning_rate: 0.01)
    epochs: 60
    batch_size: 16
    seed: 3
  }
  data {
    source: "prices.csv"
    target: "price"
    standardize_target: ${standardize}
  }
}
`;

/** price = 5000 + 800·a − 300·b: targets in the thousands, far from the unit scale the network starts at. */
async function writeData(folder: string): Promise<{ rows: [number, number, number][] }> {
  const r = testRandom(12);
  const rows: [number, number, number][] = [];
  for (let i = 0; i < 200; i++) {
    const a = r() * 2 - 1, b = r() * 2 - 1;
    rows.push([a, b, 5000 + 800 * a - 300 * b]);
  }
  await writeFile(join(folder, 'prices.csv'), 'a,b,price\n' + rows.map((row) => row.map((v) => v.toFixed(6)).join(',')).join('\n') + '\n');
  return { rows };
}

describe('standardizeTargets / unscaleTargets', () => {
  it('scales with the training rows only, and scales back exactly', () => {
    const train = { x: new Float32Array(3), y: Float32Array.from([10, 20, 30, 1, 1, 1]), n: 3, inputShape: [1], targetSize: 2 };
    const validation = { x: new Float32Array(1), y: Float32Array.from([40, 2]), n: 1, inputShape: [1], targetSize: 2 };
    const s = standardizeTargets({ ...train, y: Float32Array.from([10, 1, 20, 1, 30, 1]) }, validation);
    expect(s.targetNormalization.mean).toEqual([20, 1]);
    expect(s.targetNormalization.std[0]).toBeCloseTo(Math.sqrt(200 / 3), 10);
    expect(s.targetNormalization.std[1]).toBe(1); // a constant column keeps std 1
    expect(s.validation!.y[0]).toBeCloseTo(20 / Math.sqrt(200 / 3), 6);
    expect(s.validation!.y[1]).toBeCloseTo(1, 6);
    expect(Array.from(unscaleTargets(s.train.y, 3, s.targetNormalization)).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([10, 1, 20, 1, 30, 1]);
  });
});

describe('standardize_target, end to end', () => {
  it('train → save → load → predict gives prices in their own units; metrics are in those units too', async () => {
    const folder = dir();
    await writeData(folder);
    const specPath = join(folder, 'price.axon');
    const text = source(true);
    await writeFile(specPath, text);
    const network = check(text).networks[0]!;
    expect(network.data?.standardizeTarget).toBe(true);
    const out = join(folder, 'model');
    const run = await runTraining({ network, specPath, save: { dir: out, source: text } });
    const t = run.trained.targetNormalization!;
    expect(t.mean[0]).toBeGreaterThan(4900);
    expect(t.mean[0]).toBeLessThan(5100);
    expect(t.std[0]).toBeGreaterThan(400);
    // The network trained on scaled targets: their mean is 0 and std 1 over the training rows.
    const y = run.data.train.y;
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    expect(Math.abs(mean)).toBeLessThan(1e-5);
    const last = run.result.history.at(-1)!;
    // mae in price units (a scaled mae would be below 1); r2 high.
    expect(last.valMetrics!.mae).toBeGreaterThan(1);
    expect(last.valMetrics!.mae).toBeLessThan(150);
    expect(last.valMetrics!.r2).toBeGreaterThan(0.95);
    // The loss is the scaled one the network minimised.
    expect(last.valLoss!).toBeLessThan(0.1);

    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(json.targetNormalization.mean[0]).toBeCloseTo(t.mean[0]!, 6);
    const loaded = await loadModel(out);
    expect(loaded.targetNormalization).toEqual(t);

    await writeFile(join(folder, 'new.csv'), 'a,b\n0.5,-0.5\n-1,1\n');
    const p = await predictCsv(loaded, join(folder, 'new.csv'));
    const want = [5000 + 400 + 150, 5000 - 800 - 300];
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(p.outputs[i]! - want[i]!)).toBeLessThan(250);
      expect(p.predictions[i]!.outputs[0]!.name).toBe('price');
      expect(p.predictions[i]!.outputs[0]!.value).toBeCloseTo(p.outputs[i]!, 2);
    }
    // decodeOutputs takes the network's raw (scaled) outputs and scales them back.
    expect(decodeOutputs(loaded, Float32Array.from([0, 1]), 2).map((d) => d.outputs[0]!.value)).toEqual([Math.fround(t.mean[0]!), Math.fround(t.mean[0]! + t.std[0]!)]);
  });
  it('without standardize_target nothing is scaled and the file has no targetNormalization (old files load as before)', async () => {
    const folder = dir();
    await writeData(folder);
    const specPath = join(folder, 'plain.axon');
    const text = source(false).replace('epochs: 60', 'epochs: 1');
    await writeFile(specPath, text);
    const network = check(text).networks[0]!;
    const out = join(folder, 'plain-model');
    const run = await runTraining({ network, specPath, save: { dir: out, source: text } });
    expect(run.trained.targetNormalization).toBeUndefined();
    expect(run.data.train.y.reduce((s, v) => s + v, 0) / run.data.train.n).toBeGreaterThan(4900);
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect('targetNormalization' in json).toBe(false);
    expect((await loadModel(out)).targetNormalization).toBeUndefined();
  });
  it('a model file with bad target statistics is refused with the field named', async () => {
    const folder = dir();
    await writeData(folder);
    const text = source(true).replace('epochs: 60', 'epochs: 1');
    const network = check(text).networks[0]!;
    const specPath = join(folder, 'bad.axon');
    await writeFile(specPath, text);
    const run = await runTraining({ network, specPath });
    const out = join(folder, 'bad-model');
    await saveModel(out, { ...run.trained, source: text, targetNormalization: { mean: [1, 2], std: [1, 1] } });
    await expect(loadModel(out)).rejects.toThrow(ModelFileError);
    await expect(loadModel(out)).rejects.toThrow(/targetNormalization\.mean has 2 values but network Price outputs 1/);
    await saveModel(out, { ...run.trained, source: text, targetNormalization: { mean: [1], std: [0] } });
    await expect(loadModel(out)).rejects.toThrow(/targetNormalization\.std\[0\] is 0; expected a positive finite standard deviation/);
  });
});
