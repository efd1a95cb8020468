/** Text edits: replacing ranges of a text, by offset. */
import type { Range } from './ast.js';

/** A replacement of `range` (in the original text) by `newText`; `start === end` inserts. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** What `applyEdits` reads of an edit: only the offsets count. */
export interface OffsetEdit {
  range: { start: { offset: number }; end: { offset: number } };
  newText: string;
}

/**
 * Applies edits that must not overlap, all at once, offsets referring to the original text.
 * Edits are applied in order of start (then end) offset; edits that tie keep their given order,
 * so several insertions at one point land in the order given. Throws if two edits overlap.
 */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
  let out = '';
  let cursor = 0;
  for (const e of sorted) {
    if (e.range.start.offset < cursor) throw new Error('overlapping edits');
    out += text.slice(cursor, e.range.start.offset) + e.newText;
    cursor = e.range.end.offset;
  }
  return out + text.slice(cursor);
}
