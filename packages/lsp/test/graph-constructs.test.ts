/**
 * The server on `residual { } shortcut { }` and `parallel(merge: …) { branch { } }`: outline and
 * folding (parse only), completion and signature help (tokens only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, DocumentSymbol, FoldingRange, SignatureHelp, TextEdit } from 'vscode-languageserver-protocol';
import { TestClient, marked, uniqueUri } from './harness.js';
import { GRAPH_SOURCE } from './fixtures.js';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(() => client.stop());

async function open(text: string): Promise<string> {
  const uri = uniqueUri('graph');
  await client.open(uri, text);
  return uri;
}

async function complete(source: string): Promise<{ items: CompletionItem[]; labels: string[] }> {
  const { text, offset } = marked(source);
  const uri = await open(text);
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: client.position(uri, offset) });
  const items = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  return { items, labels: items.map((i) => i.label) };
}

const outline = (s: DocumentSymbol, depth = 0): string[] => [`${'  '.repeat(depth)}${s.name}${s.detail ? ` — ${s.detail}` : ''}`, ...(s.children ?? []).flatMap((c) => outline(c, depth + 1))];

describe('outline and folding of graph constructs', () => {
  it('shows a residual with its body and shortcut, a parallel with its branches, layers inside', async () => {
    const uri = await open(GRAPH_SOURCE);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.flatMap((s) => outline(s)).filter((l) => !/^\s*(input|task|train|loss|optimizer|epochs)\b/.test(l))).toEqual([
      'Graph — network',
      '  layers',
      '    conv2d — conv2d(16, kernel: 3, padding: same, activation: relu)',
      '    residual — body + identity',
      '      body',
      '        conv2d — conv2d(16, kernel: 3, padding: same, activation: relu)',
      '        conv2d — conv2d(16, kernel: 3, padding: same)',
      '    activation — activation(relu)',
      '    residual — body + shortcut',
      '      body',
      '        conv2d — conv2d(32, kernel: 3, stride: 2, padding: same, activation: relu)',
      '      shortcut',
      '        conv2d — conv2d(32, kernel: 1, stride: 2, use_bias: false)',
      '    parallel — parallel(merge: concat)',
      '      branch 1 — identity',
      '      branch 2',
      '        conv2d — conv2d(8, kernel: 1)',
      '        repeat 2',
      '          conv2d — conv2d(8, kernel: 3, padding: same)',
      '    global_avg_pool2d — global_avg_pool2d()',
      '    dense — dense(10, activation: softmax)',
    ]);
    const residual = symbols[0]!.children!.find((c) => c.name === 'layers')!.children![3]!;
    // The residual's range is the whole statement; its name is the keyword.
    expect(residual.range).toEqual({ start: { line: 10, character: 4 }, end: { line: 14, character: 5 } });
    expect(residual.selectionRange).toEqual({ start: { line: 10, character: 4 }, end: { line: 10, character: 12 } });
    expect(residual.children!.map((c) => c.selectionRange.start)).toEqual([{ line: 10, character: 4 }, { line: 12, character: 6 }]);
  });

  it('folds each residual body, shortcut, parallel and branch', async () => {
    const uri = await open(GRAPH_SOURCE);
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const lines = GRAPH_SOURCE.split('\n');
    const folded = ranges.map((r) => `${r.startLine}-${r.endLine} ${lines[r.startLine]!.trim()}`);
    expect(folded).toEqual([
      '0-29 network Graph {',
      '3-25 layers {',
      '5-7 residual {',
      '10-11 residual {',
      '12-13 } shortcut {',
      '15-22 parallel(merge: concat) {',
      '17-21 branch {',
      '19-20 repeat 2 {',
      '27-28 train {',
    ]);
  });
});

describe('completion in graph constructs', () => {
  const layers = (body: string) => `network A {\n  input [8, 8, 3]\n  task classification(classes: 3)\n  layers {\n${body}\n  }\n}\n`;

  it('offers residual and parallel (as snippets) wherever a layer may stand, layers inside their blocks', async () => {
    for (const where of ['    <|>', '    residual {\n      <|>\n    }', '    residual {\n    } shortcut {\n      <|>\n    }', '    parallel {\n      branch {\n        <|>\n      }\n    }', '    repeat 2 {\n      residual {\n        <|>\n      }\n    }']) {
      const { labels } = await complete(layers(where));
      expect(labels.slice(-3), where).toEqual(['repeat', 'residual', 'parallel']);
      expect(labels, where).toContain('conv2d');
      expect(labels, where).not.toContain('shortcut');
    }
    const { items } = await complete(layers('    <|>'));
    expect((items.find((i) => i.label === 'residual')!.textEdit as TextEdit).newText).toBe('residual {\n\t$0\n}');
    expect((items.find((i) => i.label === 'parallel')!.textEdit as TextEdit).newText).toBe('parallel(merge: ${1|concat,add,multiply,average,maximum|}) {\n\tbranch {\n\t\t$0\n\t}\n\tbranch {\n\t}\n}');
  });

  it('offers shortcut first right after a residual body closes, and not after anything else', async () => {
    const after = await complete(layers('    residual {\n      conv2d(8, kernel: 3)\n    } sh<|>'));
    expect(after.labels[0]).toBe('shortcut');
    expect((after.items[0]!.textEdit as TextEdit).newText).toBe('shortcut {\n\t$0\n}');
    expect((await complete(layers('    residual {\n    }\n    <|>'))).labels[0]).toBe('shortcut');
    expect((await complete(layers('    repeat 2 {\n    } <|>'))).labels).not.toContain('shortcut');
    expect((await complete(layers('    residual {\n    }\n    dense(4)\n    <|>'))).labels).not.toContain('shortcut');
    expect((await complete(layers('    residual {\n    } shortcut {\n    }\n    <|>'))).labels).not.toContain('shortcut');
  });

  it('offers only branch directly inside a parallel', async () => {
    const { labels, items } = await complete(layers('    parallel(merge: add) {\n      <|>\n    }'));
    expect(labels).toEqual(['branch']);
    expect((items[0]!.textEdit as TextEdit).newText).toBe('branch {\n\t$0\n}');
    expect((await complete(layers('    parallel {\n      branch { }\n      <|>\n    }'))).labels).toEqual(['branch']);
  });

  it('offers merge: and the catalog\'s merge modes in parallel( ), and use_bias: on conv2d and dense', async () => {
    expect((await complete(layers('    parallel(<|>)'))).labels).toEqual(['merge:']);
    expect((await complete(layers('    parallel(merge: <|>)'))).labels).toEqual(['concat', 'add', 'multiply', 'average', 'maximum']);
    expect((await complete(layers('    parallel(merge: ma<|>)'))).labels).toEqual(['concat', 'add', 'multiply', 'average', 'maximum']);
    expect((await complete(layers('    residual {\n      conv2d(8, kernel: 1, <|>)\n    }'))).labels).toContain('use_bias:');
    expect((await complete(layers('    conv2d(8, kernel: 1, use_bias: <|>)'))).labels).toEqual(['true', 'false']);
  });

  it('shows parallel\'s signature with merge: as its parameter', async () => {
    const { text, offset } = marked(layers('    parallel(merge: <|>) {\n    }'));
    const uri = await open(text);
    const help = await client.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri }, position: client.position(uri, offset) });
    expect(help?.signatures[0]?.label).toBe('parallel(merge: concat)');
    expect(help?.activeParameter).toBe(0);
    expect(help?.signatures[0]?.parameters?.[0]?.label).toEqual([9, 22]);
  });
});
