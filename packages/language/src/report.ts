/**
 * Collects analysis diagnostics. A problem written once in a block's text is reported once, however
 * many times the block is expanded: reports are keyed by code and range.
 */
import type { Range } from './ast.js';
import type { Diagnostic, RelatedLocation, Severity } from './diagnostic.js';
import type { ExpansionStep } from './network.js';

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  /** The expansion being walked; reports made inside it get the block uses and repeat iterations as related locations. */
  chain: readonly ExpansionStep[] = [];
  /** How many reports were asked for, duplicates included: a check that leaves it unchanged found nothing. */
  attempts = 0;

  report(severity: Severity, code: string, range: Range, message: string): void {
    this.attempts++;
    const key = `${code}@${range.start.offset}:${range.end.offset}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const d: Diagnostic = { range, severity, code, message };
    if (this.chain.length > 0) d.related = relatedFor(this.chain);
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

/** Related locations for a report made inside an expansion: the block uses and repeat iterations that led there. */
export function relatedFor(chain: readonly ExpansionStep[]): RelatedLocation[] {
  return chain.map((s) =>
    s.kind === 'block'
      ? { range: s.useRange, message: `in block \`${s.block}\`, used here` }
      : { range: s.headerRange, message: `in iteration ${s.iteration} of \`repeat ${s.count}\`` },
  );
}
