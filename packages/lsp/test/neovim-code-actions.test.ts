/**
 * Found with Neovim 0.7 (neovim.test.ts): `vim.lsp.buf.code_action()` sends the cursor position as
 * the range and the diagnostics of the whole line as context. With the cursor anywhere on the line
 * but inside the flagged text, the server offered only "Fix all". Fixes for the diagnostics the
 * client sends for the range's lines are now offered too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { REGRESSION_BAD } from './fixtures.js';
import { TestClient, applyEdits, uniqueUri } from './harness.js';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(() => client.stop());

/** As Neovim 0.7 asks: a zero-width range at the cursor, the cursor line's diagnostics as context. */
async function atCursor(text: string, line: number, character: number, send: 'line' | 'none' = 'line') {
  const uri = uniqueUri('nvim-actions');
  const { diagnostics } = await client.open(uri, text);
  const lineDiagnostics: Diagnostic[] = send === 'line' ? diagnostics.filter((d) => d.range.start.line === line) : [];
  const list = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line, character }, end: { line, character } },
    context: { diagnostics: lineDiagnostics },
  });
  return { uri, list, lineDiagnostics };
}

describe('code actions requested as Neovim does', () => {
  it('offers the line’s fixes with the cursor at the start of the line', async () => {
    const { uri, list, lineDiagnostics } = await atCursor(REGRESSION_BAD, 6, 0);
    expect(lineDiagnostics.map((d) => d.code)).toEqual(['regression-output-linear']);
    expect(list.map((a) => a.title)).toEqual([
      'Remove the output activation',
      'Disable regression-output-linear for this line',
      'Disable regression-output-linear for this file',
      'Fix all auto-fixable problems',
    ]);
    const fix = list[0]!;
    expect([fix.isPreferred, fix.diagnostics]).toEqual([true, lineDiagnostics]);
    expect(applyEdits(REGRESSION_BAD, fix.edit!.changes![uri] as TextEdit[])).toBe(REGRESSION_BAD.replace('dense(1, activation: sigmoid)', 'dense(1)'));
  });

  it('offers "did you mean" with the cursor elsewhere on the line', async () => {
    const text = REGRESSION_BAD.replace('activation: relu', 'activation: rleu');
    const { uri, list } = await atCursor(text, 5, 2);
    const change = list.find((a) => a.title === 'Change to `relu`')!;
    expect(applyEdits(text, change.edit!.changes![uri] as TextEdit[])).toBe(REGRESSION_BAD);
  });

  it('still needs the client’s diagnostic (or an overlapping range) to offer a line’s quick fixes', async () => {
    const { list } = await atCursor(REGRESSION_BAD, 6, 0, 'none');
    expect(list.map((a) => a.title)).toEqual(['Fix all auto-fixable problems']);
  });
});
