/** Recovery inside the graph constructs: a missing brace or a stray token in a residual, shortcut or branch recovers as in a repeat. */
import { describe, expect, it } from 'vitest';
import { recovered } from './recovery-helpers.js';
import { parse, type ResidualStmt } from '../../src/index.js';

const wrap = (layers: string) => `network A {\n  layers {\n${layers}\n  }\n}\nnetwork B { input [1] }`;

describe('recovery: residual and shortcut', () => {
  it('a stray `)` in a residual body is skipped; the body keeps its layers and the shortcut follows', () => {
    const src = wrap('    residual {\n      dense(3) )\n      dropout(0.2)\n    } shortcut { dense(3) }\n    dense(1)');
    expect(recovered(src)).toEqual({
      errors: [{ code: 'parse/unexpected-token', at: '4:16-4:17', text: ')', message: "unexpected ')'; expected a layer, `repeat` or '}'" }],
      tree: ['network A {layers {residual {dense(3); dropout(0.2)} shortcut {dense(3)}; dense(1)}}', 'network B {input [1]}'],
    });
  });

  it('an unclosed residual body is closed where the `layers` closes; the next network survives', () => {
    const src = 'network A {\n  layers {\n    residual {\n      dense(3)\n  }\n}\nnetwork B { input [1] }';
    const r = recovered(src);
    expect(r.errors[0]).toMatchObject({ code: 'parse/missing-brace' });
    expect(r.errors[0]!.message).toMatch(/^expected '\}' to close `(layers|network A)` opened at line \d, found /);
    expect(r.tree[0]).toMatch(/^network A \{layers \{residual \{dense\(3\)\}/);
    expect(r.tree[1]).toBe('network B {input [1]}');
    // the body of the partial residual runs to where the statement ended
    const res = (parse(src).ast.items[0] as { members: { items: ResidualStmt[] }[] }).members[0]!.items[0]!;
    expect(res.bodyRange.end.offset).toBe(res.range.end.offset);
  });

  it('a shortcut missing its `}` before the next member names the shortcut', () => {
    const src = 'network A {\n  layers {\n    residual { dense(3) } shortcut {\n      dense(3)\n  }\n  train { epochs: 1 }\n}\n';
    const r = recovered(src);
    expect(r.errors.map((e) => e.code)).toEqual(['parse/missing-brace']);
    expect(r.errors[0]!.message).toBe("expected '}' to close `layers` opened at line 2, found keyword `train`");
    expect(r.tree).toEqual(['network A {layers {residual {dense(3)} shortcut {dense(3)}}; train {epochs: 1}}']);
  });

  it('a missing `{` after `residual` is named', () => {
    const src = wrap('    residual dense(3) }\n    dense(1)');
    const r = recovered(src);
    expect(r.errors[0]).toEqual({ code: 'parse/missing-brace', at: '3:14-3:19', text: 'dense', message: "expected '{' after `residual`, found `dense`" });
  });
});

describe('recovery: parallel and branch', () => {
  it('a stray token inside a branch is skipped; the other branches are kept', () => {
    const src = wrap('    parallel(merge: add) {\n      branch { dense(3) ] }\n      branch { }\n    }\n    dense(1)');
    expect(recovered(src)).toEqual({
      // as in `repeat 2 { dense(3) ] }`
      errors: [{ code: 'parse/missing-brace', at: '4:25-4:26', text: ']', message: "expected '}' to close `branch` opened at line 4, found ']'" }],
      tree: ['network A {layers {parallel(merge: add) {branch {dense(3)}; branch {}}; dense(1)}}', 'network B {input [1]}'],
    });
  });

  it('a stray token between branches says a branch or `}` was expected', () => {
    const src = wrap('    parallel {\n      branch { dense(3) }\n      )\n      branch { }\n    }');
    expect(recovered(src)).toEqual({
      errors: [{ code: 'parse/unexpected-token', at: '5:7-5:8', text: ')', message: "unexpected ')'; expected `branch` or '}'" }],
      tree: ['network A {layers {parallel {branch {dense(3)}; branch {}}}}', 'network B {input [1]}'],
    });
  });

  it('an unclosed branch keeps its layers; the parallel and what follows survive', () => {
    const src = 'network A {\n  layers {\n    parallel {\n      branch { dense(3)\n      branch { }\n    }\n  }\n}\nnetwork B { input [1] }';
    const r = recovered(src);
    expect(r.errors[0]).toEqual({
      code: 'parse/missing-brace',
      at: '5:7-5:13',
      text: 'branch',
      message: "expected '}' to close `branch` opened at line 4, found keyword `branch`",
    });
    expect(r.tree[0]).toMatch(/^network A \{layers \{parallel \{branch \{dense\(3\)/);
    expect(r.tree[1]).toBe('network B {input [1]}');
  });

  it('a stray `shortcut` and a stray `branch` are reported once each and their layers skipped', () => {
    const src = wrap('    dense(2)\n    shortcut { dense(3) }\n    branch { dense(4) }\n    dense(1)');
    expect(recovered(src)).toEqual({
      errors: [
        { code: 'parse/misplaced-clause', at: '4:5-4:13', text: 'shortcut', message: '`shortcut { … }` must follow the body of a `residual { … }` (write `residual { … } shortcut { … }`)' },
        { code: 'parse/misplaced-clause', at: '5:5-5:11', text: 'branch', message: '`branch { … }` belongs inside `parallel { … }` (write `parallel { branch { … } branch { … } }`)' },
      ],
      tree: ['network A {layers {dense(2); dense(1)}}', 'network B {input [1]}'],
    });
  });
});

describe('recovery: misspelt construct keywords', () => {
  it('`residaul { }` and `paralel { }` are read as the construct, with a did-you-mean', () => {
    expect(recovered(wrap('    residaul { dense(3) } shortcut { dense(2) }\n    dense(1)'))).toEqual({
      errors: [{ code: 'parse/unknown-keyword', at: '3:5-3:13', text: 'residaul', message: 'unknown keyword `residaul`; did you mean `residual`?' }],
      tree: ['network A {layers {residual {dense(3)} shortcut {dense(2)}; dense(1)}}', 'network B {input [1]}'],
    });
    expect(recovered(wrap('    paralel { branch { dense(3) } branch { } }\n    dense(1)'))).toEqual({
      errors: [{ code: 'parse/unknown-keyword', at: '3:5-3:12', text: 'paralel', message: 'unknown keyword `paralel`; did you mean `parallel`?' }],
      tree: ['network A {layers {parallel {branch {dense(3)}; branch {}}; dense(1)}}', 'network B {input [1]}'],
    });
  });

  it('any other word before `{` is reported at the brace and skipped with its body', () => {
    expect(recovered(wrap('    foo { dense(3) }\n    dense(1)'))).toEqual({
      errors: [{ code: 'parse/unexpected-token', at: '3:9-3:10', text: '{', message: "unexpected '{'; expected a layer, `repeat` or '}'" }],
      tree: ['network A {layers {dense(1)}}', 'network B {input [1]}'],
    });
  });
});
