#!/usr/bin/env node
/**
 * `npm run fuzz`: seeded, time-bounded fuzzing of the language, the linter and the language server
 * (built packages). Usage:
 *
 *   node scripts/fuzz/run.mjs [--seed N] [--seconds S] [--budget-ms MS] [--only PHASE:INDEX]
 *
 * Phases share the time: generated programs, blow-ups (huge repeats, long lines, deep nesting,
 * huge numbers), one piece inserted at every token boundary of the examples, random mutations of
 * the examples, and LSP edit storms. Every input is derived from (seed, phase, index) alone, so
 * `--only mutate:1234 --seed 7` reproduces input 1234 of that run. Exit 1 when a property fails
 * (each failure is printed with how to reproduce it and the input is saved to a temporary file).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as language from '@axon/language';
import * as lint from '@axon/lint';
import { startServer } from '@axon/lsp';
import { checkInput, editStorm } from './checks.mjs';
import { blowUp, boundaries, mutate, PIECES, program, Random } from './generators.mjs';
import { startClient } from './lsp-client.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const seed = Number(flag('seed', '1'));
const seconds = Number(flag('seconds', '60'));
const budgetMs = Number(flag('budget-ms', '2000'));
const only = flag('only', undefined);

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.axon'))
  .sort()
  .map((f) => readFileSync(join(examplesDir, f), 'utf8'));

/** The input `index` of a phase: a pure function of (seed, phase, index). */
const PHASES = {
  program: (i) => program(new Random(seed * 1_000_003 + i)),
  blowup: (i) => blowUp(new Random(seed * 2_000_003 + i)),
  insert: (i) => {
    // walk the examples' boundaries in order, one piece each, cycling through the pieces
    let k = i;
    for (const text of examples) {
      const b = boundaries(text);
      if (k < b.length * PIECES.length) {
        const at = b[Math.floor(k / PIECES.length)];
        return text.slice(0, at) + PIECES[k % PIECES.length] + text.slice(at);
      }
      k -= b.length * PIECES.length;
    }
    return undefined;
  },
  mutate: (i) => {
    const r = new Random(seed * 3_000_017 + i);
    let text = r.pick(examples);
    for (let n = r.int(1, 4); n > 0; n--) text = mutate(r, text);
    return text;
  },
};
const SHARE = { program: 0.3, blowup: 0.15, insert: 0.25, mutate: 0.15, storm: 0.15 };

const failures = [];
const stats = {};
const failDir = () => (failDir.dir ??= mkdtempSync(join(tmpdir(), 'axon-fuzz-')));

function record(phase, index, text, result) {
  const s = (stats[phase] ??= { inputs: 0, maxMs: 0, bytes: 0 });
  s.inputs++;
  s.maxMs = Math.max(s.maxMs, result.ms);
  s.bytes = Math.max(s.bytes, text.length);
  if (result.failures.length > 0) {
    const file = join(failDir(), `${phase}-${index}.axon`);
    writeFileSync(file, text);
    failures.push(`${phase}:${index} (--seed ${seed} --only ${phase}:${index}; input in ${file}): ${result.failures.join('; ')}`);
  }
}

if (only) {
  const [phase, n] = only.split(':');
  const text = PHASES[phase]?.(Number(n));
  if (text === undefined) throw new Error(`no input ${only}`);
  record(phase, Number(n), text, checkInput({ language, lint }, text, budgetMs));
} else {
  const start = performance.now();
  for (const phase of Object.keys(PHASES)) {
    const until = performance.now() + seconds * 1000 * SHARE[phase];
    for (let i = 0; performance.now() < until; i++) {
      const text = PHASES[phase](i);
      if (text === undefined) break;
      record(phase, i, text, checkInput({ language, lint }, text, budgetMs));
    }
  }
  // LSP edit storms: random edits of the examples, each followed by requests; the end must equal a fresh open.
  const client = await startClient(startServer);
  const until = performance.now() + seconds * 1000 * SHARE.storm;
  const s = (stats.storm = { inputs: 0, requests: 0, maxMs: 0, bytes: 0 });
  for (let i = 0; performance.now() < until; i++) {
    const r = new Random(seed * 4_000_037 + i);
    const t0 = performance.now();
    const out = await editStorm(client, r, r.pick(examples), 20, mutate);
    s.inputs++;
    s.requests += out.requests;
    s.maxMs = Math.max(s.maxMs, performance.now() - t0);
    for (const f of out.failures) failures.push(`storm:${i} (--seed ${seed}): ${f}`);
  }
  client.stop();
  stats.total = { seconds: ((performance.now() - start) / 1000).toFixed(1) };
}

for (const [phase, s] of Object.entries(stats)) {
  if (phase === 'total') continue;
  const extra = s.requests !== undefined ? `, ${s.requests} LSP requests` : '';
  console.log(`${phase.padEnd(8)} ${String(s.inputs).padStart(6)} inputs${extra}, slowest ${s.maxMs.toFixed(0)} ms, largest ${s.bytes} bytes`);
}
if (stats.total) console.log(`seed ${seed}, ${stats.total.seconds} s, per-input budget ${budgetMs} ms`);
if (failures.length > 0) {
  console.log(`\n${failures.length} failure(s):`);
  for (const f of failures.slice(0, 50)) console.log(`- ${f}`);
  process.exitCode = 1;
} else {
  console.log('every property held');
}
