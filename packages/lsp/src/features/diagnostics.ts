/** Parse, analysis and lint findings as LSP diagnostics. */
import type { Diagnostic as AxonDiagnostic, Severity } from '@axon/language';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { AxonDocument } from '../workspace/document.js';
import { ruleById } from '@axon/lint';
import type { LintFinding, LintOutcome } from '../workspace/lint.js';

export function lspSeverity(s: Severity): DiagnosticSeverity {
  return s === 'error' ? DiagnosticSeverity.Error : s === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

function related(doc: AxonDocument, rel: AxonDiagnostic['related']): Diagnostic['relatedInformation'] {
  if (!rel || rel.length === 0) return undefined;
  return rel.map((r) => ({ location: { uri: doc.uri, range: doc.range(r.range) }, message: r.message }));
}

export function languageDiagnostic(doc: AxonDocument, d: AxonDiagnostic): Diagnostic {
  const out: Diagnostic = {
    range: doc.range(d.range),
    severity: lspSeverity(d.severity),
    code: d.code,
    source: 'axon',
    message: d.message,
  };
  return withExtras(doc, out, d.related, d.fix !== undefined);
}

/** Related locations, and `data.fixable` when a quick fix exists (the client may ask for code actions). */
function withExtras(doc: AxonDocument, out: Diagnostic, rel: AxonDiagnostic['related'], fixable: boolean): Diagnostic {
  const r = related(doc, rel);
  if (r) out.relatedInformation = r;
  if (fixable) out.data = { fixable: true };
  return out;
}

/** The rule's documentation page: the base URL (a repository root) plus the rule's `docs` path. */
export function ruleDocUrl(ruleId: string, docsBaseUrl: string): string {
  return `${docsBaseUrl}${ruleById(ruleId)?.meta.docs ?? `docs/rules/${ruleId}.md`}`;
}

export function lintDiagnostic(doc: AxonDocument, f: LintFinding, docsBaseUrl: string): Diagnostic {
  const out: Diagnostic = {
    range: doc.range(f.range),
    severity: lspSeverity(f.severity),
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId, docsBaseUrl) },
    source: 'axon',
    message: f.message,
  };
  return withExtras(doc, out, f.related, f.fix !== undefined);
}

/** Every diagnostic of a document: parse errors, analysis errors (only if parsing produced a tree), lint findings. */
export function documentDiagnostics(doc: AxonDocument, lint: LintOutcome | undefined, docsBaseUrl: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of doc.parsed().diagnostics) out.push(languageDiagnostic(doc, d));
  for (const d of doc.analyzed().diagnostics) out.push(languageDiagnostic(doc, d));
  if (lint) {
    if (lint.configProblem) {
      out.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Warning,
        code: 'config/invalid',
        source: 'axon',
        message: lint.configProblem,
      });
    }
    for (const f of lint.findings) out.push(lintDiagnostic(doc, f, docsBaseUrl));
  }
  return out;
}
