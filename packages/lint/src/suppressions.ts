/**
 * Inline suppressions:
 *   // axon-disable-next-line rule-id[, rule-id…] -- reason     silences those rules on the next line
 *   // axon-disable rule-id[, rule-id…] -- reason               silences them in the whole file
 * A suppression must name a rule (else `invalid-suppression`); unknown ids are reported too, and a
 * suppression that silenced nothing is reported as `unused-suppression` (with a fix that removes it).
 */
import { LineIndex, positionAt, type Comment, type Program, type Range } from '@axon/language';
import { deleteRange } from './edits.js';
import { advance } from './positions.js';
import { ruleById, rules } from './rules/index.js';
import { didYouMean } from './suggest.js';
import type { Finding, ResolvedConfig, TextEdit } from './types.js';

export type DirectiveKind = 'axon-disable-next-line' | 'axon-disable';

export interface SuppressedRule {
  id: string;
  range: Range;
}

export interface Suppression {
  kind: DirectiveKind;
  comment: Comment;
  rules: SuppressedRule[];
  reason?: string;
  /** For next-line suppressions: the 1-based line they apply to. */
  line?: number;
}

const DIRECTIVE = /^(\s*)(axon-disable-next-line|axon-disable)(?![\w-])/;

/** Reads the suppression comments of a file. */
export function parseSuppressions(ast: Program): Suppression[] {
  const result: Suppression[] = [];
  for (const comment of ast.comments) {
    const open = comment.block ? 2 : 2;
    const body = comment.block ? comment.text.slice(2, comment.text.endsWith('*/') ? -2 : undefined) : comment.text.slice(2);
    const m = DIRECTIVE.exec(body);
    if (!m) continue;
    const kind = m[2] as DirectiveKind;
    let rest = body.slice(m[0].length);
    let restStart = open + m[0].length;
    let reason: string | undefined;
    const dash = rest.indexOf('--');
    if (dash >= 0) {
      reason = rest.slice(dash + 2).trim() || undefined;
      rest = rest.slice(0, dash);
    }
    const suppressed: SuppressedRule[] = [];
    const idPattern = /[^\s,]+/g;
    let idMatch: RegExpExecArray | null;
    while ((idMatch = idPattern.exec(rest))) {
      const startK = restStart + idMatch.index;
      const start = advance(comment.range.start, comment.text, startK);
      const end = advance(comment.range.start, comment.text, startK + idMatch[0].length);
      suppressed.push({ id: idMatch[0], range: { start, end } });
    }
    void restStart;
    result.push({
      kind,
      comment,
      rules: suppressed,
      reason,
      line: kind === 'axon-disable-next-line' ? comment.range.end.line + 1 : undefined,
    });
  }
  return result;
}

/**
 * Drops the findings that suppressions silence and adds the suppressions' own findings
 * (invalid and unused ones), at their configured severities.
 */
