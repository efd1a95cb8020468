/**
 * The layers added for graph networks: global_avg_pool2d, global_max_pool2d, zero_padding2d, and
 * `use_bias` on dense and conv2d — shapes, parameter counts (Keras's conventions) and errors with
 * the ranges they point at.
 */
import { describe, expect, it } from 'vitest';
import { LAYERS, LAYER_DOCS, LOSSES, TASKS, inferLayer } from '../src/index.js';
import { clean, net, problems, table, where } from './analyze-helpers.js';

describe('global pooling', () => {
  it('[h, w, c] → [c] with no parameters, for both kinds', () => {
    const [n] = clean(net('[7, 5, 3]', 'conv2d(8, kernel: 3, padding: same)\nglobal_avg_pool2d()\ndense(2)'));
    expect(table(n!)).toEqual([
      ['conv2d', [7, 5, 8], 3 * 3 * 3 * 8 + 8, 0],
      ['global_avg_pool2d', [8], 0, 0],
      ['dense', [2], 8 * 2 + 2, 0],
    ]);
    const [m] = clean(net('[4, 4, 6]', 'global_max_pool2d()'));
    expect(m!.layers[0]).toMatchObject({ kind: 'global_max_pool2d', name: 'global_max_pool2d', inputShape: [4, 4, 6], outputShape: [6] });
    expect(m!.outputShape).toEqual([6]);
  });

  it('rejects an input that is not [height, width, channels], at the layer', () => {
    const src = net('[16]', 'global_avg_pool2d()');
    expect(problems(src)).toEqual([
      {
        code: 'analysis/shape-mismatch',
        text: 'global_avg_pool2d()',
        ...where(src, 'global_avg_pool2d'),
        message: 'global_avg_pool2d needs an input of shape [height, width, channels], but its input is [16]',
      },
    ]);
    expect(inferLayer({ kind: 'global_max_pool2d' }, [2, 3, 4, 5])).toEqual({
      ok: false,
      message: 'global_max_pool2d needs an input of shape [height, width, channels], but its input is [2, 3, 4, 5]',
    });
  });

  it('takes no arguments', () => {
    const src = net('[4, 4, 2]', 'global_max_pool2d(2)');
    expect(problems(src)).toEqual([
      { code: 'analysis/too-many-arguments', text: '2', ...where(src, '2)'), message: '`global_max_pool2d` takes no arguments' },
    ]);
  });
});

