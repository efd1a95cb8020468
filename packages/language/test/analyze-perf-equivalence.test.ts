/**
 * Guards analysis speed work: `analyze` must give exactly the results it gave before the
 * optimisation. The snapshot files under __snapshots__/analyze-perf-equivalence/ were written with
 * the original (unoptimised) analysis and are compared in full: every network, every layer (kind,
 * spec, name, index, shapes, params, origin range and expansion chain, argument ranges) and every
 * diagnostic (code, severity, message, range, related locations).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeEveryCall } from '../src/analyze.js';
import { analyze, parse, type AnalysisResult, type Range } from '../src/index.js';

const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const snapshot = (name: string) => `./__snapshots__/analyze-perf-equivalence/${name}.txt`;

/** `offset@line:col-offset@line:col`: one range, every field of it. */
function showRange(r: Range): string {
  return `${r.start.offset}@${r.start.line}:${r.start.column}-${r.end.offset}@${r.end.line}:${r.end.column}`;
}

/** `render`, with -0 told apart from 0 (JSON writes both as 0). */
function renderExact(result: AnalysisResult): string {
  return JSON.stringify(result, function (key, value) {
    if (key === 'node' && value && typeof value === 'object') return `<${value.kind} ${showRange(value.range)}>`;
    if (isRange(value)) return showRange(value);
    if (typeof value === 'number' && Object.is(value, -0)) return '-0';
    return value;
  });
}

const isRange = (v: unknown): v is Range =>
  typeof v === 'object' && v !== null && 'start' in v && 'end' in v && Object.keys(v).length === 2;

/**
 * The analysis result as text, one line per layer / diagnostic. AST nodes (`node`) are shown by kind
 * and range (they are references into the parsed tree); everything else is shown in full, in key order.
 */
export function render(result: AnalysisResult): string {
  const json = (v: unknown) =>
    JSON.stringify(v, function (key, value) {
      if (key === 'node' && value && typeof value === 'object') return `<${value.kind} ${showRange(value.range)}>`;
      if (isRange(value)) return showRange(value);
      return value;
    });
  const lines: string[] = [];
  for (const n of result.networks) {
    const { layers, ...rest } = n;
    lines.push(`network ${json(rest)}`);
    for (const l of layers) lines.push(`  layer ${json(l)}`);
  }
  for (const d of result.diagnostics) lines.push(`diagnostic ${json(d)}`);
  return lines.join('\n') + '\n';
}

/**
 * A mid-size program (about 250 expanded layers) that exercises every expansion path: nested
 * blocks, repeats inside blocks and blocks inside repeats, block parameters carrying activations
 * with arguments, lists, convolution stacks, and errors reported inside expansions (once, with
 * their chains), unknown and misspelt names, shape mismatches, an unused block and a recursive pair.
 */
