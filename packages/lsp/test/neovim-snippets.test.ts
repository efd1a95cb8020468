/**
 * Found with Neovim 0.7 (neovim.test.ts): its client says `completionItem.snippetSupport: false`, yet
 * the server sent `dense(${1:units})`-style snippets. A client without snippet support now gets
 * plain text; VS Code (snippetSupport true) still gets the snippets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsertTextFormat, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-protocol';
import { snippetToPlainText } from '../src/features/plain-snippets.js';
import { TestClient, marked, uniqueUri } from './harness.js';

describe('snippetToPlainText', () => {
  it('keeps placeholder text, drops tab stops, unescapes, indents with two spaces', () => {
    expect(snippetToPlainText('dense(${1:units})')).toBe('dense(units)');
    expect(snippetToPlainText('early_stopping(patience: ${1:10})')).toBe('early_stopping(patience: 10)');
    expect(snippetToPlainText('leaky_relu(alpha: ${1})')).toBe('leaky_relu(alpha: )');
    expect(snippetToPlainText('repeat ${1:2} {\n\t$0\n}')).toBe('repeat 2 {\n  \n}');
    expect(snippetToPlainText('${1:a ${2:nested}} $TM_FILENAME ${3|x,y|} \\$5 \\}')).toBe('a nested  x $5 }');
    expect(snippetToPlainText('no snippet here')).toBe('no snippet here');
  });
});

const inLayers = (line: string) => `network A {\n  input [4]\n  task classification(classes: 3)\n  layers {\n    ${line}\n  }\n}\n\nblock res(width, depth) {\n  dense(width)\n}\n`;

async function completeWith(client: TestClient, source: string): Promise<CompletionItem[]> {
  const { text, offset } = marked(source);
  const uri = uniqueUri('snippets');
  await client.open(uri, text);
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: client.position(uri, offset) });
  return list.items;
}

describe('completion for a client without snippet support (Neovim 0.7)', () => {
  let plain: TestClient;
  let snippets: TestClient;
  beforeAll(async () => {
    plain = await TestClient.start({ snippets: false });
    snippets = await TestClient.start();
  });
  afterAll(async () => {
    await plain.stop();
    await snippets.stop();
  });

  it('sends plain text where a snippet client gets snippets', async () => {
    const items = await completeWith(plain, inLayers('<|>'));
    const newText = (label: string) => (items.find((i) => i.label === label)!.textEdit as TextEdit).newText;
    expect(newText('dense')).toBe('dense(units)');
    expect(newText('res')).toBe('res(width, depth)');
    expect(newText('repeat')).toBe('repeat 2 {\n  \n}');
    expect(items.filter((i) => i.insertTextFormat === InsertTextFormat.Snippet)).toEqual([]);
    const top = await completeWith(plain, '<|>');
    const network = (top.find((i) => i.label === 'network')!.textEdit as TextEdit).newText;
    expect(network).not.toMatch(/\$\{?\d/);
    expect(network.startsWith('network Name {\n  input [4]')).toBe(true);

    const same = await completeWith(snippets, inLayers('<|>'));
    expect((same.find((i) => i.label === 'dense')!.textEdit as TextEdit).newText).toBe('dense(${1:units})');
    expect(same.find((i) => i.label === 'dense')!.insertTextFormat).toBe(InsertTextFormat.Snippet);
  });
});
