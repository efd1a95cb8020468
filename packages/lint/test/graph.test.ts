/**
 * Every rule on networks that are graphs, not chains: the language's hand-built branching fixture
 * (input → dense(8, relu) → {dense(6, tanh), dense(6)} → merge → dense(3, softmax)) with each merge
 * mode, and small rewired networks for the rules that look at neighbours, paths and the output.
 * Linted through `lintDocument`, the engine entry that takes resolved networks.
 */
import { describe, expect, test } from 'vitest';
import { parse, type MergeMode, type ResolvedNetwork } from '@axon/language';
import { applyFixes, lintDocument, lintText, resolveConfig, type Finding, type RawConfig } from '../src/index.js';
import { BRANCHING_SOURCE, branchingNetwork } from '../../language/test/fixtures/branching-network.js';
import { rewire, type PlanEntry } from './graph-builder.js';
import { at, net } from './helpers.js';
import { layerRange } from '../src/facts.js';

function lintNetwork(text: string, network: ResolvedNetwork, config: RawConfig = { presets: ['all'] }): Finding[] {
  return lintDocument({ text, ast: parse(text).ast, networks: [network] }, resolveConfig(config));
}

const show = (text: string) => (f: Finding) => `${f.ruleId}/${f.messageId} ${at(text, f.range)}`;

const HE = 'init-activation-mismatch/needHe 6:5 dense(8, activation: relu)';
const COLLAPSE = 'missing-nonlinearity/collapse 8:5 dense(6)';

describe('the branching fixture, every rule', () => {
  // add, concat and average are linear in each input: the linear branch dense(6) and dense(3) after
  // the merge compose into one linear map. multiply and maximum are not linear.
  const expected: Record<MergeMode, string[]> = {
    add: [HE, COLLAPSE],
    concat: [HE, COLLAPSE],
    average: [HE, COLLAPSE],
    multiply: [HE],
    maximum: [HE],
  };
  for (const mode of Object.keys(expected) as MergeMode[]) {
    test(`merge: ${mode}`, () => {
      const findings = lintNetwork(BRANCHING_SOURCE, branchingNetwork(mode));
      expect(findings.map(show(BRANCHING_SOURCE))).toEqual(expected[mode]);
      const collapse = findings.find((f) => f.ruleId === 'missing-nonlinearity');
      if (collapse) expect(collapse.related![0]!.message).toBe(`dense_3 follows through the ${mode} merge with no non-linearity in between`);
    });
  }

  test('missing-nonlinearity names the linear branch and the layer after the merge', () => {
    const [collapse] = lintNetwork(BRANCHING_SOURCE, branchingNetwork('add')).filter((f) => f.ruleId === 'missing-nonlinearity');
    expect(collapse!.message).toBe(
      'dense_2 has no activation and feeds dense_3 with nothing non-linear in between, so the two collapse into one linear map: this layer adds parameters but no expressive power. Give it an activation such as relu.',
    );
    expect(collapse!.severity).toBe('warning');
    expect(collapse!.related!.map((r) => `${at(BRANCHING_SOURCE, r.range)} — ${r.message}`)).toEqual([
      '9:5 dense(3, activation: softmax) — dense_3 follows through the add merge with no non-linearity in between',
    ]);
    expect(collapse!.fix).toBeUndefined();
  });

  test("the trunk's He fix applies to the source", () => {
    const findings = lintNetwork(BRANCHING_SOURCE, branchingNetwork('concat'));
    expect(applyFixes(BRANCHING_SOURCE, findings)).toBe(
      BRANCHING_SOURCE.replace('dense(8, activation: relu)', 'dense(8, activation: relu, init: he_uniform)'),
    );
  });

  test('the recommended preset finds only the collapse', () => {
    expect(lintNetwork(BRANCHING_SOURCE, branchingNetwork('add'), {}).map(show(BRANCHING_SOURCE))).toEqual([COLLAPSE]);
  });

  test('saturating-deep-stack: the one tanh branch is a gradient path of depth 1', () => {
    const findings = lintNetwork(BRANCHING_SOURCE, branchingNetwork('add'), { rules: { 'saturating-deep-stack': ['warning', { depth: { tanh: 1 } }] } });
    expect(findings.map(show(BRANCHING_SOURCE))).toEqual(['saturating-deep-stack/deep 7:14 activation: tanh', COLLAPSE]);
    expect(findings[0]!.message).toMatch(/^1 hidden layers apply tanh \(1 or more are flagged\)/);
  });
});

