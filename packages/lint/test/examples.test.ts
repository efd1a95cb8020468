/** The "done": on examples/, the deep sigmoid stack gets saturating-deep-stack, the good examples nothing above info. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { lintText } from '../src/index.js';

const dir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const examples = readdirSync(dir).filter((f) => f.endsWith('.axon')).sort();

test('the examples folder has the deep sigmoid stack and good examples', () => {
  expect(examples).toContain('deep-sigmoid.axon');
  expect(examples.length).toBeGreaterThanOrEqual(5);
});

test('deep-sigmoid.axon gets saturating-deep-stack at its first sigmoid layer', () => {
  const path = `${dir}deep-sigmoid.axon`;
  const text = readFileSync(path, 'utf8');
  const r = lintText(text, { filePath: path });
  expect(r.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const deep = r.findings.filter((f) => f.ruleId === 'saturating-deep-stack');
  expect(deep).toHaveLength(1);
  expect(deep[0]!.severity).toBe('warning');
  expect(text.slice(deep[0]!.range.start.offset, deep[0]!.range.end.offset)).toBe('activation: sigmoid');
  expect(deep[0]!.message).toMatch(/^19 hidden layers apply sigmoid/);
});

test.each(examples.filter((f) => f !== 'deep-sigmoid.axon'))('%s: nothing above info', (name) => {
  const path = `${dir}${name}`;
  const r = lintText(readFileSync(path, 'utf8'), { filePath: path });
  expect(r.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.range.start.line}`)).toEqual([]);
});
