/** Expansion of the graph constructs: every layer's inputs, merge names, origins, shapes. */
import { describe, expect, it } from 'vitest';
import { NETWORK_INPUT, type ResolvedNetwork } from '../src/index.js';
import { clean, net, textAt } from './analyze-helpers.js';

/** `name ← inputs` per layer, inputs by name (`input` for the network's input). */
function wiring(n: ResolvedNetwork): string[] {
  return n.layers.map((l) => `${l.name} ← ${l.inputs.map((i) => (i === NETWORK_INPUT ? 'input' : n.layers[i]!.name)).join(', ')}`);
}

describe('residual', () => {
  it('identity shortcut: the add reads the body and the tensor before the residual', () => {
    const [n] = clean(net('[8, 8, 4]', 'conv2d(4, kernel: 3, padding: same)\nresidual {\nconv2d(4, kernel: 3, padding: same)\nbatch_norm\n}\nflatten'));
    expect(wiring(n!)).toEqual(['conv2d ← input', 'conv2d_1 ← conv2d', 'batch_norm ← conv2d_1', 'add ← batch_norm, conv2d', 'flatten ← add']);
    const add = n!.layers[3]!;
    expect(add).toMatchObject({ kind: 'merge', mode: 'add', inputShape: [8, 8, 4], outputShape: [8, 8, 4], params: { trainable: 0, nonTrainable: 0 } });
  });

  it('at the start of the network the identity is the network input', () => {
    const [n] = clean(net('[4]', 'residual { dense(4) }\ndense(1)'));
    expect(wiring(n!)).toEqual(['dense ← input', 'add ← dense, input', 'dense_1 ← add']);
  });

  it('with a shortcut: the shortcut layers read the tensor before the residual, after the body layers in order', () => {
    const src = net('[8, 8, 3]', 'residual { conv2d(8, kernel: 3, stride: 2, padding: same) } shortcut { conv2d(8, kernel: 1, stride: 2) }');
    const [n] = clean(src);
    expect(wiring(n!)).toEqual(['conv2d ← input', 'conv2d_1 ← input', 'add ← conv2d, conv2d_1']);
    expect(n!.layers.map((l) => l.outputShape)).toEqual([[4, 4, 8], [4, 4, 8], [4, 4, 8]]);
    expect(n!.outputShape).toEqual([4, 4, 8]);
    expect(n!.params.total).toBe(3 * 3 * 3 * 8 + 8 + 3 * 8 + 8);
  });

  it("the merge's origin: a call named `residual` at the keyword, spanning the statement, with the construct", () => {
    const src = net('[4]', 'residual {\ndense(4)\n}');
    const [n] = clean(src);
    const add = n!.layers[1]!;
    expect(add.origin.node.name.name).toBe('residual');
    expect(textAt(src, add.origin.node.name.range)).toBe('residual');
    expect(textAt(src, add.origin.range)).toBe('residual {\n    dense(4)\n    }');
    expect(add.origin.construct?.kind).toBe('Residual');
    expect(add.origin.chain).toEqual([]);
    expect(n!.layers[0]!.origin.construct).toBeUndefined();
  });
});

