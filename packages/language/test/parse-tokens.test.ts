import { describe, expect, it } from 'vitest';
import { LineIndex, positionAt, rangeContains, rangesOverlap, rangeText, tokenize } from '../src/index.js';

describe('tokenize (for semantic highlighting)', () => {
  it('classifies every token, comments included, in source order with ranges', () => {
    const src = 'network A { // c\n  layers { dense(16, activation: relu, use_bias: true) }\n  data { source: "x.csv" } /* b */\n}';
    const toks = tokenize(src);
    expect(toks.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'keyword:network', 'identifier:A', 'punctuation:{', 'comment:// c',
      'keyword:layers', 'punctuation:{', 'identifier:dense', 'punctuation:(', 'number:16', 'punctuation:,',
      'identifier:activation', 'punctuation::', 'identifier:relu', 'punctuation:,', 'identifier:use_bias', 'punctuation::', 'boolean:true',
      'punctuation:)', 'punctuation:}',
      'keyword:data', 'punctuation:{', 'identifier:source', 'punctuation::', 'string:"x.csv"', 'punctuation:}', 'comment:/* b */',
      'punctuation:}',
    ]);
    for (const t of toks) expect(rangeText(src, t.range)).toBe(t.text);
    const dense = toks.find((t) => t.text === 'dense')!;
    expect(dense.range).toEqual({ start: { offset: 28, line: 2, column: 12 }, end: { offset: 33, line: 2, column: 17 } });
  });

  it('never throws and skips characters it cannot read', () => {
    expect(tokenize('@@ network "open').map((t) => t.kind)).toEqual(['keyword', 'string']);
    expect(tokenize('')).toEqual([]);
  });
});

describe('positions', () => {
  it('LineIndex converts offsets and line/column both ways, for every line-break style', () => {
    const text = 'ab\ncd\r\nef\rg';
    const index = new LineIndex(text);
    expect(index.lineCount).toBe(4);
    const expected = [
      [0, 1, 1], [2, 1, 3], [3, 2, 1], [5, 2, 3], [7, 3, 1], [10, 4, 1], [11, 4, 2],
    ];
    for (const [offset, line, column] of expected) {
      expect(index.positionAt(offset!)).toEqual({ offset, line, column });
      expect(positionAt(text, offset!)).toEqual({ offset, line, column });
      expect(index.offsetAt(line!, column!)).toBe(offset);
    }
    // out of order look-ups (the cursor must not get lost) and clamping
    expect(index.positionAt(11)).toEqual({ offset: 11, line: 4, column: 2 });
    expect(index.positionAt(0)).toEqual({ offset: 0, line: 1, column: 1 });
    expect(index.positionAt(99)).toEqual({ offset: 11, line: 4, column: 2 });
    expect(index.positionAt(-5)).toEqual({ offset: 0, line: 1, column: 1 });
  });

  it('rangeContains is end-exclusive; rangesOverlap includes touching ranges', () => {
    const r = { start: { offset: 2, line: 1, column: 3 }, end: { offset: 5, line: 1, column: 6 } };
    expect([1, 2, 4, 5].map((o) => rangeContains(r, o))).toEqual([false, true, true, false]);
    const at = (s: number, e: number) => ({ start: { offset: s, line: 1, column: s + 1 }, end: { offset: e, line: 1, column: e + 1 } });
    expect(rangesOverlap(r, at(5, 6))).toBe(true);
    expect(rangesOverlap(r, at(6, 7))).toBe(false);
    expect(rangesOverlap(r, at(0, 2))).toBe(true);
  });
});
