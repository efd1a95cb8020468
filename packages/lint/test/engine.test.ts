/** One finding per source range, the expansion note, per-message severity, safe fixes across expansions. */
import { expect, test } from 'vitest';
import { applyFixes, lintText, resolveConfig } from '../src/index.js';
import { at, lint, net } from './helpers.js';

test('a layer inside a repeat is reported once, with the expansions it came from', () => {
  const code = net({
    task: 'classification(classes: 3)',
    layers: ['dense(8, activation: relu, init: he_normal)', 'dense(8, activation: relu, init: he_normal)', 'repeat 18 {', '  dense(8, activation: softmax)', '}', 'dense(3, activation: softmax)'],
  });
  const found = lint(code).filter((f) => f.ruleId === 'softmax-hidden');
  expect(found).toHaveLength(1);
  expect(at(code, found[0]!.range)).toBe('8:16 activation: softmax');
  expect(found[0]!.message).toMatch(/\(layers 3–20 of 21, from `repeat 18` at line 7\)$/);
  expect(found[0]!.expansion).toEqual({
    layers: Array.from({ length: 18 }, (_, i) => i + 3),
    total: 21,
    network: 'Net',
    text: 'layers 3–20 of 21, from `repeat 18` at line 7',
  });
  expect(found[0]!.related?.map((r) => [at(code, r.range), r.message])).toEqual([['7:5 repeat 18', 'expanded by `repeat 18`']]);
});

test('a layer inside a block points at its own line and names the block use', () => {
  const code = net({
    layers: ['wide(8)', 'wide(16)', 'dense(1)'],
    blocks: 'block wide(n) {\n  dense(n, activation: softmax)\n}',
  });
  const found = lint(code).filter((f) => f.ruleId === 'softmax-hidden');
  expect(found).toHaveLength(1);
  expect(at(code, found[0]!.range)).toBe('12:12 activation: softmax');
  expect(found[0]!.message).toContain('(layers 1, 2 of 3, from `wide(8)` at line 5; `wide(16)` at line 6)');
});

test('a fix inside a block is dropped when another use of the block does not need it', () => {
  // The block is the output in one network and a hidden layer in another: its sigmoid is only wrong in the regression.
  const code = `${net({ name: 'A', layers: ['out()'] })}${net({ name: 'B', task: 'binary_classification', layers: ['dense(4, activation: relu, init: he_normal)', 'out()'], blocks: 'block out() {\n  dense(1, activation: sigmoid)\n}' })}`;
  const found = lint(code).filter((f) => f.ruleId === 'regression-output-linear');
  expect(found).toHaveLength(1);
  expect(found[0]!.fix).toBeUndefined();
});

test('a fix inside a repeat is kept when every expansion asked for it', () => {
  const code = net({ layers: ['repeat 3 {', '  dense(8, activation: relu, init: zeros)', '}', 'dense(1)'] });
  const found = lint(code).filter((f) => f.ruleId === 'constant-weight-init');
  expect(found).toHaveLength(1);
  expect(applyFixes(code, found)).toBe(net({ layers: ['repeat 3 {', '  dense(8, activation: relu, init: he_uniform)', '}', 'dense(1)'] }));
});

test('per-message severities apply unless the config sets the rule explicitly', () => {
  const code = net({ layers: ['dense(8, activation: tanh)', 'dense(1, activation: relu, init: he_normal)'] });
  expect(lint(code, {}).find((f) => f.ruleId === 'regression-output-linear')?.severity).toBe('warning');
  expect(lint(code, { rules: { 'regression-output-linear': 'error' } }).find((f) => f.ruleId === 'regression-output-linear')?.severity).toBe('error');
  expect(lint(code, { rules: { 'regression-output-linear': 'off' } }).find((f) => f.ruleId === 'regression-output-linear')).toBeUndefined();
});

test('rules still run on the networks that resolve when the file has errors', () => {
  const code = `network Broken {\n  input [4]\n  layers {\n    desne(3)\n  }\n}\n${net({ layers: ['dense(8)', 'dense(1, activation: sigmoid)'] })}`;
  const result = lintText(code, { config: resolveConfig({}) });
  expect(result.parseAndAnalysisDiagnostics.some((d) => d.severity === 'error')).toBe(true);
  expect(result.findings.map((f) => f.ruleId)).toContain('regression-output-linear');
});

test('findings are sorted by position and JSON-serialisable', () => {
  const code = net({ layers: ['dense(8)', 'dropout(0.9)', 'dense(1, activation: sigmoid)'] });
  const found = lint(code);
  const offsets = found.map((f) => f.range.start.offset);
  expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  expect(JSON.parse(JSON.stringify(found))).toEqual(found);
  expect(found.map((f) => f.ruleId)).toEqual(['missing-nonlinearity', 'high-dropout', 'regression-output-linear']);
});