export function midSizeProgram(): string {
  const out: string[] = [];
  out.push('// mid-size equivalence program');
  out.push('block unit(width, act, rate) {');
  out.push('  dense(width, activation: act, init: he_normal)');
  out.push('  batch_norm(momentum: 0.9)');
  out.push('  dropout(rate)');
  out.push('}');
  out.push('block pair(w) {');
  out.push('  repeat 2 {');
  out.push('    unit(w, elu(alpha: 0.5), 0.1)');
  out.push('  }');
  out.push('  dense(w, activation: prelu(init: 0.2), bias_init: constant(0.05))');
  out.push('}');
  out.push('block conv_unit(f, k) {');
  out.push('  conv2d(f, kernel: k, padding: same, activation: relu)');
  out.push('  conv2d(f, kernel: [k, 1], stride: [1, 1], activation: leaky_relu(alpha: 0.2))');
  out.push('}');
  out.push('block bad_inside(n) {');
  out.push('  dense(n, activation: relu)');
  out.push('  dropout(rate: n)');
  out.push('}');
  out.push('block unused(x) {');
  out.push('  dense(x, activation: nonsense)');
  out.push('}');
  out.push('block ping(a) {');
  out.push('  pong(a)');
  out.push('}');
  out.push('block pong(a) {');
  out.push('  ping(a)');
  out.push('}');
  out.push('');
  const acts = ['relu', 'tanh', 'sigmoid', 'selu', 'leaky_relu(alpha: 0.03)', 'elu', 'prelu', 'linear'];
  const inits = ['he_normal', 'he_uniform', 'glorot_normal', 'lecun_uniform', 'lecun_normal', 'zeros', 'constant(0.5)', 'glorot_uniform'];
  for (let n = 0; n < 2; n++) {
    out.push(`network Dense${n} {`);
    out.push(`  input [${16 + n}]`);
    out.push(`  task ${n % 2 ? 'regression(outputs: 2)' : 'classification(classes: 5)'}`);
    out.push('  layers {');
    for (let i = 0; i < 6; i++) {
      const a = acts[(i + n) % acts.length];
      out.push(`    dense(${8 + ((i * 7 + n) % 40)}, activation: ${a}, init: ${inits[(i + 2 * n) % inits.length]})`);
      out.push(`    unit(${16 + i}, ${a}, 0.${(i % 5) + 1})`);
      out.push(`    repeat ${1 + (i % 3)} {`);
      out.push(`      pair(${12 + n})`);
      out.push(`      repeat 2 { dropout(0.2), activation(${a}) }`);
      out.push('    }');
      if (i % 4 === 3) out.push(`    batch_norm(epsilon: 0.0${i})`);
    }
    out.push(`    dense(${n % 2 ? 2 : 5}, activation: ${n % 2 ? 'linear' : 'softmax'})`);
    out.push('  }');
    out.push('  train {');
    out.push(`    loss: ${n % 2 ? 'huber(delta: 2.0)' : 'categorical_crossentropy'}`);
    out.push(`    optimizer: ${['adam(learning_rate: 0.01)', 'sgd(momentum: 0.9, nesterov: true)', 'rmsprop(rho: 0.8)'][n % 3]}`);
    out.push(`    epochs: ${10 + n}, batch_size: 16, seed: ${n}`);
    out.push('    early_stopping(patience: 3, min_delta: 0.001)');
    out.push('  }');
    out.push('  data {');
    out.push(`    source: "d${n}.csv"`);
    out.push('    target: "y"');
    out.push('    features: ["a", "b"]');
    out.push('    validation_split: 0.1');
    out.push('  }');
    out.push('}');
    out.push('');
  }
  out.push('network Conv {');
  out.push('  input [32, 32, 3]');
  out.push('  task classification(classes: 10)');
  out.push('  layers {');
  out.push('    repeat 3 {');
  out.push('      conv_unit(16, 3)');
  out.push('      max_pool2d(2)');
  out.push('    }');
  out.push('    avg_pool2d(pool: [2, 2], stride: 1, padding: same)');
  out.push('    flatten()');
  out.push('    dense(10, activation: softmax)');
  out.push('  }');
  out.push('}');
  out.push('');
  out.push('network Broken {');
  out.push('  input [8]');
  out.push('  task binary_classification');
  out.push('  layers {');
  out.push('    repeat 3 { bad_inside(4) }');
  out.push('    dense(4, activaton: relu)');
  out.push('    dens(3)');
  out.push('    uint(3, relu, 0.1)');
  out.push('    unit(3, 7, 0.1)');
  out.push('    unit(3, relu)');
  out.push('    ping(1)');
  out.push('    repeat 0 { dense(2) }');
  out.push('    dense(2, activation: sigmoid)');
  out.push('    conv2d(4, kernel: 3)');
  out.push('    dense(1, activation: sigmoid)');
  out.push('  }');
  out.push('  train { loss: binary_crossentropy, epochs: 0 }');
  out.push('}');
  out.push('');
  out.push('network Dense0 {');
  out.push('  input [28, 28, 1]');
  out.push('  layers {');
  out.push('    conv2d(8, kernel: 30)');
  out.push('    repeat 2 { conv_unit(4, 3) }');
  out.push('    flatten()');
  out.push('    dense(1)');
  out.push('  }');
  out.push('  data { source: "x.csv" }');
  out.push('}');
  return out.join('\n') + '\n';
}

/**
 * Calls that look alike but are not: the same call with equal and unequal values, positional and
 * named forms, names with and without argument lists, block parameters bound to equal values at
 * different places, checks that report next to checks that do not, and more distinct calls of one
 * kind than analysis keeps for reuse.
 */
