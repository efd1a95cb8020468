/** The summary of a graph: Keras's "Connected to" column; a chain's table is unchanged. */
import { describe, expect, it } from 'vitest';
import { renderSummary, summarize } from '../src/index.js';
import { clean, net } from './analyze-helpers.js';

describe('summary', () => {
  it('a chain: no "Connected to" column (the table as before)', () => {
    const [n] = clean(net('[4]', 'dense(8, activation: relu)\ndense(1)'));
    expect(renderSummary(n!)).toBe(
      [
        'Network: N',
        '─'.repeat(57),
        'Layer (kind)     Activation  Output shape  Params  Source',
        '─'.repeat(57),
        'input                        (None, 4)          0  line 2',
        'dense (dense)    relu        (None, 8)         40  line 4',
        'dense_1 (dense)  linear      (None, 1)          9  line 5',
        '─'.repeat(57),
        'Total params: 49',
        'Trainable params: 49',
        'Non-trainable params: 0',
      ].join('\n'),
    );
    expect(summarize(n!).chain).toBe(true);
  });

  it('a graph: each row names the layers it reads, the merge both of its inputs', () => {
    const [n] = clean(net('[4]', 'dense(4)\nresidual {\ndense(4, activation: relu)\nbatch_norm\n}\ndense(1)'));
    const s = summarize(n!);
    expect(s.chain).toBe(false);
    expect(s.rows.map((r) => [r.layer, r.connectedTo])).toEqual([
      ['dense (dense)', ['input']],
      ['dense_1 (dense)', ['dense']],
      ['batch_norm (batch_norm)', ['dense_1']],
      ['add (merge)', ['batch_norm', 'dense']],
      ['dense_2 (dense)', ['add']],
    ]);
    expect(renderSummary(n!)).toBe(
      [
        'Network: N',
        '─'.repeat(84),
        'Layer (kind)             Activation  Output shape  Params  Connected to       Source',
        '─'.repeat(84),
        'input                                (None, 4)          0                     line 2',
        'dense (dense)            linear      (None, 4)         20  input              line 4',
        'dense_1 (dense)          relu        (None, 4)         20  dense              line 6',
        'batch_norm (batch_norm)              (None, 4)         16  dense_1            line 7',
        'add (merge)                          (None, 4)          0  batch_norm, dense  line 5',
        'dense_2 (dense)          linear      (None, 1)          5  add                line 9',
        '─'.repeat(84),
        'Total params: 61',
        'Trainable params: 53',
        'Non-trainable params: 8',
      ].join('\n'),
    );
  });

  it('a parallel whose first layer reads the input directly: `input` in the column', () => {
    const [n] = clean(net('[4]', 'parallel { branch { dense(2) } branch { } }'));
    expect(summarize(n!).rows.map((r) => r.connectedTo.join(', '))).toEqual(['input', 'dense, input']);
  });
});
