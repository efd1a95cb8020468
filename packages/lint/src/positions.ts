/** Positions inside a piece of source text whose own start is known (a comment), on the language's `positionAt`. */
import { positionAt, type Position } from '@axon/language';

/** The position `k` characters into `text`, which starts at `base` in the file. */
export function advance(base: Position, text: string, k: number): Position {
  const p = positionAt(text, k);
  return { offset: base.offset + p.offset, line: base.line + p.line - 1, column: p.line === 1 ? base.column + p.column - 1 : p.column };
}