export function lookAlikeProgram(): string {
  const layers = [
    'conv2d(4, kernel: 3, padding: same)',
    'conv2d(4, kernel: 3, padding: same())',
    'conv2d(4, kernel: [3, 3], padding: same)',
    'conv2d(4, 3, padding: same)',
    'conv2d(filters: 4, kernel: 3, padding: same)',
    'conv2d(4, kernel: 3.0, padding: same)',
    'conv2d(4, kernel: 3, padding: same)',
    'conv2d(4, kernel: 3, padding: sam)',
    'conv2d(4, kernel: 3, padding: same, stride: [1, 1])',
    'conv2d(4, kernel: 3, padding: same, stride: [1, 1])',
    'max_pool2d(1)',
    'max_pool2d(1, stride: 1)',
    'max_pool2d(pool: 1)',
    'max_pool2d(pool: [1, 1])',
    'repeat 3 {',
    '  dropout(0.5)',
    '  dropout(1.5)',
    '  dropout(0.5)',
    '  dropout(-0)',
    '  dropout(0)',
    '}',
    'b(2, relu)',
    'b(2, relu)',
    'b(3, tanh)',
    'b(2, relu)',
    'b(2, "relu")',
    'b(0, relu)',
    'b(x: 2, a: relu)',
    'b(2, elu(alpha: 0.5))',
    'b(2, elu(0.5))',
    'b(2, elu(alpha: 0.5))',
    'flatten()',
    'dense(4, activation: elu)',
    'dense(4, activation: elu())',
    'dense(4, activation: elu(alpha: 2))',
    'dense(4, activation: elu(2))',
    'dense(4, activation: elu(alpha: 2, alpha: 3))',
    'dense(4, activation: elu(alpha: 2))',
    'dense(4, activation: relu, activation: relu)',
    'dense(4, init: constant(1))',
    'dense(4, init: constant(value: 1))',
    'dense(4, init: constant)',
    'dense(4, init: constant(1))',
    'dense(4, relu)',
    'dense(units: 4)',
    'dense(4)',
    'dense(4.5)',
    'dense(4)',
    'activation(relu)',
    'activation(fn: relu)',
    'activation(prelu)',
    'activation(prelu(init: 0.1))',
    'activation(prelu(init: 0.1))',
    'flatten()',
    'batch_norm()',
    'batch_norm(momentum: 0.9)',
    'batch_norm(0.9)',
    'batch_norm()',
    ...Array.from({ length: 12 }, (_, i) => `dense(${i + 1}, activation: relu)`),
    ...Array.from({ length: 12 }, (_, i) => `dense(${12 - i}, activation: relu)`),
    ...Array.from({ length: 12 }, (_, i) => `dense(${i + 1}, activation: relu)`),
    'dense(1, activation: sigmoid)',
  ];
  return [
    'block b(x, a) {',
    '  dense(x, activation: a)',
    '  dropout(0.1)',
    '}',
    'network LookAlike {',
    '  input [8, 8, 2]',
    '  task binary_classification',
    '  layers {',
    ...layers.map((l) => `    ${l}`),
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * Random programs (seeded, so every run checks the same ones) of look-alike layer calls, many of
 * them wrong, inside repeats and a block whose parameters they use.
 */
export function randomProgram(seed: number): string {
  let state = seed;
  const rnd = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const nums = ['0', '1', '2', '3', '4', '-0', '0.5', '1.5', '3.0', '-1', '1e400', '64', 'x', 'y'];
  const acts = ['relu', 'tanh', 'elu', 'elu()', 'elu(alpha: 0.5)', 'elu(0.5)', 'leaky_relu(alpha: x)', 'prelu(init: 0.1)', 'relu()', 'sam', 'a', 'x', '"relu"', '[1, 2]', 'selu(1)'];
  const inits = ['he_normal', 'zeros', 'constant(1)', 'constant(value: x)', 'constant', 'he_norml', 'a'];
  const pads = ['same', 'valid', 'same()', 'sam', 'a', '1'];
  const int2 = () => pick(['1', '2', '3', '[1, 2]', '[x, 1]', '[2, 2, 2]', 'x', '0', '[1.5, 1]']);
  const arg = (name: string, value: string) => (rnd() < 0.85 ? `${name}: ${value}` : value);
  const call = (): string => {
    const kind = pick(['dense', 'dense', 'dense', 'conv2d', 'max_pool2d', 'avg_pool2d', 'dropout', 'batch_norm', 'activation', 'flatten', 'b', 'c', 'bb', 'densee']);
    const args: string[] = [];
    switch (kind) {
      case 'dense':
        args.push(pick(nums));
        if (rnd() < 0.7) args.push(arg('activation', pick(acts)));
        if (rnd() < 0.4) args.push(arg('init', pick(inits)));
        if (rnd() < 0.2) args.push(arg('bias_init', pick(inits)));
        if (rnd() < 0.05) args.push(arg('units', '3'));
        break;
      case 'conv2d':
        args.push(pick(nums), rnd() < 0.5 ? `kernel: ${int2()}` : int2());
        if (rnd() < 0.5) args.push(`padding: ${pick(pads)}`);
        if (rnd() < 0.3) args.push(`stride: ${int2()}`);
        if (rnd() < 0.3) args.push(arg('activation', pick(acts)));
        break;
      case 'max_pool2d':
      case 'avg_pool2d':
        if (rnd() < 0.7) args.push(rnd() < 0.5 ? int2() : `pool: ${int2()}`);
        if (rnd() < 0.3) args.push(`stride: ${int2()}`);
        if (rnd() < 0.3) args.push(`padding: ${pick(pads)}`);
        break;
      case 'dropout':
        args.push(arg('rate', pick(nums)));
        break;
      case 'batch_norm':
        if (rnd() < 0.5) args.push(arg('momentum', pick(nums)));
        if (rnd() < 0.3) args.push(`epsilon: ${pick(nums)}`);
        break;
      case 'activation':
        args.push(arg('fn', pick(acts)));
        break;
      case 'b':
        args.push(pick(nums), pick(acts));
        if (rnd() < 0.1) args.push('1');
        break;
      case 'c':
        if (rnd() < 0.8) args.push(`n: ${pick(nums)}`);
        break;
    }
    return `${kind}(${args.join(', ')})`;
  };
  const body = (depth: number, n: number): string => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      if (depth < 2 && rnd() < 0.15) out.push(`repeat ${pick(['1', '2', '3', '0'])} {\n${body(depth + 1, 1 + Math.floor(rnd() * 4))}\n}`);
      else out.push(call());
    }
    return out.join('\n');
  };
  let text = `block b(x, a) {\n${body(1, 3).replace(/\bb\(/g, 'c(')}\n}\nblock c(n) {\n  dense(n, activation: relu)\n  dropout(0.1)\n}\n`;
  for (let i = 0; i < 2; i++) text += `network N${i} {\n  input [${pick(['8', '8, 8, 2', '4'])}]\n  layers {\n${body(0, 6 + Math.floor(rnd() * 20))}\n  }\n}\n`;
  return text;
}