const tanhStack = net({
  task: 'classification(classes: 3)',
  layers: [...Array.from({ length: 7 }, () => 'dense(8, activation: tanh)'), 'dense(3, activation: softmax)'],
});

describe('saturating-deep-stack measures the gradient path that crosses the fewest', () => {
  test('a chain: all seven tanh layers', () => {
    const f = lintText(tanhStack, { config: resolveConfig({ presets: ['all'] }) }).findings.filter((x) => x.ruleId === 'saturating-deep-stack');
    expect(f.map(show(tanhStack))).toEqual(['saturating-deep-stack/deep 5:14 activation: tanh']);
    expect(f[0]!.message).toMatch(/^7 hidden layers apply tanh/);
    expect(f[0]!.related!.map((r) => `${at(tanhStack, r.range)} — ${r.message}`)).toEqual(['11:14 activation: tanh — the last tanh hidden layer (dense_6)']);
  });

  // 0 → 1 → … → 6, and a shortcut 0 → add(0, 6) → output: the first layer is reached through one
  // tanh layer; the second is the deepest, behind six.
  const shortcut: PlanEntry[] = [
    ...Array.from({ length: 7 }, (_, i) => ({ layer: i, inputs: [i - 1] })),
    { merge: 'add', inputs: [0, 6] },
    { layer: 7, inputs: [7] },
  ];

  test('a shortcut around the stack: six, from the second layer', () => {
    const f = lintNetwork(tanhStack, rewire(tanhStack, shortcut)).filter((x) => x.ruleId === 'saturating-deep-stack');
    expect(f.map(show(tanhStack))).toEqual(['saturating-deep-stack/deep 6:14 activation: tanh']);
    expect(f[0]!.message).toMatch(/^6 hidden layers apply tanh \(6 or more are flagged\)/);
    expect(f[0]!.related!.map((r) => `${at(tanhStack, r.range)} — ${r.message}`)).toEqual(['11:14 activation: tanh — the last tanh hidden layer (dense_6)']);
  });

  test('a shortcut that leaves five: no finding', () => {
    const plan: PlanEntry[] = [
      ...Array.from({ length: 7 }, (_, i) => ({ layer: i, inputs: [i - 1] })),
      { merge: 'add', inputs: [1, 6] },
      { layer: 7, inputs: [7] },
    ];
    // 0 is behind 1 on the shortcut (2 tanh layers), 2 behind five (2..6): the deepest is 5.
    expect(lintNetwork(tanhStack, rewire(tanhStack, plan)).filter((x) => x.ruleId === 'saturating-deep-stack')).toEqual([]);
  });
});

// The networks of docs/calibration.md ("Residual stacks"): eight sigmoid layers plain, in identity
// residual blocks of two (the measured ratio stays near 1e-1, the rule is silent), and with one
// shortcut around all eight (the ratio is the plain stack's, the rule still counts eight).
describe('saturating-deep-stack on the calibration\'s residual stacks', () => {
  const sigmoidStack = net({
    input: '[8]',
    task: 'classification(classes: 3)',
    layers: [...Array.from({ length: 8 }, () => 'dense(8, activation: sigmoid)'), 'dense(3, activation: softmax)'],
  });
  const saturating = (network: ResolvedNetwork) => lintNetwork(sigmoidStack, network).filter((x) => x.ruleId === 'saturating-deep-stack');
  /** Blocks of `size` layers, each followed by add(block output, block input). */
  const blocks = (size: number): PlanEntry[] => {
    const plan: PlanEntry[] = [];
    let current = -1;
    for (let b = 0; b < 8; b += size) {
      const before = current;
      for (let i = b; i < b + size; i++) {
        plan.push({ layer: i, inputs: [current] });
        current = plan.length - 1;
      }
      plan.push({ merge: 'add', inputs: [current, before] });
      current = plan.length - 1;
    }
    plan.push({ layer: 8, inputs: [current] });
    return plan;
  };

  test('plain: eight', () => {
    const f = lintText(sigmoidStack, { config: resolveConfig({ presets: ['all'] }) }).findings.filter((x) => x.ruleId === 'saturating-deep-stack');
    expect(f.map(show(sigmoidStack))).toEqual(['saturating-deep-stack/deep 5:14 activation: sigmoid']);
    expect(f[0]!.message).toMatch(/^8 hidden layers apply sigmoid/);
  });

  test('identity blocks of two: a gradient crosses at most two sigmoid layers, no finding', () => {
    expect(saturating(rewire(sigmoidStack, blocks(2)))).toEqual([]);
    expect(saturating(rewire(sigmoidStack, blocks(1)))).toEqual([]);
  });

  test('one shortcut around all eight: the first layer is still behind eight', () => {
    const f = saturating(rewire(sigmoidStack, blocks(8)));
    expect(f.map(show(sigmoidStack))).toEqual(['saturating-deep-stack/deep 5:14 activation: sigmoid']);
    expect(f[0]!.message).toMatch(/^8 hidden layers apply sigmoid/);
  });
});

