/**
 * Every analysis diagnostic code, with the exact text its range covers, its position and message.
 */
import { describe, expect, it } from 'vitest';
import { analyze, check, parse, type Program, type Range } from '../src/index.js';
import { net, problems, where } from './analyze-helpers.js';

/** The single diagnostic of a program. */
function only(src: string) {
  const ps = problems(src);
  expect(ps, JSON.stringify(ps, null, 1)).toHaveLength(1);
  return ps[0]!;
}

describe('unknown names, with did-you-mean', () => {
  it('unknown layer', () => {
    const src = net('[4]', 'dense(8)\ndesne(16, activation: relu)\ndense(2)');
    expect(only(src)).toEqual({
      code: 'analysis/unknown-layer',
      text: 'desne',
      ...where(src, 'desne'),
      message: 'unknown layer `desne`; did you mean `dense`?',
    });
  });

  it('unknown layer with nothing close lists the layer kinds', () => {
    expect(only(net('[4]', 'transformer(8)'))).toMatchObject({
      code: 'analysis/unknown-layer',
      text: 'transformer',
      message:
        'unknown layer `transformer` (expected a layer — dense, dropout, batch_norm, activation, flatten, conv2d, max_pool2d, avg_pool2d, global_avg_pool2d, global_max_pool2d, zero_padding2d, embedding, lstm, gru, simple_rnn, conv1d, max_pool1d, avg_pool1d, global_avg_pool1d, global_max_pool1d — or a block defined in this file)',
    });
  });

  it('unknown block close to a defined one', () => {
    const src = net('[4]', 'elu_blok(32)') + 'block elu_block(width) { dense(width) }\n';
    expect(only(src)).toEqual({
      code: 'analysis/unknown-block',
      text: 'elu_blok',
      ...where(src, 'elu_blok'),
      message: 'unknown block `elu_blok`; did you mean `elu_block`?',
    });
  });

  it('unknown activation, initialiser, loss, optimizer and task', () => {
    const src = `network N {
  input [4]
  task clasification(classes: 3)
  layers {
    dense(8, activation: relux, init: he_normall)
    dense(3, activation: softmax)
  }
  train {
    loss: categorical_crossentropi
    optimizer: adamm(learning_rate: 0.001)
  }
}`;
    expect(problems(src)).toEqual([
      { code: 'analysis/unknown-task', text: 'clasification', ...where(src, 'clasification'), message: 'unknown task `clasification`; did you mean `classification`?' },
      { code: 'analysis/unknown-activation', text: 'relux', ...where(src, 'relux'), message: 'unknown activation `relux`; did you mean `relu`?' },
      {
        code: 'analysis/unknown-initializer',
        text: 'he_normall',
        ...where(src, 'he_normall'),
        message: 'unknown initialiser `he_normall`; did you mean `he_normal`?',
      },
      {
        code: 'analysis/unknown-loss',
        text: 'categorical_crossentropi',
        ...where(src, 'categorical_crossentropi'),
        message: 'unknown loss `categorical_crossentropi`; did you mean `categorical_crossentropy`?',
      },
      { code: 'analysis/unknown-optimizer', text: 'adamm', ...where(src, 'adamm'), message: 'unknown optimizer `adamm`; did you mean `adam`?' },
    ]);
  });

  it('unknown argument names', () => {
    const src = net('[4]', 'dense(16, activaton: relu)\ndropout(rate: 0.1, seed: 3)');
    expect(problems(src)).toEqual([
      {
        code: 'analysis/unknown-argument',
        text: 'activaton',
        ...where(src, 'activaton'),
        message: '`dense` has no argument `activaton`; did you mean `activation`?',
      },
      { code: 'analysis/unknown-argument', text: 'seed', ...where(src, 'seed'), message: '`dropout` has no argument `seed` (expected one of: rate)' },
    ]);
  });

  it('unknown argument of an activation', () => {
    const src = net('[4]', 'dense(4, activation: elu(alhpa: 0.5))');
    expect(only(src)).toMatchObject({ code: 'analysis/unknown-argument', text: 'alhpa', message: '`elu` has no argument `alhpa`; did you mean `alpha`?' });
  });

  it('unknown setting in train and data', () => {
    const src = 'network N { input [1], layers { dense(1) }, train { epoch: 3 }, data { source: "a.csv", target: "y", split: 0.1 } }';
    expect(problems(src)).toEqual([
      { code: 'analysis/unknown-setting', text: 'epoch', ...where(src, 'epoch'), message: '`train` has no setting `epoch`; did you mean `epochs`?' },
      {
        code: 'analysis/unknown-setting',
        text: 'split',
        ...where(src, 'split'),
        message: '`data` has no setting `split` (expected one of: source, target, features, validation_split, standardize, standardize_target, text, vocabulary)',
      },
    ]);
  });
});

