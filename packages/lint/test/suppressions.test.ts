import { expect, test } from 'vitest';
import { applyEdits, disableFileEdit, disableNextLineEdit, lintText, parseSuppressions, resolveConfig } from '../src/index.js';
import { parse } from '@axon/language';
import { at, lint, net } from './helpers.js';

const R = 'dense(8, activation: relu, init: he_normal)';

test('next-line suppression silences the named rule on the next line only', () => {
  const code = net({ layers: [R, '// axon-disable-next-line high-dropout -- measured on this data', 'dropout(0.8)', 'dropout(0.9)', 'dense(1)'] });
  const found = lint(code, {}).filter((f) => f.ruleId === 'high-dropout');
  expect(found.map((f) => at(code, f.range))).toEqual(['8:13 0.9']);
});

test('file-level suppression silences the rule everywhere', () => {
  const code = `// axon-disable high-dropout, sigmoid-hidden -- legacy model\n${net({ layers: ['dense(8, activation: sigmoid)', 'dropout(0.8)', 'dense(1)'] })}`;
  expect(lint(code, {}).map((f) => f.ruleId)).toEqual([]);
});

test('a suppression must name a rule; unknown and unused ids are reported', () => {
  const code = `// axon-disable-next-line\n${net({ layers: [R, '// axon-disable-next-line high-dropuot, constant-weight-init', 'dropout(0.8)', 'dense(1)'] })}`;
  const found = lint(code, {}).map((f) => [f.ruleId, f.messageId, at(code, f.range)]);
  expect(found).toEqual([
    ['invalid-suppression', 'noRule', '1:1 // axon-disable-next-line'],
    ['invalid-suppression', 'unknownRule', '7:31 high-dropuot'],
    ['unused-suppression', 'unused', '7:45 constant-weight-init'],
    ['high-dropout', 'high', '8:13 0.8'],
  ]);
  const unknown = lint(code, {}).find((f) => f.messageId === 'unknownRule')!;
  expect(unknown.message).toBe('`high-dropuot` is not an Axon lint rule (did you mean "high-dropout"?).');
});

test('the unused-suppression fix removes one id, or the whole comment line', () => {
  const code = net({ layers: [R, '// axon-disable-next-line high-dropout, constant-weight-init -- why', 'dropout(0.8)', 'dense(1)'] });
  const unused = lint(code, {}).filter((f) => f.ruleId === 'unused-suppression');
  expect(unused).toHaveLength(1);
  expect(applyEdits(code, unused[0]!.fix!.edits)).toBe(net({ layers: [R, '// axon-disable-next-line high-dropout -- why', 'dropout(0.8)', 'dense(1)'] }));
  const lone = net({ layers: [R, '// axon-disable-next-line high-dropout', 'dropout(0.2)', 'dense(1)'] });
  const f = lint(lone, {}).find((x) => x.ruleId === 'unused-suppression')!;
  expect(applyEdits(lone, f.fix!.edits)).toBe(net({ layers: [R, 'dropout(0.2)', 'dense(1)'] }));
});

test('suppressions of rules turned off are not reported as unused', () => {
  const code = `// axon-disable init-activation-mismatch\n${net({ layers: [R, 'dense(1)'] })}`;
  expect(lint(code, {}).map((f) => f.ruleId)).toEqual([]);
  expect(lint(code, { presets: ['all'] }).map((f) => f.ruleId)).toEqual(['unused-suppression']);
});

test('parseSuppressions reads kind, ids with ranges, reason and target line', () => {
  const code = `/* axon-disable sigmoid-hidden */\n${net({ layers: [R, '// axon-disable-next-line high-dropout -- tuned', 'dropout(0.8)', 'dense(1)'] })}`;
  const s = parseSuppressions(parse(code).ast);
  expect(s.map((x) => ({ kind: x.kind, ids: x.rules.map((r) => at(code, r.range)), reason: x.reason, line: x.line }))).toEqual([
    { kind: 'axon-disable', ids: ['1:17 sigmoid-hidden'], reason: undefined, line: undefined },
    { kind: 'axon-disable-next-line', ids: ['7:31 high-dropout'], reason: 'tuned', line: 8 },
  ]);
});

test('disableNextLineEdit inserts a comment with the indentation, or extends the one above', () => {
  const code = net({ layers: [R, 'dropout(0.8)', 'dense(1)'] });
  const once = applyEdits(code, [disableNextLineEdit(code, 6, 'high-dropout', 'measured')]);
  expect(once).toBe(net({ layers: [R, '// axon-disable-next-line high-dropout -- measured', 'dropout(0.8)', 'dense(1)'] }));
  expect(lintText(once, { config: resolveConfig({}) }).findings).toEqual([]);
  const twice = applyEdits(once, [disableNextLineEdit(once, 7, 'dropout-before-batch-norm')]);
  expect(twice).toBe(net({ layers: [R, '// axon-disable-next-line high-dropout, dropout-before-batch-norm -- measured', 'dropout(0.8)', 'dense(1)'] }));
  const file = applyEdits(code, [disableFileEdit(code, 'high-dropout')]);
  expect(file.startsWith('// axon-disable high-dropout\nnetwork Net {')).toBe(true);
  expect(lintText(file, { config: resolveConfig({}) }).findings).toEqual([]);
});

test('rule ids in a block comment over several lines get their own line and column', () => {
  const code = `/* axon-disable\n   high-dropout,\n     sigmoid-hidden */\n${net({ layers: [R, 'dense(1)'] })}`;
  const [s] = parseSuppressions(parse(code).ast);
  expect(s!.rules.map((r) => `${r.id} ${at(code, r.range)}`)).toEqual(['high-dropout 2:4 high-dropout', 'sigmoid-hidden 3:6 sigmoid-hidden']);
});

test('disable for this line in a CRLF file keeps the line endings and finds the comment above', () => {
  const code = net({ layers: [R, 'dropout(0.8)', 'dense(1)'] }).replace(/\n/g, '\r\n');
  const edit = disableNextLineEdit(code, 6, 'high-dropout');
  expect(`${edit.range.start.line}:${edit.range.start.column}`).toBe('6:1');
  const once = applyEdits(code, [edit]);
  expect(once.split('\r\n')[5]).toBe('    // axon-disable-next-line high-dropout');
  const again = disableNextLineEdit(once, 7, 'sigmoid-hidden');
  expect(`${again.range.start.line}:${again.range.start.column} ${JSON.stringify(again.newText)}`).toBe('6:43 ", sigmoid-hidden"');
});
