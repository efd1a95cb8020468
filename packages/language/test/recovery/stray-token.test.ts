import { describe, expect, it } from 'vitest';
import { recovered } from './recovery-helpers.js';
import { parse } from '../../src/index.js';

describe('recovery: a stray token', () => {
  it('a stray `)` between layers is skipped; the next layer is kept', () => {
    const src = 'network A {\n  layers {\n    dense(3) )\n    dropout(0.2)\n  }\n}\nnetwork B { input [1] }';
    expect(recovered(src)).toEqual({
      errors: [{ code: 'parse/unexpected-token', at: '3:14-3:15', text: ')', message: "unexpected ')'; expected a layer, `repeat` or '}'" }],
      tree: ['network A {layers {dense(3); dropout(0.2)}}', 'network B {input [1]}'],
    });
  });

  it('layer statements at the top level never become top-level items', () => {
    // Recovery inside top-level junk once handed back the `repeat` it was building as a program item.
    const r = parse('elu_block(8){repeat 3 {block b(w) {');
    expect(r.ast.items.map((i) => i.kind)).toEqual(['Block']);
    expect(r.diagnostics[0]).toMatchObject({ code: 'parse/unexpected-token', range: { start: { offset: 0 }, end: { offset: 9 } } });
    for (const item of parse('repeat 2 { dense(3) }\nnetwork A {}').ast.items) expect(['Network', 'Block']).toContain(item.kind);
  });

  it('a stray `}` at the top level', () => {
    const src = '} network A {}';
    expect(recovered(src)).toEqual({
      errors: [{ code: 'parse/unexpected-token', at: '1:1-1:2', text: '}', message: "unexpected '}'; expected `network` or `block`" }],
      tree: ['network A {}'],
    });
  });

  it('characters that are not Axon are reported once per run and dropped', () => {
    const src = 'network A {\n  layers {\n    dense(8) ;;\n    = dropout(0.5)\n  }\n}\n';
    expect(recovered(src)).toEqual({
      errors: [
        { code: 'parse/invalid-character', at: '3:14-3:16', text: ';;', message: 'invalid characters ";;"' },
        { code: 'parse/invalid-character', at: '4:5-4:6', text: '=', message: 'invalid character "="' },
      ],
      tree: ['network A {layers {dense(8); dropout(0.5)}}'],
    });
  });

  it('a stray word inside a setting block', () => {
    const src = 'network A {\n  train {\n    epochs: 3\n    : 4\n    seed: 1\n  }\n}';
    expect(recovered(src)).toEqual({
      errors: [{ code: 'parse/unexpected-token', at: '4:5-4:6', text: ':', message: "unexpected ':'; expected a setting (`name: value`) or '}'" }],
      tree: ['network A {train {epochs: 3; seed: 1}}'],
    });
  });

  it('a missing value and a missing task are named', () => {
    expect(recovered('network A {\n  train {\n    loss:\n    epochs: 3\n  }\n}')).toEqual({
      errors: [{ code: 'parse/missing-value', at: '4:5-4:11', text: 'epochs', message: 'expected a value after `loss:`, found `epochs`' }],
      tree: ['network A {train {loss: ?; epochs: 3}}'],
    });
    expect(recovered('network A {\n  task\n  layers { dense(1) }\n}')).toEqual({
      errors: [
        {
          code: 'parse/missing-value',
          at: '3:3-3:9',
          text: 'layers',
          message:
            'expected the task after `task` (`regression`, `binary_classification`, `classification` or `multilabel`), found keyword `layers`',
        },
      ],
      tree: ['network A {task ?; layers {dense(1)}}'],
    });
  });

  it('an argument with no value keeps its name; the next layer is kept', () => {
    const src = 'network A {\n  layers {\n    dense(16, activation: )\n    dense(2)\n  }\n}';
    expect(recovered(src)).toEqual({
      errors: [
        {
          code: 'parse/unexpected-token',
          at: '3:27-3:28',
          text: ')',
          message: 'expected a value (a number, a string, `true`, `false`, a name or a list), found \')\'',
        },
      ],
      tree: ['network A {layers {dense(16, activation: ?); dense(2)}}'],
    });
  });

  it('a repeat without its count keeps its body', () => {
    const src = 'network A {\n  layers {\n    repeat {\n      dense(1)\n    }\n    dense(2)\n  }\n}';
    expect(recovered(src)).toEqual({
      errors: [{ code: 'parse/unexpected-token', at: '3:12-3:13', text: '{', message: "expected the repeat count (a number), found '{'" }],
      tree: ['network A {layers {repeat ? {dense(1)}; dense(2)}}'],
    });
  });

  it('a network without a name', () => {
    expect(recovered('network {\n  input [1]\n}')).toEqual({
      errors: [{ code: 'parse/unexpected-token', at: '1:9-1:10', text: '{', message: "expected the network's name, found '{'" }],
      tree: ['network ? {input [1]}'],
    });
  });

  it('extra commas between entries are reported one by one; nothing else is lost', () => {
    const src = 'network A {\n  layers { , dense(1), , dense(2) }\n  train { epochs: 3,, seed: 1 }\n}';
    expect(recovered(src)).toEqual({
      errors: [
        { code: 'parse/unexpected-token', at: '2:12-2:13', text: ',', message: "unexpected ','; expected a layer, `repeat` or '}'" },
        { code: 'parse/unexpected-token', at: '2:24-2:25', text: ',', message: "unexpected ','; expected a layer, `repeat` or '}'" },
        { code: 'parse/unexpected-token', at: '3:21-3:22', text: ',', message: "unexpected ','; expected a setting (`name: value`) or '}'" },
      ],
      tree: ['network A {layers {dense(1); dense(2)}; train {epochs: 3; seed: 1}}'],
    });
  });

  it('a name and a value without the colon between them', () => {
    const src = 'network A {\n  task classification(classes 3)\n}';
    expect(recovered(src)).toEqual({
      errors: [{ code: 'parse/missing-colon', at: '2:31-2:32', text: '3', message: "expected ':' between `classes` and its value" }],
      tree: ['network A {task classification(classes, 3)}'],
    });
  });
});