describe('argument counts, types and ranges', () => {
  it('missing required argument points at the layer name', () => {
    const src = net('[4]', 'dense(activation: relu)');
    expect(only(src)).toEqual({
      code: 'analysis/missing-argument',
      text: 'dense',
      ...where(src, 'dense'),
      message: '`dense` needs `units` (a positive integer)',
    });
  });

  it('conv2d without a kernel', () => {
    expect(only(net('[8, 8, 1]', 'conv2d(4)'))).toMatchObject({
      code: 'analysis/missing-argument',
      text: 'conv2d',
      message: '`conv2d` needs `kernel` (a positive integer or a list [height, width] of them)',
    });
  });

  it('too many positional arguments', () => {
    const src = net('[4]', 'dropout(0.2, 0.3)\nflatten(1)\nbatch_norm(0.9)');
    expect(problems(src)).toEqual([
      { code: 'analysis/too-many-arguments', text: '0.3', ...where(src, '0.3'), message: '`dropout` takes at most 1 positional argument (rate); name the others' },
      { code: 'analysis/too-many-arguments', text: '1', ...where(src, '1)'), message: '`flatten` takes no arguments' },
      {
        code: 'analysis/too-many-arguments',
        text: '0.9',
        ...where(src, '0.9'),
        message: '`batch_norm` takes only named arguments (momentum, epsilon)',
      },
    ]);
  });

  it('wrong types', () => {
    const src = net('[4]', 'dense(1.5)\ndense("16")\ndense(4, activation: 3)\ndropout(rate: true)\ndense(2, init: relu_init)');
    expect(problems(src)).toEqual([
      { code: 'analysis/wrong-type', text: '1.5', ...where(src, '1.5'), message: '`units` of `dense` must be a positive integer, got `1.5`' },
      { code: 'analysis/wrong-type', text: '"16"', ...where(src, '"16"'), message: '`units` of `dense` must be a positive integer, got `"16"`' },
      {
        code: 'analysis/wrong-type',
        text: '3',
        ...where(src, '3)'),
        message: '`activation` of `dense` must be an activation (linear, sigmoid, tanh, softmax, relu, leaky_relu, prelu, elu, selu), got `3`',
      },
      { code: 'analysis/wrong-type', text: 'true', ...where(src, 'true'), message: '`rate` of `dropout` must be a number in [0, 1), got `true`' },
      {
        code: 'analysis/unknown-initializer',
        text: 'relu_init',
        ...where(src, 'relu_init'),
        message:
          'unknown initialiser `relu_init` (expected one of: glorot_uniform, glorot_normal, he_uniform, he_normal, lecun_uniform, lecun_normal, zeros, ones, constant, random_uniform, random_normal, truncated_normal, orthogonal, variance_scaling)',
      },
    ]);
  });

  it('out-of-range values', () => {
    const src = net('[4]', 'dense(0)\ndropout(1.0)\ndropout(-0.1)\ndense(4, activation: leaky_relu(alpha: -1))');
    expect(problems(src)).toEqual([
      { code: 'analysis/out-of-range', text: '0', ...where(src, '0)'), message: '`units` of `dense` must be a positive integer, got `0`' },
      { code: 'analysis/out-of-range', text: '1.0', ...where(src, '1.0'), message: '`rate` of `dropout` must be a number in [0, 1), got `1.0`' },
      { code: 'analysis/out-of-range', text: '-0.1', ...where(src, '-0.1'), message: '`rate` of `dropout` must be a number in [0, 1), got `-0.1`' },
      { code: 'analysis/out-of-range', text: '-1', ...where(src, '-1'), message: '`alpha` of `leaky_relu` must be a number ≥ 0, got `-1`' },
    ]);
  });

  it('padding must be valid or same', () => {
    expect(only(net('[8, 8, 1]', 'conv2d(4, 3, padding: sme)'))).toMatchObject({
      code: 'analysis/wrong-type',
      text: 'sme',
      message: '`padding` of `conv2d` must be `valid` or `same`, got `sme`; did you mean `same`?',
    });
  });

  it('kernel and stride must be positive', () => {
    expect(problems(net('[8, 8, 1]', 'conv2d(4, kernel: 0)\nmax_pool2d(2, stride: [1, 0])')).map((p) => [p.code, p.text])).toEqual([
      ['analysis/out-of-range', '0'],
      ['analysis/out-of-range', '0'],
    ]);
  });

  it('duplicate and misplaced arguments', () => {
    const src = net('[4]', 'dense(4, units: 5)\ndense(activation: relu, 4)');
    expect(problems(src)).toEqual([
      { code: 'analysis/duplicate-argument', text: 'units', ...where(src, 'units'), message: '`units` of `dense` is given more than once' },
      { code: 'analysis/missing-argument', text: 'dense', ...where(src, 'dense', 1), message: '`dense` needs `units` (a positive integer)' },
      {
        code: 'analysis/positional-after-named',
        text: '4',
        ...where(src, '4)'),
        message: 'a positional argument cannot follow named ones in `dense(…)`; name it',
      },
    ]);
  });

  it('task counts must be positive integers', () => {
    const src = 'network N { input [2], task classification(classes: 0), layers { dense(1) } }';
    expect(only(src)).toMatchObject({ code: 'analysis/out-of-range', text: '0', message: '`classes` of `classification` must be a positive integer, got `0`' });
    expect(only('network N { input [2], task multilabel(labels: 2.5), layers { dense(1) } }')).toMatchObject({ code: 'analysis/wrong-type', text: '2.5' });
    expect(only('network N { input [2], task classification, layers { dense(1) } }')).toMatchObject({
      code: 'analysis/missing-argument',
      text: 'classification',
      message: '`classification` needs `classes` (a positive integer)',
    });
  });

  it('train and data values are checked', () => {
    const src = `network N { input [1], layers { dense(1) }
  train { epochs: 0, batch_size: 2.5, optimizer: adam(learning_rate: 0), early_stopping(min_delta: 0.1) }
  data { source: csv_file, target: "y", validation_split: 1 }
}`;
    expect(problems(src).map((p) => [p.code, p.text, p.message])).toEqual([
      ['analysis/out-of-range', '0', '`epochs` must be a positive integer, got `0`'],
      ['analysis/wrong-type', '2.5', '`batch_size` must be a positive integer, got `2.5`'],
      ['analysis/out-of-range', '0', '`learning_rate` of `adam` must be a positive number, got `0`'],
      ['analysis/missing-argument', 'early_stopping', '`early_stopping` needs `patience` (a non-negative integer)'],
      ["analysis/wrong-type", "csv_file", "`source` must be a string in double quotes, got `csv_file`"],
      ['analysis/out-of-range', '1', '`validation_split` must be a number in [0, 1), got `1`'],
    ]);
  });

  it('a setting written without its colon', () => {
    const src = 'network N {\n  input [1]\n  layers { dense(1) }\n  train {\n    epochs\n    loss(mse)\n  }\n}';
    expect(problems(src)).toEqual([
      { code: 'analysis/missing-value', text: 'epochs', line: 5, column: 5, message: '`epochs` is a setting: write `epochs: value` with a positive integer' },
      {
        code: 'analysis/missing-value',
        text: 'loss',
        line: 6,
        column: 5,
        message: '`loss` is a setting: write `loss: value` with a loss (mse, mae, huber, log_cosh, poisson, binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy, kl_divergence, hinge)',
      },
    ]);
  });

  it('a data section needs source and target', () => {
    const src = 'network N { input [1], layers { dense(1) }, data { validation_split: 0.1 } }';
    expect(problems(src)).toEqual([
      { code: 'analysis/missing-setting', text: 'data', ...where(src, 'data'), message: '`data` needs `source` and `target`' },
    ]);
    expect(problems('network N { input [1], layers { dense(1) }, data { source: "a.csv" } }')).toMatchObject([
      { code: 'analysis/missing-setting', text: 'data', message: '`data` needs `target` (a string in double quotes)' },
    ]);
  });

  it('input dimensions must be positive integers', () => {
    const src = 'network N { input [28, 0, 1.5], layers { dense(1) } }';
    expect(problems(src).map((p) => [p.code, p.text])).toEqual([
      ['analysis/out-of-range', '0'],
      ['analysis/wrong-type', '1.5'],
    ]);
  });

  it('a repeat count must be a positive integer', () => {
    expect(only(net('[2]', 'repeat 0 { dense(1) }\ndense(1)'))).toMatchObject({
      code: 'analysis/out-of-range',
      text: '0',
      message: 'a repeat count must be a positive integer, got `0`',
    });
  });
});

