/** Applying fixes: every edit of a fix or none, never two fixes that overlap (the edits themselves: `@axon/language`'s `applyEdits`). */
import { applyEdits, check, type Range } from '@axon/language';
import type { Finding, Fix, TextEdit } from './types.js';

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

/** A fix that is not offered, and why. */
export interface WithheldFix<T extends Fixable = Finding> {
  finding: T;
  /** `insert flatten() before dense would introduce an error at line 7: …` */
  reason: string;
}

export interface VettedFixes<T extends Fixable = Finding> {
  /** The findings, in the same order; those whose fix is withheld are copies without `fix`. */
  findings: T[];
  withheld: WithheldFix<T>[];
}

/** Most fixes of one file checked one by one (each check is a parse and an analysis of the fixed text). */
export const MAX_FIX_CHECKS = 64;

/** The language's error messages of a text, counted. */
function errorMessages(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of check(text).diagnostics) if (d.severity === 'error') counts.set(d.message, (counts.get(d.message) ?? 0) + 1);
  return counts;
}

/**
 * The first error of `original` with `edits` applied that `before` does not have (by message), with
 * its line in the original text; undefined when none is new.
 */
function newError(before: Map<string, number>, original: string, edits: readonly TextEdit[]): string | undefined {
  const seen = new Map<string, number>();
  for (const d of check(applyEdits(original, edits)).diagnostics) {
    if (d.severity !== 'error') continue;
    const n = (seen.get(d.message) ?? 0) + 1;
    seen.set(d.message, n);
    if (n > (before.get(d.message) ?? 0)) return `at line ${originalLine(original, edits, d.range.start.offset)}: ${d.message}`;
  }
  return undefined;
}

/** The 1-based line in `original` of an offset in the edited text (an offset inside an edit maps to its start). */
function originalLine(original: string, edits: readonly TextEdit[], offset: number): number {
  let shift = 0;
  for (const e of [...edits].sort((a, b) => a.range.start.offset - b.range.start.offset)) {
    const start = e.range.start.offset + shift;
    if (offset < start) break;
    const grown = e.newText.length - (e.range.end.offset - e.range.start.offset);
    if (offset < start + e.newText.length) {
      shift = offset - e.range.start.offset;
      break;
    }
    shift += grown;
  }
  const at = Math.max(0, Math.min(original.length, offset - shift));
  let line = 1;
  for (let i = original.indexOf('\n'); i >= 0 && i < at; i = original.indexOf('\n', i + 1)) line++;
  return line;
}

const editsOf = <T extends Fixable>(fs: readonly T[]): TextEdit[] => fs.flatMap((f) => f.fix!.edits);

/**
 * Withholds every fix whose result has an error the text did not have (a `flatten()` inserted before
 * a dense layer that a later `max_pool2d` then receives flat), so no fix that breaks the file is ever
 * offered or applied. All fixes are first checked together; when that breaks the file they are
 * checked one by one (at most `MAX_FIX_CHECKS`; the rest are withheld as unchecked), and the
 * fixes that pass are checked together again, dropping the last added until the set is safe.
 */
export function vetFixes<T extends Fixable>(text: string, findings: readonly T[], maxChecks = MAX_FIX_CHECKS): VettedFixes<T> {
  const fixable = findings.filter((f) => f.fix && f.fix.edits.length > 0);
  if (fixable.length === 0) return { findings: [...findings], withheld: [] };
  const before = errorMessages(text);
  const together = applyFixesDetailed(text, fixable);
  if (newError(before, text, editsOf(together.fixed)) === undefined) {
    // Fixes skipped for overlapping are applied in a later pass: check them alone.
    const withheld: WithheldFix<T>[] = [];
    for (const f of together.skipped.slice(0, maxChecks)) {
      const err = newError(before, text, f.fix!.edits);
      if (err !== undefined) withheld.push({ finding: f, reason: reasonFor(f, err) });
    }
    return strip(findings, withheld);
  }
  const withheld: WithheldFix<T>[] = [];
  const passing: T[] = [];
  let checks = 0;
  for (const f of fixable) {
    if (checks++ >= maxChecks) {
      withheld.push({ finding: f, reason: `${f.fix!.description} was not checked (more than ${maxChecks} fixes in this file); run --fix again` });
      continue;
    }
    const err = newError(before, text, f.fix!.edits);
    if (err === undefined) passing.push(f);
    else withheld.push({ finding: f, reason: reasonFor(f, err) });
  }
  // Each passes alone; together they may still clash: drop the last until the rest is safe.
  while (passing.length > 0) {
    const err = newError(before, text, editsOf(applyFixesDetailed(text, passing).fixed));
    if (err === undefined) break;
    const last = passing.pop()!;
    withheld.push({ finding: last, reason: `${last.fix!.description} would introduce an error together with the other fixes, ${err}` });
  }
  return strip(findings, withheld);
}

function reasonFor(f: Fixable, err: string): string {
  return `${f.fix!.description} would introduce an error ${err}`;
}

function strip<T extends Fixable>(findings: readonly T[], withheld: WithheldFix<T>[]): VettedFixes<T> {
  if (withheld.length === 0) return { findings: [...findings], withheld };
  const out = new Set(withheld.map((w) => w.finding));
  return {
    findings: findings.map((f) => {
      if (!out.has(f)) return f;
      const { fix: _fix, ...rest } = f;
      return rest as T;
    }),
    withheld,
  };
}
