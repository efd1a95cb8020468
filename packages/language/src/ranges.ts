/**
 * Source positions and ranges: building them from tokens and offsets, and simple queries.
 * Offsets are 0-based UTF-16 code units; lines and columns are 1-based; ends are exclusive.
 * Line breaks are `\n`, `\r\n` and a lone `\r` (the same set the lexer and LSP use).
 */
import type { IToken } from 'chevrotain';
import type { Position, Range } from './ast.js';

export function tokenStart(t: IToken): Position {
  return { offset: t.startOffset, line: t.startLine as number, column: t.startColumn as number };
}

export function tokenEnd(t: IToken): Position {
  const last = t.image.charCodeAt(t.image.length - 1);
  if (last === 10 || last === 13) {
    // a token ending in a line break (an unterminated block comment) ends at the start of the next line
    return { offset: (t.endOffset as number) + 1, line: (t.endLine as number) + 1, column: 1 };
  }
  return { offset: (t.endOffset as number) + 1, line: t.endLine as number, column: (t.endColumn as number) + 1 };
}

export function tokenRange(t: IToken): Range {
  return { start: tokenStart(t), end: tokenEnd(t) };
}

/** A token really taken from the source (not one invented by error recovery, nor the end-of-file marker). */
export function isRealToken(t: IToken | undefined): t is IToken {
  return t !== undefined && t.startOffset >= 0 && t.isInsertedInRecovery !== true && t.tokenType?.name !== 'EOF';
}

/** The position of `offset`, walking forward from `from` (which must be at or before it). */
export function advancePosition(text: string, from: Position, offset: number): Position {
  let line = from.line;
  let column = from.column;
  const end = Math.min(offset, text.length);
  for (let i = from.offset; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      column = 1;
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) !== 10) {
        line++;
        column = 1;
      } else {
        column++; // the \n that follows ends the line
      }
    } else {
      column++;
    }
  }
  return { offset: end, line, column };
}

export const START: Position = Object.freeze({ offset: 0, line: 1, column: 1 }) as Position;

/** Position of any offset in `text` (linear scan; use a `LineIndex` for many look-ups). */
export function positionAt(text: string, offset: number): Position {
  return advancePosition(text, { offset: 0, line: 1, column: 1 }, Math.max(0, offset));
}

/** Offsets of line starts, for fast offset ↔ position conversion (the language server uses it). */
export class LineIndex {
  readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { offset: o, line: lo + 1, column: o - (this.starts[lo] as number) + 1 };
  }
  /** Offset of a 1-based line and column (clamped to the text). */
  offsetAt(line: number, column: number): number {
    const l = Math.max(1, Math.min(line, this.starts.length));
    return Math.min(this.text.length, (this.starts[l - 1] as number) + Math.max(0, column - 1));
  }
}

/** True when `offset` lies inside `range` (start inclusive, end exclusive). */
export function rangeContains(range: Range, offset: number): boolean {
  return offset >= range.start.offset && offset < range.end.offset;
}

/** True when the two ranges share at least one character (or touch, for empty ranges). */
export function rangesOverlap(a: Range, b: Range): boolean {
  return a.start.offset <= b.end.offset && b.start.offset <= a.end.offset;
}

export function rangeText(text: string, range: Range): string {
  return text.slice(range.start.offset, range.end.offset);
}