describe('shapes that do not fit', () => {
  it('conv2d on a flat input', () => {
    const src = net('[4]', 'conv2d(8, kernel: 3)');
    expect(only(src)).toEqual({
      code: 'analysis/shape-mismatch',
      text: 'conv2d(8, kernel: 3)',
      ...where(src, 'conv2d'),
      message: 'conv2d needs an input of shape [height, width, channels], but its input is [4]',
    });
  });

  it('kernel larger than its input with valid padding points at the kernel', () => {
    const src = net('[3, 3, 1]', 'conv2d(8, kernel: 5)');
    expect(only(src)).toEqual({
      code: 'analysis/shape-mismatch',
      text: '5',
      ...where(src, '5'),
      message: 'conv2d kernel 5×5 does not fit its 3×3 input with padding: valid (use a smaller kernel or padding: same)',
    });
    expect(problems(net('[3, 3, 1]', 'conv2d(8, kernel: 5, padding: same)'))).toEqual([]);
  });

  it('a pool that does not fit, after pooling shrank the input', () => {
    const src = net('[4, 4, 2]', 'max_pool2d(2)\nmax_pool2d(2)\nmax_pool2d(2)');
    expect(only(src)).toMatchObject({
      code: 'analysis/shape-mismatch',
      text: '2',
      ...where(src, '2)', 2),
      message: 'max_pool2d pool 2×2 does not fit its 1×1 input with padding: valid (use a smaller pool or padding: same)',
    });
  });

  it('pooling after flatten', () => {
    expect(only(net('[4, 4, 2]', 'flatten()\navg_pool2d()'))).toMatchObject({
      code: 'analysis/shape-mismatch',
      text: 'avg_pool2d()',
      message: 'avg_pool2d needs an input of shape [height, width, channels], but its input is [32]',
    });
  });

  it('only the first shape error of a network is reported', () => {
    expect(problems(net('[4]', 'conv2d(8, 3)\nmax_pool2d(2)')).map((p) => p.code)).toEqual(['analysis/shape-mismatch']);
  });
});