describe('zero_padding2d', () => {
  it('one number pads every side; [h, w] both sides of each axis; [[t, b], [l, r]] each side', () => {
    const [n] = clean(net('[10, 8, 3]', 'zero_padding2d(3)\nzero_padding2d([1, 2])\nzero_padding2d([[1, 0], [0, 2]])'));
    expect(n!.layers.map((l) => (l.kind === 'zero_padding2d' ? l.padding : undefined))).toEqual([
      [
        [3, 3],
        [3, 3],
      ],
      [
        [1, 1],
        [2, 2],
      ],
      [
        [1, 0],
        [0, 2],
      ],
    ]);
    // 10 + 6 = 16, 8 + 6 = 14; then 16 + 2 = 18, 14 + 4 = 18; then 18 + 1 = 19, 18 + 2 = 20.
    expect(table(n!)).toEqual([
      ['zero_padding2d', [16, 14, 3], 0, 0],
      ['zero_padding2d_1', [18, 18, 3], 0, 0],
      ['zero_padding2d_2', [19, 20, 3], 0, 0],
    ]);
  });

  it('defaults to 1 on every side (Keras ZeroPadding2D) and accepts 0', () => {
    const [n] = clean(net('[2, 2, 1]', 'zero_padding2d()\nzero_padding2d(padding: 0)'));
    expect(table(n!)).toEqual([
      ['zero_padding2d', [4, 4, 1], 0, 0],
      ['zero_padding2d_1', [4, 4, 1], 0, 0],
    ]);
    expect(LAYERS.zero_padding2d.args.map((a) => [a.name, a.type, a.position, a.default])).toEqual([['padding', 'padding2d', 0, 1]]);
  });

  it('ResNet50 stem: pad 3, 7×7/2 valid conv, pad 1, 3×3/2 max pool → 56×56 (Keras)', () => {
    const [n] = clean(
      net(
        '[224, 224, 3]',
        `zero_padding2d(3)
         conv2d(64, kernel: 7, stride: 2)
         zero_padding2d(1)
         max_pool2d(3, stride: 2)`,
      ),
    );
    expect(table(n!)).toEqual([
      ['zero_padding2d', [230, 230, 3], 0, 0],
      ['conv2d', [112, 112, 64], 7 * 7 * 3 * 64 + 64, 0],
      ['zero_padding2d_1', [114, 114, 64], 0, 0],
      ['max_pool2d', [56, 56, 64], 0, 0],
    ]);
  });

  it('negative, fractional and misshapen paddings are reported where written', () => {
    const src = net(
      '[8, 8, 1]',
      `zero_padding2d(-1)
       zero_padding2d([1.5, 1])
       zero_padding2d([1, 2, 3])
       zero_padding2d([[1, 2], 3])
       zero_padding2d(same)`,
    );
    const expected = 'a non-negative integer, a list [height, width] of them, or [[top, bottom], [left, right]]';
    expect(problems(src)).toEqual([
      { code: 'analysis/out-of-range', text: '-1', ...where(src, '-1'), message: '`padding` of `zero_padding2d` must be a non-negative integer, got `-1`' },
      { code: 'analysis/wrong-type', text: '1.5', ...where(src, '1.5'), message: '`padding` of `zero_padding2d` must be a non-negative integer, got `1.5`' },
      {
        code: 'analysis/wrong-type',
        text: '[1, 2, 3]',
        ...where(src, '[1, 2, 3]'),
        message: `\`padding\` of \`zero_padding2d\` must be ${expected}, got \`[1, 2, 3]\``,
      },
      {
        code: 'analysis/wrong-type',
        text: '[[1, 2], 3]',
        ...where(src, '[[1, 2], 3]'),
        message: `\`padding\` of \`zero_padding2d\` must be ${expected}, got \`[[1, 2], 3]\``,
      },
      { code: 'analysis/wrong-type', text: 'same', ...where(src, 'same'), message: `\`padding\` of \`zero_padding2d\` must be ${expected}, got \`same\`` },
    ]);
  });

  it('a negative side inside [[t, b], [l, r]] is reported at that number', () => {
    const src = net('[8, 8, 1]', 'zero_padding2d([[1, 0], [-2, 1]])');
    expect(problems(src)).toEqual([
      { code: 'analysis/out-of-range', text: '-2', ...where(src, '-2'), message: '`padding` of `zero_padding2d` must be a non-negative integer, got `-2`' },
    ]);
  });

  it('rejects a flat input, at the layer', () => {
    const src = net('[4]', 'zero_padding2d(1)');
    expect(problems(src)).toEqual([
      {
        code: 'analysis/shape-mismatch',
        text: 'zero_padding2d(1)',
        ...where(src, 'zero_padding2d'),
        message: 'zero_padding2d needs an input of shape [height, width, channels], but its input is [4]',
      },
    ]);
  });
});

