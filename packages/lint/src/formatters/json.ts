/** Machine-readable output: one object per file with its messages and counts (ESLint-like). */
import type { FileResult } from '../file-results.js';

export interface JsonMessage {
  ruleId: string | null;
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related?: { message: string; line: number; column: number; endLine: number; endColumn: number }[];
  fix?: { description: string; edits: { range: [number, number]; text: string }[] };
}

export interface JsonFileResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableCount: number;
}

export function toJsonResults(results: readonly FileResult[]): JsonFileResult[] {
  return results.map((r) => ({
    filePath: r.filePath,
    messages: r.messages.map((m): JsonMessage => {
      const out: JsonMessage = {
        ruleId: m.ruleId,
        code: m.code,
        severity: m.severity,
        message: m.message,
        line: m.range.start.line,
        column: m.range.start.column,
        endLine: m.range.end.line,
        endColumn: m.range.end.column,
      };
      if (m.related) {
        out.related = m.related.map((x) => ({
          message: x.message,
          line: x.range.start.line,
          column: x.range.start.column,
          endLine: x.range.end.line,
          endColumn: x.range.end.column,
        }));
      }
      if (m.fix) {
        out.fix = {
          description: m.fix.description,
          edits: m.fix.edits.map((e) => ({ range: [e.range.start.offset, e.range.end.offset] as [number, number], text: e.newText })),
        };
      }
      return out;
    }),
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    infoCount: r.infoCount,
    fixableCount: r.fixableCount,
  }));
}

export function formatJson(results: readonly FileResult[]): string {
  return `${JSON.stringify(toJsonResults(results), null, 2)}\n`;
}
