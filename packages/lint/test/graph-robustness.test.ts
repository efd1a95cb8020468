/**
 * Every rule on random graphs: layers of one width wired to random earlier layers, with merges of
 * every mode, joined into one output. No rule may crash, every range lies in the text, findings
 * come out sorted, and a plan that happens to be a chain lints exactly like the written source.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { isChain, parse, topologicalOrder, type MergeMode } from '@axon/language';
import { lintDocument, lintText, resolveConfig } from '../src/index.js';
import { net } from './helpers.js';
import { expectSoundFindings, rewire, type PlanEntry } from './graph-builder.js';

/** Width-preserving layers on an [8] input, so any two can be merged. */
const POOL = [
  'dense(8, activation: relu)',
  'dense(8)',
  'dense(8, activation: tanh)',
  'dense(8, activation: sigmoid)',
  'dense(8, activation: selu)',
  'dense(8, activation: softmax)',
  'dense(8, activation: relu, init: zeros)',
  'dropout(0.7)',
  'batch_norm()',
  'activation(sigmoid)',
  'activation(relu)',
];
const MODES: MergeMode[] = ['add', 'concat', 'multiply', 'average', 'maximum'];
const text = net({ task: 'classification(classes: 3)', input: '[8]', layers: [...POOL, 'dense(3, activation: softmax)'] });
const OUTPUT = POOL.length;
const config = resolveConfig({ presets: ['all'] });

type Step = { kind: 'layer'; pick: number; from: number } | { kind: 'merge'; mode: number; from: number[] };

const step = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('layer' as const), pick: fc.nat(POOL.length - 1), from: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), mode: fc.nat(MODES.length - 1), from: fc.array(fc.nat(), { minLength: 2, maxLength: 3 }) }) },
);

/** A plan from random steps: each reads earlier entries (or the input); whatever nothing reads is added together before the output. */
function plan(steps: Step[]): PlanEntry[] {
  const entries: PlanEntry[] = [];
  // Concatenating changes the width, so only the output dense layer (or a final concat) reads a concat.
  const readable: number[] = [-1];
  for (const s of steps) {
    const pickFrom = (k: number) => readable[k % readable.length]!;
    if (s.kind === 'layer') {
      entries.push({ layer: s.pick, inputs: [pickFrom(s.from)] });
      readable.push(entries.length - 1);
    } else {
      const inputs = [...new Set(s.from.map(pickFrom))];
      if (inputs.length < 2) continue;
      const mode = MODES[s.mode]!;
      entries.push({ merge: mode, inputs });
      if (mode !== 'concat') readable.push(entries.length - 1);
    }
  }
  const read = new Set(entries.flatMap((e) => e.inputs));
  const dangling = entries.map((_, i) => i).filter((i) => !read.has(i));
  const concatOnly = dangling.filter((i) => 'merge' in entries[i]! && (entries[i] as { merge: MergeMode }).merge === 'concat');
  const tail = dangling.filter((i) => !concatOnly.includes(i));
  // A dangling concat is wider than 8, so it cannot be added to the rest: then the final join is a concat.
  let last: number;
  if (dangling.length === 0) last = -1;
  else if (dangling.length === 1) last = dangling[0]!;
  else {
    entries.push({ merge: concatOnly.length > 0 ? 'concat' : 'add', inputs: [...tail, ...concatOnly] });
    last = entries.length - 1;
  }
  entries.push({ layer: OUTPUT, inputs: [last] });
  return entries;
}

test('random graphs: no rule crashes, ranges lie in the text, findings are sorted, fixes apply', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
      const network = rewire(text, plan(steps));
      expect(topologicalOrder(network).length).toBe(network.layers.length);
      expectSoundFindings(text, network, config);
    }),
    { numRuns: 150 },
  );
});

test('a chain plan over the written layers lints exactly like the source', () => {
  const chain: PlanEntry[] = [...POOL.map((_, i) => ({ layer: i, inputs: [i - 1] })), { layer: OUTPUT, inputs: [OUTPUT - 1] }];
  const network = rewire(text, chain);
  expect(isChain(network)).toBe(true);
  const fromSource = lintText(text, { config }).findings;
  expect(fromSource.length).toBeGreaterThan(5);
  expect(lintDocument({ text, ast: parse(text).ast, networks: [network] }, config)).toEqual(fromSource);
});