describe('parallel', () => {
  it('three branches, one empty: concat of the branch ends and the tensor before, in branch order', () => {
    const [n] = clean(
      net('[8, 8, 3]', 'conv2d(8, kernel: 1)\nparallel(merge: concat) {\nbranch { conv2d(4, kernel: 1) }\nbranch { }\nbranch { conv2d(2, kernel: 3, padding: same), conv2d(6, kernel: 3, padding: same) }\n}\nglobal_avg_pool2d'),
    );
    expect(wiring(n!)).toEqual([
      'conv2d ← input',
      'conv2d_1 ← conv2d',
      'conv2d_2 ← conv2d',
      'conv2d_3 ← conv2d_2',
      'concatenate ← conv2d_1, conv2d, conv2d_3',
      'global_avg_pool2d ← concatenate',
    ]);
    expect(n!.layers[4]!.outputShape).toEqual([8, 8, 4 + 8 + 6]);
    expect(n!.outputShape).toEqual([18]);
  });

  it('merge defaults to concat; each mode gets its Keras name, numbered per mode', () => {
    const two = (mode: string) => `parallel${mode ? `(merge: ${mode})` : ''} { branch { dense(4) } branch { dense(4) } }`;
    const [n] = clean(net('[4]', [two(''), two('add'), two('multiply'), two('average'), two('maximum'), two('add'), two('concat')].join('\n')));
    expect(n!.layers.filter((l) => l.kind === 'merge').map((l) => [l.name, l.kind === 'merge' && l.mode])).toEqual([
      ['concatenate', 'concat'],
      ['add', 'add'],
      ['multiply', 'multiply'],
      ['average', 'average'],
      ['maximum', 'maximum'],
      ['add_1', 'add'],
      ['concatenate_1', 'concat'],
    ]);
    expect(n!.layers[2]!.outputShape).toEqual([8]);
    expect(n!.layers[2]!.argRanges).toEqual({});
    expect(n!.layers[5]!.argRanges?.['merge']).toBeDefined();
  });

  it("a merge's origin names `parallel` and points at the construct", () => {
    const src = net('[4]', 'parallel(merge: add) { branch { dense(4) } branch { } }');
    const [n] = clean(src);
    const add = n!.layers[1]!;
    expect(textAt(src, add.origin.node.name.range)).toBe('parallel');
    expect(add.origin.node.name.name).toBe('parallel');
    expect(textAt(src, add.origin.range)).toBe('parallel(merge: add) { branch { dense(4) } branch { } }');
    expect(add.origin.construct?.kind).toBe('Parallel');
    expect(wiring(n!)).toEqual(['dense ← input', 'add ← dense, input']);
  });
});

describe('nesting', () => {
  const src = `block stage(w) {
  repeat 2 {
    parallel(merge: add) {
      branch { residual { dense(w) } }
      branch { }
    }
  }
}

network N {
  input [4]
  layers {
    stage(4)
    dense(1)
  }
}
`;

  it('a residual inside a branch inside a repeat inside a block: every input, in topological order', () => {
    const [n] = clean(src);
    expect(wiring(n!)).toEqual([
      'dense ← input',
      'add ← dense, input',
      'add_1 ← add, input',
      'dense_1 ← add_1',
      'add_2 ← dense_1, add_1',
      'add_3 ← add_2, add_1',
      'dense_2 ← add_3',
    ]);
    expect(n!.layers.map((l) => l.outputShape[0])).toEqual([4, 4, 4, 4, 4, 4, 1]);
    for (const l of n!.layers) for (const i of l.inputs) expect(i).toBeLessThan(l.index);
  });

  it("layers inside keep their chain: block use, then repeat iteration; a merge's chain is its construct's", () => {
    const [n] = clean(src);
    const chainOf = (i: number) => n!.layers[i]!.origin.chain.map((s) => (s.kind === 'block' ? `block ${s.block}` : `repeat ${s.iteration}/${s.count}`));
    expect(chainOf(0)).toEqual(['block stage', 'repeat 1/2']);
    expect(chainOf(2)).toEqual(['block stage', 'repeat 1/2']);
    expect(chainOf(5)).toEqual(['block stage', 'repeat 2/2']);
    expect(chainOf(6)).toEqual([]);
  });

  it('nested residuals: the inner add feeds the outer body', () => {
    const [n] = clean(net('[4]', 'residual { residual { dense(4) }, dense(4) }'));
    expect(wiring(n!)).toEqual(['dense ← input', 'add ← dense, input', 'dense_1 ← add', 'add_1 ← dense_1, input']);
  });
});

describe('budget', () => {
  it('merges count towards the expansion limit', async () => {
    const { check } = await import('../src/index.js');
    const { MAX_LAYERS } = await import('../src/expand.js');
    // each iteration: one dense and one add, so 2 × count layers: refused up front, the body checked once
    const count = Math.ceil(MAX_LAYERS / 2) + 10;
    const r = check(net('[2]', `repeat ${count} { residual { dense(2) } }`));
    expect(r.diagnostics.map((d) => d.code)).toContain('analysis/too-many-layers');
    expect(r.diagnostics[0]!.message).toContain(`would have ${(2 * count).toLocaleString('en-US')} layers`);
    expect(r.networks[0]!.layers.map((l) => l.kind)).toEqual(['dense', 'merge']);
  });
});
