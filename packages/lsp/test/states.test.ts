/** Each request computes only the document state it needs (Changed → Parsed → Analyzed → Linted). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentState } from '../src/index.js';
import { DEEP, REGRESSION_BAD } from './fixtures.js';
import { TestClient, uniqueUri } from './harness.js';

let client: TestClient;
beforeAll(async () => {
  // A long debounce: validation (which lints) does not run during these tests unless asked.
  client = await TestClient.start({ initializationOptions: { debounceMs: 60_000 } });
});
afterAll(() => client.stop());

const state = (uri: string) => client.server!.document(uri)!.state;

describe('document states', () => {
  it('completion and signature help need only tokens; symbols, folding and formatting only the parse', async () => {
    const uri = uniqueUri('states');
    await client.openOnly(uri, DEEP);
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 4 } });
    await client.request('textDocument/signatureHelp', { textDocument: { uri }, position: { line: 5, character: 10 } });
    expect(state(uri)).toBe(DocumentState.Changed);
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await client.request('textDocument/foldingRange', { textDocument: { uri } });
    await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(state(uri)).toBe(DocumentState.Parsed);
  });

  it('layer completion never analyses: the shape-aware order waits for an analysis something else made', async () => {
    const uri = uniqueUri('states');
    await client.openOnly(uri, 'network S {\n  input [10, 4]\n  layers {\n    lstm(8, return_sequences: true)\n    \n  }\n}\n');
    const labels = async () => ((await client.request<{ items: { label: string; sortText?: string }[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 4 } })).items)
      .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))
      .map((i) => i.label);
    expect((await labels()).slice(0, 2)).toEqual(['dense', 'dropout']);
    expect(state(uri)).toBe(DocumentState.Changed);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 5 } });
    expect(state(uri)).toBe(DocumentState.Analyzed);
    expect((await labels()).slice(0, 2)).toEqual(['lstm', 'gru']);
  });

  it('hover and inlay hints need the analysis; code actions the lint', async () => {
    const uri = uniqueUri('states');
    await client.openOnly(uri, REGRESSION_BAD);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 6 } });
    expect(state(uri)).toBe(DocumentState.Analyzed);
    await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 6, character: 0 }, end: { line: 6, character: 9 } }, context: { diagnostics: [] } });
    expect(state(uri)).toBe(DocumentState.Linted);
  });

  it('a new version starts over from Changed, and validation publishes what the requests computed', async () => {
    const uri = uniqueUri('states');
    await client.openOnly(uri, REGRESSION_BAD);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 6 } });
    const version = await client.change(uri, [{ range: { start: { line: 6, character: 25 }, end: { line: 6, character: 32 } }, text: 'tanh' }]);
    // Messages are handled in order: once this (token-only) request answers, the change has been applied.
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } });
    expect(state(uri)).toBe(DocumentState.Changed);
    const next = client.nextDiagnostics(uri);
    await client.server!.validate(uri);
    const published = await next;
    expect(published.version).toBe(version);
    expect(published.diagnostics.map((d) => [d.code, d.message.toString().slice(0, 40)])).toEqual([['regression-output-linear', 'The output of this regression applies ta']]);
    expect(state(uri)).toBe(DocumentState.Linted);
  });
});

describe('settings pushed with didChangeConfiguration', () => {
  it('re-validates with the pushed rule severities (clients without workspace/configuration)', async () => {
    const c = await TestClient.start();
    try {
      const uri = uniqueUri('push');
      const first = await c.open(uri, DEEP);
      expect(first.diagnostics.map((d) => d.code)).toContain('sigmoid-hidden');
      const next = c.nextDiagnostics(uri);
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { axon: { rules: { 'sigmoid-hidden': 'off', 'saturating-deep-stack': 'info' } } } });
      const after = await next;
      expect(after.diagnostics.map((d) => [d.code, d.severity])).toEqual([['saturating-deep-stack', 3]]);
    } finally {
      await c.stop();
    }
  });

  it('turns inlay hints and linting off when the settings say so', async () => {
    const c = await TestClient.start({ settings: { inlayHints: false, lint: false } });
    try {
      const uri = uniqueUri('off');
      const { diagnostics } = await c.open(uri, REGRESSION_BAD.replace('dense(64', 'dense(64, frob: 1'));
      expect(diagnostics.map((d) => d.code)).toEqual(['analysis/unknown-argument']); // language errors stay, lint findings go
      const hints = await c.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
      expect(hints).toEqual([]);
    } finally {
      await c.stop();
    }
  });
});
