/** applyEdits: offsets refer to the original text; ties keep their order; overlaps throw. */
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../src/index.js';

const edit = (start: number, end: number, newText: string) => ({ range: { start: { offset: start }, end: { offset: end } }, newText });

describe('applyEdits', () => {
  it('applies edits given in any order against the original offsets', () => {
    expect(applyEdits('abcdef', [edit(4, 5, 'E'), edit(0, 1, 'A'), edit(2, 2, '+')])).toBe('Ab+cdEf');
  });

  it('keeps the given order of insertions at one point, and an insertion before a replacement that starts there', () => {
    expect(applyEdits('xy', [edit(1, 1, '1'), edit(1, 1, '2')])).toBe('x12y');
    expect(applyEdits('xy', [edit(1, 2, 'Y'), edit(1, 1, '+')])).toBe('x+Y');
  });

  it('allows edits that touch and refuses edits that overlap', () => {
    expect(applyEdits('abcd', [edit(0, 2, 'X'), edit(2, 4, 'Y')])).toBe('XY');
    expect(() => applyEdits('abcd', [edit(0, 3, 'X'), edit(2, 4, 'Y')])).toThrow('overlapping edits');
    expect(() => applyEdits('abcd', [edit(1, 3, 'X'), edit(2, 2, 'Y')])).toThrow('overlapping edits');
  });

  it('returns the text unchanged for no edits', () => {
    expect(applyEdits('abc', [])).toBe('abc');
  });
});
