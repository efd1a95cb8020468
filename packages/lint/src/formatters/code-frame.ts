/** A few lines of source with a gutter and carets under a range. */
import type { Range } from '@axon/language';
import type { Colors } from './colors.js';
import { noColors } from './colors.js';

/**
 * Control characters shown as symbols (ESC as ␛, NUL as ␀, C1 controls as �), one for one so carets
 * still line up: a stray escape sequence in a source file must not restyle or clear the terminal.
 */
function visibleControls(line: string): string {
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}

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
  for (let l = first; l <= start.line; l++) {
    const marker = l === start.line ? '>' : ' ';
    out.push(`${indent}${c.dim(`${marker} ${String(l).padStart(width)} |`)} ${visibleControls(lineAt(lines, l))}`.trimEnd());
  }
  const text = lineAt(lines, start.line);
  const lead = text.slice(0, Math.max(0, start.column - 1)).replace(/[^\t]/g, ' ');
  const lastColumn = end.line === start.line ? end.column : text.length + 1;
  const carets = '^'.repeat(Math.max(1, lastColumn - start.column));
  out.push(`${indent}${c.dim(`  ${' '.repeat(width)} |`)} ${lead}${caretStyle(carets)}`);
  return out.join('\n');
}
