/** Applying fixes: every edit of a fix or none, never two fixes that overlap (the edits themselves: `@axon/language`'s `applyEdits`). */
import { applyEdits, type Range } from '@axon/language';
import type { Finding, Fix } from './types.js';

/** Anything with a range and maybe a fix: a rule's finding, or a language diagnostic (`Diagnostic.fix`). */
export interface Fixable {
  range: Range;
  fix?: Fix;
}

export interface AppliedFixes<T extends Fixable = Finding> {
  text: string;
  /** Findings whose fix was applied. */
  fixed: T[];
  /** Findings with a fix that overlapped one already applied (run again to apply them). */
  skipped: T[];
}

function spans(fix: Fix): [number, number][] {
  return fix.edits.map((e) => [e.range.start.offset, e.range.end.offset]);
}

function overlaps(a: [number, number][], b: [number, number][]): boolean {
  // Two edits conflict when their ranges intersect, or when both insert at the same point.
  return a.some(([s1, e1]) => b.some(([s2, e2]) => (s1 < e2 && s2 < e1) || (s1 === s2 && (e1 === s1 || e2 === s2)) || (s1 === e1 && s1 > s2 && s1 < e2) || (s2 === e2 && s2 > s1 && s2 < e1)));
}

/** Applies the fixes of `findings` in source order, skipping any that overlap an earlier one. */
export function applyFixesDetailed<T extends Fixable = Finding>(text: string, findings: readonly T[]): AppliedFixes<T> {
  const chosen: T[] = [];
  const skipped: T[] = [];
  const taken: [number, number][] = [];
  const withFix = findings.filter((f) => f.fix && f.fix.edits.length > 0);
  withFix.sort((a, b) => a.range.start.offset - b.range.start.offset);
  for (const f of withFix) {
    const s = spans(f.fix!);
    if (overlaps(s, taken)) {
      skipped.push(f);
      continue;
    }
    taken.push(...s);
    chosen.push(f);
  }
  return { text: applyEdits(text, chosen.flatMap((f) => f.fix!.edits)), fixed: chosen, skipped };
}

/** The text with every applicable fix applied. */
export function applyFixes(text: string, findings: readonly Fixable[]): string {
  return applyFixesDetailed(text, findings).text;
}
