/** What analysis reports about the graph constructs: mismatched merges (with the residual's fix), bad `merge:`, too few branches. */
import { describe, expect, it } from 'vitest';
import { applyEdits, check } from '../src/index.js';
import { clean, net, problems } from './analyze-helpers.js';

describe('a residual whose body and shortcut disagree', () => {
  it('images: one error at the keyword naming both shapes, with a strided 1×1 projection as the fix', () => {
    const src = net('[16, 16, 32]', 'residual {\nconv2d(64, kernel: 3, stride: 2, padding: same)\n}\nflatten');
    expect(problems(src)).toEqual([
      {
        code: 'analysis/shape-mismatch',
        text: 'residual',
        line: 4,
        column: 5,
        message: 'the residual body gives [8, 8, 64] but the shortcut (identity) gives [16, 16, 32]',
      },
    ]);
    const d = check(src).diagnostics[0]!;
    expect(d.fix?.description).toBe('Project the shortcut: `shortcut { conv2d(64, kernel: 1, stride: 2) }`');
    const fixed = applyEdits(src, d.fix!.edits);
    expect(fixed).toContain('    } shortcut { conv2d(64, kernel: 1, stride: 2) }\n');
    const [n] = clean(fixed);
    expect(n!.outputShape).toEqual([8 * 8 * 64]);
  });

  it('images of the same size: the projection has no stride; odd sizes take the stride that rounds up as `valid` does', () => {
    const same = net('[8, 8, 3]', 'residual { conv2d(16, kernel: 3, padding: same) }');
    expect(check(same).diagnostics[0]!.fix?.edits[0]!.newText).toBe(' shortcut { conv2d(16, kernel: 1) }');
    const odd = net('[7, 9, 3]', 'residual { conv2d(8, kernel: 3, stride: 2, padding: same) }');
    const d = check(odd).diagnostics[0]!;
    expect(d.message).toBe('the residual body gives [4, 5, 8] but the shortcut (identity) gives [7, 9, 3]');
    expect(d.fix?.edits[0]!.newText).toBe(' shortcut { conv2d(8, kernel: 1, stride: 2) }');
    clean(applyEdits(odd, d.fix!.edits));
  });

  it('unequal strides per axis are written as a pair', () => {
    const src = net('[8, 8, 3]', 'residual { conv2d(4, kernel: 1, stride: [2, 1]) }');
    expect(check(src).diagnostics[0]!.fix?.edits[0]!.newText).toBe(' shortcut { conv2d(4, kernel: 1, stride: [2, 1]) }');
  });

  it('vectors: the fix is a dense projection; an empty `shortcut { }` is replaced', () => {
    const src = net('[4]', 'residual { dense(16) } shortcut { }');
    const d = check(src).diagnostics[0]!;
    expect(d.message).toBe('the residual body gives [16] but the shortcut (identity) gives [4]');
    expect(d.fix?.edits).toHaveLength(1);
    expect(applyEdits(src, d.fix!.edits)).toContain('residual { dense(16) } shortcut { dense(16) }');
    clean(applyEdits(src, d.fix!.edits));
  });

  it('a written shortcut that does not fit: both shapes, no fix', () => {
    const src = net('[4]', 'residual { dense(16) } shortcut { dense(8) }');
    const d = check(src).diagnostics;
    expect(d.map((x) => [x.code, x.message])).toEqual([['analysis/shape-mismatch', 'the residual body gives [16] but the shortcut gives [8]']]);
    expect(d[0]!.fix).toBeUndefined();
  });

  it('inside a block the error points at the keyword once, with the block use as related location', () => {
    const src = `block down(w) {
  residual { dense(w) }
}
network N {
  input [4]
  layers {
    down(8)
    down(8)
  }
}
`;
    const d = check(src).diagnostics;
    expect(d.map((x) => [x.code, x.range.start.line, x.range.start.column])).toEqual([['analysis/shape-mismatch', 2, 3]]);
    expect(d[0]!.related?.map((r) => r.message)).toEqual(['in block `down`, used here']);
  });

  it("inside a block the fix writes the body's width and stride as the block's parameters, so it fits every use", () => {
    const src = `block down(filters, stride) {
  residual {
    conv2d(filters, kernel: 3, stride: stride, padding: same)
    batch_norm
  }
}
network N {
  input [16, 16, 8]
  layers {
    down(16, 2)
    down(32, 2)
    global_avg_pool2d
  }
}
`;
    const d = check(src).diagnostics;
    expect(d.map((x) => x.message)).toEqual(['the residual body gives [8, 8, 16] but the shortcut (identity) gives [16, 16, 8]']);
    expect(d[0]!.fix?.edits[0]!.newText).toBe(' shortcut { conv2d(filters, kernel: 1, stride: stride) }');
    const [n] = clean(applyEdits(src, d[0]!.fix!.edits));
    expect(n!.outputShape).toEqual([32]);
  });

  it('after a shape error no merge error is reported (shapes downstream are uncertain)', () => {
    const src = net('[4]', 'conv2d(4, kernel: 3)\nresidual { dense(8) }');
    expect(problems(src).map((p) => p.code)).toEqual(['analysis/shape-mismatch']);
    expect(problems(src)[0]!.text).not.toBe('residual');
  });
});

