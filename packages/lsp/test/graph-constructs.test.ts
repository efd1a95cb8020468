/**
 * The server on `residual { } shortcut { }` and `parallel(merge: …) { branch { } }`: outline and
 * folding (parse only), completion and signature help (tokens only), the joins' inlay hints and the
 * keywords' hovers (analysis), and the residual mismatch's projection as a quick fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionItem, CompletionList, DocumentSymbol, FoldingRange, Hover, InlayHint, SelectionRange, SignatureHelp, TextEdit } from 'vscode-languageserver-protocol';
import { TestClient, applyEdits, marked, uniqueUri } from './harness.js';
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

describe('selection ranges', () => {
  it('expand from an argument through its call, the shortcut, the residual, the layers and the network', async () => {
    const uri = await open(GRAPH_SOURCE);
    const at = GRAPH_SOURCE.indexOf('use_bias') + 2;
    const [sel] = await client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions: [client.position(uri, at)] });
    const texts: string[] = [];
    for (let s: SelectionRange | undefined = sel; s; s = s.parent) {
      const start = client.offset(uri, s.range.start);
      const end = client.offset(uri, s.range.end);
      texts.push(GRAPH_SOURCE.slice(start, end).split('\n')[0]!.trim());
    }
    expect(texts).toEqual([
      'use_bias',
      'use_bias: false',
      '(32, kernel: 1, stride: 2, use_bias: false)',
      'conv2d(32, kernel: 1, stride: 2, use_bias: false)',
      'shortcut {',
      'residual {',
      'layers {',
      'network Graph {',
      // the whole document (the program, with its trailing newline)
      'network Graph {',
    ]);
    // Inside a residual's body, the body's braces are a level of their own.
    const inBody = GRAPH_SOURCE.indexOf('conv2d(32, kernel: 3') + 1;
    const [b] = await client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions: [client.position(uri, inBody)] });
    expect(b!.parent!.parent!.range.start).toEqual({ line: 10, character: 13 });
    expect(b!.parent!.parent!.parent!.range.start).toEqual({ line: 10, character: 4 });
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

describe('inlay hints and hover on graph constructs', () => {
  async function hoverAt(marker: string): Promise<string> {
    // `marker` is a unique piece of the source with `|` where the cursor goes.
    const { text, offset } = marked(GRAPH_SOURCE.replace(marker.replace('|', ''), marker.replace('|', '<|>')));
    const uri = await open(text);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: client.position(uri, offset) });
    return hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  }

  it('shows each join after its closing brace, and each layer inside its shape', async () => {
    const uri = await open(GRAPH_SOURCE);
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } });
    const at = (line: number) => hints.filter((h) => h.position.line === line).map((h) => `${h.position.character} ${h.label as string}`);
    expect(at(8)).toEqual(['5 → add [8, 8, 16]']);
    expect(at(14)).toEqual(['5 → add [4, 4, 32]']);
    expect(at(23)).toEqual(['5 → concat [4, 4, 40]']);
    expect(at(11)).toEqual(['71 → [4, 4, 32] · 4,640 params']);
    // The projection has no bias: 16 × 32 weights.
    expect(at(13)).toEqual(['55 → [4, 4, 32] · 512 params']);
    // A layer in a repeat inside a branch: twice, with the same shape.
    expect(at(20)).toEqual(['45 → [4, 4, 8] · 584 params ×2']);
    // 448 + 2 × 2,320 (identity residual) + 4,640 + 512 (projection) + 264 + 2 × 584 (branch) + 410.
    expect(at(0)[0]).toBe('13 [8, 8, 3] → [10] · 14 layers · 12,082 params');
  });

  it('on residual: the body\'s and the shortcut\'s shapes and the sum', async () => {
    const identity = await hoverAt('    res|idual {\n      conv2d(16');
    expect(identity.startsWith('**residual**')).toBe(true);
    expect(identity).toContain('- In `Graph`: body `[8, 8, 16]` + shortcut `[8, 8, 16]` (identity) → `add` → `[8, 8, 16]` (`add`, layer 4 of 14)');
    const projected = await hoverAt('    residual| {\n      conv2d(32');
    expect(projected).toContain('- In `Graph`: body `[4, 4, 32]` + shortcut `[4, 4, 32]` → `add` → `[4, 4, 32]` (`add_1`, layer 8 of 14)');
    const shortcut = await hoverAt('} short|cut {');
    expect(shortcut.startsWith('**shortcut**')).toBe(true);
    expect(shortcut).toContain("- In `Graph`: shortcut `[4, 4, 32]`, added to the body's `[4, 4, 32]` → `add` → `[4, 4, 32]` (`add_1`, layer 8 of 14)");
  });

  it('on parallel and branch: each branch\'s shape and the merged shape', async () => {
    const parallel = await hoverAt('paral|lel(merge: concat)');
    expect(parallel.startsWith('**parallel**')).toBe(true);
    expect(parallel).toContain('- In `Graph`: branch 1 `[4, 4, 32]` (identity), branch 2 `[4, 4, 8]` → `concat` → `[4, 4, 40]` (`concatenate`, layer 12 of 14)');
    // The cursor at the end of the keyword, where the arguments begin, is still on it.
    expect(await hoverAt('parallel|(merge: concat)')).toBe(parallel);
    const second = await hoverAt('      bra|nch {\n        conv2d(8, kernel: 1)');
    expect(second).toContain('- In `Graph`: branch 2 of 2: `[4, 4, 8]` → `concat` → `[4, 4, 40]` (`concatenate`, layer 12 of 14)');
    expect(await hoverAt('      bra|nch { }')).toContain('branch 1 of 2: `[4, 4, 32]` (identity)');
    const merge = await hoverAt('parallel(mer|ge: concat)');
    expect(merge).toContain('How the branches are joined: `concat`, `add`, `multiply`, `average`, `maximum`');
    expect(merge.startsWith('**merge**: argument of `parallel` (default `concat`)')).toBe(true);
  });

  it('counts a construct expanded several times (a residual in a repeat)', async () => {
    const text = 'network R {\n  input [6]\n  task regression(outputs: 1)\n  layers {\n    repeat 3 {\n      residual {\n        dense(6, activation: relu)\n      }\n    }\n    dense(1)\n  }\n}\n';
    const uri = await open(text);
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
    expect(hints.filter((h) => h.position.line === 7).map((h) => h.label)).toEqual(['→ add [6] ×3']);
  });
});

describe('the residual mismatch quick fix', () => {
  it('offers the analysis fix (a 1×1 projection shortcut) as the preferred quick fix, and applying it clears the error', async () => {
    const text = 'network M {\n  input [8, 8, 16]\n  task classification(classes: 2)\n  layers {\n    residual {\n      conv2d(32, kernel: 3, stride: 2, padding: same)\n    }\n    global_avg_pool2d()\n    dense(2, activation: softmax)\n  }\n}\n';
    const uri = uniqueUri('graph-fix');
    const { diagnostics } = await client.open(uri, text);
    const error = diagnostics.find((d) => d.range.start.line === 4)!;
    expect(error.message).toContain('[4, 4, 32]');
    expect(error.message).toContain('[8, 8, 16]');
    expect(error.range.start).toEqual({ line: 4, character: 4 });
    expect(error.data).toEqual({ fixable: true });
    const list = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 4, character: 6 }, end: { line: 4, character: 6 } }, context: { diagnostics } });
    const fix = list.find((a) => a.isPreferred)!;
    expect(fix.title).toBe('Project the shortcut: `shortcut { conv2d(32, kernel: 1, stride: 2) }`');
    expect(fix.kind).toBe('quickfix');
    expect(fix.diagnostics).toEqual([error]);
    const fixed = applyEdits(text, fix.edit!.changes![uri] as TextEdit[]);
    expect(fixed).toContain('    } shortcut { conv2d(32, kernel: 1, stride: 2) }\n');
    const again = uniqueUri('graph-fixed');
    expect((await client.open(again, fixed)).diagnostics.filter((d) => d.severity === 1)).toEqual([]);
  });
});
