/**
 * Property: the editor's colouring and the parser agree on every token. Random token soup goes to
 * the server (semantic tokens as it sends them over JSON-RPC) and through `@axon/language`'s
 * `tokenize()` (the parser's lexer); token by token, the ranges and kinds must be the same.
 */
import { tokenize, type SyntaxToken } from '@axon/language';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SemanticTokens } from 'vscode-languageserver-protocol';
import { semanticTokensLegend } from '../src/index.js';
import { TestClient, uniqueUri } from './harness.js';
import { GRAPH_SOURCE } from './fixtures.js';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(() => client.stop());

/** What an identifier may be coloured as, once the AST has classified it (or not coloured at all). */
const IDENTIFIER_TYPES = new Set(['class', 'function', 'parameter', 'property', 'variable', 'enumMember', 'type']);

interface Coloured {
  start: number;
  length: number;
  type: string;
}

async function colouring(text: string): Promise<Coloured[]> {
  const uri = uniqueUri('colour');
  await client.open(uri, text);
  const { data } = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
  const doc = client.docs.get(uri)!;
  const out: Coloured[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, length, type] = data.slice(i, i + 4) as [number, number, number, number];
    line += dl;
    char = dl === 0 ? char + dc : dc;
    out.push({ start: doc.offsetAt({ line, character: char }), length, type: semanticTokensLegend.tokenTypes[type]! });
  }
  return out;
}

/** A token's pieces, one per line (a multi-line block comment is coloured line by line). */
function pieces(text: string, t: SyntaxToken): { start: number; length: number }[] {
  const out: { start: number; length: number }[] = [];
  const end = t.range.end.offset;
  let s = t.range.start.offset;
  while (s < end) {
    let e = s;
    while (e < end && text[e] !== '\n' && text[e] !== '\r') e++;
    if (e > s) out.push({ start: s, length: e - s });
    s = text[e] === '\r' && text[e + 1] === '\n' ? e + 2 : e + 1;
  }
  return out;
}

/** Checks the server's colouring of `text` against the language's tokens; returns the colouring. */
async function agree(text: string): Promise<Coloured[]> {
  const coloured = await colouring(text);
  const byStart = new Map(coloured.map((c) => [c.start, c]));
  let expected = 0;
  for (const t of tokenize(text)) {
    if (t.kind === 'identifier') {
      const c = byStart.get(t.range.start.offset);
      if (c) {
        expected++;
        expect({ text: t.text, length: c.length, identifier: IDENTIFIER_TYPES.has(c.type) }).toEqual({ text: t.text, length: t.text.length, identifier: true });
      }
      continue;
    }
    const type = t.kind === 'boolean' || t.kind === 'keyword' ? 'keyword' : t.kind === 'punctuation' ? undefined : t.kind;
    if (!type) {
      expect(byStart.get(t.range.start.offset)).toBeUndefined();
      continue;
    }
    for (const p of pieces(text, t)) {
      expected++;
      expect({ text: t.text, ...byStart.get(p.start) }).toEqual({ text: t.text, start: p.start, length: p.length, type });
    }
  }
  // Nothing is coloured that is not one of the language's tokens.
  expect(coloured.length).toBe(expected);
  return coloured;
}

const FRAGMENTS = [
  'dense', 'relu', 'x', '_a1', 'é', 'λx', '😀', 'naïve',
  'network', 'block', 'input', 'task', 'layers', 'train', 'data', 'repeat', 'true', 'false', 'networks', 'repeat_2',
  'residual', 'shortcut', 'parallel', 'branch', 'merge', 'concat', 'residuals',
  '16', '0.5', '1_000', '.5', '-', '-0.5', '1e', '1e-3', '2.5E+4', '1.', '-x', '--1',
  '"abc"', '"unterminated', '"esc\\"q"', '""', '"a\\', '// line comment', '/* a */', '/* multi\nline */', '/* unterminated', '*/', '/', '*',
  '{', '}', '(', ')', '[', ']', ',', ':', '?', '#', '=', '.', ';',
];
const SEPARATORS = ['', ' ', '\n', '\r\n', '\r', '\t', '  '];

const soup = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 30 })
  .map((parts) => parts.map(([f, s]) => f + s).join(''));

describe('colouring = the parser\'s tokens', () => {
  it('on the spellings the old editor lexer read differently: 1_000, .5, 1e, -', async () => {
    const text = 'network A {\n  input [4]\n  layers {\n    dense(1_000)\n    dropout(.5)\n    dense(1e, -)\n  }\n}\n';
    const coloured = await agree(text);
    const shown = coloured.map((c) => `${text.slice(c.start, c.start + c.length)}:${c.type}`);
    expect(shown).toContain('1:number');
    expect(shown).toContain('5:number');
    expect(shown).not.toContain('1_000:number');
    expect(shown).not.toContain('.5:number');
    expect(shown.filter((s) => s.endsWith(':number'))).toEqual(['4:number', '1:number', '5:number', '1:number']);
  });

  it('on graph constructs: the four keywords as keywords, merge: as a property, its mode as a vocabulary name', async () => {
    const coloured = await agree(GRAPH_SOURCE);
    const shown = coloured.map((c) => `${GRAPH_SOURCE.slice(c.start, c.start + c.length)}:${c.type}`);
    expect(shown.filter((s) => /^(residual|shortcut|parallel|branch):/.test(s))).toEqual([
      'residual:keyword',
      'residual:keyword',
      'shortcut:keyword',
      'parallel:keyword',
      'branch:keyword',
      'branch:keyword',
    ]);
    expect(shown).toContain('merge:property');
    expect(shown).toContain('concat:enumMember');
    expect(shown).toContain('use_bias:property');
    expect(shown).toContain('global_avg_pool2d:type');
    // Layers inside bodies, shortcuts, branches and a repeat in a branch are classified as layer kinds too.
    expect(shown.filter((s) => s === 'conv2d:type')).toHaveLength(GRAPH_SOURCE.match(/conv2d\(/g)!.length);
  });

  it('on random token soup (keywords as identifiers, unterminated strings and comments, unicode, CRLF)', async () => {
    await fc.assert(
      fc.asyncProperty(soup, async (text) => {
        await agree(text);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
