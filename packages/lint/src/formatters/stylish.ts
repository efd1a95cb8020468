/**
 * The default, human-readable output: findings grouped by file, each with a code frame, then totals.
 *
 *   examples/deep-sigmoid.axon
 *     9:15  warning  19 hidden layers apply sigmoid …  saturating-deep-stack
 *        8 |   layers {
 *      > 9 |     dense(32, activation: sigmoid)
 *          |               ^^^^^^^^^^^^^^^^^^^
 */
import { MAX_SAME_MESSAGE } from '@axon/language';
import type { FileResult } from '../file-results.js';
import { codeFrame } from './code-frame.js';
import { noColors, type Colors } from './colors.js';

export interface StylishOptions {
  colors?: Colors;
  /** Print code frames (default true). */
  frames?: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatStylish(results: readonly FileResult[], options: StylishOptions = {}): string {
  const c = options.colors ?? noColors;
  const frames = options.frames ?? true;
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    infos += result.infoCount;
    fixable += result.fixableCount;
    out.push(c.underline(result.filePath));
    const lines = result.source.split('\n');
    // After MAX_SAME_MESSAGE messages with one rule and text, the rest are counted in one line.
    const key = (m: (typeof result.messages)[number]) => `${m.code}\u0000${m.message}`;
    const counts = new Map<string, number>();
    for (const m of result.messages) counts.set(key(m), (counts.get(key(m)) ?? 0) + 1);
    const shown = new Map<string, number>();
    for (const m of result.messages) {
      const n = (shown.get(key(m)) ?? 0) + 1;
      shown.set(key(m), n);
      if (n > MAX_SAME_MESSAGE) continue;
      const style = m.severity === 'error' ? c.red : m.severity === 'warning' ? c.yellow : c.blue;
      const where = `${m.range.start.line}:${m.range.start.column}`;
      out.push(`  ${c.dim(where)}  ${style(m.severity)}  ${m.message}  ${c.dim(m.code)}`);
      if (frames) {
        const frame = codeFrame(lines, m.range, { colors: c, caret: style });
        if (frame) out.push(frame);
      }
      // Related places (the task line, the loss, the other layer); the expansion is already in the message.
      for (const r of m.related ?? []) {
        if (r.message.startsWith('expanded ')) continue;
        out.push(c.dim(`      ↳ ${r.range.start.line}:${r.range.start.column}  ${r.message}`));
      }
      const total = counts.get(key(m))!;
      if (n === MAX_SAME_MESSAGE && total > n) out.push(c.dim(`  … and ${(total - n).toLocaleString('en-US')} more like this  ${m.code}`));
    }
    out.push('');
  }
  const total = errors + warnings + infos;
  if (total === 0) return '';
  const summaryStyle = errors > 0 ? c.red : warnings > 0 ? c.yellow : c.blue;
  out.push(
    summaryStyle(
      c.bold(`✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info)`),
    ),
  );
  if (fixable > 0) out.push(c.dim(`  ${fixable} fixable with the \`--fix\` option.`));
  return `${out.join('\n')}\n`;
}
