/**
 * Every rule on random graphs of sequence layers: recurrent layers that return their sequences,
 * conv1d with `same` padding and per-step dense layers on a [20, 8] input, wired to random earlier
 * layers with merges, then a global pool and a softmax. No rule may crash, every range lies in the
 * text, findings come out sorted, and the chain plan lints exactly like the written source.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { isChain, parse, type MergeMode } from '@axon/language';
import { lintDocument, lintText, resolveConfig } from '../src/index.js';
import { net } from './helpers.js';
import { expectSoundFindings, rewire, type PlanEntry } from './graph-builder.js';

/** Layers that keep a [20, 8] sequence [20, 8], so any two can be merged (add, multiply, average, maximum). */
const POOL = [
  'lstm(8, return_sequences: true)',
  'gru(4, return_sequences: true, bidirectional: true)',
  'simple_rnn(8, return_sequences: true, activation: relu)',
  'lstm(8, return_sequences: true, recurrent_activation: relu)',
  'conv1d(8, 3, padding: same)',
  'conv1d(8, 3, padding: same, activation: sigmoid)',
  'dense(8)',
  'dense(8, activation: tanh)',
  'dropout(0.3)',
  'activation(relu)',
];
const MODES: MergeMode[] = ['add', 'multiply', 'average', 'maximum'];
const text = net({ task: 'classification(classes: 3)', input: '[20, 8]', layers: [...POOL, 'global_max_pool1d()', 'dense(3, activation: softmax)'] });
const POOLING = POOL.length;
const config = resolveConfig({ presets: ['all'] });

type Step = { kind: 'layer'; pick: number; from: number } | { kind: 'merge'; mode: number; from: number[] };

const step = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('layer' as const), pick: fc.nat(POOL.length - 1), from: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), mode: fc.nat(MODES.length - 1), from: fc.array(fc.nat(), { minLength: 2, maxLength: 3 }) }) },
);

/** Each step reads earlier entries (or the input); whatever nothing reads is added together before the pool. */
function plan(steps: Step[]): PlanEntry[] {
  const entries: PlanEntry[] = [];
  for (const s of steps) {
    const pickFrom = (k: number) => (k % (entries.length + 1)) - 1;
    if (s.kind === 'layer') entries.push({ layer: s.pick, inputs: [pickFrom(s.from)] });
    else {
      const inputs = [...new Set(s.from.map(pickFrom))];
      if (inputs.length >= 2) entries.push({ merge: MODES[s.mode]!, inputs });
    }
  }
  const read = new Set(entries.flatMap((e) => e.inputs));
  const dangling = entries.map((_, i) => i).filter((i) => !read.has(i));
  let last = dangling.length === 0 ? -1 : dangling[0]!;
  if (dangling.length > 1) {
    entries.push({ merge: 'add', inputs: dangling });
    last = entries.length - 1;
  }
  entries.push({ layer: POOLING, inputs: [last] });
  entries.push({ layer: POOLING + 1, inputs: [entries.length - 1] });
  return entries;
}

test('random sequence graphs: no rule crashes, ranges lie in the text, findings are sorted, fixes apply', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 10 }), (steps) => {
      const network = rewire(text, plan(steps));
      expectSoundFindings(text, network, config);
    }),
    { numRuns: 100 },
  );
});

test('the chain plan over the written sequence layers lints exactly like the source, and the findings are the expected ones', () => {
  const chain: PlanEntry[] = [...POOL, 'pool', 'out'].map((_, i) => ({ layer: i, inputs: [i - 1] }));
  const network = rewire(text, chain);
  expect(isChain(network)).toBe(true);
  const fromSource = lintText(text, { config }).findings;
  expect(lintDocument({ text, ast: parse(text).ast, networks: [network] }, config)).toEqual(fromSource);
  // The relu cell and the relu gates (unbounded-recurrent-activation), the sigmoid conv1d (sigmoid-hidden),
  // the linear conv1d into a dense and the linear dense into a tanh dense (missing-nonlinearity),
  // dropout's 0.3 is fine; nothing about the LSTMs' own tanh and sigmoid.
  expect(fromSource.map((f) => `${f.ruleId}/${f.messageId} ${f.range.start.line}`)).toEqual([
    'unbounded-recurrent-activation/cell 7',
    'unbounded-recurrent-activation/gate 8',
    'missing-nonlinearity/collapse 9',
    'sigmoid-hidden/hidden 10',
    'missing-nonlinearity/collapse 11',
  ]);
});
