/** The graph constructs' trees: `residual { } shortcut { }`, `parallel(merge: …) { branch { } … }`, and their ranges. */
import { describe, expect, it } from 'vitest';
import { parse, type LayerStmt, type ParallelStmt, type ResidualStmt } from '../src/index.js';
import { expectConsistentRanges, strip, textAt } from './parse-helpers.js';

function layersOf(src: string): LayerStmt[] {
  const r = parse(src);
  expect(r.diagnostics).toEqual([]);
  expectConsistentRanges(src, r.ast);
  const n = r.ast.items[0]!;
  if (n.kind !== 'Network') throw new Error('expected a network');
  const layers = n.members.find((m) => m.kind === 'Layers');
  if (layers?.kind !== 'Layers') throw new Error('expected layers');
  return layers.items;
}

const inNet = (body: string) => `network N {\n  input [8, 8, 3]\n  layers {\n${body}\n  }\n}\n`;

describe('residual', () => {
  it('with a shortcut: body, shortcut items, and the ranges of keyword, body, clause and statement', () => {
    const src = inNet(`    residual {
      conv2d(4, kernel: 3, padding: same)
      batch_norm
    } shortcut { conv2d(4, kernel: 1) }
    flatten`);
    const [res, after] = layersOf(src) as [ResidualStmt, LayerStmt];
    expect(res.kind).toBe('Residual');
    expect(textAt(src, res.keywordRange)).toBe('residual');
    expect(textAt(src, res.range)).toBe('residual {\n      conv2d(4, kernel: 3, padding: same)\n      batch_norm\n    } shortcut { conv2d(4, kernel: 1) }');
    expect(textAt(src, res.bodyRange)).toBe('{\n      conv2d(4, kernel: 3, padding: same)\n      batch_norm\n    }');
    expect(res.body.map((s) => textAt(src, s.range))).toEqual(['conv2d(4, kernel: 3, padding: same)', 'batch_norm']);
    expect(textAt(src, res.shortcut!.keywordRange)).toBe('shortcut');
    expect(textAt(src, res.shortcut!.range)).toBe('shortcut { conv2d(4, kernel: 1) }');
    expect(res.shortcut!.items.map((s) => textAt(src, s.range))).toEqual(['conv2d(4, kernel: 1)']);
    expect(textAt(src, after.range)).toBe('flatten');
  });

  it('without a shortcut: no shortcut clause; the statement ends at the body', () => {
    const src = inNet('    residual { dense(3) }\n    dense(2)');
    const [res] = layersOf(src) as [ResidualStmt];
    expect(res.shortcut).toBeUndefined();
    expect(textAt(src, res.range)).toBe('residual { dense(3) }');
    expect(textAt(src, res.bodyRange)).toBe('{ dense(3) }');
    expect(strip(res)).toEqual({
      kind: 'Residual',
      body: [{ kind: 'LayerCall', name: { kind: 'Identifier', name: 'dense' }, args: { kind: 'ArgList', args: [{ kind: 'Argument', value: { kind: 'Number', value: 3, raw: '3' } }] } }],
    });
  });

  it('the shortcut may start on the next line after the body', () => {
    const src = inNet('    residual { dense(3) }\n    shortcut { }');
    const [res] = layersOf(src) as [ResidualStmt];
    expect(res.shortcut?.items).toEqual([]);
    expect(textAt(src, res.range)).toBe('residual { dense(3) }\n    shortcut { }');
  });
});

describe('parallel', () => {
  it('merge argument, three branches (one empty), keyword and branch ranges', () => {
    const src = inNet(`    parallel(merge: add) {
      branch { dense(4), dropout(0.1) }
      branch { }
      branch {
        dense(4)
      }
    }`);
    const [par] = layersOf(src) as [ParallelStmt];
    expect(par.kind).toBe('Parallel');
    expect(par.args?.args.map((a) => [a.name?.name, a.value?.kind === 'Name' ? a.value.name.name : undefined])).toEqual([['merge', 'add']]);
    expect(par.branches.map((b) => b.items.length)).toEqual([2, 0, 1]);
    expect(textAt(src, par.keywordRange)).toBe('parallel');
    expect(par.branches.map((b) => textAt(src, b.range).split('\n')[0])).toEqual(['branch { dense(4), dropout(0.1) }', 'branch { }', 'branch {']);
    expect(par.branches.map((b) => textAt(src, b.keywordRange))).toEqual(['branch', 'branch', 'branch']);
    expect(textAt(src, par.range).endsWith('}\n    }')).toBe(true);
  });

  it('without arguments the argument list is absent', () => {
    const [par] = layersOf(inNet('    parallel { branch { dense(1) } branch { dense(2) } }')) as [ParallelStmt];
    expect(par.args).toBeUndefined();
    expect(par.branches).toHaveLength(2);
  });
});

describe('nesting', () => {
  it('a residual inside a branch inside a repeat inside a block', () => {
    const src = `block stage(w) {
  repeat 2 {
    parallel {
      branch { residual { dense(w) } }
      branch { }
    }
  }
}
network N {
  input [4]
  layers { stage(4) }
}
`;
    const r = parse(src);
    expect(r.diagnostics).toEqual([]);
    expectConsistentRanges(src, r.ast);
    const block = r.ast.items[0]!;
    if (block.kind !== 'Block') throw new Error('expected a block');
    const rep = block.body[0]!;
    if (rep.kind !== 'Repeat') throw new Error('expected a repeat');
    const par = rep.body[0] as ParallelStmt;
    const res = par.branches[0]!.items[0] as ResidualStmt;
    expect(res.kind).toBe('Residual');
    expect(textAt(src, res.range)).toBe('residual { dense(w) }');
    expect(par.branches[1]!.items).toEqual([]);
  });

  it('the graph keywords are reserved: a block cannot be named `residual`', () => {
    const r = parse('block residual { dense(1) }\n');
    expect(r.diagnostics.map((d) => d.code)).toContain('parse/unexpected-token');
  });
});

describe('tokens', () => {
  it('the four graph words are keywords; `merge` and the modes are names', async () => {
    const { tokenize } = await import('../src/index.js');
    expect(tokenize('parallel(merge: add) { branch { } } residual { } shortcut { }').filter((t) => t.kind !== 'punctuation').map((t) => `${t.kind}:${t.text}`)).toEqual([
      'keyword:parallel',
      'identifier:merge',
      'identifier:add',
      'keyword:branch',
      'keyword:residual',
      'keyword:shortcut',
    ]);
  });
});
