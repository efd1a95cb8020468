/** Offsets ↔ positions (1-based lines and columns) in a source text. */
import type { Position } from '@axon/language';

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** The position of an offset (clamped to the text). */
export function positionAt(text: string, offset: number, starts = lineStarts(text)): Position {
  const o = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= o) lo = mid;
    else hi = mid - 1;
  }
  return { offset: o, line: lo + 1, column: o - starts[lo]! + 1 };
}

/** Position `k` characters into a text that starts at `base` (walks newlines). */
export function advance(base: Position, text: string, k: number): Position {
  let { line, column } = base;
  for (let i = 0; i < k && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return { offset: base.offset + k, line, column };
}
