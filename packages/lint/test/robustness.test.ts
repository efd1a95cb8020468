/**
 * The language server lints on every keystroke: on any text — random strings, fixtures with tokens
 * deleted, duplicated or inserted — lintText must not throw, no rule may crash, every range must lie
 * inside the text, and applying the fixes must never throw.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { applyFixes, applyFixesDetailed, lintText, resolveConfig, type Finding } from '../src/index.js';
import { applyTextEdits, textEdits } from '../../language/test/fixtures/text-edits.js';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const sources = readdirSync(dir).filter((f) => f.endsWith('.axon')).map((f) => readFileSync(`${dir}${f}`, 'utf8'));
const config = resolveConfig({ presets: ['all'] });
const TOKENS = ['dense(', ')', '(', '{', '}', ',', 'activation:', 'softmax', 'repeat 3 {', 'block b(x) {', 'b(2)', '-1', '0', 'x', 'task', 'layers', '// axon-disable-next-line', '"', '\n'];

function check(text: string): void {
  const r = lintText(text, { config });
  const crashes = r.findings.filter((f: Finding) => f.messageId === 'crash');
  expect(crashes.map((f) => f.message)).toEqual([]);
  for (const f of r.findings) {
    expect(f.range.start.offset).toBeGreaterThanOrEqual(0);
    expect(f.range.end.offset).toBeLessThanOrEqual(text.length);
    expect(f.range.start.offset).toBeLessThanOrEqual(f.range.end.offset);
  }
  const withFix = r.findings.filter((f) => f.fix && f.fix.edits.length > 0);
  const applied = applyFixesDetailed(text, r.findings);
  // Every fix is either applied or skipped as overlapping; the first one is always applied.
  expect(applied.fixed.length + applied.skipped.length).toBe(withFix.length);
  expect(applied.fixed.length > 0).toBe(withFix.length > 0);
  expect(applyFixes(text, r.findings)).toBe(applied.text);
  // Findings without fixes never change the text.
  expect(applyFixes(text, r.findings.filter((f) => !f.fix))).toBe(text);
}

test('arbitrary strings', () => {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 300 });
});

test('fixtures with random token edits', () => {
  fc.assert(
    fc.property(textEdits(sources.length, TOKENS), (edits) => check(applyTextEdits(sources, edits))),
    { numRuns: 400 },
  );
});

test('applying the fixes of every fixture leaves a file that still analyses', () => {
  for (const text of sources) {
    const r = lintText(text, { config });
    const after = applyFixes(text, r.findings);
    const again = lintText(after, { config });
    expect(again.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  }
});
