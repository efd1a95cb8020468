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
import { LineIndex } from './ranges.js';

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

/** Widest source line a frame shows in full; longer lines are cut around the range, as rustc and ESLint do. */
export const MAX_FRAME_WIDTH = 120;
/** How much of a long line a frame keeps before the range. */
const CONTEXT_BEFORE = 40;

/** A source line as a frame shows it: cut to a window around the range, with the caret line under it. */
export interface FrameLine {
  /** The shown text (controls made visible; `…` where the line was cut). */
  text: string;
  /** The caret line: spaces (tabs kept) up to the range, then one `^` per column of it (at least one). */
  lead: string;
  width: number;
}

/**
 * Cuts `line` to at most `max` columns around the columns `startColumn` .. `endColumn` (1-based,
 * end exclusive), marking each cut with `…`, and lines the carets up under the range. A short
 * line is shown whole; on a long one the carets stop at the window's edge.
 */
export function windowLine(line: string, startColumn: number, endColumn: number, max = MAX_FRAME_WIDTH): FrameLine {
  const s = Math.min(Math.max(0, startColumn - 1), line.length);
  const e = Math.max(s + 1, endColumn - 1);
  if (line.length <= max) {
    return { text: visibleControls(line), lead: line.slice(0, s).replace(/[^\t]/g, ' '), width: Math.max(1, e - s) };
  }
  let from = Math.max(0, s - CONTEXT_BEFORE);
  const to = Math.min(line.length, from + max);
  if (to - from < max) from = Math.max(0, to - max);
  const before = from > 0 ? '…' : '';
  const after = to < line.length ? '…' : '';
  return {
    text: before + visibleControls(line.slice(from, to)) + after,
    lead: (before ? ' ' : '') + line.slice(from, s).replace(/[^\t]/g, ' '),
    width: Math.max(1, Math.min(e, to) - s),
  };
}

/** `file:line:col: severity: message [code]`, then the source line and a caret under the range. */
export function formatDiagnostic(file: string, text: string, diagnostic: Diagnostic, options: FrameOptions = {}): string {
  return frame(file, (line) => sourceLine(text, line), diagnostic, options);
}

function frame(file: string, lineText: (line: number) => string, diagnostic: Diagnostic, options: FrameOptions): string {
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
  const line = lineText(start.line);
  if (line === '' && start.column <= 1) return head + notes.join('');
  const gutter = String(start.line);
  const pad = ' '.repeat(gutter.length);
  // Tabs stay in the caret line so the caret lines up under tab-indented source.
  const lastColumn = end.line === start.line ? end.column : line.length + 1;
  const shown = windowLine(line, start.column, lastColumn);
  const out = [
    head,
    `  ${c.dim(`${gutter} |`)} ${shown.text}`,
    `  ${c.dim(`${pad} |`)} ${shown.lead}${sev('^'.repeat(shown.width))}`,
  ];
  return out.join('\n') + notes.join('');
}

/** How many diagnostics with the same code and message are printed before the rest are counted. */
export const MAX_SAME_MESSAGE = 3;

/**
 * Every diagnostic of a file, in the order given, separated by newlines, in time linear in the
 * text and the diagnostics. After `MAX_SAME_MESSAGE` diagnostics with the same code and message,
 * the rest are counted in one line: `… and 19,997 more like this [code]`.
 */
export function formatDiagnostics(file: string, text: string, diagnostics: readonly Diagnostic[], options: FrameOptions = {}): string {
  const key = (d: Diagnostic) => `${d.code}\u0000${d.message}`;
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(key(d), (counts.get(key(d)) ?? 0) + 1);
  const index = new LineIndex(text);
  const lineText = (line: number): string => {
    if (line < 1 || line > index.lineCount) return '';
    const from = index.starts[line - 1] as number;
    const next = line < index.lineCount ? (index.starts[line] as number) : text.length;
    return text.slice(from, next).replace(/\r?\n$|\r$/, '');
  };
  const shown = new Map<string, number>();
  const out: string[] = [];
  for (const d of diagnostics) {
    const k = key(d);
    const n = (shown.get(k) ?? 0) + 1;
    shown.set(k, n);
    if (n > MAX_SAME_MESSAGE) continue;
    out.push(frame(file, lineText, d, options));
    const total = counts.get(k)!;
    if (n === MAX_SAME_MESSAGE && total > n) out.push(`… and ${(total - n).toLocaleString('en-US')} more like this [${d.code}]`);
  }
  return out.join('\n');
}
