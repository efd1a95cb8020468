import { describe, expect, it } from 'vitest';
import { format, parse } from '../../src/index.js';

describe('recovery: pathological input', () => {
  it('refuses nesting deeper than 128 levels with one diagnostic at the bracket that goes too deep', () => {
    const src = `network A { data { x: ${'['.repeat(200)}${']'.repeat(200)} } }`;
    const r = parse(src);
    expect(r.diagnostics.map((d) => [d.code, d.range.start.column, d.range.end.column, d.message])).toEqual([
      ['parse/too-deep', 149, 150, 'brackets nested more than 128 levels deep; the file is not parsed'],
    ]);
    expect(r.ast.items).toEqual([]);
    expect(format(src)).toBe(src);
  });

  it('accepts deep but reasonable nesting', () => {
    const depth = 100;
    const src = `network A {\n  layers {\n${'repeat 2 {\n'.repeat(depth)}dense(1)\n${'}\n'.repeat(depth)}  }\n}\n`;
    const r = parse(src);
    expect(r.diagnostics).toEqual([]);
    let d = 0;
    let s: unknown = (r.ast.items[0] as { members: { items: unknown[] }[] }).members[0]!.items[0];
    while ((s as { kind: string }).kind === 'Repeat') {
      d++;
      s = (s as { body: unknown[] }).body[0];
    }
    expect(d).toBe(depth);
    expect(s).toMatchObject({ kind: 'LayerCall', name: { name: 'dense' } });
  });

  it('unclosed calls in many networks do not add up to "too deep": each network starts afresh', () => {
    const src = Array.from({ length: 300 }, (_, i) => `network N${i} { layers { dense(`).join('\n');
    const r = parse(src);
    expect(r.diagnostics.some((d) => d.code === 'parse/too-deep')).toBe(false);
    expect(r.ast.items.length).toBeGreaterThan(10);
  });

  it('stops after 100 syntax errors, keeping the tree read so far', () => {
    const src = Array.from({ length: 500 }, (_, i) => `network N${i} { layers { dense(1 ] ) } }`).join('\n');
    const t0 = performance.now();
    const r = parse(src);
    const ms = performance.now() - t0;
    const last = r.diagnostics[r.diagnostics.length - 1]!;
    expect(last.code).toBe('parse/too-many-errors');
    expect(last.message).toBe('100 syntax errors: the parser stopped here; fix these and parse again');
    expect(r.diagnostics.length).toBeLessThanOrEqual(102);
    expect(r.ast.items.length).toBeGreaterThanOrEqual(50);
    expect(r.ast.items[0]).toMatchObject({ kind: 'Network', name: { name: 'N0' } });
    expect(ms).toBeLessThan(5000);
    // the parser is reusable afterwards
    expect(parse('network A { input [1] }').diagnostics).toEqual([]);
  });
});
