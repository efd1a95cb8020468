/**
 * The server's view of the linter: findings (rule id, severity, message, range, related locations,
 * an optional fix as text edits) and configuration problems. Structurally the same as @axon/lint's
 * `Finding`, so the linter's results are passed through unchanged.
 */
import type { Range, RelatedLocation, Severity } from '@axon/language';

export interface LintEdit {
  range: Range;
  newText: string;
}

export interface LintFix {
  description: string;
  edits: LintEdit[];
}

export interface LintFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  related?: RelatedLocation[];
  fix?: LintFix;
}

export interface LintOutcome {
  findings: LintFinding[];
  /** A broken axon.config.json, reported at the top of the file; lint falls back to the defaults. */
  configProblem?: string;
}

export const emptyLint: LintOutcome = { findings: [] };
