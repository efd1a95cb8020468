/** Code actions: each lint fix and each analysis diagnostic's fix as a quick fix, "disable <rule> for this line", and source.fixAll.axon. */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { applyFixesDetailed, disableFileEdit, disableNextLineEdit, vetFixes } from '@axon/lint';
import type { AxonDocument } from '../workspace/document.js';
import type { LintFinding, LintOutcome } from '../workspace/lint.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.axon`;

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * Whether a diagnostic the client sent along is one the request is about: it overlaps the range, or
 * it is on the range's lines. Neovim (`vim.lsp.buf.code_action()`) sends the cursor as the range and
 * the whole line's diagnostics; the fixes for those should be offered wherever the cursor is on the line.
 */
function concerns(r: Range, range: Range): boolean {
  return overlaps(r, range) || (r.start.line <= range.end.line && r.end.line >= range.start.line);
}

function sameDiagnostic(d: Diagnostic, f: LintFinding, range: Range): boolean {
  return d.code === f.ruleId && d.range.start.line === range.start.line && d.range.start.character === range.start.character && d.range.end.line === range.end.line && d.range.end.character === range.end.character;
}

function wanted(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind !== FIX_ALL_KIND && !kind.startsWith('source');
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function editsOf(doc: AxonDocument, f: LintFinding): TextEdit[] {
  return (f.fix?.edits ?? []).map((e) => ({ range: doc.range(e.range), newText: e.newText }));
}

/** The suppression comment for a rule on the line of `range` (merged into an existing one on the line above). */
export function disableEdit(doc: AxonDocument, ruleId: string, range: Range): TextEdit {
  const e = disableNextLineEdit(doc.text, range.start.line + 1, ruleId, 'reason');
  return { range: doc.range(e.range), newText: e.newText };
}

/**
 * Every fix that can be applied together (the linter's own choice, as `axon lint --fix` makes it),
 * leaving out any whose result would have an error the text does not have (`vetFixes`).
 */
export function fixAllEdits(doc: AxonDocument, findings: readonly LintFinding[]): TextEdit[] {
  const safe = vetFixes(doc.text, findings).findings;
  return applyFixesDetailed(doc.text, safe).fixed.flatMap((f) => editsOf(doc, f));
}

export function codeActions(doc: AxonDocument, range: Range, context: CodeActionContext, lint: LintOutcome): CodeAction[] {
  const out: CodeAction[] = [];
  const only = context.only;
  const inRange = lint.findings.filter((f) => {
    const r = doc.range(f.range);
    return overlaps(r, range) || (concerns(r, range) && context.diagnostics.some((d) => sameDiagnostic(d, f, r)));
  });
  if (wanted(only, CodeActionKind.QuickFix)) {
    // A quick fix that would introduce an error is not offered.
    const safe = new Set(vetFixes(doc.text, inRange).findings.filter((f) => f.fix));
    for (const f of inRange) {
      if (!safe.has(f)) continue;
      const r = doc.range(f.range);
      const diagnostics = context.diagnostics.filter((d) => sameDiagnostic(d, f, r));
      if (f.fix && f.fix.edits.length > 0) {
        out.push({
          title: f.fix.description.charAt(0).toUpperCase() + f.fix.description.slice(1),
          kind: CodeActionKind.QuickFix,
          diagnostics,
          // The obvious fix for a real problem; info-level suggestions are offered, not preferred.
          isPreferred: f.severity !== 'info',
          edit: { changes: { [doc.uri]: editsOf(doc, f) } },
        });
      }
    }
    const disabled = new Set<string>();
    for (const f of inRange) {
      const r = doc.range(f.range);
      const key = `${f.ruleId}@${r.start.line}`;
      if (disabled.has(key)) continue;
      disabled.add(key);
      out.push({
        title: `Disable ${f.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: context.diagnostics.filter((d) => sameDiagnostic(d, f, r)),
        edit: { changes: { [doc.uri]: [disableEdit(doc, f.ruleId, r)] } },
      });
    }
    for (const ruleId of new Set(inRange.map((f) => f.ruleId))) {
      const e = disableFileEdit(doc.text, ruleId, 'reason');
      out.push({
        title: `Disable ${ruleId} for this file`,
        kind: CodeActionKind.QuickFix,
        edit: { changes: { [doc.uri]: [{ range: doc.range(e.range), newText: e.newText }] } },
      });
    }
  }
  if (wanted(only, CodeActionKind.QuickFix)) out.push(...analysisFixes(doc, range, context), ...didYouMeanFixes(doc, range, context));
  if (wanted(only, FIX_ALL_KIND) || (only === undefined && lint.findings.some((f) => f.fix))) {
    const edits = fixAllEdits(doc, lint.findings);
    if (edits.length > 0) out.push({ title: 'Fix all auto-fixable problems', kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: edits } } });
  }
  return out;
}

/**
 * An analysis diagnostic that carries a fix (a residual whose body and shortcut disagree: "add a 1×1
 * projection shortcut") as the preferred quick fix, wherever the request touches its range or line.
 */
function analysisFixes(doc: AxonDocument, range: Range, context: CodeActionContext): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of doc.analyzed().diagnostics) {
    if (!d.fix || d.fix.edits.length === 0) continue;
    const r = doc.range(d.range);
    if (!concerns(r, range)) continue;
    out.push({
      title: d.fix.description.charAt(0).toUpperCase() + d.fix.description.slice(1),
      kind: CodeActionKind.QuickFix,
      diagnostics: context.diagnostics.filter((c) => c.code === d.code && c.range.start.line === r.start.line && c.range.start.character === r.start.character),
      isPreferred: true,
      edit: { changes: { [doc.uri]: d.fix.edits.map((e) => ({ range: doc.range(e.range), newText: e.newText })) } },
    });
  }
  return out;
}

const DID_YOU_MEAN = /did you mean `([A-Za-z_][A-Za-z0-9_]*)`\?/;

/** "unknown activation `rleu`; did you mean `relu`?" → replace the name. */
function didYouMeanFixes(doc: AxonDocument, range: Range, context: CodeActionContext): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of context.diagnostics) {
    if (d.source !== 'axon' || !concerns(d.range, range)) continue;
    const m = DID_YOU_MEAN.exec(typeof d.message === 'string' ? d.message : d.message.value);
    if (!m) continue;
    const current = doc.textIn(d.range);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(current)) continue; // only when the range is exactly the misspelt name
    out.push({
      title: `Change to \`${m[1]}\``,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [doc.uri]: [{ range: d.range, newText: m[1]! }] } },
    });
  }
  return out;
}
