/**
 * Issue 15, item 7: a block of two layers repeated 25,000 times made messages of 170 KB listing
 * "layers 1, 3, 5, …" one by one. Lists of layers are summarised as runs with a count.
 */
import { describe, expect, it } from 'vitest';
import { indexList } from '../src/engine.js';
import { lintText } from '../src/index.js';

describe('indexList', () => {
  it('keeps short lists as they were', () => {
    expect(indexList([3])).toBe('3');
    expect(indexList([2, 3])).toBe('2, 3');
    expect(indexList([2, 4, 6])).toBe('2, 4, 6');
    expect(indexList([3, 4, 5, 6, 20])).toBe('3–6, 20');
  });

  it('writes a long arithmetic run with its first terms, its last and a count', () => {
    const odd = Array.from({ length: 25_000 }, (_, i) => 2 * i + 1);
    expect(indexList(odd)).toBe('1, 3, 5, … 49,999 (25,000 layers)');
  });

  it('prints at most a dozen parts', () => {
    const scattered = Array.from({ length: 1000 }, (_, i) => i * i + 1);
    const text = indexList(scattered);
    expect(text.split(', ').length).toBeLessThanOrEqual(12);
    expect(text.endsWith('(1,000 layers)')).toBe(true);
  });
});

describe('a repeat of a two-layer block 25,000 times', () => {
  it('gives messages of bounded length', () => {
    const r = lintText('block two() { dense(4), dense(4) }\nnetwork N { input [4], layers { repeat 25000 { two() } } }\n');
    const m = r.findings.find((f) => f.ruleId === 'missing-nonlinearity');
    expect(m?.message).toContain('(layers 1, 3, 5, … 49,999 (25,000 layers) of 50000, from `repeat 25000` at line 2');
    for (const f of r.findings) expect(f.message.length).toBeLessThan(1_000);
  });
});
