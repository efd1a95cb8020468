import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeLens, DocumentSymbol, FoldingRange, InlayHint, SemanticTokens, TextEdit } from 'vscode-languageserver-protocol';
import { semanticTokensLegend } from '../src/index.js';
import { IRIS } from './fixtures.js';
import { TestClient, applyEdits, uniqueUri } from './harness.js';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(() => client.stop());

async function open(text: string): Promise<string> {
  const uri = uniqueUri('structure');
  await client.open(uri, text);
  return uri;
}

const fmtOptions = { tabSize: 2, insertSpaces: true };

describe('document symbols and folding', () => {
  it('lists networks, sections, layers (with repeats) and blocks with their params', async () => {
    const uri = await open(IRIS);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const outline = (s: DocumentSymbol, depth = 0): string[] => [`${'  '.repeat(depth)}${s.name} [${s.kind}]${s.detail ? ` ${s.detail}` : ''}`, ...(s.children ?? []).flatMap((c) => outline(c, depth + 1))];
    expect(symbols.flatMap((s) => outline(s))).toEqual([
      'Iris [5] network',
      '  input [8] [4]',
      '  task [7] classification(classes: 3)',
      '  layers [3]',
      '    dense [12] dense(16, activation: relu)',
      '    dense [12] dense(16, activation: leaky_relu(alpha: 0.01))',
      '    dropout [12] dropout(0.2)',
      '    repeat 2 [18]',
      '      elu_block [2] elu_block(32)',
      '    dense [12] dense(3, activation: softmax)',
      '  train [3]',
      '    loss [7] categorical_crossentropy',
      '    optimizer [7] adam(learning_rate: 1e-3)',
      '    epochs [7] 200',
      'elu_block [2] block(width)',
      '  width [26]',
      '  dense [12] dense(width, activation: elu(alpha: 1.0), init: he_normal)',
      '  batch_norm [12] batch_norm()',
    ]);
    expect(symbols[0]!.range).toEqual({ start: { line: 1, character: 0 }, end: { line: 20, character: 1 } });
    expect(symbols[0]!.selectionRange).toEqual({ start: { line: 1, character: 8 }, end: { line: 1, character: 12 } });
  });

  it('folds networks, sections, repeats, blocks and block comments', async () => {
    const uri = await open(`/* a\n   long\n   comment */\n${IRIS}`);
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    expect(ranges).toEqual([
      { startLine: 0, endLine: 2, kind: 'comment' },
      { startLine: 4, endLine: 22 },
      { startLine: 8, endLine: 15 },
      { startLine: 12, endLine: 13 },
      { startLine: 18, endLine: 21 },
      { startLine: 25, endLine: 27 },
    ]);
  });
});

describe('formatting', () => {
  const messy = IRIS.replace('  input [4]', '      input   [4]').replace('    dropout(0.2)', 'dropout( 0.2 )');

  it('formats the whole document with minimal line edits', async () => {
    const uri = await open(messy);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: fmtOptions });
    expect(edits).toEqual([
      { range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, newText: '  input [4]\n' },
      { range: { start: { line: 8, character: 0 }, end: { line: 9, character: 0 } }, newText: '    dropout(0.2)\n' },
    ]);
    expect(applyEdits(messy, edits)).toBe(IRIS);
  });

  it('formats a range: only the edits touching it', async () => {
    const uri = await open(messy);
    const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri },
      range: { start: { line: 8, character: 0 }, end: { line: 8, character: 5 } },
      options: fmtOptions,
    });
    expect(applyEdits(messy, edits)).toBe(messy.replace('dropout( 0.2 )', '    dropout(0.2)'));
  });

  it('returns no edits for a formatted document or one with syntax errors', async () => {
    expect(await client.request('textDocument/formatting', { textDocument: { uri: await open(IRIS) }, options: fmtOptions })).toEqual([]);
    expect(await client.request('textDocument/formatting', { textDocument: { uri: await open('network A {\n    input [4\n') }, options: fmtOptions })).toEqual([]);
  });

  it('replaces the whole text when the document lacks a final newline', async () => {
    const text = messy.trimEnd();
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: await open(text) }, options: fmtOptions });
    expect(applyEdits(text, edits)).toBe(IRIS);
  });
});

describe('semantic tokens', () => {
  it('classifies keywords, declarations, layer kinds, vocabulary, parameters, numbers, strings and comments', async () => {
    const text = '// c\nnetwork A {\n  layers {\n    b(8)\n  }\n  data { source: "x.csv" }\n}\nblock b(w) {\n  dense(w, activation: relu)\n}\n';
    const uri = await open(text);
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const lines = text.split('\n');
    const decoded: string[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, dc, len, type, mods] = tokens.data.slice(i, i + 5) as [number, number, number, number, number];
      line += dl;
      char = dl === 0 ? char + dc : dc;
      const modNames = semanticTokensLegend.tokenModifiers.filter((_, b) => mods & (1 << b));
      decoded.push(`${lines[line]!.slice(char, char + len)}:${semanticTokensLegend.tokenTypes[type]}${modNames.length ? `+${modNames.join('+')}` : ''}`);
    }
    expect(decoded).toEqual([
      '// c:comment',
      'network:keyword',
      'A:class+declaration',
      'layers:keyword',
      'b:function',
      '8:number',
      'data:keyword',
      'source:property',
      '"x.csv":string',
      'block:keyword',
      'b:function+declaration',
      'w:parameter+declaration',
      'dense:type+defaultLibrary',
      'w:parameter',
      'activation:property',
      'relu:enumMember+defaultLibrary',
    ]);
  });
});

describe('inlay hints and code lenses', () => {
  it('shows output shape and params after each layer, totals after the network name', async () => {
    const uri = await open(IRIS);
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } });
    expect(hints.map((h) => `${h.position.line}:${h.position.character} ${h.label as string}`)).toEqual([
      '1:12 [4] → [3] · 8 layers · 2,307 params',
      '6:31 → [16] · 80 params',
      '7:50 → [16] · 272 params',
      '8:16 → [16] · 0 params',
      '10:19 → [32] · 672 params | → [32] · 1,184 params',
      '12:33 → [3] · 99 params',
      '23:60 → [32] · 544 params | → [32] · 1,056 params',
      '24:14 → [32] · 128 params ×2',
    ]);
    const some = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } } });
    expect(some.map((h) => h.label)).toEqual(['→ [16] · 80 params']);
  });

  it('puts Summary, Train, Compile and Diagnose lenses on each network with [uri, name]', async () => {
    const uri = await open(`${IRIS}\nnetwork Two {\n  input [2]\n  layers {\n    dense(1)\n  }\n}\n`);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    expect(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, ...(l.command?.arguments ?? [])])).toEqual([
      [1, 'Summary', 'axon.summary', uri, 'Iris'],
      [1, 'Train', 'axon.train', uri, 'Iris'],
      [1, 'Compile', 'axon.compile', uri, 'Iris'],
      [1, 'Diagnose', 'axon.diagnose', uri, 'Iris'],
      [27, 'Summary', 'axon.summary', uri, 'Two'],
      [27, 'Train', 'axon.train', uri, 'Two'],
      [27, 'Compile', 'axon.compile', uri, 'Two'],
      [27, 'Diagnose', 'axon.diagnose', uri, 'Two'],
    ]);
  });
});
