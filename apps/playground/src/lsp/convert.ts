/**
 * LSP ↔ Monaco data conversions, pure (Monaco's types only, no editor at run time): positions are
 * 0-based in LSP and 1-based in Monaco, both in UTF-16 code units; marker severities and symbol kinds
 * are numbered differently.
 */
import type * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import type { Diagnostic, DocumentSymbol, MarkupContent, Position, Range } from 'vscode-languageserver-protocol/browser';

export const toMonacoRange = (r: Range): monaco.IRange => ({
  startLineNumber: r.start.line + 1,
  startColumn: r.start.character + 1,
  endLineNumber: r.end.line + 1,
  endColumn: r.end.character + 1,
});

export const toLspRange = (r: monaco.IRange): Range => ({
  start: { line: r.startLineNumber - 1, character: r.startColumn - 1 },
  end: { line: r.endLineNumber - 1, character: r.endColumn - 1 },
});

export const toLspPosition = (p: monaco.IPosition): Position => ({ line: p.lineNumber - 1, character: p.column - 1 });

/** A diagnostic's message as text (LSP 3.18 allows markup). */
export const messageText = (d: Pick<Diagnostic, 'message'>): string => (typeof d.message === 'string' ? d.message : d.message.value);

/** Monaco's MarkerSeverity values (Hint 1, Info 2, Warning 4, Error 8) for LSP's (Error 1 … Hint 4). */
export const markerSeverity = (s: Diagnostic['severity']): monaco.MarkerSeverity =>
  (s === 1 ? 8 : s === 2 ? 4 : s === 3 ? 2 : 1) as monaco.MarkerSeverity;

export const markdown = (c: MarkupContent | string | { language: string; value: string }): monaco.IMarkdownString =>
  typeof c === 'string' ? { value: c } : 'kind' in c ? { value: c.value } : { value: `\`\`\`${c.language}\n${c.value}\n\`\`\`` };

/** LSP symbol kinds start at File = 1, Monaco's at File = 0. */
export function toMonacoSymbols(list: DocumentSymbol[]): monaco.languages.DocumentSymbol[] {
  return list.map((s) => ({
    name: s.name,
    detail: s.detail ?? '',
    kind: (s.kind - 1) as monaco.languages.SymbolKind,
    tags: [],
    range: toMonacoRange(s.range),
    selectionRange: toMonacoRange(s.selectionRange),
    children: toMonacoSymbols(s.children ?? []),
  }));
}
