/**
 * Source positions and ranges: building them from tokens and offsets, and simple queries.
 * Offsets are 0-based UTF-16 code units; lines and columns are 1-based; ends are exclusive.
 * Line breaks are `\n`, `\r\n` and a lone `\r` (the same set the lexer and LSP use).
 */
import type { IToken } from 'chevrotain';
import type { Position, Range } from './ast.js';

/**
 * The line index of the text being worked on. `lex()` installs one per text, so positions of its
 * tokens can be computed from offsets alone (the lexer tracks offsets only: that is much faster).
 */
let active: LineIndex | undefined;

export function useLineIndex(index: LineIndex): void {
  active = index;
}

export function tokenStart(t: IToken): Position {
  return (active as LineIndex).positionAt(t.startOffset);
}

export function tokenEnd(t: IToken): Position {
  return (active as LineIndex).positionAt(t.startOffset + t.image.length);
}

export function tokenRange(t: IToken): Range {
  const index = active as LineIndex;
  return { start: index.positionAt(t.startOffset), end: index.positionAt(t.startOffset + t.image.length) };
}

/** 1-based line of an offset in the active text. */
export function lineOf(offset: number): number {
  return (active as LineIndex).lineOf(offset);
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

/**
 * Offsets of line starts, for fast offset → position conversion (the parser and the language server
 * use it). Look-ups remember the last line found, so walking through a text in order costs O(1) each.
 */
export class LineIndex {
  readonly starts: Int32Array;
  readonly lineCount: number;
  private cursor = 0;
  constructor(readonly text: string) {
    const found: number[] = [0];
    if (text.indexOf('\r') < 0) {
      // the common case: only \n line breaks, found with the native indexOf
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) found.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) found.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          found.push(i + 1);
        }
      }
    }
    this.starts = Int32Array.from(found);
    this.lineCount = found.length;
  }
  /** 0-based index of the line holding `offset` (already clamped). */
  private lineIndex(o: number): number {
    const starts = this.starts;
    const last = this.lineCount - 1;
    let c = this.cursor;
    if ((starts[c] as number) <= o) {
      if (c === last || (starts[c + 1] as number) > o) return c;
      if (c + 1 === last || (starts[c + 2] as number) > o) return (this.cursor = c + 1);
    } else if (c > 0 && (starts[c - 1] as number) <= o) {
      return (this.cursor = c - 1);
    }
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    this.cursor = lo;
    return lo;
  }
  positionAt(offset: number): Position {
    const o = offset < 0 ? 0 : offset > this.text.length ? this.text.length : offset;
    const l = this.lineIndex(o);
    return { offset: o, line: l + 1, column: o - (this.starts[l] as number) + 1 };
  }
  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    const o = offset < 0 ? 0 : offset > this.text.length ? this.text.length : offset;
    return this.lineIndex(o) + 1;
  }
  /** Offset of a 1-based line and column (clamped to the text). */
  offsetAt(line: number, column: number): number {
    const l = Math.max(1, Math.min(line, this.lineCount));
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
