/** Text columns (`data { text, vocabulary }`): words, the vocabulary, encoding, loading and its errors, and rank-N numeric inputs. */
import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Task } from '@axon/language';
import { loadCsvData, DataError, splitWords, buildVocabulary, encodeTexts, WORD_PATTERN } from '../src/data/index.js';
import type { TextTokenizer } from '../src/types.js';
import { seededPermutation } from '../src/data/random.js';
import { denseNetwork } from './fixtures/networks.js';
import { network } from '../../compile/test/fixtures.js';
import { useTempDir } from './temp-dir.js';

const dir = useTempDir('axon-text-');

interface Case {
  input: number[];
  target: string;
  text?: string;
  vocabulary?: number;
  features?: string[];
  task?: Task;
  split?: number;
  standardize?: boolean;
}

async function loader(csv: string, o: Case) {
  const sub = await mkdtemp(join(dir(), 'case-'));
  await writeFile(join(sub, 'data.csv'), csv);
  const net = denseNetwork({
    input: o.input,
    task: o.task ?? { kind: 'binary_classification' },
    layers: [{ units: 1, activation: { name: 'sigmoid' } }],
    data: {
      source: 'data.csv',
      target: o.target,
      ...(o.text !== undefined ? { text: o.text } : {}),
      ...(o.vocabulary !== undefined ? { vocabulary: o.vocabulary } : {}),
      ...(o.features ? { features: o.features } : {}),
      validationSplit: o.split ?? 0,
      standardize: o.standardize ?? true,
    },
  });
  return () => loadCsvData(net, join(sub, 'net.axon'));
}

