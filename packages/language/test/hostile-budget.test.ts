/**
 * Issue 15, items 1, 2 and 7: the work budget. A 70-byte file must never freeze analysis: repeat
 * iterations count against one budget per file (not only the layers they produce), the budget is
 * said in words, a misspelt name inside a huge repeat is looked up once, and the layer limit is
 * exactly 50,000.
 */
import { describe, expect, it } from 'vitest';
import { amount, MAX_LAYERS, MAX_STEPS } from '../src/budget.js';
import { check } from '../src/index.js';
import { net, problems } from './analyze-helpers.js';

/** Runs `f`, failing when it takes longer than `ms`. */
function fast<T>(ms: number, f: () => T): T {
  const t0 = performance.now();
  const out = f();
  expect(performance.now() - t0).toBeLessThan(ms);
  return out;
}

describe('amount', () => {
  it('writes counts a reader takes in at a glance', () => {
    expect(amount(50_001)).toBe('50,001');
    expect(amount(1_000_000)).toBe('10⁶');
    expect(amount(1e9 + 1)).toBe('10⁹');
    expect(amount(2.5e12)).toBe('2.5 × 10¹²');
    expect(amount(9.96e8)).toBe('10⁹');
    expect(amount(1e18)).toBe('10¹⁸');
  });
});

describe('empty and layer-less repeats (item 1)', () => {
  it('`repeat 1000000000 { }` is refused up front, in steps, not walked', () => {
    const src = net('[4]', 'dense(4)\nrepeat 1000000000 { }');
    const ps = fast(500, () => problems(src));
    expect(ps).toEqual([
      {
        code: 'analysis/too-much-expansion',
        text: 'repeat 1000000000',
        line: 5,
        column: 5,
        message: `expanding this repeat would take 10⁹ steps; analysis takes at most 500,000 per file, so it checked the body once and stopped here`,
      },
    ]);
  });

  it('nested empty repeats multiply', () => {
    const ps = fast(500, () => problems(net('[4]', 'dense(4)\nrepeat 1000000000 { repeat 1000000000 { } }')));
    expect(ps.map((p) => p.message)).toEqual([
      'expanding this repeat would take 10¹⁸ steps; analysis takes at most 500,000 per file, so it checked the body once and stopped here',
    ]);
  });

  it('a repeat of an empty block counts the block uses', () => {
    const src = net('[4]', 'dense(4)\nrepeat 1000000000 { e() }', '') + 'block e() { }\n';
    const ps = fast(500, () => problems(src));
    expect(ps.map((p) => [p.code, p.text])).toEqual([['analysis/too-much-expansion', 'repeat 1000000000']]);
    expect(ps[0]!.message).toContain('would take 10⁹ steps');
  });

  it('a repeat that fits the budget is walked in full', () => {
    const r = check(net('[4]', 'repeat 100000 { }\ndense(2)'));
    expect(r.diagnostics).toEqual([]);
    expect(r.networks[0]!.layers.map((l) => l.name)).toEqual(['dense']);
  });
});

describe('one budget per file (item 2)', () => {
  it('ten networks each with `repeat 1000000000 { desne(4) }` report each misspelling once, quickly', () => {
    const src = Array.from({ length: 10 }, (_, i) => `network N${i} { input [4], layers { repeat 1000000000 { desne(4) } } }`).join('\n');
    const r = fast(1000, () => check(src));
    const codes = r.diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === 'analysis/unknown-layer')).toHaveLength(10);
    expect(codes.filter((c) => c === 'analysis/too-much-expansion')).toHaveLength(10);
    expect(r.diagnostics[1]!.message).toBe('unknown layer `desne`; did you mean `dense`?');
  });

  it('the step budget is shared: networks that each fit alone stop once the file has used it', () => {
    const body = `repeat ${MAX_STEPS / 2} { }`;
    const src = [0, 1, 2].map((i) => `network N${i} { input [4], layers { dense(4), ${body} } }`).join('\n');
    const r = fast(3000, () => check(src));
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
      ['analysis/too-much-expansion', 2],
      ['analysis/too-much-expansion', 3],
    ]);
  });
});

