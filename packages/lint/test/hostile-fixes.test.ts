/**
 * Issue 15, item 8: a fix whose result has an error the file did not have is never offered nor
 * applied, and the reason is kept. conv2d → dense → max_pool2d → dense: `flatten()` before the
 * first dense makes max_pool2d receive a flat input; before the second it is right.
 */
import { describe, expect, it } from 'vitest';
import { check } from '@axon/language';
import { fixText, lintText, vetFixes } from '../src/index.js';

const SPEC = `network N {
  input [28, 28, 1]
  task classification(classes: 10)
  layers {
    conv2d(8, kernel: 3, activation: relu)
    dense(16, activation: relu)
    max_pool2d(2)
    dense(10, activation: softmax)
  }
}
`;

describe('vetFixes', () => {
  it('withholds the flatten() that breaks max_pool2d, keeps the one that does not', () => {
    const r = lintText(SPEC);
    const flatten = r.findings.filter((f) => f.ruleId === 'missing-flatten');
    expect(flatten.map((f) => [f.range.start.line, f.fix !== undefined])).toEqual([
      [6, false],
      [8, true],
    ]);
    expect(r.withheldFixes.map((w) => [w.finding.range.start.line, w.reason])).toEqual([
      [6, 'insert flatten() would introduce an error at line 7: max_pool2d needs an input of shape [height, width, channels], but its input is [16]'],
    ]);
  });

  it('--fix applies the safe fix only, and the file keeps no new error', () => {
    const fixed = fixText(SPEC);
    expect(fixed.fixed.findings).toBe(1);
    expect(fixed.text).toBe(SPEC.replace('    max_pool2d(2)\n', '    max_pool2d(2)\n    flatten()\n'));
    expect(check(fixed.text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(fixed.result.withheldFixes).toHaveLength(1);
  });

  it('fixes that are safe alone but clash together: the last is withheld', () => {
    const at = (o: number) => ({ offset: o, line: 1, column: o + 1 });
    const finding = (o: number, newText: string) => ({
      range: { start: at(o), end: at(o) },
      fix: { description: `insert ${newText}`, edits: [{ range: { start: at(o), end: at(o) }, newText }] },
    });
    // each alone leaves a valid program; together they make a duplicate network
    const src = 'network A { input [1], layers { dense(1) } }\n';
    const a = finding(src.length, 'network B { input [1], layers { dense(1) } }\n');
    const b = finding(0, 'network B { input [1], layers { dense(1) } }\n');
    const v = vetFixes(src, [a, b]);
    expect(v.findings.filter((f) => f.fix).length).toBe(1);
    expect(v.withheld).toHaveLength(1);
    expect(v.withheld[0]!.reason).toMatch(/would introduce an error together with the other fixes, at line \d+: network `B` is already defined/);
  });

  it('a file whose fixes are all safe keeps every one', () => {
    const src = 'network N {\n  input [4]\n  task regression(outputs: 1)\n  layers {\n    dense(8, activation: relu)\n    dense(1, activation: sigmoid)\n  }\n}\n';
    const r = lintText(src);
    expect(r.withheldFixes).toEqual([]);
    expect(r.findings.some((f) => f.fix)).toBe(true);
  });
});
