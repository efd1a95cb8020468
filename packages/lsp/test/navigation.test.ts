import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TestClient, applyEdits, marked, uniqueUri } from './harness.js';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(() => client.stop());

const SPEC = `network A {
  input [4]
  layers {
    wide(16, depth: 2)
    repeat 2 {
      wide(8, depth: 1)
    }
  }
}

block wide(width, depth) {
  dense(width, activation: relu)
  inner(width)
}

block inner(units) {
  dense(units)
}
`;

async function at(source: string) {
  const { text, offset } = marked(source);
  const uri = uniqueUri('nav');
  await client.open(uri, text);
  return { uri, text, position: client.position(uri, offset) };
}

const lines = (ls: Location[]) => ls.map((l) => `${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`);

describe('definition and references', () => {
  it('goes from a block use to its definition', async () => {
    const { uri, position } = await at(SPEC.replace('    wide(16', '    wi<|>de(16'));
    expect(await client.request<Location>('textDocument/definition', { textDocument: { uri }, position })).toEqual({
      uri,
      range: { start: { line: 10, character: 6 }, end: { line: 10, character: 10 } },
    });
  });

  it('goes from a parameter use to the parameter', async () => {
    const { uri, position } = await at(SPEC.replace('inner(width)', 'inner(wid<|>th)'));
    const def = await client.request<Location>('textDocument/definition', { textDocument: { uri }, position });
    expect(def.range).toEqual({ start: { line: 10, character: 11 }, end: { line: 10, character: 16 } });
  });

  it('finds every use of a block, with or without the declaration', async () => {
    const { uri, position } = await at(SPEC.replace('block wide', 'block w<|>ide'));
    const all = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
    expect(lines(all)).toEqual(['10:6-10', '3:4-8', '5:6-10']);
    const uses = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: false } });
    expect(lines(uses)).toEqual(['3:4-8', '5:6-10']);
  });

  it('finds every use of a block parameter, named arguments at call sites included', async () => {
    const { uri, position } = await at(SPEC.replace('block wide(width, depth)', 'block wide(width, de<|>pth)'));
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
    expect(lines(refs)).toEqual(['10:18-23', '3:13-18', '5:14-19']);
  });

  it('answers null / [] on names that are not blocks or parameters', async () => {
    const { uri, position } = await at(SPEC.replace('dense(width, activation: relu)', 'de<|>nse(width, activation: relu)'));
    expect(await client.request('textDocument/definition', { textDocument: { uri }, position })).toBeNull();
    expect(await client.request('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } })).toEqual([]);
    expect(await client.request('textDocument/prepareRename', { textDocument: { uri }, position })).toBeNull();
  });
});

describe('rename', () => {
  it('prepares with the name range and placeholder', async () => {
    const { uri, position } = await at(SPEC.replace('  inner(width)', '  in<|>ner(width)'));
    expect(await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position })).toEqual({
      range: { start: { line: 12, character: 2 }, end: { line: 12, character: 7 } },
      placeholder: 'inner',
    });
  });

  it('renames a block everywhere', async () => {
    const { uri, text, position } = await at(SPEC.replace('block wide', 'block <|>wide'));
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: 'broad' });
    expect(applyEdits(text, edit.changes![uri] as TextEdit[])).toBe(SPEC.replaceAll('wide', 'broad'));
  });

  it('renames a parameter in its block and at named call sites only', async () => {
    const { uri, text, position } = await at(SPEC.replace('dense(width, activation', 'dense(w<|>idth, activation'));
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: 'size' });
    const renamed = applyEdits(text, edit.changes![uri] as TextEdit[]);
    expect(renamed).toBe(SPEC.replace('block wide(width,', 'block wide(size,').replace('dense(width, activation', 'dense(size, activation').replace('inner(width)', 'inner(size)'));
    // block `inner` keeps its own parameter
    expect(renamed).toContain('block inner(units) {\n  dense(units)');
  });

  it('refuses names that are not identifiers, keywords, layer kinds or taken', async () => {
    const { uri, position } = await at(SPEC.replace('block wide', 'block <|>wide'));
    const reasons: string[] = [];
    for (const newName of ['2x', 'network', 'dense', 'inner']) {
      await client.request('textDocument/rename', { textDocument: { uri }, position, newName }).catch((e: Error) => reasons.push(e.message));
    }
    expect(reasons).toEqual([
      "'2x' is not a valid name: use letters, digits and _, not starting with a digit.",
      "'network' is a keyword.",
      "'dense' is a built-in layer kind.",
      "A block named 'inner' already exists.",
    ]);
  });
});
