/**
 * Realistic buggy networks: each fixture's `// expect:` line lists exactly the rule ids it must
 * produce (recommended preset); its fixed version in fixtures/fixed/ must produce no finding at all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { lintText, resolveConfig } from '../src/index.js';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const names = readdirSync(dir).filter((f) => f.endsWith('.axon')).sort();
const config = resolveConfig({});

test('there are at least 30 fixtures, each with a fixed version', () => {
  expect(names.length).toBeGreaterThanOrEqual(30);
  expect(readdirSync(`${dir}fixed`).filter((f) => f.endsWith('.axon')).sort()).toEqual(names);
});

test.each(names)('%s', (name) => {
  const text = readFileSync(`${dir}${name}`, 'utf8');
  const expected = /^\/\/ expect: (.*)$/m.exec(text)![1]!.split(',').map((s) => s.trim()).sort();
  const result = lintText(text, { config });
  expect(result.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect([...new Set(result.findings.map((f) => f.ruleId))].sort()).toEqual(expected);

  const fixedText = readFileSync(`${dir}fixed/${name}`, 'utf8');
  const fixed = lintText(fixedText, { config });
  expect(fixed.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(fixed.findings.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.column}`)).toEqual([]);
});
