import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { DEEP, REGRESSION_BAD } from './fixtures.js';
import { TestClient, applyEdits, uniqueUri } from './harness.js';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(() => client.stop());

async function actions(text: string, only?: string[], line?: number): Promise<{ uri: string; list: CodeAction[]; diagnostics: Diagnostic[] }> {
  const uri = uniqueUri('actions');
  const { diagnostics } = await client.open(uri, text);
  const range = line === undefined ? { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } } : { start: { line, character: 0 }, end: { line, character: 200 } };
  const list = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: only ? { diagnostics, only } : { diagnostics },
  });
  return { uri, list, diagnostics };
}

const apply = (text: string, uri: string, action: CodeAction) => applyEdits(text, action.edit!.changes![uri] as TextEdit[]);

describe('code actions', () => {
  it('offers the lint fix as the preferred quick fix, tied to its diagnostic', async () => {
    const { uri, list, diagnostics } = await actions(REGRESSION_BAD, undefined, 6);
    const fix = list.find((a) => a.title === 'Remove the output activation')!;
    expect(fix.kind).toBe('quickfix');
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics).toEqual([diagnostics[0]]);
    expect(apply(REGRESSION_BAD, uri, fix)).toBe(REGRESSION_BAD.replace('dense(1, activation: sigmoid)', 'dense(1)'));
  });

  it('offers to disable the rule for the line with a suppression comment', async () => {
    const { uri, list } = await actions(REGRESSION_BAD, undefined, 6);
    const disable = list.find((a) => a.title === 'Disable regression-output-linear for this line')!;
    expect(disable.isPreferred).toBeUndefined();
    const fixed = apply(REGRESSION_BAD, uri, disable);
    expect(fixed).toBe(REGRESSION_BAD.replace('    dense(1, activation: sigmoid)', '    // axon-disable-next-line regression-output-linear -- reason\n    dense(1, activation: sigmoid)'));
    // and the suppressed document is clean
    const { diagnostics } = await client.open(uniqueUri('suppressed'), fixed);
    expect(diagnostics).toEqual([]);
  });

  it('fixes all auto-fixable problems as source.fixAll.axon', async () => {
    const text = `${REGRESSION_BAD}\nnetwork House2 {\n  input [8]\n  task regression(outputs: 1)\n  layers {\n    dense(1, activation: tanh)\n  }\n}\n`;
    const { uri, list } = await actions(text, ['source.fixAll']);
    expect(list.map((a) => [a.title, a.kind])).toEqual([['Fix all auto-fixable problems', 'source.fixAll.axon']]);
    const fixed = apply(text, uri, list[0]!);
    expect(fixed).toBe(text.replace('dense(1, activation: sigmoid)', 'dense(1)').replace('dense(1, activation: tanh)', 'dense(1)'));
    const { diagnostics } = await client.open(uniqueUri('fixed'), fixed);
    expect(diagnostics).toEqual([]);
  });

  it('only returns the kinds asked for', async () => {
    expect((await actions(REGRESSION_BAD, ['quickfix'], 6)).list.every((a) => a.kind === 'quickfix')).toBe(true);
    expect((await actions(REGRESSION_BAD, ['refactor'], 6)).list).toEqual([]);
  });

  it('offers "did you mean" replacements for misspelt names', async () => {
    const text = 'network A {\n  input [4]\n  layers {\n    dense(16, activation: rleu)\n  }\n}\n';
    const { uri, list } = await actions(text, undefined, 3);
    const change = list.find((a) => a.title === 'Change to `relu`')!;
    expect(change.isPreferred).toBe(true);
    expect(apply(text, uri, change)).toBe(text.replace('rleu', 'relu'));
  });

  it('offers one disable action per rule and line, and nothing on a clean line', async () => {
    const { list } = await actions(DEEP, ['quickfix'], 5);
    expect(list.map((a) => a.title)).toEqual([
      'Disable saturating-deep-stack for this line',
      'Disable sigmoid-hidden for this line',
      'Disable saturating-deep-stack for this file',
      'Disable sigmoid-hidden for this file',
    ]);
    expect((await actions(DEEP, ['quickfix'], 2)).list).toEqual([]);
  });

  it('disables a rule for the whole file with a comment on the first line', async () => {
    const { uri, list } = await actions(DEEP, ['quickfix'], 5);
    const fixed = apply(DEEP, uri, list.find((a) => a.title === 'Disable sigmoid-hidden for this file')!);
    expect(fixed).toBe(`// axon-disable sigmoid-hidden -- reason\n${DEEP}`);
    const { diagnostics } = await client.open(uniqueUri('file-off'), fixed);
    expect(diagnostics.map((d) => d.code)).toEqual(['saturating-deep-stack']);
  });
});