export function applySuppressions(
  text: string,
  ast: Program,
  findings: Finding[],
  config: ResolvedConfig,
): Finding[] {
  const suppressions = parseSuppressions(ast);
  if (suppressions.length === 0) return findings;
  const used = new Set<SuppressedRule>();
  const kept: Finding[] = [];
  for (const finding of findings) {
    let silenced = false;
    for (const s of suppressions) {
      if (s.kind === 'axon-disable-next-line' && s.line !== finding.range.start.line) continue;
      const entry = s.rules.find((r) => r.id === finding.ruleId);
      if (!entry) continue;
      used.add(entry);
      silenced = true;
    }
    if (!silenced) kept.push(finding);
  }
  const own: Finding[] = [];
  const severityOf = (id: string) => config.rules[id]?.severity ?? 'off';
  const ids = rules.map((r) => r.meta.id);
  for (const s of suppressions) {
    if (s.rules.length === 0 && severityOf('invalid-suppression') !== 'off') {
      own.push(
        finding('invalid-suppression', 'noRule', { directive: s.kind }, s.comment.range, severityOf('invalid-suppression')),
      );
      continue;
    }
    for (const r of s.rules) {
      if (!ruleById(r.id)) {
        if (severityOf('invalid-suppression') === 'off') continue;
        const suggestion = didYouMean(r.id, ids).replace(/^ \(/, ' (');
        own.push(finding('invalid-suppression', 'unknownRule', { rule: r.id, suggestion }, r.range, severityOf('invalid-suppression')));
        continue;
      }
      if (used.has(r) || severityOf(r.id) === 'off' || severityOf('unused-suppression') === 'off') continue;
      const where = s.kind === 'axon-disable' ? 'this file' : `line ${s.line}`;
      const f = finding('unused-suppression', 'unused', { directive: s.kind, rule: r.id, where }, r.range, severityOf('unused-suppression'));
      f.fix = { description: `remove the unused suppression of ${r.id}`, edits: [removeSuppressedRule(text, s, r)] };
      own.push(f);
    }
  }
  return [...kept, ...own];
}

function finding(
  ruleId: string,
  messageId: string,
  data: Record<string, string>,
  range: Range,
  severity: 'error' | 'warning' | 'info' | 'off',
): Finding {
  const template = ruleById(ruleId)!.meta.messages[messageId]!;
  return {
    ruleId,
    severity: severity === 'off' ? 'info' : severity,
    messageId,
    message: template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => data[k] ?? ''),
    range,
  };
}

/** An edit that removes one rule id from a suppression, or the whole comment if it was the only one. */
function removeSuppressedRule(text: string, s: Suppression, r: SuppressedRule): TextEdit {
  const others = s.rules.filter((x) => x !== r);
  if (others.length === 0) return deleteRange(text, s.comment.range);
  const reason = s.reason ? ` -- ${s.reason}` : '';
  const body = `${s.kind} ${others.map((x) => x.id).join(', ')}${reason}`;
  return { range: s.comment.range, newText: s.comment.block ? `/* ${body} */` : `// ${body}` };
}

const NEXT_LINE = /^(\s*)\/\/\s*axon-disable-next-line\s+([^\n]*?)(\s+--[^\n]*)?$/;

/**
 * An edit that silences `ruleId` on `line` (1-based): adds the id to an `axon-disable-next-line`
 * comment on the line above, or inserts one with the line's indentation. (For "disable for this line".)
 */
export function disableNextLineEdit(text: string, line: number, ruleId: string, reason?: string): TextEdit {
  const index = new LineIndex(text);
  const starts = index.starts;
  const lineIndex = Math.max(0, Math.min(line - 1, index.lineCount - 1));
  const start = starts[lineIndex]!;
  // A line's text without its line break (\n or \r\n, which the inserted comment copies).
  const lineEnd = (starts[lineIndex + 1] ?? text.length + 1) - 1;
  const lineText = text.slice(start, lineEnd).replace(/\r$/, '');
  const eol = text.slice(lineEnd - 1, lineEnd + 1) === '\r\n' ? '\r\n' : '\n';
  if (lineIndex > 0) {
    const prevStart = starts[lineIndex - 1]!;
    const prevText = text.slice(prevStart, start - 1).replace(/\r$/, '');
    const m = NEXT_LINE.exec(prevText);
    if (m) {
      const idsEnd = prevStart + m[1]!.length + prevText.slice(m[1]!.length).indexOf(m[2]!) + m[2]!.length;
      const at = index.positionAt(idsEnd);
      return { range: { start: at, end: at }, newText: `, ${ruleId}` };
    }
  }
  const indent = /^\s*/.exec(lineText)![0];
  const at = index.positionAt(start);
  const suffix = reason ? ` -- ${reason}` : '';
  return { range: { start: at, end: at }, newText: `${indent}// axon-disable-next-line ${ruleId}${suffix}${eol}` };
}

/** An edit that silences `ruleId` in the whole file (a comment on the first line). */
export function disableFileEdit(text: string, ruleId: string, reason?: string): TextEdit {
  const at = positionAt(text, 0);
  const suffix = reason ? ` -- ${reason}` : '';
  return { range: { start: at, end: at }, newText: `// axon-disable ${ruleId}${suffix}\n` };
}
