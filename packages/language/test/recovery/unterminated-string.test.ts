import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index.js';
import { recovered } from './recovery-helpers.js';

describe('recovery: an unterminated string', () => {
  it('runs to the end of its line; the next settings, members and networks survive', () => {
    const src = 'network A {\n  data {\n    source: "iris.csv\n    target: "species"\n  }\n  layers { dense(1) }\n}\nnetwork B { input [1] }\n';
    expect(recovered(src)).toEqual({
      errors: [
        {
          code: 'parse/unterminated-string',
          at: '3:13-3:22',
          text: '"iris.csv',
          message: 'unterminated string: expected a closing \'"\' before the end of the line',
        },
      ],
      tree: ['network A {data {source: "iris.csv; target: "species"}; layers {dense(1)}}', 'network B {input [1]}'],
    });
    const data = parse(src).ast.items[0];
    if (data?.kind !== 'Network' || data.members[0]?.kind !== 'Data') throw new Error('data expected');
    expect(data.members[0].settings[0]?.value).toMatchObject({ kind: 'String', value: 'iris.csv', raw: '"iris.csv' });
  });

  it('an invalid escape is reported on its two characters and kept as the escaped character', () => {
    const src = 'network A { layers { dense(1, init: "he\\q") } }';
    const r = recovered(src);
    expect(r.errors).toEqual([
      {
        code: 'parse/invalid-escape',
        at: '1:40-1:42',
        text: '\\q',
        message: 'invalid escape "\\\\q" in a string; use \\", \\\\, \\n, \\t, \\r or \\uXXXX',
      },
    ]);
    expect(r.tree).toEqual(['network A {layers {dense(1, init: "he\\q")}}']);
  });

  it('an unterminated block comment swallows the rest of the file, reported at its opening', () => {
    const src = 'network A {\n  layers { dense(1) }\n}\n/* never closed\nnetwork B {}';
    const r = parse(src);
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column, d.range.end.column])).toEqual([
      ['parse/unterminated-comment', 4, 1, 3],
    ]);
    expect(r.ast.items.map((i) => i.name?.name)).toEqual(['A']);
    expect(r.ast.comments[0]?.text).toBe('/* never closed\nnetwork B {}');
  });
});
