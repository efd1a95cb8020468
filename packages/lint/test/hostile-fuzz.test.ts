/**
 * The short run of the fuzzers (`npm run fuzz` runs them for a minute; docs/reliability.md): a few
 * seconds of generated programs, blow-ups, single insertions at token boundaries and mutations of
 * the examples, each checked for the properties in scripts/fuzz/checks.mjs, against the sources.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as language from '@axon/language';
import * as lint from '../src/index.js';
// @ts-expect-error plain JavaScript shared with scripts/fuzz/run.mjs
import { checkInput } from '../../../scripts/fuzz/checks.mjs';
// @ts-expect-error plain JavaScript shared with scripts/fuzz/run.mjs
import { blowUp, boundaries, mutate, PIECES, program, Random } from '../../../scripts/fuzz/generators.mjs';

type Result = { ms: number; failures: string[] };
const check = checkInput as (api: unknown, text: string, budgetMs: number) => Result;
const dir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.axon'))
  .sort()
  .map((f) => readFileSync(dir + f, 'utf8'));

/** Checks inputs from `make(i)` for about `ms` (and at least `min` of them), returning the failures with the input's index. */
function run(ms: number, make: (i: number) => string | undefined, min = 1): { inputs: number; failures: string[] } {
  const until = performance.now() + ms;
  const failures: string[] = [];
  let inputs = 0;
  for (let i = 0; performance.now() < until || inputs < min; i++) {
    const text = make(i);
    if (text === undefined) break;
    inputs++;
    // a generous per-input budget: the suite shares the machine with other test files
    for (const f of check({ language, lint }, text, 8_000).failures) failures.push(`#${i}: ${f}`);
  }
  return { inputs, failures };
}

describe('fuzz (short run, seed 1)', () => {
  it('generated programs', () => {
    const r = run(1_200, (i) => program(new Random(1_000_003 + i)), 5);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('blow-ups: huge repeats, long lines, deep nesting, huge numbers', () => {
    const r = run(1_500, (i) => blowUp(new Random(2_000_003 + i)), 3);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('one piece inserted at token boundaries of an example', () => {
    const text = examples[0]!;
    const at = boundaries(text) as number[];
    const r = run(1_200, (i) => {
      const where = at[Math.floor(i / PIECES.length)];
      return where === undefined ? undefined : text.slice(0, where) + PIECES[i % PIECES.length] + text.slice(where);
    }, 20);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toBeGreaterThanOrEqual(20);
  }, 60_000);

  it('random mutations of the examples', () => {
    const r = run(1_000, (i) => {
      const rand = new Random(3_000_017 + i);
      let text = rand.pick(examples) as string;
      for (let n = rand.int(1, 4); n > 0; n--) text = mutate(rand, text);
      return text;
    }, 10);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toBeGreaterThanOrEqual(10);
  }, 60_000);

  it('the generators are reproducible: one seed, one input', () => {
    expect(program(new Random(42))).toBe(program(new Random(42)));
    expect(blowUp(new Random(7))).toBe(blowUp(new Random(7)));
    expect(program(new Random(42))).not.toBe(program(new Random(43)));
  });
});
