import type { Range as AstRange } from '@axon/language';
import type { Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** An AST range (offsets) as an LSP range (0-based line and UTF-16 character), via the document's line table. */
export function toLspRange(doc: TextDocument, range: AstRange): LspRange {
  return { start: doc.positionAt(range.start.offset), end: doc.positionAt(range.end.offset) };
}

export function offsetRange(doc: TextDocument, start: number, end: number): LspRange {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function contains(range: AstRange, offset: number): boolean {
  return range.start.offset <= offset && offset <= range.end.offset;
}
