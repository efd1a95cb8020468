/**
 * The server converts offsets ↔ LSP positions with `@axon/language`'s `LineIndex`; LSP's own
 * reference (vscode-languageserver-textdocument) must agree on every text and position.
 */
import { LineIndex } from '@axon/language';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lspOffset, lspPosition } from '../src/util/ranges.js';

const text = fc.array(fc.constantFrom('a', 'é', '😀', ' ', '\n', '\r\n', '\r', 'dense(16)', '\t'), { maxLength: 40 }).map((p) => p.join(''));

describe('offsets and LSP positions', () => {
  it('agree with TextDocument for every offset and for positions past a line\'s end or the last line', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.integer({ min: -2, max: 12 }), fc.integer({ min: -2, max: 30 })), { maxLength: 10 }), (t, positions) => {
        const lines = new LineIndex(t);
        const doc = TextDocument.create('file:///x.axon', 'axon', 1, t);
        for (let o = -1; o <= t.length + 1; o++) expect(lspPosition(lines, o)).toEqual(doc.positionAt(o));
        for (const [line, character] of positions) expect(lspOffset(lines, { line, character })).toBe(doc.offsetAt({ line, character }));
      }),
      { numRuns: 300 },
    );
  });

  it('clamps a character past the end of a line to that line (before its \\r\\n)', () => {
    const lines = new LineIndex('ab\r\ncd\ne');
    expect(lspOffset(lines, { line: 0, character: 99 })).toBe(2);
    expect(lspOffset(lines, { line: 1, character: 1 })).toBe(5);
    expect(lspOffset(lines, { line: 7, character: 0 })).toBe(8);
    expect(lspPosition(lines, 5)).toEqual({ line: 1, character: 1 });
  });
});
