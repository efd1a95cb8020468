import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '@axon/language';
import { buildModel, loadModel, predict, runTraining, setWeights, applyNormalization } from '@axon/core';
import { runPredict, type PredictOptions } from '../src/commands/predict.js';
import { capture } from './capture.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
let dir: string;
let irisModel: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'axon-predict-'));
  const file = join(examples, 'iris.axon');
  const source = await readFile(file, 'utf8');
  irisModel = join(dir, 'iris');
  await runTraining({ network: check(source).networks[0]!, specPath: file, epochs: 5, save: { dir: irisModel, source } });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(model: string, data: string, options: PredictOptions = {}) {
  const out = capture();
  const err = capture();
  const code = await runPredict(model, data, options, { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('axon predict', () => {
  it('prints one CSV row per input row: label, its probability, every label’s probability', async () => {
    const r = await run(irisModel, join(examples, 'iris.csv'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('label,probability,p_setosa,p_versicolor,p_virginica');
    expect(lines).toHaveLength(151);
    for (const line of lines.slice(1)) {
      const [label, p, ...ps] = line.split(',');
      const probs = ps.map(Number);
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      const best = probs.indexOf(Math.max(...probs));
      expect(label).toBe(['setosa', 'versicolor', 'virginica'][best]);
      expect(Number(p)).toBe(probs[best]);
    }
  });

  it('predicts what the loaded model predicts on the standardised rows', async () => {
    const r = await run(join(irisModel, 'model.json'), join(examples, 'iris.csv'), { format: 'json' });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { label: string; probability: number; probabilities: Record<string, number> }[];
    expect(rows).toHaveLength(150);
    const trained = await loadModel(irisModel);
    const model = buildModel(trained.network);
    setWeights(model, trained.weights);
    const csv = (await readFile(join(examples, 'iris.csv'), 'utf8')).trim().split('\n').slice(1);
    const x = Float32Array.from(csv.flatMap((l) => l.split(',').slice(0, 4).map(Number)));
    const y = predict(model, applyNormalization(x, 150, trained.normalization!), 150);
    rows.forEach((row, i) => {
      expect(Object.keys(row.probabilities)).toEqual(['setosa', 'versicolor', 'virginica']);
      expect(row.probabilities.virginica).toBeCloseTo(y[i * 3 + 2]!, 5);
    });
  });

  it('a text model tokenises the raw text as training did (marker-order: which of key and door comes first)', async () => {
    const file = join(examples, 'marker-order.axon');
    const source = await readFile(file, 'utf8');
    const model = join(dir, 'marker');
    await runTraining({ network: check(source).networks[0]!, specPath: file, epochs: 3, save: { dir: model, source } });
    const rows = join(dir, 'markers.csv');
    await writeFile(
      rows,
      [
        'sequence',
        'red key blue blue door fish rock bell moon rain tree lamp',
        '"DOOR, red blue blue fish rock bell moon rain tree lamp key"',
        'moon rain red blue blue fish rock bell tree lamp key door',
        'door key',
      ].join('\n'),
    );
    const r = await run(model, rows, { format: 'json' });
    expect(r.code).toBe(0);
    const labels = (JSON.parse(r.stdout) as { label: string; probability: number }[]).map((p) => [p.label, p.probability > 0.9]);
    expect(labels).toEqual([
      ['key', true],
      ['door', true],
      ['key', true],
      ['door', true],
    ]);
  });

  it('a regression model prints its values under the target column’s name', async () => {
    const file = join(examples, 'regression.axon');
    const source = await readFile(file, 'utf8');
    const model = join(dir, 'regression');
    const training = await runTraining({ network: check(source).networks[0]!, specPath: file, epochs: 2, save: { dir: model, source } });
    const csv = await run(model, join(examples, 'regression.csv'));
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('y');
    expect(lines).toHaveLength(training.data.train.n + (training.data.validation?.n ?? 0) + 1);
    const json = JSON.parse((await run(model, join(examples, 'regression.csv'), { format: 'json' })).stdout) as { values: { y: number } }[];
    expect(json[0]!.values.y).toBe(Number(lines[1]));
  });

  it('writes to -o and says so on stderr', async () => {
    const out = join(dir, 'predictions.csv');
    const r = await run(irisModel, join(examples, 'iris.csv'), { output: out });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`axon predict: 150 predictions written to ${out}\n`);
    expect((await readFile(out, 'utf8')).split('\n')[0]).toBe('label,probability,p_setosa,p_versicolor,p_virginica');
  });

  it('bad data: file:row:col, exit 2', async () => {
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n4.9,oops,1.4,0.2\n');
    const r = await run(irisModel, bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`axon predict: ${bad}:3:2: non-numeric value "oops" in feature column "sepal_width" (column 2); expected a number\n`);
    expect(r.stdout).toBe('');
  });

  it('a missing column, with did-you-mean', async () => {
    const bad = join(dir, 'cols.csv');
    await writeFile(bad, 'sepal_length,sepal_widht,petal_length,petal_width\n5.1,3.5,1.4,0.2\n');
    const r = await run(irisModel, bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^axon predict: .*cols\.csv:1: no feature column "sepal_width" \(did you mean "sepal_widht"\?\)/);
  });

  it('a folder that is not a model, exit 2', async () => {
    const r = await run(dir, join(examples, 'iris.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^axon predict: .*model\.json: file not found; .* is not a complete Axon model directory/);
  });

  it('a missing model path or a JSON file that is not model.json is a usage error', async () => {
    await expect(run(join(dir, 'nope'), 'x.csv')).rejects.toThrow(/nope: no such file or folder; expected a model folder written by axon train/);
    const other = join(dir, 'other.json');
    await writeFile(other, '{}');
    await expect(run(other, 'x.csv')).rejects.toThrow(/other\.json is a file; expected a model folder written by axon train, or the model\.json inside it/);
  });
});
