/**
 * The tokenizer in the model file and the prediction path: train on a text column → save → load →
 * predictCsv tokenises raw rows as training did and predicts what the in-memory model predicts.
 */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedNetwork, Task } from '@axon/language';
import {
  decodeOutputs,
  encodeRows,
  loadModel,
  predict,
  predictCsv,
  runTraining,
  saveModel,
  DataError,
  ModelFileError,
  type TrainedModel,
} from '../src/index.js';
import { parseCsvText } from '../src/data/index.js';
import { seededPermutation } from '../src/data/random.js';
import { denseNetwork } from './fixtures/networks.js';
import { useTempDir } from './temp-dir.js';

const dir = useTempDir('axon-text-model-');

const words = ['good', 'great', 'fine', 'bad', 'awful', 'dull', 'plot', 'film', 'the', 'acting'];

/** A seeded text CSV: reviews of 2–7 words, labelled by whether good words outnumber bad ones. */
function reviewsCsv(rows: number): string {
  let s = 7;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648), s / 2147483648);
  const lines = ['id,review,label'];
  for (let i = 0; i < rows; i++) {
    const len = 2 + Math.floor(next() * 6);
    const picked = Array.from({ length: len }, () => words[Math.floor(next() * words.length)]!);
    const score = picked.filter((w) => ['good', 'great', 'fine'].includes(w)).length - picked.filter((w) => ['bad', 'awful', 'dull'].includes(w)).length;
    lines.push(`${i},"${picked.join(' ')}${i % 3 === 0 ? '!' : ''}",${score > 0 ? 'pos' : 'neg'}`);
  }
  return `${lines.join('\n')}\n`;
}

function textNetwork(length: number, o: { task?: Task; vocabulary?: number; units?: number } = {}): ResolvedNetwork {
  const task = o.task ?? { kind: 'binary_classification' };
  return denseNetwork({
    name: 'Reviews',
    input: [length],
    task,
    layers: [{ units: 8, activation: { name: 'relu' } }, { units: o.units ?? 1, activation: { name: task.kind === 'classification' ? 'softmax' : 'sigmoid' } }],
    train: { epochs: 3, batchSize: 8 },
    data: { source: 'reviews.csv', target: 'label', text: 'review', vocabulary: o.vocabulary ?? 8, validationSplit: 0.25, standardize: true },
  });
}

async function folder(name: string, csv: string): Promise<string> {
  const sub = join(dir(), name);
  await mkdir(sub, { recursive: true });
  await writeFile(join(sub, 'reviews.csv'), csv);
  return sub;
}

