import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile, rm, mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Task } from '@axon/language';
import { loadCsvData, DataError, applyNormalization, computeNormalization } from '../src/data/index.js';
import { denseNetwork } from './fixtures/networks.js';
import { useTempDir } from './temp-dir.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const dir = useTempDir('axon-data-');

/** Writes `csv` next to a pretend .axon file and loads it for a network with the given task/input. */
async function load(
  csv: string | Uint8Array | undefined,
  o: { input: number[]; task?: Task; target: string; features?: string[]; split?: number; standardize?: boolean; seed?: number },
) {
  const sub = await mkdtemp(join(dir(), 'case-'));
  if (csv !== undefined) await writeFile(join(sub, 'data.csv'), csv);
  const net = denseNetwork({
    input: o.input,
    ...(o.task ? { task: o.task } : {}),
    layers: [{ units: 2 }],
    data: {
      source: 'data.csv',
      target: o.target,
      ...(o.features ? { features: o.features } : {}),
      validationSplit: o.split ?? 0,
      standardize: o.standardize ?? false,
    },
  });
  return { sub, load: () => loadCsvData(net, join(sub, 'net.axon'), o.seed === undefined ? {} : { seed: o.seed }) };
}

async function loadError(csv: string | Uint8Array | undefined, o: Parameters<typeof load>[1]): Promise<DataError> {
  const { load: run } = await load(csv, o);
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

describe('loadCsvData: the example iris.csv', () => {
  const iris = denseNetwork({
    name: 'Iris',
    input: [4],
    task: { kind: 'classification', classes: 3 },
    layers: [{ units: 3, activation: { name: 'softmax' } }],
    data: { source: 'iris.csv', target: 'species', validationSplit: 0.2, standardize: true },
  });

  it('one-hot encodes species in sorted order, splits 120/30 and standardises with training statistics', async () => {
    const data = await loadCsvData(iris, join(examples, 'iris.axon'));
    expect(data.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(data.labelNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(data.target).toBe('species');
    expect(data.train.n).toBe(120);
    expect(data.validation?.n).toBe(30);
    expect(data.train.targetSize).toBe(3);
    expect(data.train.inputShape).toEqual([4]);
    expect(data.train.x.length).toBe(480);
    expect(data.train.y.length).toBe(360);
    // every target row is one-hot
    for (let r = 0; r < data.train.n; r++) {
      const row = Array.from(data.train.y.subarray(r * 3, r * 3 + 3));
      expect(row.sort()).toEqual([0, 0, 1]);
    }
    // 50 of each class in all
    const counts = [0, 0, 0];
    for (const set of [data.train, data.validation!]) {
      for (let i = 0; i < set.y.length; i++) if (set.y[i] === 1) counts[i % 3]!++;
    }
    expect(counts).toEqual([50, 50, 50]);
    // standardised training features: mean 0, std 1 per column
    const norm = data.normalization!;
    expect(norm.mean[2]).toBeGreaterThan(3);
    expect(norm.mean[2]).toBeLessThan(4.5);
    const again = computeNormalization(data.train.x, data.train.n, 4);
    for (let f = 0; f < 4; f++) {
      expect(Math.abs(again.mean[f]!)).toBeLessThan(1e-5);
      expect(again.std[f]).toBeCloseTo(1, 4);
    }
  });

  it('is deterministic for a seed and differs for another seed', async () => {
    const a = await loadCsvData(iris, join(examples, 'iris.axon'));
    const b = await loadCsvData(iris, join(examples, 'iris.axon'));
    const c = await loadCsvData(iris, join(examples, 'iris.axon'), { seed: 7 });
    expect(Array.from(a.validation!.x)).toEqual(Array.from(b.validation!.x));
    expect(Array.from(a.validation!.x)).not.toEqual(Array.from(c.validation!.x));
    expect(a.normalization).toEqual(b.normalization);
    expect(a.normalization).not.toEqual(c.normalization);
  });
});

describe('loadCsvData: encodings', () => {
  it('maps binary 0/1 targets as they are', async () => {
    const { load: run } = await load('a,b,label\n1,2,0\n3,4,1\n5,6,1\n', { input: [2], task: { kind: 'binary_classification' }, target: 'label' });
    const d = await run();
    expect(Array.from(d.train.y).sort()).toEqual([0, 1, 1]);
    expect(d.labelNames).toBeUndefined();
    expect(d.train.targetSize).toBe(1);
    expect(d.validation).toBeUndefined();
  });

  it('maps two binary labels to 0/1 in sorted order', async () => {
    const { load: run } = await load('a,label\n1,yes\n2,no\n3,yes\n', { input: [1], task: { kind: 'binary_classification' }, target: 'label' });
    const d = await run();
    expect(d.labelNames).toEqual(['no', 'yes']);
    // rows are shuffled: check the pairing of feature and label
    for (let r = 0; r < 3; r++) expect(d.train.y[r]).toBe(d.train.x[r] === 2 ? 0 : 1);
  });

  it('takes integer labels 0..N-1 as class indices even when a class is absent', async () => {
    const { load: run } = await load('label,p\n0,1\n2,2\n0,3\n', { input: [1], task: { kind: 'classification', classes: 4 }, target: 'label' });
    const d = await run();
    expect(d.labelNames).toEqual(['0', '1', '2', '3']);
    for (let r = 0; r < 3; r++) {
      const cls = d.train.x[r] === 2 ? 2 : 0;
      expect(Array.from(d.train.y.subarray(r * 4, r * 4 + 4))).toEqual([0, 1, 2, 3].map((k) => (k === cls ? 1 : 0)));
    }
  });

  it('sorts numeric labels numerically', async () => {
    const { load: run } = await load('x,c\n1,10\n2,9\n3,100\n', { input: [1], task: { kind: 'classification', classes: 3 }, target: 'c' });
    expect((await run()).labelNames).toEqual(['9', '10', '100']);
  });

  it('reads multilabel targets from a |-separated cell', async () => {
    const { load: run } = await load('x,tags\n1,red|blue\n2,\n3,green\n4,blue\n', {
      input: [1],
      task: { kind: 'multilabel', labels: 3 },
      target: 'tags',
    });
    const d = await run();
    expect(d.labelNames).toEqual(['blue', 'green', 'red']);
    const byX = new Map<number, number[]>();
    for (let r = 0; r < 4; r++) byX.set(d.train.x[r]!, Array.from(d.train.y.subarray(r * 3, r * 3 + 3)));
    expect(byX.get(1)).toEqual([1, 0, 1]);
    expect(byX.get(2)).toEqual([0, 0, 0]);
    expect(byX.get(3)).toEqual([0, 1, 0]);
  });

  it('reads multilabel targets from several 0/1 columns and regression targets from several columns', async () => {
    const multi = await load('x,a,b\n1,0,1\n2,1,1\n', { input: [1], task: { kind: 'multilabel', labels: 2 }, target: 'a, b' });
    const m = await multi.load();
    expect(m.labelNames).toEqual(['a', 'b']);
    expect(m.featureNames).toEqual(['x']);
    const reg = await load('x,u,v\n1,0.5,-2\n2,1.5,3\n', { input: [1], task: { kind: 'regression', outputs: 2 }, target: 'u,v' });
    const d = await reg.load();
    const row = d.train.x[0] === 1 ? [0.5, -2] : [1.5, 3];
    expect(Array.from(d.train.y.subarray(0, 2))).toEqual(row);
  });

  it('uses the listed feature columns in the listed order', async () => {
    const { load: run } = await load('a,b,c,y\n1,2,3,0.5\n', { input: [2], task: { kind: 'regression', outputs: 1 }, target: 'y', features: ['c', 'a'] });
    const d = await run();
    expect(d.featureNames).toEqual(['c', 'a']);
    expect(Array.from(d.train.x)).toEqual([3, 1]);
  });

  it('standardises validation rows with the training statistics only', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `${i * i},${i}`).join('\n');
    const { load: run } = await load(`x,y\n${rows}\n`, { input: [1], task: { kind: 'regression', outputs: 1 }, target: 'y', split: 0.3, standardize: true });
    const d = await run();
    expect(d.train.n).toBe(7);
    expect(d.validation!.n).toBe(3);
    const norm = d.normalization!;
    // undo the standardisation: every value is one of the raw squares
    const raw = (v: number) => v * norm.std[0]! + norm.mean[0]!;
    const all = [...Array.from(d.train.x, raw), ...Array.from(d.validation!.x, raw)].map((v) => Math.round(v)).sort((a, b) => a - b);
    expect(all).toEqual([0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
    const trainRaw = Array.from(d.train.x, raw);
    const mean = trainRaw.reduce((a, b) => a + b, 0) / 7;
    expect(norm.mean[0]).toBeCloseTo(mean, 3);
  });

  it('applyNormalization maps constant features to 0 and checks sizes', () => {
    const norm = computeNormalization(new Float32Array([5, 1, 5, 3]), 2, 2);
    expect(norm).toEqual({ mean: [5, 2], std: [1, 1] });
    expect(Array.from(applyNormalization(new Float32Array([5, 4]), 1, norm))).toEqual([0, 2]);
    expect(() => applyNormalization(new Float32Array(3), 1, norm)).toThrow(/cannot standardise 3 values as 1 rows of 2 features/);
  });
});

describe('loadCsvData: bad data is a DataError with file:row:col', () => {
  it('missing file', async () => {
    const err = await loadError(undefined, { input: [1], target: 'y' });
    expect(err.message).toMatch(/data\.csv: file not found/);
    expect(err.row).toBeUndefined();
  });

  it('empty file and header-only file', async () => {
    const empty = await loadError('', { input: [1], target: 'y' });
    expect(empty.message).toMatch(/data\.csv: empty file; expected a header row/);
    const header = await loadError('x,y\n', { input: [1], target: 'y' });
    expect(header.message).toMatch(/data\.csv:1: no data rows after the header/);
  });

  it('missing target column, with a suggestion', async () => {
    const err = await loadError('sepal,species\n1,a\n', { input: [1], task: { kind: 'classification', classes: 1 }, target: 'specie' });
    expect(err.message).toMatch(/data\.csv:1: no target column "specie" \(did you mean "species"\?\); the header has: sepal, species/);
    expect(err.column).toBe('specie');
  });

  it('missing feature column', async () => {
    const err = await loadError('a,y\n1,2\n', { input: [1], target: 'y', features: ['zzz'] });
    expect(err.message).toMatch(/no feature column "zzz"; the header has: a, y/);
  });

  it('non-numeric feature cell names row, column number and name', async () => {
    const err = await loadError('a,b,y\n1,2,3\n4,abc,6\n', { input: [2], target: 'y' });
    expect(err.message).toMatch(/data\.csv:3:2: non-numeric value "abc" in feature column "b" \(column 2\); expected a number/);
    expect(err.row).toBe(3);
    expect(err.column).toBe('b');
  });

  it('empty cell', async () => {
    const err = await loadError('a,y\n1,2\n,3\n', { input: [1], target: 'y' });
    expect(err.message).toMatch(/data\.csv:3:1: empty cell in feature column "a"/);
  });

  it('a class count that contradicts the task points at the first extra label', async () => {
    const csv = 'x,species\n1,a\n2,b\n3,c\n4,a\n5,d\n';
    const err = await loadError(csv, { input: [1], task: { kind: 'classification', classes: 3 }, target: 'species' });
    expect(err.message).toMatch(
      /data\.csv:6:2: label "d" is label number 4 in target column "species" but the task says classification\(classes: 3\); labels found: "a", "b", "c", "d"/,
    );
  });

  it('too few labels for the task', async () => {
    const err = await loadError('x,s\n1,a\n2,b\n', { input: [1], task: { kind: 'classification', classes: 3 }, target: 's' });
    expect(err.message).toMatch(/data\.csv:1:2: target column "s" holds 2 labels \("a", "b"\) but the task says classification\(classes: 3\)/);
  });

  it('a third label for binary classification', async () => {
    const err = await loadError('x,s\n1,a\n2,b\n3,c\n', { input: [1], task: { kind: 'binary_classification' }, target: 's' });
    expect(err.message).toMatch(/data\.csv:4:2: a third label "c" in target column "s"/);
  });

  it('input shape mismatch with the feature count', async () => {
    const err = await loadError('a,b,c,y\n1,2,3,4\n', { input: [28, 28, 1], target: 'y' });
    expect(err.message).toMatch(/data\.csv:1: input \[28, 28, 1\] of network Net needs 784 feature columns \(28 × 28 × 1, filled row-major\); the file has 3 \(a, b, c\); set data\.features or change input$/);
  });

  it('a semicolon- or tab-separated file is named as such', async () => {
    const semi = await loadError('a;y\n1;2\n', { input: [1], target: 'y' });
    expect(semi.message).toMatch(/data\.csv:1: no target column "y"; the header has: a;y; the file looks semicolon-separated, but data files must be comma-separated$/);
    const tab = await loadError('a\ty\n1\t2\n', { input: [1], target: 'y' });
    expect(tab.message).toContain('the file looks tab-separated, but data files must be comma-separated');
  });

  it('a row with the wrong number of cells', async () => {
    const err = await loadError('a,y\n1,2\n3,4,5\n', { input: [1], target: 'y' });
    expect(err.message.endsWith('/data.csv:3: wrong number of cells: expected 2, got 3 (every row needs one cell per header column)')).toBe(true);
  });

  it('a binary file is named as one, with its row and column', async () => {
    const err = await loadError('a,y\n1,2\n3,\u00004\n', { input: [1], target: 'y' });
    expect(err.message.endsWith('/data.csv:3:3: not a UTF-8 text CSV file (a NUL byte); expected comma-separated text')).toBe(true);
    const bytes = await loadError(Buffer.from([0x61, 0x2c, 0x79, 0x0a, 0xff, 0xfe, 0x2c, 0x31, 0x0a]), { input: [1], target: 'y' });
    expect(bytes.message.endsWith('/data.csv:2:1: not a UTF-8 text CSV file (bytes that are not UTF-8); expected comma-separated text')).toBe(true);
  });

  it('a duplicated header name', async () => {
    const err = await loadError('a,a,y\n1,2,3\n', { input: [2], target: 'y' });
    expect(err.message).toMatch(/data\.csv:1:2: column "a" appears twice in the header/);
  });

  it('a network without a data block', async () => {
    const net = denseNetwork({ name: 'NoData', input: [1], layers: [{ units: 1 }] });
    await expect(loadCsvData(net, join(dir(), 'x.axon'))).rejects.toThrow(/x\.axon:1:1: network NoData has no data \{ \} block/);
  });

  it('shows the data file relative to the working directory when below it', async () => {
    const sub = join(process.cwd(), 'node_modules', '.axon-data-test');
    await mkdir(sub, { recursive: true });
    try {
      const net = denseNetwork({ input: [1], layers: [{ units: 1 }], data: { source: 'nope.csv', target: 'y', ranges: { source: { start: { offset: 0, line: 24, column: 13 }, end: { offset: 0, line: 24, column: 20 } } } } });
      const err = await loadCsvData(net, join(sub, 'net.axon')).catch((e: unknown) => e as DataError);
      const shown = relative(process.cwd(), join(sub, 'nope.csv'));
      expect((err as DataError).message).toBe(`${shown}: file not found (data.source "nope.csv" at ${relative(process.cwd(), join(sub, 'net.axon'))}:24:13)`);
    } finally {
      await rm(sub, { recursive: true, force: true });
    }
  });
});
