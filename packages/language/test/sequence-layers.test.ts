/**
 * The sequence layers (issue 12): embedding, lstm, gru, simple_rnn, conv1d and the 1-D pools —
 * shapes and parameter counts with Keras's conventions, counted by hand here (the Keras examples'
 * totals are in keras-counts.test.ts), and their arguments' defaults.
 */
import { describe, expect, it } from 'vitest';
import { LAYERS, inferLayer, type LayerSpec, type RecurrentKind } from '../src/index.js';
import { clean, net, problems, table, where } from './analyze-helpers.js';

const recurrent = (kind: RecurrentKind, units: number, more: Partial<Extract<LayerSpec, { kind: RecurrentKind }>> = {}): LayerSpec => ({
  kind,
  units,
  returnSequences: false,
  bidirectional: false,
  activation: { name: 'tanh' },
  activationExplicit: false,
  dropout: 0,
  recurrentDropout: 0,
  useBias: true,
  ...more,
});

describe('embedding', () => {
  it('[n] → [n, output_dim] with input_dim × output_dim parameters', () => {
    const [n] = clean(net('[12]', 'embedding(1000, 8)'));
    expect(table(n!)).toEqual([['embedding', [12, 8], 1000 * 8, 0]]);
    expect(n!.layers[0]).toMatchObject({ kind: 'embedding', inputDim: 1000, outputDim: 8, inputs: [-1] });
    expect(LAYERS.embedding.args.map((a) => [a.name, a.position, a.required])).toEqual([
      ['input_dim', 0, true],
      ['output_dim', 1, true],
    ]);
  });
});

describe('recurrent layers: parameters by hand (f features in, u units)', () => {
  it('lstm: 4 · (u·(f + u) + u); without bias 4 · u·(f + u); bidirectional doubles params and features', () => {
    // f = 10, u = 6: 4 · (6 · 16 + 6) = 4 · 102 = 408; without bias 4 · 96 = 384.
    expect(inferLayer(recurrent('lstm', 6), [5, 10])).toEqual({ ok: true, outputShape: [6], params: { trainable: 408, nonTrainable: 0 } });
    expect(inferLayer(recurrent('lstm', 6, { useBias: false }), [5, 10])).toMatchObject({ params: { trainable: 384 } });
    expect(inferLayer(recurrent('lstm', 6, { bidirectional: true, returnSequences: true }), [5, 10])).toEqual({
      ok: true,
      outputShape: [5, 12],
      params: { trainable: 816, nonTrainable: 0 },
    });
  });

  it('gru (reset_after): 3 · (u·(f + u) + 2u); without bias 3 · u·(f + u); bidirectional ×2', () => {
    // f = 10, u = 6: 3 · (96 + 12) = 324; without bias 3 · 96 = 288; bidirectional 648 and 576.
    expect(inferLayer(recurrent('gru', 6), [5, 10])).toEqual({ ok: true, outputShape: [6], params: { trainable: 324, nonTrainable: 0 } });
    expect(inferLayer(recurrent('gru', 6, { useBias: false }), [5, 10])).toMatchObject({ params: { trainable: 288 } });
    expect(inferLayer(recurrent('gru', 6, { bidirectional: true }), [5, 10])).toMatchObject({ outputShape: [12], params: { trainable: 648 } });
    expect(inferLayer(recurrent('gru', 6, { bidirectional: true, useBias: false }), [5, 10])).toMatchObject({ params: { trainable: 576 } });
    // Keras's GRU(32) on 16 features: 3 · (32 · 48 + 64) = 4,800.
    expect(inferLayer(recurrent('gru', 32), [100, 16])).toMatchObject({ params: { trainable: 4800 } });
  });

  it('simple_rnn: u·(f + u) + u; without bias u·(f + u); bidirectional ×2', () => {
    // f = 10, u = 6: 96 + 6 = 102; without bias 96; bidirectional 204 and 192.
    expect(inferLayer(recurrent('simple_rnn', 6), [5, 10])).toEqual({ ok: true, outputShape: [6], params: { trainable: 102, nonTrainable: 0 } });
    expect(inferLayer(recurrent('simple_rnn', 6, { useBias: false }), [5, 10])).toMatchObject({ params: { trainable: 96 } });
    expect(inferLayer(recurrent('simple_rnn', 6, { bidirectional: true }), [5, 10])).toMatchObject({ outputShape: [12], params: { trainable: 204 } });
    expect(inferLayer(recurrent('simple_rnn', 6, { bidirectional: true, useBias: false, returnSequences: true }), [5, 10])).toMatchObject({
      outputShape: [5, 12],
      params: { trainable: 192 },
    });
  });

  it('a written stack: shapes and counts through embedding, gru, simple_rnn and dense', () => {
    const [n] = clean(
      net(
        '[30]',
        `embedding(500, 16)
         gru(8, return_sequences: true, use_bias: false)
         simple_rnn(4, bidirectional: true)
         dense(1, activation: sigmoid)`,
      ),
    );
    expect(table(n!)).toEqual([
      ['embedding', [30, 16], 8000, 0],
      ['gru', [30, 8], 3 * 8 * (16 + 8), 0], // 576
      ['simple_rnn', [8], 2 * (4 * (8 + 4) + 4), 0], // 104
      ['dense', [1], 9, 0],
    ]);
    expect(n!.layers[1]).toMatchObject({ kind: 'gru', units: 8, returnSequences: true, useBias: false, recurrentActivation: { name: 'sigmoid' } });
    expect(n!.layers[2]).not.toHaveProperty('recurrentActivation');
    expect(n!.params.total).toBe(8000 + 576 + 104 + 9);
  });

  it('defaults as Keras: tanh, sigmoid gates, no dropout, bias on; arguments read when written', () => {
    const [n] = clean(
      net(
        '[20, 3]',
        `lstm(4, return_sequences: true)
         gru(4, activation: relu, recurrent_activation: tanh, dropout: 0.2, recurrent_dropout: 0.1)`,
      ),
    );
    expect(n!.layers[0]).toMatchObject({
      kind: 'lstm',
      activation: { name: 'tanh' },
      activationExplicit: false,
      recurrentActivation: { name: 'sigmoid' },
      dropout: 0,
      recurrentDropout: 0,
      useBias: true,
      bidirectional: false,
    });
    expect(n!.layers[1]).toMatchObject({
      kind: 'gru',
      activation: { name: 'relu' },
      activationExplicit: true,
      recurrentActivation: { name: 'tanh' },
      dropout: 0.2,
      recurrentDropout: 0.1,
    });
    expect(LAYERS.simple_rnn.args.map((a) => a.name)).toEqual(['units', 'return_sequences', 'bidirectional', 'activation', 'dropout', 'recurrent_dropout', 'use_bias']);
    expect(LAYERS.lstm.args.find((a) => a.name === 'recurrent_activation')?.default).toBe('sigmoid');
  });
});

