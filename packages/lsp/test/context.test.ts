import { describe, expect, it } from 'vitest';
import { cursorContext } from '../src/text/context.js';
import { tokenize } from '../src/text/tokens.js';
import { marked } from './harness.js';

const at = (source: string) => {
  const { text, offset } = marked(source);
  return cursorContext(text, offset);
};

describe('tokenize (the language\'s lexer, as the server sees it)', () => {
  it('gives identifiers, keywords, numbers, strings, comments and punctuation with offsets and 0-based lines', () => {
    const tokens = tokenize('dense(16, activation: relu) // hi\n"a\\"b" 1e-3 -0.5 /* x\ny */ ?');
    expect(tokens.map((t) => [t.kind, t.text, t.start, t.line])).toEqual([
      ['identifier', 'dense', 0, 0],
      ['punctuation', '(', 5, 0],
      ['number', '16', 6, 0],
      ['punctuation', ',', 8, 0],
      ['identifier', 'activation', 10, 0],
      ['punctuation', ':', 20, 0],
      ['identifier', 'relu', 22, 0],
      ['punctuation', ')', 26, 0],
      ['comment', '// hi', 28, 0],
      ['string', '"a\\"b"', 34, 1],
      ['number', '1e-3', 41, 1],
      ['number', '-0.5', 46, 1],
      ['comment', '/* x\ny */', 51, 1],
      ['unknown', '?', 61, 2],
    ]);
  });

  it('ends an unterminated string at the line end and an unterminated comment at the end', () => {
    expect(tokenize('"abc\nx /* y').map((t) => [t.kind, t.text])).toEqual([
      ['string', '"abc'],
      ['identifier', 'x'],
      ['comment', '/* y'],
    ]);
  });

  it('splits `1_000` and `.5` as the parser does, and marks what the lexer cannot read as unknown', () => {
    expect(tokenize('dense(1_000)').map((t) => [t.kind, t.text])).toEqual([
      ['identifier', 'dense'],
      ['punctuation', '('],
      ['number', '1'],
      ['identifier', '_000'],
      ['punctuation', ')'],
    ]);
    expect(tokenize('dropout(.5)').map((t) => [t.kind, t.text, t.start])).toEqual([
      ['identifier', 'dropout', 0],
      ['punctuation', '(', 7],
      ['unknown', '.', 8],
      ['number', '5', 9],
      ['punctuation', ')', 10],
    ]);
    expect(tokenize('network true x\r\n- é').map((t) => [t.kind, t.text, t.line])).toEqual([
      ['keyword', 'network', 0],
      ['boolean', 'true', 0],
      ['identifier', 'x', 0],
      ['unknown', '-', 1],
      ['unknown', 'é', 1],
    ]);
  });
});