const R = 'dense(8, activation: relu, init: he_normal)';

/** Five written layers: 0 → 1, then layers 2 and 3 both read 1, an add joins them, and layer 4 reads the add. */
const FORK_AFTER_SECOND: PlanEntry[] = [
  { layer: 0, inputs: [-1] },
  { layer: 1, inputs: [0] },
  { layer: 2, inputs: [1] },
  { layer: 3, inputs: [1] },
  { merge: 'add', inputs: [2, 3] },
  { layer: 4, inputs: [4] },
];

test('dropout-before-batch-norm: a batch_norm that is one of two readers of the dropout', () => {
  const text = net({ layers: [R, 'dropout(0.2)', 'batch_norm()', R, 'dense(1)'] });
  const network = rewire(text, FORK_AFTER_SECOND);
  const f = lintNetwork(text, network).filter((x) => x.ruleId === 'dropout-before-batch-norm');
  expect(f.map(show(text))).toEqual(['dropout-before-batch-norm/before 6:5 dropout(0.2)']);
  expect(f[0]!.related!.map((r) => `${at(text, r.range)} — ${r.message}`)).toEqual(['7:5 batch_norm() — batch_norm follows directly']);
});

describe('selu-requirements looks at the layers a selu layer reads and the layers that read it', () => {
  const text = net({ layers: [R, 'dense(8, activation: selu, init: lecun_normal)', 'dropout(0.1)', 'dense(1)'] });
  test('as written (a chain), the dropout follows the selu layer', () => {
    const f = lintText(text, { config: resolveConfig({ presets: ['all'] }) }).findings.filter((x) => x.ruleId === 'selu-requirements');
    expect(f.map(show(text))).toEqual(['selu-requirements/dropout 7:5 dropout(0.1)']);
  });
  test('a dropout on a sibling branch is not next to it', () => {
    const network = rewire(text, [
      { layer: 0, inputs: [-1] },
      { layer: 1, inputs: [0] },
      { layer: 2, inputs: [0] },
      { merge: 'add', inputs: [1, 2] },
      { layer: 3, inputs: [3] },
    ]);
    expect(lintNetwork(text, network).filter((x) => x.ruleId === 'selu-requirements')).toEqual([]);
  });
  test('a dropout that is one of two readers of the selu layer is', () => {
    const withRelu = net({ layers: [R, 'dense(8, activation: selu, init: lecun_normal)', 'dropout(0.1)', R, 'dense(1)'] });
    const network = rewire(withRelu, FORK_AFTER_SECOND);
    const f = lintNetwork(withRelu, network).filter((x) => x.ruleId === 'selu-requirements');
    expect(f.map(show(withRelu))).toEqual(['selu-requirements/dropout 7:5 dropout(0.1)']);
    expect(f[0]!.message).toContain('next to a selu layer (dense_1)');
  });
});

