/**
 * One file's results as output formatters see them: the language's diagnostics and the rules'
 * findings, merged into messages with counts. ("Report" in this package is only `context.report`.)
 */
import type { Diagnostic, Range, RelatedLocation, Severity } from '@axon/language';
import { sortFindings } from './engine.js';
import type { Finding, Fix } from './types.js';

export interface LintMessage {
  /** The rule id, or null for a parse/analysis diagnostic. */
  ruleId: string | null;
  /** The rule id, or the diagnostic's stable code (`parse/unexpected-token`). */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  related?: RelatedLocation[];
  fix?: Fix;
}

export interface FileResult {
  /** As given on the command line (or absolute); formatters print it as is. */
  filePath: string;
  /** The text that was linted (for code frames). */
  source: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  /** Messages with a fix `--fix` can apply. */
  fixableCount: number;
}

export function toFileResult(filePath: string, source: string, diagnostics: readonly Diagnostic[], findings: readonly Finding[]): FileResult {
  const messages: LintMessage[] = [
    ...diagnostics.map((d): LintMessage => ({
      ruleId: null,
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: d.range,
      ...(d.related && d.related.length > 0 ? { related: d.related } : {}),
      ...(d.fix ? { fix: d.fix } : {}),
    })),
    ...findings.map((f): LintMessage => ({
      ruleId: f.ruleId,
      code: f.ruleId,
      severity: f.severity,
      message: f.message,
      range: f.range,
      ...(f.related ? { related: f.related } : {}),
      ...(f.fix ? { fix: f.fix } : {}),
    })),
  ];
  sortFindings(messages);
  return {
    filePath,
    source,
    messages,
    errorCount: messages.filter((m) => m.severity === 'error').length,
    warningCount: messages.filter((m) => m.severity === 'warning').length,
    infoCount: messages.filter((m) => m.severity === 'info').length,
    fixableCount: messages.filter((m) => m.fix).length,
  };
}

/** Keeps only errors (`--quiet`). */
export function onlyErrors(result: FileResult): FileResult {
  const messages = result.messages.filter((m) => m.severity === 'error');
  return { ...result, messages, warningCount: 0, infoCount: 0, fixableCount: messages.filter((m) => m.fix).length };
}

