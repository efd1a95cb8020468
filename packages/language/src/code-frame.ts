/**
 * Prints a diagnostic the way compilers do:
 *
 *   iris.axon:7:11: error: unknown layer `desne`; did you mean `dense`? [analysis/unknown-layer]
 *      7 |     desne(16, activation: relu)
 *        |     ^^^^^
 *
 * Used by the CLI and the linter's text output. No dependencies: colours are plain ANSI escapes.
 */
import type { Diagnostic, Severity } from './diagnostic.js';

export interface FrameOptions {
  /** Colour the severity, the caret line and the code with ANSI escapes. */
  color?: boolean;
  /** Add one `file:line:col: note: …` line per related location (the block use or repeat an error came through). */
  related?: boolean;
}

const ansi = (code: string) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
const styles = {
  bold: ansi('1'),
  dim: ansi('2'),
  red: ansi('31'),
  yellow: ansi('33'),
  blue: ansi('34'),
  cyan: ansi('36'),
};

const severityStyle: Record<Severity, (s: string) => string> = {
  error: styles.red,
  warning: styles.yellow,
  info: styles.blue,
};

/**
 * Control characters shown as symbols (ESC as ␛, NUL as ␀, C1 controls as �), one for one so carets
 * still line up: a stray escape sequence in a source file must not restyle or clear the terminal.
 */
export function visibleControls(line: string): string {
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}

/** The text of 1-based line `line`, without its line break ('' when out of range). */
export function sourceLine(text: string, line: number): string {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return '';
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  return text.slice(start, end).replace(/\r$/, '');
}

/** `file:line:col: severity: message [code]`, then the source line and a caret under the range. */
export function formatDiagnostic(file: string, text: string, diagnostic: Diagnostic, options: FrameOptions = {}): string {
  const id = (s: string) => s;
  const c = options.color ? styles : { bold: id, dim: id, red: id, yellow: id, blue: id, cyan: id };
  const sev = options.color ? severityStyle[diagnostic.severity] : id;
  const { start, end } = diagnostic.range;
  const head =
    `${c.bold(`${file}:${start.line}:${start.column}`)}: ${sev(diagnostic.severity)}: ${diagnostic.message}` +
    ` ${c.dim(`[${diagnostic.code}]`)}`;
  const notes = options.related
    ? (diagnostic.related ?? []).map(
        (r) => `\n  ${c.bold(`${file}:${r.range.start.line}:${r.range.start.column}`)}: ${c.cyan('note')}: ${r.message}`,
      )
    : [];
  const line = sourceLine(text, start.line);
  if (line === '' && start.column <= 1) return head + notes.join('');
  const gutter = String(start.line);
  const pad = ' '.repeat(gutter.length);
  // Keep tabs in the caret line so the caret lines up under tab-indented source.
  const lead = line
    .slice(0, Math.max(0, start.column - 1))
    .replace(/[^\t]/g, ' ');
  const lastColumn = end.line === start.line ? end.column : line.length + 1;
  const width = Math.max(1, lastColumn - start.column);
  const frame = [
    head,
    `  ${c.dim(`${gutter} |`)} ${visibleControls(line)}`,
    `  ${c.dim(`${pad} |`)} ${lead}${sev('^'.repeat(width))}`,
  ];
  return frame.join('\n') + notes.join('');
}

/** Every diagnostic of a file, errors and warnings in source order, separated by newlines. */
export function formatDiagnostics(file: string, text: string, diagnostics: readonly Diagnostic[], options: FrameOptions = {}): string {
  return diagnostics.map((d) => formatDiagnostic(file, text, d, options)).join('\n');
}
