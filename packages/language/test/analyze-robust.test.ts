/**
 * Property tests: analysis never throws and never reports an internal error, whatever the parser
 * recovered — on arbitrary strings and on the examples with random token-level edits — and every
 * diagnostic range lies inside the text.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, parse } from '../src/index.js';
import { applyTextEdits, textEdits } from './fixtures/text-edits.js';

const dir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.axon'))
  .map((f) => readFileSync(dir + f, 'utf8'));

const pieces = ['{', '}', '(', ')', '[', ']', ',', ':', 'dense', 'repeat', '3', '-1', '0.5', 'relu', 'block', 'network', '"x"', 'blk', 'width', '\n'];

function analyseOk(text: string): void {
  const { ast } = parse(text);
  const result = analyze(ast);
  for (const d of result.diagnostics) {
    expect(d.code).not.toBe('analysis/internal-error');
    expect(d.range.start.offset).toBeGreaterThanOrEqual(0);
    expect(d.range.end.offset).toBeLessThanOrEqual(text.length);
    expect(d.range.start.offset).toBeLessThanOrEqual(d.range.end.offset);
    expect(d.message.length).toBeGreaterThan(0);
  }
  for (const n of result.networks) for (const l of n.layers) expect(l.outputShape.every((x) => Number.isInteger(x) && x > 0)).toBe(true);
}

describe('analysis robustness', () => {
  it('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => analyseOk(s)),
      { numRuns: 300 },
    );
  });

  it('examples with deleted, duplicated and inserted pieces', () => {
    fc.assert(
      fc.property(textEdits(examples.length, pieces), (edits) => analyseOk(applyTextEdits(examples, edits, ' '))),
      { numRuns: 300 },
    );
  });
});
