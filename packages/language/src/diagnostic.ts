import type { Range } from './ast.js';
import type { TextEdit } from './text-edits.js';

export type Severity = 'error' | 'warning' | 'info';

/** Another place in the same file that explains a diagnostic (the `task` line, the `repeat` that expanded a layer). */
export interface RelatedLocation {
  range: Range;
  message: string;
}

/** A change that resolves a diagnostic: editors offer it as a quick fix. */
export interface DiagnosticFix {
  /** What applying it does, as a command (`Project the shortcut: …`). */
  description: string;
  /** Edits of the file the diagnostic is in (non-overlapping; `applyEdits` applies them). */
  edits: TextEdit[];
}

/**
 * A problem found by the lexer, parser or analysis. Plain data.
 * `code` is stable (tests, docs and editors key on it), e.g. `parse/unexpected-token`,
 * `analysis/unknown-layer`. The message names what was expected.
 */
export interface Diagnostic {
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  related?: RelatedLocation[];
  fix?: DiagnosticFix;
}