describe('the 50,000-layer limit (item 7)', () => {
  it(`\`repeat ${MAX_LAYERS} { dense(4) }\` is accepted`, () => {
    const r = check(net('[4]', `repeat ${MAX_LAYERS} { dense(4) }`));
    expect(r.diagnostics).toEqual([]);
    expect(r.networks[0]!.layers).toHaveLength(MAX_LAYERS);
  });

  it(`\`repeat ${MAX_LAYERS + 1} { dense(4) }\` is refused, saying how many layers it would make`, () => {
    const src = net('[4]', `repeat ${MAX_LAYERS + 1} { dense(4) }`);
    expect(problems(src)).toEqual([
      {
        code: 'analysis/too-many-layers',
        text: `repeat ${MAX_LAYERS + 1}`,
        line: 4,
        column: 5,
        message: 'with this repeat the network would have 50,001 layers; a network may have at most 50,000, so analysis checked the body once and stopped here',
      },
    ]);
  });

  it('50,001 layers written out one by one stop at the 50,001st', () => {
    const src = `network N { input [4], layers { ${Array.from({ length: MAX_LAYERS + 1 }, () => 'dense(4)').join(', ')} } }`;
    const r = check(src);
    expect(r.diagnostics.map((d) => [d.code, d.range.start.offset])).toEqual([['analysis/too-many-layers', src.lastIndexOf('dense(4)')]]);
    expect(r.networks[0]!.layers).toHaveLength(MAX_LAYERS);
  });

  it('a net that resolves to one layer is not told it has more than 50,000', () => {
    const ps = problems(net('[4]', 'dense(4)\nrepeat 1000000 { repeat 1000000 { } }'));
    expect(ps.map((p) => p.code)).toEqual(['analysis/too-much-expansion']);
    expect(ps[0]!.message).not.toContain('layers');
  });
});

describe('a repeated error is computed once (item 2)', () => {
  it('`repeat 40000 { dense(-1) }` checks the call once and reports it once', () => {
    const src = net('[4]', 'repeat 40000 { dense(-1, activation: relu) }');
    const r = fast(1500, () => check(src));
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['analysis/out-of-range', '`units` of `dense` must be a positive integer, got `-1`']]);
    expect(r.networks[0]!.layers).toHaveLength(0); // the invalid layer is dropped, as any invalid call is
  });
});

describe('deep chains of blocks (found by the fuzzers)', () => {
  it('3,000 blocks each using the next: reported once, where the 129th level is used, no stack overflow', () => {
    const src =
      Array.from({ length: 3000 }, (_, i) => `block b${i}() { ${i === 2999 ? 'dense(4)' : `b${i + 1}()`} }`).join('\n') +
      '\nnetwork N { input [4], layers { b0() } }\n';
    const r = fast(3000, () => check(src));
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['analysis/too-deep', 128]]);
    expect(r.diagnostics[0]!.message).toBe(
      'blocks are used inside each other more than 128 levels deep here; analysis stopped (write the layers out, or use a repeat)',
    );
  });

  it('a cycle at the end of a long chain is still named once', () => {
    const src =
      Array.from({ length: 2000 }, (_, i) => `block b${i}() { b${(i + 1) % 2000}() }`).join('\n') + '\nnetwork N { input [4], layers { dense(4) } }\n';
    const r = fast(3000, () => check(src));
    const cycles = r.diagnostics.filter((d) => d.code === 'analysis/recursive-block');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toBe('blocks use each other in a cycle: b0 → b1 → b2 → … → b1999 → b0 (2,000 blocks)');
    expect(r.diagnostics.some((d) => d.code.endsWith('internal-error'))).toBe(false);
  });
});