describe('parallel', () => {
  it('a concat whose non-channel axes differ: which axis and both shapes, at the keyword', () => {
    const src = net('[8, 8, 3]', 'parallel {\nbranch { conv2d(4, kernel: 1) }\nbranch { conv2d(4, kernel: 1, stride: 2) }\n}');
    expect(problems(src)).toEqual([
      {
        code: 'analysis/shape-mismatch',
        text: 'parallel',
        line: 4,
        column: 5,
        message: 'concat joins along the last axis, so the others must agree, but axis 1 of [8, 8, 4] and [4, 4, 4] differs (8 vs 4)',
      },
    ]);
  });

  it('an element-wise mode with unequal shapes names them all', () => {
    const src = net('[4]', 'parallel(merge: multiply) { branch { dense(4) } branch { dense(2) } branch { } }');
    expect(problems(src)).toEqual([
      { code: 'analysis/shape-mismatch', text: 'parallel', line: 4, column: 5, message: 'multiply needs inputs of equal shape, but they are [4] and [2] and [4]' },
    ]);
  });

  it('an unknown merge mode gets a did-you-mean at the written value; no shape error follows', () => {
    const src = net('[4]', 'parallel(merge: concatenate) { branch { dense(4) } branch { } }\ndense(1)');
    expect(problems(src)).toEqual([
      { code: 'analysis/unknown-merge', text: 'concatenate', line: 4, column: 21, message: 'unknown merge mode `concatenate`; did you mean `concat`?' },
    ]);
    expect(problems(net('[4]', 'parallel(merge: 3) { branch { } branch { } }'))[0]!.message).toBe(
      '`merge` of `parallel` must be a merge mode (`concat`, `add`, `multiply`, `average`, `maximum`)',
    );
  });

  it('arguments other than `merge:` are reported', () => {
    expect(problems(net('[4]', 'parallel(mege: add) { branch { } branch { } }'))).toEqual([
      { code: 'analysis/unknown-argument', text: 'mege', line: 4, column: 14, message: '`parallel` has no argument `mege`; did you mean `merge`?' },
    ]);
    expect(problems(net('[4]', 'parallel(add) { branch { } branch { } }')).map((p) => p.code)).toEqual(['analysis/too-many-arguments']);
  });

  it('no branch, or one, is an error at the keyword', () => {
    expect(problems(net('[4]', 'dense(4)\nparallel { }\ndense(1)'))).toEqual([
      { code: 'analysis/too-few-branches', text: 'parallel', line: 5, column: 5, message: '`parallel` has no branch; write two or more `branch { … }` inside it' },
    ]);
    const one = check(net('[4]', 'parallel { branch { dense(4) } }\ndense(1)'));
    expect(one.diagnostics.map((d) => d.code)).toEqual(['analysis/too-few-branches']);
    // the one branch still flows on, so later layers keep their shapes
    expect(one.networks[0]!.layers.map((l) => l.name)).toEqual(['dense', 'dense_1']);
  });

  it('a merge mode passed through a block parameter', () => {
    const src = `block join(m) {
  parallel(merge: m) { branch { dense(4) } branch { dense(4) } }
}
network N {
  input [4]
  layers { join(add), join(concat) }
}
`;
    const [n] = clean(src);
    expect(n!.layers.filter((l) => l.kind === 'merge').map((l) => [l.name, l.outputShape])).toEqual([
      ['add', [4]],
      ['concatenate', [8]],
    ]);
  });
});

describe('misplaced clauses are syntax errors', () => {
  it('`shortcut` without a residual before it', () => {
    const src = net('[4]', 'dense(4)\nshortcut { dense(4) }');
    expect(problems(src)).toEqual([
      {
        code: 'parse/misplaced-clause',
        text: 'shortcut',
        line: 5,
        column: 5,
        message: '`shortcut { … }` must follow the body of a `residual { … }` (write `residual { … } shortcut { … }`)',
      },
    ]);
  });

  it('`branch` outside a parallel, and a layer straight inside one', () => {
    expect(problems(net('[4]', 'branch { dense(4) }\ndense(1)')).map((p) => [p.code, p.text])).toEqual([['parse/misplaced-clause', 'branch']]);
    expect(problems(net('[4]', 'parallel { dense(4), branch { }, branch { } }'))).toEqual([
      {
        code: 'parse/misplaced-clause',
        text: 'dense(4)',
        line: 4,
        column: 16,
        message: '`dense` is written straight inside `parallel { … }`; put the layers of each path in a `branch { … }`',
      },
    ]);
  });
});
