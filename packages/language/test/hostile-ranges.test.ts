/**
 * Issue 15, item 15: `analysis/missing-layers` on a misspelt keyword points at the keyword as
 * written, never past it (nor past the end of its line).
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.js';

const missing = (src: string) => check(src).diagnostics.filter((d) => d.code === 'analysis/missing-layers');

describe('missing-layers ranges', () => {
  it('an empty `layrs {}` is underlined as the five letters written', () => {
    const src = 'network N { input [4]\nlayrs {}\n}';
    const [d] = missing(src);
    expect(src.slice(d!.range.start.offset, d!.range.end.offset)).toBe('layrs');
    expect(d!.range).toEqual({ start: { offset: 22, line: 2, column: 1 }, end: { offset: 27, line: 2, column: 6 } });
  });

  it('`lay {}` on its own line ends inside that line', () => {
    const src = 'network N { input [4]\nlay\n{}\n}';
    for (const d of missing(src)) {
      const lineEnd = src.indexOf('\n', d.range.start.offset);
      expect(d.range.end.offset).toBeLessThanOrEqual(lineEnd < 0 ? src.length : lineEnd);
      expect(d.range.end.line).toBe(d.range.start.line);
    }
  });

  it('the correctly spelt keyword keeps its six columns', () => {
    const [d] = missing('network N { input [4], layers { } }');
    expect(d!.range.end.column - d!.range.start.column).toBe(6);
  });
});