describe('use_bias', () => {
  it('dense and conv2d without a bias have no bias parameters (Keras use_bias=False)', () => {
    const [n] = clean(
      net(
        '[6, 6, 2]',
        `conv2d(4, kernel: 3, use_bias: false)
         conv2d(4, kernel: 1, use_bias: true)
         flatten()
         dense(5, use_bias: false)
         dense(3)`,
      ),
    );
    expect(table(n!)).toEqual([
      ['conv2d', [4, 4, 4], 3 * 3 * 2 * 4, 0],
      ['conv2d_1', [4, 4, 4], 1 * 1 * 4 * 4 + 4, 0],
      ['flatten', [64], 0, 0],
      ['dense', [5], 64 * 5, 0],
      ['dense_1', [3], 5 * 3 + 3, 0],
    ]);
    expect(n!.layers.map((l) => ('useBias' in l ? l.useBias : undefined))).toEqual([false, true, undefined, false, true]);
    expect(n!.layers[0]!.argRanges).toHaveProperty('use_bias');
  });

  it('defaults to true, named only; prelu slopes are still counted without a bias', () => {
    for (const kind of ['dense', 'conv2d'] as const) {
      const arg = LAYERS[kind].args.find((a) => a.name === 'use_bias');
      expect(arg).toMatchObject({ type: 'bool', required: false, default: true });
      expect(arg!.position).toBeUndefined();
    }
    const [n] = clean(net('[3]', 'dense(4, activation: prelu, use_bias: false)'));
    expect(n!.layers[0]!.params).toEqual({ trainable: 3 * 4 + 4, nonTrainable: 0 });
  });

  it('must be true or false', () => {
    const src = net('[3]', 'dense(4, use_bias: 0)');
    expect(problems(src)).toEqual([
      { code: 'analysis/wrong-type', text: '0', ...where(src, '0)'), message: '`use_bias` of `dense` must be `true` or `false`, got `0`' },
    ]);
  });

  it('passes through a block parameter', () => {
    const src = `block unit(bias) {\n  conv2d(2, kernel: 1, use_bias: bias)\n}\n${net('[2, 2, 3]', 'unit(false)\nunit(true)')}`;
    const [n] = clean(src);
    expect(n!.layers.map((l) => l.params.trainable)).toEqual([3 * 2, 2 * 2 + 2]);
  });
});

describe('catalog and docs', () => {
  it('the new kinds are spatial, unweighted, and documented', () => {
    for (const kind of ['global_avg_pool2d', 'global_max_pool2d', 'zero_padding2d'] as const) {
      expect(LAYERS[kind]).toMatchObject({ name: kind, spatial: true, weighted: false });
      expect(LAYER_DOCS[kind].summary.length).toBeGreaterThan(20);
      expect(LAYER_DOCS[kind].example).toMatch(new RegExp(`^${kind}\\(`));
    }
  });

  it('every loss has a family: regression (real values, counts), probabilistic (cross-entropies, kl_divergence) or margin (hinge)', () => {
    const byFamily = (f: string) => Object.values(LOSSES).filter((l) => l.family === f).map((l) => l.name);
    expect(byFamily('regression')).toEqual(['mse', 'mae', 'huber', 'log_cosh', 'poisson']);
    expect(byFamily('probabilistic')).toEqual(['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'kl_divergence']);
    expect(byFamily('margin')).toEqual(['hinge']);
    // Each task's default loss is of the family the task needs.
    expect(Object.values(TASKS).map((t) => [t.name, LOSSES[t.defaultLoss].family])).toEqual([
      ['regression', 'regression'],
      ['binary_classification', 'probabilistic'],
      ['classification', 'probabilistic'],
      ['multilabel', 'probabilistic'],
    ]);
  });

  it('an analysed layer owns its padding arrays (reused checks are copied)', () => {
    const [n] = clean(net('[4, 4, 1]', 'zero_padding2d([[1, 0], [0, 1]])\nzero_padding2d([[1, 0], [0, 1]])'));
    const [a, b] = n!.layers;
    if (a?.kind !== 'zero_padding2d' || b?.kind !== 'zero_padding2d') throw new Error('expected two zero_padding2d layers');
    expect(a.padding).toEqual(b.padding);
    expect(a.padding).not.toBe(b.padding);
    expect(a.padding[0]).not.toBe(b.padding[0]);
  });
});