describe('conv1d and the 1-D pools', () => {
  it('conv1d: k·c·filters + filters; valid ⌊(s − k) / stride⌋ + 1, same ⌈s / stride⌉', () => {
    const [n] = clean(
      net(
        '[50, 4]',
        `conv1d(8, 5)
         conv1d(6, 3, stride: 2, padding: same, use_bias: false)
         max_pool1d(2)
         avg_pool1d(3, stride: 1)
         global_avg_pool1d()`,
      ),
    );
    expect(table(n!)).toEqual([
      ['conv1d', [46, 8], 5 * 4 * 8 + 8, 0], // 50 − 5 + 1 = 46
      ['conv1d_1', [23, 6], 3 * 8 * 6, 0], // ⌈46 / 2⌉ = 23
      ['max_pool1d', [11, 6], 0, 0], // ⌊(23 − 2) / 2⌋ + 1 = 11
      ['avg_pool1d', [9, 6], 0, 0], // ⌊(11 − 3) / 1⌋ + 1 = 9
      ['global_avg_pool1d', [6], 0, 0],
    ]);
    expect(n!.layers[2]).toMatchObject({ kind: 'max_pool1d', pool: 2, stride: 2, padding: 'valid' });
    const [m] = clean(net('[7, 3]', 'global_max_pool1d()'));
    expect(table(m!)).toEqual([['global_max_pool1d', [3], 0, 0]]);
  });

  it('a kernel longer than the steps with valid padding is reported at the kernel', () => {
    const src = net('[4, 2]', 'conv1d(8, 5)');
    expect(problems(src)).toEqual([
      {
        code: 'analysis/shape-mismatch',
        text: '5',
        ...where(src, '5)'),
        message: 'conv1d kernel 5 does not fit its 4 steps with padding: valid (use a smaller kernel or padding: same)',
      },
    ]);
  });
});

describe('the catalog marks the sequence readers', () => {
  it('sequence: true for the recurrent layers, conv1d and the 1-D pools only', () => {
    expect(Object.values(LAYERS).filter((l) => l.sequence).map((l) => l.name)).toEqual([
      'lstm',
      'gru',
      'simple_rnn',
      'conv1d',
      'max_pool1d',
      'avg_pool1d',
      'global_avg_pool1d',
      'global_max_pool1d',
    ]);
    expect(LAYERS.embedding).toMatchObject({ weighted: true, spatial: false, sequence: false });
  });
});