describe('cursorContext', () => {
  it('knows the top level', () => {
    expect(at('<|>').context).toEqual({ kind: 'top' });
    expect(at('net<|>')).toMatchObject({ context: { kind: 'top' }, prefix: 'net', replaceStart: 0, replaceEnd: 3 });
  });

  it('knows a network member position and the task kind position', () => {
    expect(at('network A {\n  <|>\n}').context).toEqual({ kind: 'network-member' });
    expect(at('network A {\n  task cla<|>\n}')).toMatchObject({ context: { kind: 'task-kind' }, prefix: 'cla' });
    expect(at('network A {\n  input [4]\n  task <|>\n}').context).toEqual({ kind: 'task-kind' });
  });

  it('knows a layer statement in layers, blocks and repeats', () => {
    expect(at('network A {\n  layers {\n    de<|>\n  }\n}').context).toEqual({ kind: 'layer-statement', section: 'layers' });
    expect(at('block b(w) {\n  <|>\n}').context).toEqual({ kind: 'layer-statement', section: 'block' });
    expect(at('network A { layers {\n repeat 3 {\n  <|>\n }}}').context).toEqual({ kind: 'layer-statement', section: 'repeat' });
    expect(at('network A {\n  layers {\n    dense(16)\n    <|>\n  }\n}').context).toEqual({ kind: 'layer-statement', section: 'layers' });
  });

  it('knows the value after `activation:` and argument names inside a call, with the names already given', () => {
    const v = at('network A { layers {\n dense(16, activation: re<|>)\n}}');
    expect(v.context).toEqual({ kind: 'value', key: 'activation', callee: 'dense', section: 'layers' });
    expect(v.prefix).toBe('re');
    const a = at('network A { layers {\n dense(16, init: he_normal, <|>)\n}}');
    expect(a.context.kind).toBe('argument');
    if (a.context.kind === 'argument') {
      expect(a.context.call).toMatchObject({ callee: 'dense', argIndex: 2, given: ['init'], positionalBefore: 1, section: 'layers' });
    }
  });

  it('follows nested calls: the activation call inside a layer call', () => {
    const c = at('network A { layers {\n dense(16, activation: leaky_relu(<|>))\n}}');
    expect(c.context.kind).toBe('argument');
    expect(c.call).toMatchObject({ callee: 'leaky_relu', argIndex: 0, given: [] });
  });

  it('knows train and data keys and values', () => {
    expect(at('network A {\n train {\n  <|>\n }\n}').context).toEqual({ kind: 'setting-key', section: 'train' });
    expect(at('network A {\n train {\n  loss: <|>\n }\n}').context).toEqual({ kind: 'value', key: 'loss', section: 'train' });
    expect(at('network A {\n data {\n  standardize: t<|>\n }\n}').context).toEqual({ kind: 'value', key: 'standardize', section: 'data' });
    expect(at('network A {\n train {\n  epochs: 10\n  <|>\n }\n}').context).toEqual({ kind: 'setting-key', section: 'train' });
    expect(at('network A {\n train {\n  epochs: 10, <|>\n }\n}').context).toEqual({ kind: 'setting-key', section: 'train' });
    expect(at('network A {\n train {\n  epochs: 10, loss: <|>\n }\n}').context).toEqual({ kind: 'value', key: 'loss', section: 'train' });
  });

  it('offers nothing inside comments, strings and numbers', () => {
    expect(at('network A { // de<|>\n}').context).toEqual({ kind: 'none' });
    expect(at('network A { data { source: "da<|>" } }').context).toEqual({ kind: 'none' });
    expect(at('network A { layers { dense(1<|>6) } }').context).toEqual({ kind: 'none' });
  });

  it('survives unbalanced brackets', () => {
    expect(at(')))}}}]]\n<|>').context).toEqual({ kind: 'top' });
    expect(at(')))}}}]]<|>').context).toEqual({ kind: 'none' });
    expect(at('network A { layers { dense(16,, activation: <|>').context).toMatchObject({ kind: 'value', key: 'activation' });
  });
});

describe('outline', () => {
  it('finds blocks, networks, tasks, members and written settings from tokens, even in broken text', async () => {
    const { outline } = await import('../src/text/outline.js');
    const text = 'block b(w, d) { dense(w) }\nnetwork A {\n  input [4]\n  task binary_classification\n  train {\n    loss: mse, epochs: 3\n    early_stopping(patience: 2)\n  }\n}\nnetwork B {\n  layers {\n    dense(\n';
    const o = outline(tokenize(text), text.length);
    expect(o.blocks).toEqual([{ name: 'b', params: ['w', 'd'] }]);
    expect(o.networks.map((n) => [n.name, n.task, n.members, n.sections.map((s) => [s.kind, s.keys])])).toEqual([
      ['A', 'binary_classification', ['input', 'task', 'train'], [['train', ['loss', 'epochs', 'early_stopping']]]],
      ['B', undefined, ['layers'], []],
    ]);
    expect(o.networks[1]!.end).toBe(text.length);
  });
});
