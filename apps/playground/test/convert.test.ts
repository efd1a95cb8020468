/** The LSP ↔ Monaco conversions the editor's providers go through. */
import { describe, expect, it } from 'vitest';
import { markdown, markerSeverity, messageText, toLspPosition, toLspRange, toMonacoRange, toMonacoSymbols } from '../src/lsp/convert.js';

describe('LSP ↔ Monaco conversions', () => {
  it('shifts ranges by one line and one column, and back', () => {
    const lsp = { start: { line: 8, character: 14 }, end: { line: 8, character: 21 } };
    const m = toMonacoRange(lsp);
    expect(m).toEqual({ startLineNumber: 9, startColumn: 15, endLineNumber: 9, endColumn: 22 });
    expect(toLspRange(m)).toEqual(lsp);
    expect(toLspPosition({ lineNumber: 1, column: 1 })).toEqual({ line: 0, character: 0 });
  });
  it("maps LSP severities onto Monaco's MarkerSeverity numbers", () => {
    expect([1, 2, 3, 4, undefined].map((s) => markerSeverity(s as 1 | 2 | 3 | 4 | undefined))).toEqual([8, 4, 2, 1, 1]);
  });
  it('reads plain and markup messages and hover contents', () => {
    expect(messageText({ message: 'plain' })).toBe('plain');
    expect(messageText({ message: { kind: 'markdown', value: '**bold**' } })).toBe('**bold**');
    expect(markdown('x')).toEqual({ value: 'x' });
    expect(markdown({ kind: 'markdown', value: 'y' })).toEqual({ value: 'y' });
    expect(markdown({ language: 'axon', value: 'dense(3)' })).toEqual({ value: '```axon\ndense(3)\n```' });
  });
  it('renumbers symbol kinds (LSP File = 1, Monaco File = 0) through the children', () => {
    const r = { start: { line: 0, character: 0 }, end: { line: 2, character: 1 } };
    const [net] = toMonacoSymbols([{ name: 'Iris', kind: 5, range: r, selectionRange: r, children: [{ name: 'layers', kind: 8, range: r, selectionRange: r }] }]);
    expect(net?.kind).toBe(4);
    expect(net?.children?.[0]?.kind).toBe(7);
    expect(net?.children?.[0]?.name).toBe('layers');
    expect(net?.range.endLineNumber).toBe(3);
  });
});
