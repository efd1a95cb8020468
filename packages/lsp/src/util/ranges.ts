/**
 * Offsets ↔ LSP positions (0-based line, UTF-16 character) through `@axon/language`'s `LineIndex`,
 * the same line table the parser uses (line breaks `\n`, `\r\n`, `\r`).
 */
import type { LineIndex, Range as AstRange } from '@axon/language';
import type { Position, Range as LspRange } from 'vscode-languageserver';

export function lspPosition(lines: LineIndex, offset: number): Position {
  // An offset between the \r and the \n of a line break stands for the break itself (as in LSP's TextDocument).
  const o = offset > 0 && lines.text.charCodeAt(offset) === 10 && lines.text.charCodeAt(offset - 1) === 13 ? offset - 1 : offset;
  const p = lines.positionAt(o);
  return { line: p.line - 1, character: p.column - 1 };
}

/**
 * The offset of an LSP position, clamped as LSP asks: a line past the end is the end of the text, a
 * character past the line's end is the line's end (before its line break).
 */
export function lspOffset(lines: LineIndex, p: Position): number {
  const text = lines.text;
  if (p.line >= lines.lineCount) return text.length;
  if (p.line < 0) return 0;
  const start = lines.starts[p.line] as number;
  let end = p.line + 1 < lines.lineCount ? (lines.starts[p.line + 1] as number) : text.length;
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return Math.max(start, Math.min(start + Math.max(0, p.character), end));
}

/** An AST range (offsets) as an LSP range. */
export function toLspRange(lines: LineIndex, range: AstRange): LspRange {
  return { start: lspPosition(lines, range.start.offset), end: lspPosition(lines, range.end.offset) };
}

export function offsetRange(lines: LineIndex, start: number, end: number): LspRange {
  return { start: lspPosition(lines, start), end: lspPosition(lines, end) };
}