describe('network structure', () => {
  it('missing input and missing layers point at the network name', () => {
    const src = 'network Empty {\n  task regression\n}';
    expect(problems(src)).toEqual([
      { code: 'analysis/missing-input', text: 'Empty', line: 1, column: 9, message: 'network `Empty` has no `input`; add the shape of one sample, e.g. `input [4]`' },
      { code: 'analysis/missing-layers', text: 'Empty', line: 1, column: 9, message: 'network `Empty` has no `layers { … }`' },
    ]);
  });

  it('empty layers', () => {
    expect(only('network N { input [2], layers { } }')).toMatchObject({
      code: 'analysis/missing-layers',
      text: 'layers',
      message: '`layers` is empty; add at least one layer',
    });
  });

  it('layers that expand to nothing', () => {
    expect(only('network N { input [2], layers { nothing() } }\nblock nothing() { }')).toMatchObject({
      code: 'analysis/missing-layers',
      text: 'layers',
      message: '`layers` expands to no layers (its blocks are empty)',
    });
  });

  it('duplicate sections', () => {
    const src = 'network N {\n  input [2]\n  input [3]\n  layers { dense(1) }\n}';
    expect(only(src)).toEqual({
      code: 'analysis/duplicate-section',
      text: 'input',
      line: 3,
      column: 3,
      message: '`input` is already given at line 2; a network has one `input`',
    });
    expect(check(src).networks[0]!.input).toEqual([2]);
  });

  it('duplicate settings', () => {
    const src = 'network N { input [2], layers { dense(1) }, train {\n epochs: 2\n epochs: 3\n} }';
    expect(only(src)).toMatchObject({ code: 'analysis/duplicate-setting', text: 'epochs', line: 3, message: '`epochs` is already set at line 2' });
    expect(check(src).networks[0]!.train.epochs).toBe(2);
  });

  it('duplicate networks and blocks; a block may not take a layer name', () => {
    const src = `network A { input [1], layers { b(1) } }
network A { input [1], layers { dense(1) } }
block b(u) { dense(u) }
block b(u) { dense(u) }
block dense(u) { dropout(0.1) }
block c(x, x) { dense(x) }`;
    expect(problems(src).map((p) => [p.code, p.text, p.line, p.message])).toEqual([
      ['analysis/duplicate-network', 'A', 2, 'network `A` is already defined at line 1'],
      ['analysis/duplicate-block', 'b', 4, 'block `b` is already defined at line 3'],
      ['analysis/reserved-name', 'dense', 5, '`dense` is a built-in layer; give the block another name'],
      ['analysis/duplicate-parameter', 'x', 6, 'block `c` has two parameters named `x`'],
    ]);
  });
});

