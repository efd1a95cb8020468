/**
 * Collects analysis diagnostics. A problem written once in a block's text is reported once, however
 * many times the block is expanded: reports are keyed by code and range.
 */
import type { Range } from './ast.js';
import type { Diagnostic, RelatedLocation, Severity } from './diagnostic.js';

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  /** Where the current expansion came from; attached to reports made while expanding a block or repeat. */
  related: RelatedLocation[] = [];

  report(severity: Severity, code: string, range: Range, message: string): void {
    const key = `${code}@${range.start.offset}:${range.end.offset}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const d: Diagnostic = { range, severity, code, message };
    if (this.related.length > 0) d.related = [...this.related];
    this.diagnostics.push(d);
  }

  error(code: string, range: Range, message: string): void {
    this.report('error', code, range, message);
  }

  warning(code: string, range: Range, message: string): void {
    this.report('warning', code, range, message);
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }
}

/** The range from the start of `a` to the end of `b`. */
export function span(a: Range, b: Range): Range {
  return { start: a.start, end: b.end };
}
