/**
 * Issue 15, items 3 and 4, in the linter's stylish output: a 100 KB spec on one line prints code
 * frames cut around each column (it used to die with `Invalid string length`), and 20,000 copies of
 * one message print three frames and a count.
 */
import { describe, expect, it } from 'vitest';
import { formatStylish, lintText, toFileResult } from '../src/index.js';

function stylish(text: string): string {
  const r = lintText(text);
  return formatStylish([toFileResult('big.axon', text, r.parseAndAnalysisDiagnostics, r.findings)]);
}

describe('stylish on hostile input', () => {
  it('10,000 layers on one 100 KB line: every frame line is short, the output linear in the findings', () => {
    const text = `network N { input [4], layers { ${Array.from({ length: 10_000 }, () => 'dense(4)').join(', ')} } }`;
    const t0 = performance.now();
    const out = stylish(text);
    expect(performance.now() - t0).toBeLessThan(20_000);
    const lines = out.split('\n');
    const frames = lines.filter((l) => l.startsWith('    > 1 | '));
    expect(frames.length).toBeGreaterThan(9_000);
    for (const l of frames) expect(l.length).toBeLessThanOrEqual(10 + 122);
    // the carets stand under the layer the finding is about
    const i = lines.indexOf(frames.at(-1)!);
    const caret = lines[i + 1]!;
    const from = caret.indexOf('^');
    expect(frames.at(-1)!.slice(from, caret.lastIndexOf('^') + 1)).toBe('dense(4)');
  });

  it('20,000 duplicate arguments print three times, then a count', () => {
    const text = `network N { input [4], layers { dense(${Array.from({ length: 20_000 }, () => 'units: 1').join(', ')}) } }`;
    const out = stylish(text);
    expect(out.split('\n').filter((l) => l.includes('is given more than once'))).toHaveLength(3);
    expect(out).toContain('… and 19,996 more like this  analysis/duplicate-argument');
    expect(out).toContain('19999 problems (19999 errors');
    expect(out.length).toBeLessThan(5_000);
  });
});