describe('blocks', () => {
  it('recursion names the cycle, once', () => {
    const src = `network N { input [2], layers { a(1) } }
block a(n) { b(n) }
block b(n) { dense(n), a(n) }`;
    expect(problems(src)).toEqual([
      {
        code: 'analysis/recursive-block',
        text: 'a',
        ...where(src, 'a(n) }'),
        message: 'blocks use each other in a cycle: a → b → a',
      },
    ]);
  });

  it('a block that uses itself', () => {
    const src = 'block loop(n) {\n  dense(n)\n  repeat 2 { loop(n) }\n}\nnetwork N { input [1], layers { loop(3) } }';
    expect(only(src)).toEqual({
      code: 'analysis/recursive-block',
      text: 'loop',
      line: 3,
      column: 14,
      message: 'block `loop` uses itself: loop → loop',
    });
  });

  it('an error written inside a block is reported once, at the block text, with the use as related', () => {
    const src = `network N {
  input [4]
  layers {
    bad(8)
    repeat 3 { bad(8) }
  }
}
block bad(w) {
  dense(w)
  dropout(1.5)
}`;
    const ds = check(src).diagnostics;
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'analysis/out-of-range', range: { start: where(src, '1.5') } });
    expect(ds[0]!.related?.map((r) => [src.slice(r.range.start.offset, r.range.end.offset), r.message])).toEqual([['bad(8)', 'in block `bad`, used here']]);
  });

  it('a bad value passed into a block is reported where it was written', () => {
    const src = `network N { input [4], layers { blk(8), blk(-1) } }
block blk(width) { dense(width) }`;
    expect(only(src)).toEqual({
      code: 'analysis/out-of-range',
      text: '-1',
      ...where(src, '-1'),
      message: '`units` of `dense` must be a positive integer, got `-1`',
    });
  });

  it('block argument counts and names', () => {
    const src = `network N { input [4], layers { blk(1, 2), blk(wdth: 3), blk() } }
block blk(width) { dense(width) }`;
    expect(problems(src)).toEqual([
      { code: 'analysis/too-many-arguments', text: '2', ...where(src, '2'), message: 'block `blk` takes 1 argument (width)' },
      { code: 'analysis/missing-argument', text: 'blk', ...where(src, 'blk', 1), message: 'block `blk` needs `width`' },
      { code: 'analysis/unknown-argument', text: 'wdth', ...where(src, 'wdth'), message: 'block `blk` has no parameter `wdth`; did you mean `width`?' },
      { code: 'analysis/missing-argument', text: 'blk', ...where(src, 'blk', 2), message: 'block `blk` needs `width`' },
    ]);
  });

  it('block uses bind their arguments as layer calls do: no positional argument after named ones, bindings in parameter order', () => {
    const src = `network N { input [4], layers { blk(d: 1, 2), blk(d: 0.5, w: 3) } }
block blk(w, d) { dense(w), dropout(d) }`;
    expect(problems(src)).toEqual([
      { code: 'analysis/missing-argument', text: 'blk', ...where(src, 'blk', 0), message: 'block `blk` needs `w`' },
      {
        code: 'analysis/positional-after-named',
        text: '2',
        ...where(src, '2'),
        message: 'a positional argument cannot follow named ones in `blk(…)`; name it',
      },
    ]);
    const [n] = analyze(parse(src).ast).networks;
    const step = n!.layers[0]!.origin.chain[0]!;
    expect(step.kind === 'block' && Object.entries(step.bindings)).toEqual([
      ['w', 3],
      ['d', 0.5],
    ]);
  });

  it('a misspelt parameter inside a block suggests the parameter', () => {
    const src = 'network N { input [4], layers { blk(8) } }\nblock blk(width) { dense(widht) }';
    expect(only(src)).toMatchObject({
      code: 'analysis/wrong-type',
      text: 'widht',
      message: '`units` of `dense` must be a positive integer, got `widht`; did you mean the block parameter `width`?',
    });
  });

  it('errors in a block no network uses are still reported', () => {
    const src = 'network N { input [1], layers { dense(1) } }\nblock unused(w) { desne(w), dropout(2) }';
    expect(problems(src).map((p) => [p.code, p.text])).toEqual([
      ['analysis/unknown-layer', 'desne'],
      ['analysis/out-of-range', '2'],
    ]);
  });

  it('a runaway expansion stops with an error instead of hanging', () => {
    const src = net('[1]', 'repeat 1000000 { repeat 1000000 { dense(1) } }');
    const t0 = Date.now();
    const ps = problems(src);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(ps.map((p) => p.code)).toEqual(['analysis/too-many-layers']);
  });
});

