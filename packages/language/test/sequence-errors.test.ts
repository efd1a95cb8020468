/**
 * The errors a user meets writing sequence models (issue 12): a sequence layer on a rank-1 input, a
 * recurrent layer after one without `return_sequences` (with the fix), embeddings that do not read
 * the network's input, gate arguments on simple_rnn, clipping arguments, and text data that the
 * network cannot read.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, check } from '../src/index.js';
import { clean, net, problems, where } from './analyze-helpers.js';

describe('sequence layers on the wrong input', () => {
  it('lstm on a rank-1 input says what it needs and what to do', () => {
    const src = net('[64]', 'lstm(32)');
    expect(problems(src)).toEqual([
      {
        code: 'analysis/shape-mismatch',
        text: 'lstm(32)',
        ...where(src, 'lstm'),
        message:
          'lstm needs [steps, features]; its input is [64] — it reads a sequence: put an embedding before it for token ids, or give the network `input [steps, features]`',
      },
    ]);
  });

  it('conv1d, the pools and the global pools on an image say so', () => {
    const src = net('[8, 8, 1]', 'global_max_pool1d()');
    expect(problems(src)[0]).toMatchObject({
      code: 'analysis/shape-mismatch',
      message: 'global_max_pool1d needs [steps, channels]; its input is [8, 8, 1] — image inputs need the 2-D layers (conv2d, max_pool2d, …)',
    });
    expect(problems(net('[8]', 'max_pool1d(2)'))[0]!.message).toMatch(/^max_pool1d needs \[steps, channels\]; its input is \[8\]/);
  });
});

describe('a recurrent layer after one without return_sequences', () => {
  const src = net('[20, 3]', 'lstm(16)\ngru(8)');

  it('names the earlier layer and says to add return_sequences: true', () => {
    const [d, ...rest] = check(src).diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      code: 'analysis/shape-mismatch',
      range: { start: where(src, 'gru') },
      message:
        'gru needs [steps, features]; its input is [16], the last step of `lstm` (line 4), which returns only its final state: add `return_sequences: true` to that layer to pass on every step',
    });
    expect(d!.related).toEqual([{ range: expect.objectContaining({ start: expect.objectContaining(where(src, 'lstm')) }), message: '`lstm` returns one step here' }]);
  });

  it('carries a fix that adds the argument; the fixed text analyses clean', () => {
    const d = check(src).diagnostics[0]!;
    expect(d.fix?.description).toBe('Add `return_sequences: true` to `lstm` (line 4)');
    const fixed = applyEdits(src, d.fix!.edits);
    expect(fixed).toContain('    lstm(16, return_sequences: true)\n    gru(8)\n');
    const [n] = clean(fixed);
    expect(n!.layers.map((l) => l.outputShape)).toEqual([[20, 16], [8]]);
  });

  it('replaces a written `return_sequences: false`, and looks through dropout', () => {
    const written = net('[20, 3]', 'simple_rnn(4, return_sequences: false, bidirectional: true)\ndropout(0.2)\nlstm(2)');
    const d = check(written).diagnostics[0]!;
    expect(d.message).toMatch(/^lstm needs \[steps, features\]; its input is \[8\], the last step of `simple_rnn` \(line 4\)/);
    expect(applyEdits(written, d.fix!.edits)).toContain('simple_rnn(4, return_sequences: true, bidirectional: true)');
    clean(applyEdits(written, d.fix!.edits));
  });

  it('conv1d after a recurrent layer gets the same fix', () => {
    const s = net('[20, 3]', 'gru(8)\nconv1d(4, 3)');
    const d = check(s).diagnostics[0]!;
    expect(d.message).toMatch(/^conv1d needs \[steps, channels\]; its input is \[8\], the last step of `gru` \(line 4\)/);
    expect(d.fix?.edits).toEqual([{ range: expect.objectContaining({ start: expect.objectContaining({ offset: s.indexOf('8)') + 1 }) }), newText: ', return_sequences: true' }]);
  });
});

describe('embedding', () => {
  it('after a dense layer: it must read the network input', () => {
    const src = net('[10]', 'dense(4)\nembedding(100, 8)');
    expect(problems(src)).toEqual([
      {
        code: 'analysis/embedding-input',
        text: 'embedding(100, 8)',
        ...where(src, 'embedding'),
        message:
          "embedding turns the network's token ids into vectors, so it must read the network's input; here it reads the output of dense (line 4) ([4]) — move it to the start of `layers`",
      },
    ]);
  });

  it('on a rank-2 input: it needs [n] token ids', () => {
    const src = net('[10, 2]', 'embedding(100, 8)');
    expect(problems(src)).toEqual([
      {
        code: 'analysis/shape-mismatch',
        text: 'embedding(100, 8)',
        ...where(src, 'embedding'),
        message: 'embedding needs token ids of shape [n]; its input is [10, 2] — give the network `input [n]` (n ids per sample)',
      },
    ]);
  });
});

describe('arguments', () => {
  it('simple_rnn refuses recurrent_activation, saying it has no gates', () => {
    const src = net('[5, 2]', 'simple_rnn(4, recurrent_activation: sigmoid)');
    expect(problems(src)).toEqual([
      {
        code: 'analysis/unknown-argument',
        text: 'recurrent_activation',
        ...where(src, 'recurrent_activation'),
        message: '`simple_rnn` has no `recurrent_activation`: it has no gates, only `activation` (default tanh); use lstm or gru for gated cells',
      },
    ]);
  });

  it('prelu is refused as a recurrent activation; dropout out of range is reported', () => {
    const src = net('[5, 2]', 'lstm(4, recurrent_activation: prelu, recurrent_dropout: 1)');
    expect(problems(src).map((p) => [p.code, p.text, p.message])).toEqual([
      [
        'analysis/wrong-type',
        'prelu',
        '`recurrent_activation` of `lstm` cannot be prelu: its learned slopes have no place in a cell applied at every step (use tanh, the default, or another activation)',
      ],
      ['analysis/out-of-range', '1', '`recurrent_dropout` of `lstm` must be a number in [0, 1), got `1`'],
    ]);
  });

  it('clipnorm and clipvalue on every optimizer, absent when not written, ranges recorded', () => {
    const train = (opt: string) => `  train { optimizer: ${opt} }\n`;
    const src = net('[2]', 'dense(1)', train('sgd(0.1, clipnorm: 1.5, clipvalue: 0.5)'));
    const [n] = clean(src);
    expect(n!.train.optimizer).toEqual({ name: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false, clipNorm: 1.5, clipValue: 0.5 });
    expect(n!.train.ranges.clipnorm!.start).toMatchObject(where(src, '1.5'));
    expect(n!.train.ranges.clipvalue!.start).toMatchObject(where(src, '0.5'));
    expect(n!.train.ranges.learning_rate!.start).toMatchObject(where(src, '0.1'));
    const [m] = clean(net('[2]', 'dense(1)', train('rmsprop(clipvalue: 2)')));
    expect(m!.train.optimizer).toEqual({ name: 'rmsprop', learningRate: 1e-3, rho: 0.9, epsilon: 1e-7, clipValue: 2 });
    const [plain] = clean(net('[2]', 'dense(1)'));
    expect(plain!.train.optimizer).not.toHaveProperty('clipNorm');
    const bad = net('[2]', 'dense(1)', train('adam(clipnorm: 0)'));
    expect(problems(bad)).toEqual([
      { code: 'analysis/out-of-range', text: '0', ...where(bad, '0)'), message: '`clipnorm` of `adam` must be a positive number, got `0`' },
    ]);
  });
});

describe('data { text: }', () => {
  const data = (settings: string) => `  data {\n    source: "r.csv"\n    target: "label"\n${settings}\n  }\n`;

  it('reads text and defaults vocabulary to 20000', () => {
    const [n] = clean(net('[50]', 'embedding(20000, 8)\nglobal_avg_pool1d()\ndense(1)', data('    text: "review"')));
    expect(n!.data).toMatchObject({ text: 'review', vocabulary: 20000 });
    const [m] = clean(net('[50]', 'embedding(300, 8)\nglobal_avg_pool1d()\ndense(1)', data('    text: "review"\n    vocabulary: 300')));
    expect(m!.data).toMatchObject({ text: 'review', vocabulary: 300 });
    const [numeric] = clean(net('[2]', 'dense(1)', data('')));
    expect(numeric!.data).not.toHaveProperty('vocabulary');
  });

  it('text with features, vocabulary without text, vocabulary below 3', () => {
    const both = net('[50]', 'embedding(20000, 8)', data('    text: "review"\n    features: ["a"]'));
    expect(problems(both)).toEqual([
      {
        code: 'analysis/conflicting-settings',
        text: 'features',
        ...where(both, 'features'),
        message: '`features` cannot be given with `text`: a text model reads the one `text` column as its input; remove `features`',
      },
    ]);
    const alone = net('[2]', 'dense(1)', data('    vocabulary: 100'));
    expect(problems(alone).map((p) => [p.code, p.text, p.message])).toEqual([
      ['analysis/conflicting-settings', 'vocabulary', '`vocabulary` only applies to a `text` column; add `text: "column"` or remove `vocabulary`'],
    ]);
    const tiny = net('[5]', 'embedding(2, 2)', data('    text: "t"\n    vocabulary: 2'));
    expect(problems(tiny).map((p) => [p.code, p.message])).toEqual([['analysis/out-of-range', '`vocabulary` must be an integer ≥ 3, got `2`']]);
  });

  it('needs an [n] input, an embedding first, and room for the vocabulary', () => {
    const rank2 = net('[5, 2]', 'lstm(2)', data('    text: "t"'));
    expect(problems(rank2)).toEqual([
      {
        code: 'analysis/text-data',
        text: 'text: "t"',
        ...where(rank2, 'text:'),
        message: '`text: "t"` fills a rank-1 input with token ids (`input [n]`: n ids per sample), but the input is [5, 2]',
      },
    ]);
    const dense = net('[5]', 'dense(2)', data('    text: "t"'));
    expect(problems(dense).map((p) => [p.code, p.text, p.message])).toEqual([
      [
        'analysis/text-data',
        'text: "t"',
        '`text: "t"` gives the network token ids, which only an embedding can read, but `dense` (line 4) reads the input: start `layers` with `embedding(20000, …)`',
      ],
    ]);
    const small = net('[5]', 'embedding(1000, 4)\nglobal_max_pool1d()', data('    text: "t"\n    vocabulary: 5000'));
    const d = check(small).diagnostics;
    expect(d.map((x) => [x.code, small.slice(x.range.start.offset, x.range.end.offset), x.message])).toEqual([
      [
        'analysis/text-data',
        '1000',
        "`input_dim` of `embedding` is 1000, smaller than the data's `vocabulary` 5000: token ids run up to 4999; make it at least 5000 (or lower `vocabulary`)",
      ],
    ]);
    expect(d[0]!.related?.[0]?.message).toBe('the vocabulary has 5000 ids');
  });
});