async function loadError(csv: string, o: Case): Promise<DataError> {
  const err = await (await loader(csv, o))().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

const tokenizer = (vocabulary: string[], length: number): TextTokenizer => ({ column: 'text', length, lowercase: true, pattern: WORD_PATTERN, vocabulary });

describe('splitWords', () => {
  it('lower-cases and keeps runs of letters and digits, with apostrophes inside words', () => {
    expect(splitWords("Don't STOP!  'Great' film... 10/10, A+")).toEqual(["don't", 'stop', 'great', 'film', '10', '10', 'a']);
    expect(splitWords('naïve café – Ørsted’s “über” 3D')).toEqual(['naïve', 'café', 'ørsted’s', 'über', '3d']);
  });

  it('puts text in NFC form first, so a decomposed é is the same word as a composed one', () => {
    expect(splitWords('cafe\u0301')).toEqual(['caf\u00e9']);
  });

  it('gives no words for empty or punctuation-only text', () => {
    expect(splitWords('')).toEqual([]);
    expect(splitWords(' ... !!! ')).toEqual([]);
  });
});

describe('buildVocabulary', () => {
  it('reserves 0 for padding and 1 for unknown, then orders words by count, ties by code point', () => {
    const v = buildVocabulary(['b a c', 'c b', 'c d', 'e'], 10);
    // c ×3, b ×2, then a, d, e once each in code point order
    expect(v).toEqual(['', '[UNK]', 'c', 'b', 'a', 'd', 'e']);
  });

  it('keeps the vocabulary − 2 most frequent words', () => {
    expect(buildVocabulary(['b a c', 'c b', 'c d', 'e'], 4)).toEqual(['', '[UNK]', 'c', 'b']);
    expect(buildVocabulary(['b a c'], 2)).toEqual(['', '[UNK]']);
  });

  it('does not depend on the order of the texts', () => {
    const texts = ['the cat sat', 'the dog ran', 'a cat ran', 'zebra'];
    expect(buildVocabulary([...texts].reverse(), 6)).toEqual(buildVocabulary(texts, 6));
  });
});

describe('encodeTexts', () => {
  const t = tokenizer(['', '[UNK]', 'good', 'bad', 'film'], 4);

  it('maps words to ids, unknown words to 1, and pads with 0 at the end', () => {
    expect(Array.from(encodeTexts(['Good film', 'a BAD, bad film'], t))).toEqual([2, 4, 0, 0, 1, 3, 3, 4]);
  });

  it('cuts a long text to its first `length` ids', () => {
    expect(Array.from(encodeTexts(['film film good bad bad good'], t))).toEqual([4, 4, 2, 3]);
  });

  it('encodes an empty text as all padding', () => {
    expect(Array.from(encodeTexts(['', '?!'], t))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('loadCsvData with data.text', () => {
  const reviews = [
    'review,label',
    '"A great, great film",pos',
    'great acting,pos',
    'Dull and slow,neg',
    'slow plot; dull ending,neg',
    'great fun,pos',
    ',neg',
  ].join('\n');

  it('tokenises the text column into [n] ids, with the vocabulary of all training rows', async () => {
    const d = await (await loader(reviews, { input: [4], target: 'label', text: 'review', vocabulary: 20 }))();
    expect(d.featureNames).toEqual(['review']);
    expect(d.labelNames).toEqual(['neg', 'pos']);
    expect(d.train.n).toBe(6);
    expect(d.train.inputShape).toEqual([4]);
    // great ×4, dull ×2, slow ×2, then the words seen once in code point order
    expect(d.tokenizer).toEqual({
      column: 'review',
      length: 4,
      lowercase: true,
      pattern: WORD_PATTERN,
      vocabulary: ['', '[UNK]', 'great', 'dull', 'slow', 'a', 'acting', 'and', 'ending', 'film', 'fun', 'plot'],
    });
    const rows = new Set<string>();
    for (let r = 0; r < d.train.n; r++) rows.add(Array.from(d.train.x.subarray(r * 4, r * 4 + 4)).join(' '));
    expect([...rows].sort()).toEqual(['0 0 0 0', '2 10 0 0', '2 6 0 0', '3 7 4 0', '4 11 3 8', '5 2 2 9'].sort());
  });

  it('is never standardised, even with standardize: true', async () => {
    const d = await (await loader(reviews, { input: [4], target: 'label', text: 'review', standardize: true }))();
    expect(d.normalization).toBeUndefined();
    expect(Math.max(...d.train.x)).toBe(11);
  });

  it('builds the vocabulary from the training rows only: a word seen only in validation is unknown', async () => {
    const lines = ['text,y'];
    for (let i = 0; i < 20; i++) lines.push(`common word${i},${i % 2}`);
    const csv = lines.join('\n');
    const d = await (await loader(csv, { input: [3], target: 'y', text: 'text', split: 0.25 }))();
    const order = seededPermutation(20, 42);
    const trainWords = order.slice(0, 15).map((i) => `word${i}`);
    const valWords = order.slice(15).map((i) => `word${i}`);
    expect(d.tokenizer!.vocabulary.slice(0, 3)).toEqual(['', '[UNK]', 'common']);
    expect(d.tokenizer!.vocabulary.slice(3)).toEqual([...trainWords].sort());
    for (const w of valWords) expect(d.tokenizer!.vocabulary).not.toContain(w);
    expect(d.validation!.n).toBe(5);
    for (let r = 0; r < 5; r++) expect(Array.from(d.validation!.x.subarray(r * 3, r * 3 + 3))).toEqual([2, 1, 0]);
  });

  it('caps the ids at vocabulary − 1: rarer words are unknown (1)', async () => {
    const d = await (await loader(reviews, { input: [4], target: 'label', text: 'review', vocabulary: 4 }))();
    expect(d.tokenizer!.vocabulary).toEqual(['', '[UNK]', 'great', 'dull']);
    expect(Math.max(...d.train.x)).toBe(3);
  });

  it('accepts data.features naming only the text column', async () => {
    const d = await (await loader(reviews, { input: [2], target: 'label', text: 'review', features: ['review'] }))();
    expect(d.featureNames).toEqual(['review']);
  });
});

describe('loadCsvData with data.text: errors', () => {
  const csv = 'review,stars,label\ngood,5,pos\nbad,1,neg\n';

  it('a missing text column, with did-you-mean', async () => {
    const err = await loadError(csv, { input: [4], target: 'label', text: 'reveiw' });
    expect(err.message).toMatch(/data\.csv:1: no text column "reveiw" \(did you mean "review"\?\); the header has: review, stars, label$/);
  });

  it('numeric feature columns next to a text column', async () => {
    const err = await loadError(csv, { input: [4], target: 'label', text: 'review', features: ['review', 'stars'] });
    expect(err.message).toMatch(/net\.axon:\d+:\d+: data\.features lists "stars" but with data\.text the text column "review" is the only feature/);
  });

  it('an input that is not rank 1', async () => {
    const err = await loadError(csv, { input: [4, 2], target: 'label', text: 'review' });
    expect(err.message).toMatch(/net\.axon:\d+:\d+: data\.text "review" becomes a row of token ids, so network Net needs an input \[n\] \(n tokens per sample\), not \[4, 2\]$/);
  });

  it('the text column as the target', async () => {
    const err = await loadError(csv, { input: [4], target: 'review', text: 'review', task: { kind: 'classification', classes: 2 } });
    expect(err.message).toMatch(/data\.csv:1:1: column "review" is both a text column and the target$/);
  });

  it('an embedding reading the input with fewer ids than the vocabulary (a network built in code)', async () => {
    const sub = await mkdtemp(join(dir(), 'case-'));
    await writeFile(join(sub, 'data.csv'), csv);
    const net = network('Emb', [4], [{ kind: 'embedding', inputDim: 10, outputDim: 3 }, { kind: 'global_avg_pool1d' }], {
      task: { kind: 'binary_classification' },
      data: { source: 'data.csv', target: 'label', text: 'review', vocabulary: 50, validationSplit: 0, standardize: true, ranges: {} },
    });
    const err = await loadCsvData(net, join(sub, 'net.axon')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toMatch(
      /net\.axon:\d+:\d+: data\.vocabulary is 50, so token ids run up to 49, but embedding reads ids below 10; set vocabulary: 10 or embedding\(50, …\)$/,
    );
  });

  it('bad targets still point at their cell', async () => {
    const err = await loadError('review,label\ngood,pos\nbad,neg\nmeh,so-so\n', { input: [4], target: 'label', text: 'review' });
    expect(err.message).toMatch(/data\.csv:4:2: a third label "so-so" in target column "label"/);
  });
});

describe('loadCsvData: numeric columns fill a rank-N input row-major', () => {
  it('input [3, 2] reads six columns as three steps of two features', async () => {
    const header = ['t1a', 't1b', 't2a', 't2b', 't3a', 't3b', 'y'].join(',');
    const d = await (await loader(`${header}\n1,2,3,4,5,6,0\n`, { input: [3, 2], target: 'y', standardize: false }))();
    expect(d.train.inputShape).toEqual([3, 2]);
    expect(Array.from(d.train.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(d.featureNames).toEqual(['t1a', 't1b', 't2a', 't2b', 't3a', 't3b']);
  });

  it('standardises each of the steps × features columns with its own statistics', async () => {
    const d = await (await loader('a,b,c,d,y\n0,10,100,1,0\n2,30,300,1,1\n', { input: [2, 2], target: 'y' }))();
    expect(d.normalization).toEqual({ mean: [1, 20, 200, 1], std: [1, 10, 100, 1] });
  });

  it('a count that does not match says how many columns the input needs', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `f${i}`);
    const row = names.map((_, i) => i).join(',');
    const err = await loadError(`${names.join(',')},y\n${row},1\n`, { input: [10, 3], target: 'y' });
    expect(err.message).toMatch(
      /data\.csv:1: input \[10, 3\] of network Net needs 30 feature columns \(10 × 3, filled row-major\); the file has 12 \(f0, f1, f2, f3, f4, f5, f6, f7, …\); set data\.features or change input$/,
    );
  });
});
