import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index.js';

describe('recovery: nothing to parse', () => {
  it('an empty file is an empty program without errors', () => {
    const r = parse('');
    expect(r.diagnostics).toEqual([]);
    expect(r.ast).toEqual({
      kind: 'Program',
      range: { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } },
      items: [],
      comments: [],
    });
  });

  it('a file of only comments keeps every comment with its range', () => {
    const src = '// first\n\n/* second\n   spans lines */ // third\n';
    const r = parse(src);
    expect(r.diagnostics).toEqual([]);
    expect(r.ast.items).toEqual([]);
    expect(r.ast.comments).toEqual([
      { kind: 'Comment', text: '// first', block: false, range: { start: { offset: 0, line: 1, column: 1 }, end: { offset: 8, line: 1, column: 9 } } },
      {
        kind: 'Comment',
        text: '/* second\n   spans lines */',
        block: true,
        range: { start: { offset: 10, line: 3, column: 1 }, end: { offset: 37, line: 4, column: 18 } },
      },
      { kind: 'Comment', text: '// third', block: false, range: { start: { offset: 38, line: 4, column: 19 }, end: { offset: 46, line: 4, column: 27 } } },
    ]);
    expect(r.ast.range.end).toEqual({ offset: src.length, line: 5, column: 1 });
  });

  it('a lone keyword reports what was expected at the end of the file', () => {
    const r = parse('network');
    expect(r.diagnostics.map((d) => [d.code, d.message, d.range.start.offset, d.range.end.offset])).toEqual([
      ['parse/unexpected-token', "expected the network's name, found end of file", 7, 7],
    ]);
    expect(r.ast.items).toMatchObject([{ kind: 'Network', members: [] }]);
  });
});