describe('train → save → load → predictCsv on a text column', () => {
  it('the loaded model tokenises raw rows as training did and predicts as the in-memory model', async () => {
    const csv = reviewsCsv(60);
    const sub = await folder('round-trip', csv);
    const network = textNetwork(5);
    const out = join(sub, 'model');
    const run = await runTraining({ network, specPath: join(sub, 'net.axon'), save: { dir: out, source: '' } });
    expect(run.saved).toBe(true);
    expect(run.trained.tokenizer!.vocabulary).toHaveLength(8);

    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(json.tokenizer).toEqual(run.trained.tokenizer);
    expect(json.featureNames).toEqual(['review']);

    const loaded = await loadModel(out, { network });
    expect(loaded.tokenizer).toEqual(run.trained.tokenizer);
    const result = await predictCsv(loaded, join(sub, 'reviews.csv'), 'reviews.csv');
    expect(result.n).toBe(60);
    expect(result.lines[0]).toBe(2);
    expect(result.lines[59]).toBe(61);

    // The training rows, as the loader shuffled them, predicted by the model still in memory.
    const order = seededPermutation(60, network.train.seed);
    const inMemory = predict(run.model, run.data.train.x, run.data.train.n);
    for (let i = 0; i < run.data.train.n; i++) expect(result.outputs[order[i]!]).toBeCloseTo(inMemory[i]!, 6);
    const valMemory = predict(run.model, run.data.validation!.x, run.data.validation!.n);
    for (let i = 0; i < run.data.validation!.n; i++) expect(result.outputs[order[45 + i]!]).toBeCloseTo(valMemory[i]!, 6);

    // Decoded with the saved labels: probability of the chosen label, both labels' probabilities.
    const p0 = result.outputs[0]!;
    expect(result.predictions[0]).toEqual({
      label: p0 >= 0.5 ? 'pos' : 'neg',
      probability: p0 >= 0.5 ? p0 : 1 - p0,
      outputs: [
        { name: 'neg', value: 1 - p0 },
        { name: 'pos', value: p0 },
      ],
    });
  });

  it('rows for prediction need only the text column; unseen words are unknown', async () => {
    const csv = reviewsCsv(40);
    const sub = await folder('text-only', csv);
    const network = textNetwork(4);
    const run = await runTraining({ network, specPath: join(sub, 'net.axon') });
    const v = run.trained.tokenizer!.vocabulary;
    const table = parseCsvText(`review\n"${v[2]!.toUpperCase()} ${v[3]}, zzz unseen words"\n""\n`, 'new.csv');
    const rows = encodeRows(run.trained, table);
    expect(rows.n).toBe(2);
    expect(Array.from(rows.x)).toEqual([2, 3, 1, 1, 0, 0, 0, 0]);
  });

  it('a missing text column in the prediction file is a DataError with did-you-mean', async () => {
    const sub = await folder('missing', reviewsCsv(20));
    const run = await runTraining({ network: textNetwork(4), specPath: join(sub, 'net.axon') });
    let err: unknown;
    try {
      encodeRows(run.trained, parseCsvText('reviews,x\nfine,1\n', 'new.csv'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toBe('new.csv:1: no text column "review" (did you mean "reviews"?); the header has: reviews, x');
  });
});

describe('loadModel: the tokenizer field', () => {
  async function savedText(name: string): Promise<{ out: string; network: ResolvedNetwork; trained: TrainedModel }> {
    const sub = await folder(name, reviewsCsv(24));
    const network = textNetwork(4);
    const run = await runTraining({ network, specPath: join(sub, 'net.axon'), epochs: 1 });
    const out = join(sub, 'model');
    await saveModel(out, run.trained);
    return { out, network, trained: run.trained };
  }

  async function withTokenizer(name: string, edit: (t: Record<string, unknown>) => void): Promise<string> {
    const { out, network } = await savedText(name);
    const path = join(out, 'model.json');
    const json = JSON.parse(await readFile(path, 'utf8'));
    edit(json.tokenizer);
    await writeFile(path, JSON.stringify(json));
    const err = await loadModel(out, { network }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ModelFileError);
    return (err as Error).message.replace(`${path}: `, '');
  }

  it('a model without a tokenizer (numeric features, files from before) loads without one', async () => {
    const { out, network, trained } = await savedText('no-tokenizer');
    const path = join(out, 'model.json');
    const json = JSON.parse(await readFile(path, 'utf8'));
    delete json.tokenizer;
    json.featureNames = ['a', 'b', 'c', 'd'];
    await writeFile(path, JSON.stringify(json));
    const loaded = await loadModel(out, { network });
    expect(loaded.tokenizer).toBeUndefined();
    expect(loaded.weights).toEqual(trained.weights);
  });

  it('rejects a vocabulary that does not start with padding and unknown', async () => {
    expect(await withTokenizer('bad-start', (t) => ((t.vocabulary as string[])[1] = 'unk'))).toBe(
      '"tokenizer" "vocabulary" must start with "" (id 0, padding) and "[UNK]" (id 1, unknown)',
    );
  });

  it('rejects a word with two ids', async () => {
    const msg = await withTokenizer('duplicate', (t) => {
      const v = t.vocabulary as string[];
      v[3] = v[2]!;
    });
    expect(msg).toMatch(/^"tokenizer" "vocabulary" holds "[^"]+" twice \(ids 2 and 3\); every word needs one id$/);
  });

  it('rejects fewer than two entries, a bad length, a pattern that is not a regular expression', async () => {
    expect(await withTokenizer('short', (t) => (t.vocabulary = ['']))).toBe(
      '"tokenizer" "vocabulary" has 1 entry; it needs at least 2 (padding "" and unknown "[UNK]")',
    );
    expect(await withTokenizer('length', (t) => (t.length = 0))).toBe('"tokenizer" "length" must be a positive integer');
    expect(await withTokenizer('pattern', (t) => (t.pattern = '[a-z'))).toMatch(/^"tokenizer" "pattern" is not a valid regular expression/);
    expect(await withTokenizer('empty-match', (t) => (t.pattern = '[a-z]*'))).toBe('"tokenizer" "pattern" matches the empty string, so it cannot split words');
  });

  it('rejects a word the pattern can never produce, and a length other than the input', async () => {
    expect(await withTokenizer('bad-word', (t) => ((t.vocabulary as string[])[2] = 'two words'))).toBe(
      '"tokenizer" "vocabulary" id 2 is "two words", which the pattern can never produce as a word',
    );
    expect(await withTokenizer('other-length', (t) => (t.length = 9))).toBe('"tokenizer" makes rows of 9 token ids but network Reviews has input [4]');
  });
});

describe('decodeOutputs', () => {
  const named = (task: Task, extra: Partial<TrainedModel> = {}, fromLogits = false) => {
    const network = denseNetwork({ input: [2], task, layers: [{ units: 3 }] });
    network.train.loss = { ...network.train.loss, fromLogits };
    return { network, ...extra };
  };

  it('classification: the most probable label and its probability', () => {
    const m = named({ kind: 'classification', classes: 3 }, { labelNames: ['cat', 'dog', 'eel'] });
    const [p] = decodeOutputs(m, Float32Array.from([0.2, 0.7, 0.1]), 1);
    expect(p!.label).toBe('dog');
    expect(p!.probability).toBeCloseTo(0.7, 6);
    expect(p!.outputs.map((o) => o.name)).toEqual(['cat', 'dog', 'eel']);
  });

  it('classification with from_logits: softmax first', () => {
    const m = named({ kind: 'classification', classes: 3 }, {}, true);
    const [p] = decodeOutputs(m, Float32Array.from([0, Math.log(3), 0]), 1);
    expect(p!.label).toBe('1');
    expect(p!.probability).toBeCloseTo(0.6, 6);
    expect(p!.outputs[0]!.value).toBeCloseTo(0.2, 6);
  });

  it('multilabel: the labels at or above 0.5', () => {
    const m = named({ kind: 'multilabel', labels: 3 }, { labelNames: ['a', 'b', 'c'] });
    expect(decodeOutputs(m, Float32Array.from([0.9, 0.1, 0.5]), 1)[0]!.labels).toEqual(['a', 'c']);
  });

  it('regression: values named by the target columns', () => {
    const m = named({ kind: 'regression', outputs: 3 }, { target: 'x, y,z' });
    expect(decodeOutputs(m, Float32Array.from([1, 2, 3, 4, 5, 6]), 2)[1]).toEqual({
      outputs: [
        { name: 'x', value: 4 },
        { name: 'y', value: 5 },
        { name: 'z', value: 6 },
      ],
    });
  });
});
