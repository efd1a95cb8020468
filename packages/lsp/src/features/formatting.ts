/** Formatting through @axon/language's formatter, as minimal line edits (range formatting keeps the edits that touch the range). */
import { format } from '@axon/language';
import type { Range, TextEdit } from 'vscode-languageserver';
import type { AxonDocument } from '../workspace/document.js';
import { diffLines, type LineHunk } from '../util/line-diff.js';

function splitLines(text: string): string[] {
  return text.split('\n');
}

function hunkEdit(hunk: LineHunk, newLines: string[]): TextEdit {
  // Replace whole lines [a0, a1) of the old text with lines [b0, b1) of the new text.
  const text = newLines.slice(hunk.b0, hunk.b1).map((l) => `${l}\n`).join('');
  return { range: { start: { line: hunk.a0, character: 0 }, end: { line: hunk.a1, character: 0 } }, newText: text };
}

/** Edits turning the document into its formatted form, or [] when it is formatted already or cannot be parsed. */
export function formatEdits(doc: AxonDocument, range?: Range): TextEdit[] {
  if (doc.parsed().diagnostics.some((d) => d.severity === 'error')) return []; // never reformat what we could not read
  const formatted = format(doc.text);
  if (formatted === doc.text) return [];
  if (!doc.text.endsWith('\n') || !formatted.endsWith('\n')) {
    // Line hunks assume "line + \n" everywhere; without a final newline replace the whole text instead.
    return [{ range: { start: doc.positionAt(0), end: doc.positionAt(doc.text.length) }, newText: formatted }];
  }
  const a = splitLines(doc.text.slice(0, -1));
  const b = splitLines(formatted.slice(0, -1));
  const hunks = diffLines(a, b);
  const edits = hunks.map((h) => hunkEdit(h, b));
  if (!range) return edits;
  return edits.filter((_, i) => {
    const h = hunks[i]!;
    const last = Math.max(h.a0, h.a1 - 1);
    return h.a0 <= range.end.line && last >= range.start.line;
  });
}