test('redundant-activation: an activation() after a merge is not stacked on another one', () => {
  const text = net({ layers: [R, 'dense(8, activation: tanh)', 'activation(relu)', 'dense(1)'] });
  const chain = lintText(text, { config: resolveConfig({ presets: ['all'] }) }).findings.filter((x) => x.ruleId === 'redundant-activation');
  expect(chain.map(show(text))).toEqual(['redundant-activation/stacked 7:5 activation(relu)']);
  const network = rewire(text, [
    { layer: 0, inputs: [-1] },
    { layer: 1, inputs: [0] },
    { merge: 'add', inputs: [0, 1] },
    { layer: 2, inputs: [2] },
    { layer: 3, inputs: [3] },
  ]);
  expect(lintNetwork(text, network).filter((x) => x.ruleId === 'redundant-activation')).toEqual([]);
});

test('an output that is a merge of two softmax heads: neither head is hidden, no output rule misfires', () => {
  const text = net({
    task: 'classification(classes: 3)',
    layers: ['dense(8, activation: sigmoid)', 'dense(3, activation: softmax)', 'dense(3, activation: softmax)'],
  });
  const network = rewire(text, [
    { layer: 0, inputs: [-1] },
    { layer: 1, inputs: [0] },
    { layer: 2, inputs: [0] },
    { merge: 'average', inputs: [1, 2] },
  ]);
  // The trunk is hidden (sigmoid-hidden); the heads produce the output (no softmax-hidden), and
  // with no single weighted output layer the output rules stay silent.
  expect(lintNetwork(text, network).map(show(text))).toEqual(['sigmoid-hidden/hidden 5:14 activation: sigmoid']);
});

test('missing-flatten: a dense layer after a merge of two feature maps', () => {
  const conv = 'conv2d(4, kernel: 3, padding: same, activation: relu, init: he_normal)';
  const text = net({ task: 'classification(classes: 10)', input: '[8, 8, 1]', layers: [conv, conv, 'dense(10, activation: softmax)'] });
  const network = rewire(text, [
    { layer: 0, inputs: [-1] },
    { layer: 1, inputs: [-1] },
    { merge: 'add', inputs: [0, 1] },
    { layer: 2, inputs: [2] },
  ]);
  const f = lintNetwork(text, network).filter((x) => x.ruleId === 'missing-flatten');
  expect(f.map(show(text))).toEqual(['missing-flatten/noFlatten 7:5 dense(10, activation: softmax)']);
  expect(f[0]!.message).toContain('receives the [8, 8, 4] output of conv2d');
  expect(applyFixes(text, f)).toBe(text.replace('    dense(10', '    flatten()\n    dense(10'));
});

describe('findings about merges written as residual or parallel point at the keyword', () => {
  test("missing-nonlinearity's related locations: the layer after the sum, and the residual keyword", () => {
    const text = net({
      input: '[8]',
      task: 'classification(classes: 3)',
      layers: ['residual {', '  dense(16, activation: relu, init: he_normal)', '} shortcut {', '  dense(16)', '}', 'dense(3, activation: softmax)'],
    });
    const [collapse] = lintText(text, { config: resolveConfig({ presets: ['all'] }) }).findings.filter((f) => f.ruleId === 'missing-nonlinearity');
    expect(collapse!.related!.map((r) => `${at(text, r.range)} — ${r.message}`)).toEqual([
      '10:5 dense(3, activation: softmax) — dense_2 follows through the add merge with no non-linearity in between',
      '5:5 residual — the residual whose add it goes through',
    ]);
  });

  // The engine's default range for a report that names a layer and no range.
  test("layerRange: a merge written as parallel is at its keyword, any other layer at its source", () => {
    const text = net({ input: '[8]', task: 'regression(outputs: 8)', layers: ['dense(8, activation: relu)', 'parallel(merge: average) {', '  branch { }', '  branch { dense(8) }', '}'] });
    const { networks } = lintText(text, { config: resolveConfig({ presets: ['all'] }) });
    const merge = networks[0]!.layers.find((l) => l.kind === 'merge')!;
    expect(merge.name).toBe('average');
    expect(at(text, merge.origin.range)).toMatch(/^6:5 parallel\(merge: average\) \{/);
    expect(at(text, layerRange(merge))).toBe('6:5 parallel');
    expect(layerRange(networks[0]!.layers[0]!)).toEqual(networks[0]!.layers[0]!.origin.range);
  });
});
