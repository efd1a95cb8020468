/** fixText (`--fix`): the language's fixes while the file has errors, then the rules', never a pass that breaks it. */
import { describe, expect, test } from 'vitest';
import { fixText, resolveConfig, toFileResult } from '../src/index.js';
import { lintText } from '../src/index.js';
import { net } from './helpers.js';

const config = resolveConfig({ presets: ['recommended'] });
const residual = (shortcut: string, body = 'dense(16, init: he_normal)') =>
  net({ input: '[8]', task: 'classification(classes: 3)', layers: ['dense(8, activation: relu, init: he_normal)', 'residual {', `  ${body}`, `}${shortcut}`, 'activation(relu)', 'dense(3, activation: softmax)'] });

describe('fixText', () => {
  test("a residual whose body changes the width: the language's projection fix resolves the error", () => {
    const before = residual('');
    const first = lintText(before, { config });
    expect(first.parseAndAnalysisDiagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.fix?.description}`)).toEqual([
      'analysis/shape-mismatch 6:5 Project the shortcut: `shortcut { dense(16) }`',
    ]);
    // The file result counts it as fixable, as it counts the rules' fixes.
    expect(toFileResult('r.axon', before, first.parseAndAnalysisDiagnostics, first.findings).fixableCount).toBe(1);
    const fixed = fixText(before, { config });
    expect(fixed.text).toBe(residual(' shortcut { dense(16) }'));
    expect(fixed.fixed).toEqual({ diagnostics: 1, findings: 0 });
    expect(fixed.result.parseAndAnalysisDiagnostics).toEqual([]);
    expect(fixed.result.findings).toEqual([]);
  });

  test("then the rules' fixes: the relu before the sum moves after it, in the same run", () => {
    const before = net({ input: '[8]', task: 'classification(classes: 3)', layers: ['residual {', '  dense(16, init: he_normal)', '  activation(relu)', '}', 'dense(3, activation: softmax)'] });
    const fixed = fixText(before, { config });
    expect(fixed.text).toBe(
      net({ input: '[8]', task: 'classification(classes: 3)', layers: ['residual {', '  dense(16, init: he_normal)', '} shortcut { dense(16) }', 'activation(relu)', 'dense(3, activation: softmax)'] }),
    );
    expect(fixed.fixed).toEqual({ diagnostics: 1, findings: 1 });
    expect(fixed.result.parseAndAnalysisDiagnostics).toEqual([]);
  });

  test('an error without a fix: nothing changes, not even the rules\' fixes', () => {
    const before = net({ layers: ['dense(8, activation: relu, init: he_normal, bias_init: constant(-1))', 'dense(1, activation: sigmod)'] });
    const fixed = fixText(before, { config });
    expect(fixed.text).toBe(before);
    expect(fixed.fixed).toEqual({ diagnostics: 0, findings: 0 });
    expect(fixed.result.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error')).toHaveLength(1);
  });

  test('no errors: the rules\' fixes, as before', () => {
    const before = net({ layers: ['dense(8, activation: relu, init: he_normal, bias_init: constant(-1))', 'dense(1)'] });
    const fixed = fixText(before, { config });
    expect(fixed.text).toBe(net({ layers: ['dense(8, activation: relu, init: he_normal, bias_init: zeros)', 'dense(1)'] }));
    expect(fixed.fixed).toEqual({ diagnostics: 0, findings: 1 });
  });
});