describe('robustness', () => {
  const zero = { offset: 0, line: 1, column: 1 };
  const r: Range = { start: zero, end: zero };

  it('analyze never throws on trees that recovery left incomplete', () => {
    const broken = {
      kind: 'Program',
      range: r,
      comments: [],
      items: [
        { kind: 'Network', range: r, members: [] },
        {
          kind: 'Network',
          range: r,
          name: { kind: 'Identifier', name: 'X', range: r },
          members: [
            { kind: 'Input', range: r, dims: [] },
            { kind: 'Task', range: r },
            {
              kind: 'Layers',
              range: r,
              items: [
                { kind: 'LayerCall', range: r },
                { kind: 'Repeat', range: r, keywordRange: r, body: [] },
                { kind: 'LayerCall', range: r, name: { kind: 'Identifier', name: 'dense', range: r }, args: { kind: 'ArgList', range: r, args: [{ kind: 'Argument', range: r }] } },
              ],
            },
            { kind: 'Train', range: r, settings: [{ kind: 'Setting', range: r, key: { kind: 'Identifier', name: 'loss', range: r }, colon: true }] },
            { kind: 'Data', range: r, settings: [] },
          ],
        },
        { kind: 'Block', range: r, params: [], body: [] },
      ],
    } as unknown as Program;
    const result = analyze(broken);
    expect(result.networks).toHaveLength(2);
    expect(result.diagnostics.map((d) => d.code)).not.toContain('analysis/internal-error');
    expect(analyze({} as Program)).toEqual({ networks: [], diagnostics: [] });
  });
});