describe('analysis results are unchanged by the speed work', () => {
  const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.axon')).sort();

  it('covers the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  for (const file of examples) {
    it(`examples/${file}`, async () => {
      const text = readFileSync(examplesDir + file, 'utf8');
      const parsed = parse(text);
      await expect(render(analyze(parsed.ast))).toMatchFileSnapshot(snapshot(file.replace(/\.axon$/, '')));
    });
  }

  it('a generated mid-size program', async () => {
    const text = midSizeProgram();
    const parsed = parse(text);
    expect(parsed.diagnostics).toEqual([]);
    const result = analyze(parsed.ast);
    const layers = result.networks.reduce((a, n) => a + n.layers.length, 0);
    expect(layers).toBeGreaterThan(200);
    expect(new Set(result.diagnostics.map((d) => d.code)).size).toBeGreaterThanOrEqual(8);
    await expect(render(result)).toMatchFileSnapshot(snapshot('mid-size'));
  });

  it('a program of look-alike calls', async () => {
    const text = lookAlikeProgram();
    const parsed = parse(text);
    expect(parsed.diagnostics).toEqual([]);
    const result = analyze(parsed.ast);
    expect(result.diagnostics.length).toBeGreaterThanOrEqual(10);
    await expect(render(result)).toMatchFileSnapshot(snapshot('look-alike'));
  });

  it('reusing clean layer checks changes nothing: 200 random programs of look-alike calls', () => {
    let layers = 0;
    let diagnostics = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const parsed = parse(randomProgram(seed));
      const fast = analyze(parsed.ast);
      const full = analyzeEveryCall(parsed.ast);
      expect(renderExact(fast), `seed ${seed}`).toBe(renderExact(full));
      layers += fast.networks.reduce((a, n) => a + n.layers.length, 0);
      diagnostics += fast.diagnostics.length;
    }
    expect(layers).toBeGreaterThan(2000);
    expect(diagnostics).toBeGreaterThan(2000);
  });

  it('reusing clean layer checks changes nothing: the mid-size and look-alike programs', () => {
    for (const text of [midSizeProgram(), lookAlikeProgram()]) {
      const parsed = parse(text);
      expect(renderExact(analyze(parsed.ast))).toBe(renderExact(analyzeEveryCall(parsed.ast)));
    }
  });

  it('reusing clean layer checks changes nothing in graphs: residuals and parallels in repeats and blocks, with and without errors', () => {
    const text = `block unit(w, m) {
  residual { dense(w, activation: relu), dense(w) }
  parallel(merge: m) { branch { dense(w) } branch { } branch { residual { dense(w) } shortcut { dense(w) } } }
}
network G {
  input [8]
  layers {
    dense(8)
    repeat 3 { unit(8, add) }
    unit(8, concat)
    residual { dense(16) }
    parallel(merge: maxi) { branch { dense(4) } branch { dense(4) } }
    dense(1)
  }
}
`;
    const parsed = parse(text);
    const reused = analyze(parsed.ast);
    expect(reused.networks[0]!.layers.length).toBeGreaterThan(30);
    expect(reused.diagnostics.map((d) => d.code)).toEqual(['analysis/shape-mismatch', 'analysis/unknown-merge']);
    expect(renderExact(reused)).toBe(renderExact(analyzeEveryCall(parsed.ast)));
  });

  it('analysing the same tree twice gives the same result (no state leaks between runs)', () => {
    const parsed = parse(midSizeProgram());
    expect(render(analyze(parsed.ast))).toBe(render(analyze(parsed.ast)));
  });
});
