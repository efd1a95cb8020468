/**
 * Property: whatever sequence of incremental edits arrives, every request answers with a
 * well-formed result (no handler fails), and the diagnostics published for the final version equal
 * those of a fresh open of the same text.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Position,
  Range,
  SemanticTokens,
  SignatureHelp,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { DEEP, IRIS } from './fixtures.js';
import { TestClient, uniqueUri } from './harness.js';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(() => client.stop());

const FRAGMENTS = ['{', '}', '(', ')', '[', ']', ',', ':', ' ', '\n', '  ', 'dense', '(16', 'relu', 'activation: ', 'repeat 3 {', 'block b(w) {', 'w', '"', '/*', '*/', '//', '0.5', '-', 'task ', 'network N {', 'elu_block(8)', 'é', '\t'];

const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.integer({ min: 0, max: 12 }),
  insert: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((parts) => parts.join('')),
  probe: fc.double({ min: 0, max: 1, noNaN: true }),
});

function validPosition(p: Position, lines: string[]): boolean {
  return Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lines.length + 1 && p.character >= 0 && p.character <= (lines[p.line]?.length ?? 0);
}
function validRange(r: Range, lines: string[]): boolean {
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return ordered && validPosition(r.start, lines) && validPosition(r.end, lines);
}

/** Strips the document's uri so diagnostics of two documents with the same text compare equal. */
function normalize(ds: Diagnostic[]): unknown[] {
  return ds.map((d) => ({ ...d, relatedInformation: d.relatedInformation?.map((r) => ({ range: r.location.range, message: r.message })) }));
}

async function probeAll(uri: string, position: Position, lines: string[]): Promise<void> {
  const td = { textDocument: { uri } };
  const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
  const [hover, completion, signature, symbols, folding, tokens, hints, lenses, formatting, actions, definition, references, prepare] = await Promise.all([
    client.request<Hover | null>('textDocument/hover', { ...td, position }),
    client.request<CompletionList>('textDocument/completion', { ...td, position }),
    client.request<SignatureHelp | null>('textDocument/signatureHelp', { ...td, position }),
    client.request<DocumentSymbol[]>('textDocument/documentSymbol', td),
    client.request<FoldingRange[]>('textDocument/foldingRange', td),
    client.request<SemanticTokens>('textDocument/semanticTokens/full', td),
    client.request<InlayHint[]>('textDocument/inlayHint', { ...td, range: whole }),
    client.request<CodeLens[]>('textDocument/codeLens', td),
    client.request<TextEdit[]>('textDocument/formatting', { ...td, options: { tabSize: 2, insertSpaces: true } }),
    client.request<CodeAction[]>('textDocument/codeAction', { ...td, range: whole, context: { diagnostics: [] } }),
    client.request<unknown>('textDocument/definition', { ...td, position }),
    client.request<unknown[]>('textDocument/references', { ...td, position, context: { includeDeclaration: true } }),
    client.request<{ range: Range } | null>('textDocument/prepareRename', { ...td, position }),
  ]);
  if (hover) {
    expect(typeof (hover.contents as { value: string }).value).toBe('string');
    if (hover.range) expect(validRange(hover.range, lines)).toBe(true);
  }
  expect(Array.isArray(completion.items)).toBe(true);
  for (const item of completion.items) {
    expect(item.label.length).toBeGreaterThan(0);
    expect(validRange((item.textEdit as TextEdit).range, lines)).toBe(true);
  }
  if (signature) expect(signature.signatures[0]!.label.length).toBeGreaterThan(0);
  const walk = (s: DocumentSymbol) => {
    expect(validRange(s.range, lines) && validRange(s.selectionRange, lines)).toBe(true);
    s.children?.forEach(walk);
  };
  symbols.forEach(walk);
  for (const f of folding) expect(f.startLine < f.endLine && f.endLine < lines.length).toBe(true);
  expect(tokens.data.length % 5).toBe(0);
  for (const h of hints) expect(validPosition(h.position, lines)).toBe(true);
  for (const l of lenses) expect(validRange(l.range, lines)).toBe(true);
  for (const e of formatting) expect(validRange(e.range, lines)).toBe(true);
  expect(Array.isArray(actions)).toBe(true);
  expect(definition === null || typeof definition === 'object').toBe(true);
  expect(Array.isArray(references)).toBe(true);
  if (prepare) expect(validRange(prepare.range, lines)).toBe(true);
}

describe('malformed documents', () => {
  it.each([
    'elu_block(8){repeat 3 {block b(w) {',
    '}}}}))))',
    'network',
    'network N { layers { dense(16, activation: ',
    'block (',
    '/* unterminated',
    '"unterminated\nnetwork A {',
    'network A { input [ } train { loss: } data { source: ',
    'network A {\n  layers {\n    repeat {\n      repeat 2 {\n        b(\n',
  ])('every request answers well-formed on %j', async (text) => {
    const uri = uniqueUri('malformed');
    const logStart = client.logs.length;
    await client.open(uri, text);
    const lines = text.split('\n');
    for (let offset = 0; offset <= text.length; offset += Math.max(1, Math.floor(text.length / 7))) {
      await probeAll(uri, client.docs.get(uri)!.positionAt(offset), lines);
    }
    expect(client.logs.slice(logStart)).toEqual([]);
  });
});

describe('random edit sequences', () => {
  it('keep every response well-formed and end with the diagnostics of a fresh open', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(IRIS, DEEP, ''), fc.array(editArb, { minLength: 1, maxLength: 8 }), async (start, edits) => {
        const uri = uniqueUri('prop');
        const logStart = client.logs.length;
        await client.open(uri, start);
        let version = 1;
        for (const e of edits) {
          const text = client.text(uri);
          const from = Math.floor(e.at * text.length);
          const to = Math.min(text.length, from + e.remove);
          const doc = client.docs.get(uri)!;
          version = await client.change(uri, [{ range: { start: doc.positionAt(from), end: doc.positionAt(to) }, text: e.insert }]);
          const now = client.text(uri);
          await probeAll(uri, client.docs.get(uri)!.positionAt(Math.floor(e.probe * now.length)), now.split('\n'));
        }
        const final = await client.diagnostics(uri, version);
        expect(final.version).toBe(version);
        for (const d of final.diagnostics) expect(validRange(d.range, client.text(uri).split('\n'))).toBe(true);
        const fresh = await client.open(uniqueUri('fresh'), client.text(uri));
        expect(normalize(final.diagnostics)).toEqual(normalize(fresh.diagnostics));
        expect(client.logs.slice(logStart).filter((l) => l.includes('failed'))).toEqual([]);
      }),
      {
        numRuns: 60,
        // Found by this property (seed 1732660440): junk recovery handed a repeat to the network's
        // member list, and the outline returned a null symbol for it.
        examples: [[DEEP, [{ at: 0, remove: 1, insert: 'repeat 3 {', probe: 0 }, { at: 0, remove: 0, insert: 'network N {relu{', probe: 0 }]]],
      },
    );
  }, 180_000);
});
