/** A few lines of source with a gutter and carets under a range. */
import { windowLine, type Range } from '@axon/language';
import type { Colors } from './colors.js';
import { noColors } from './colors.js';

function lineAt(lines: string[], line: number): string {
  return (lines[line - 1] ?? '').replace(/\r$/, '');
}

/**
 *    8 |   layers {
 *  > 9 |     dense(32, activation: sigmoid)
 *      |               ^^^^^^^^^^^^^^^^^^^
 * One line of context above; a range over several lines marks its first line to the end.
 */
export function codeFrame(
  source: string | string[],
  range: Range,
  options: { colors?: Colors; caret?: (s: string) => string; indent?: string } = {},
): string {
  const c = options.colors ?? noColors;
  const caretStyle = options.caret ?? c.red;
  const indent = options.indent ?? '    ';
  const lines = Array.isArray(source) ? source : source.split('\n');
  const { start, end } = range;
  if (start.line < 1 || start.line > lines.length) return '';
  const first = Math.max(1, start.line - 1);
  const width = String(start.line).length;
  const out: string[] = [];
  const text = lineAt(lines, start.line);
  const lastColumn = end.line === start.line ? end.column : text.length + 1;
  // Long lines are cut to a window around the range (the context line around the same columns).
  const shown = windowLine(text, start.column, lastColumn);
  for (let l = first; l <= start.line; l++) {
    const marker = l === start.line ? '>' : ' ';
    const body = l === start.line ? shown.text : windowLine(lineAt(lines, l), start.column, lastColumn).text;
    out.push(`${indent}${c.dim(`${marker} ${String(l).padStart(width)} |`)} ${body}`.trimEnd());
  }
  out.push(`${indent}${c.dim(`  ${' '.repeat(width)} |`)} ${shown.lead}${caretStyle('^'.repeat(shown.width))}`);
  return out.join('\n');
}
