/**
 * The text examples' data: sentiment.csv and marker-order.csv load as their specs say (shapes,
 * vocabulary, ids), and their seeded generators reproduce the committed files.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '@axon/language';
import { loadCsvData } from '../src/data/index.js';
import { seededPermutation } from '../src/data/random.js';
import { loadModel, predict, predictCsv, runTraining } from '../src/index.js';
import type { Dataset } from '../src/types.js';
import { useTempDir } from './temp-dir.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const dir = useTempDir('axon-text-examples-');

async function load(file: string) {
  const path = join(examples, file);
  const result = check(await readFile(path, 'utf8'));
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const network = result.networks[0]!;
  return { network, data: await loadCsvData(network, path) };
}

function rows(set: Dataset): number[][] {
  const n = set.inputShape[0]!;
  return Array.from({ length: set.n }, (_, r) => Array.from(set.x.subarray(r * n, (r + 1) * n)));
}

describe('examples/sentiment.axon', () => {
  it('600 reviews → 480 training and 120 validation rows of 24 ids, a vocabulary of every training word', async () => {
    const { network, data } = await load('sentiment.axon');
    expect(network.params.total).toBe(200 * 16 + 4 * (16 * 16 + 16 * 16 + 16) + 17);
    expect(data.train.n).toBe(480);
    expect(data.validation!.n).toBe(120);
    expect(data.train.inputShape).toEqual([24]);
    expect(data.labelNames).toEqual(['neg', 'pos']);
    expect(data.featureNames).toEqual(['review']);
    const v = data.tokenizer!.vocabulary;
    // fewer distinct words than the 200 allowed: all of them are in, so no training row has an unknown id
    expect(v.length).toBeGreaterThan(100);
    expect(v.length).toBeLessThan(200);
    expect(v.slice(0, 2)).toEqual(['', '[UNK]']);
    expect(v.slice(2, 4)).toEqual(['the', 'was']);
    for (const row of rows(data.train)) {
      expect(row.includes(1)).toBe(false);
      const length = row.indexOf(0) === -1 ? 24 : row.indexOf(0);
      // ids first, padding after; every review has at least 4 words
      expect(length).toBeGreaterThanOrEqual(4);
      expect(row.slice(length).every((id) => id === 0)).toBe(true);
      expect(row.slice(0, length).every((id) => id >= 2 && id < v.length)).toBe(true);
    }
  });
});

describe('examples/marker-order.axon and its bag-of-words baseline', () => {
  it('2,000 sequences of 12 ids with one key and one door each; the label is which comes first', async () => {
    const { network, data } = await load('marker-order.axon');
    expect(network.params.total).toBe(713);
    expect(data.train.n).toBe(1600);
    expect(data.validation!.n).toBe(400);
    expect(data.labelNames).toEqual(['door', 'key']);
    const v = data.tokenizer!.vocabulary;
    expect(v).toHaveLength(20);
    expect([...v.slice(2)].sort()).toEqual(
      ['key', 'door', 'red', 'blue', 'green', 'gold', 'grey', 'pink', 'teal', 'plum', 'lamp', 'tree', 'boat', 'fish', 'rock', 'bell', 'moon', 'rain'].sort(),
    );
    const key = v.indexOf('key');
    const door = v.indexOf('door');
    let keyFirst = 0;
    const bad: string[] = [];
    for (const set of [data.train, data.validation!]) {
      rows(set).forEach((row, r) => {
        const label = row.indexOf(key) < row.indexOf(door) ? 1 : 0;
        const ok =
          row.every((id) => id >= 2 && id < 20) &&
          row.filter((id) => id === key).length === 1 &&
          row.filter((id) => id === door).length === 1 &&
          set.y[r] === label;
        if (!ok) bad.push(`${row.join(' ')} → ${set.y[r]}`);
        keyFirst += label;
      });
    }
    expect(bad).toEqual([]);
    expect(keyFirst).toBe(1000);
  });

  it('the baseline reads the same ids with about the same number of parameters', async () => {
    const lstm = await load('marker-order.axon');
    const bow = await load('marker-order.bow.axon');
    expect(bow.network.params.total).toBe(711);
    expect(bow.data.tokenizer).toEqual(lstm.data.tokenizer);
    expect(Array.from(bow.data.validation!.x)).toEqual(Array.from(lstm.data.validation!.x));
  });
});

describe('examples/marker-order.axon: train → save → load (from its source) → predictCsv', () => {
  it('the embedding + LSTM model predicts the raw CSV rows as the in-memory model predicted its training rows', async () => {
    const file = join(examples, 'marker-order.axon');
    const source = await readFile(file, 'utf8');
    const network = check(source).networks[0]!;
    const out = join(dir(), 'marker-order');
    const run = await runTraining({ network, specPath: file, epochs: 1, save: { dir: out, source } });
    const loaded = await loadModel(out);
    expect(loaded.network.layers.map((l) => l.kind)).toEqual(['embedding', 'lstm', 'dense']);
    expect(loaded.tokenizer).toEqual(run.trained.tokenizer);
    const result = await predictCsv(loaded, join(examples, 'marker-order.csv'));
    const order = seededPermutation(2000, network.train.seed);
    const inMemory = predict(run.model, run.data.train.x, run.data.train.n);
    let worst = 0;
    for (let i = 0; i < run.data.train.n; i++) worst = Math.max(worst, Math.abs(result.outputs[order[i]!]! - inMemory[i]!));
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('the generators reproduce the committed CSVs', () => {
  it.each([
    ['sentiment.mjs', 'sentiment.csv'],
    ['marker-order.mjs', 'marker-order.csv'],
  ])('%s', async (script, csv) => {
    const generated = execFileSync(process.execPath, [join(examples, 'data-gen', script)], { encoding: 'utf8' });
    expect(generated).toBe(await readFile(join(examples, csv), 'utf8'));
  });
});
