/**
 * Issue 13's vocabulary: parameterised initialisers, kernel regularizers, the new losses and
 * optimizers, weight decay on every optimizer, and `data { standardize_target }` — each read with
 * its defaults and with written arguments, each error with its message and range, and the formatter
 * round trip.
 */
import { describe, expect, it } from 'vitest';
import {
  check,
  format,
  INITIALIZERS,
  LOSSES,
  OPTIMIZERS,
  REGULARIZERS,
  initializerDistribution,
  initializerFamily,
  initializerText,
  regularizerText,
  type ResolvedLayer,
} from '../src/index.js';
import { INITIALIZER_DOCS, LOSS_DOCS, OPTIMIZER_DOCS, REGULARIZER_DOCS } from '../src/docs/index.js';
import { clean, net, problems, where } from './analyze-helpers.js';

/** The `init` of the one dense layer of a `[4]` network written with `args`. */
function dense(args: string): ResolvedLayer & { kind: 'dense' } {
  const [n] = clean(net('[4]', `dense(3, ${args})`));
  return n!.layers[0] as ResolvedLayer & { kind: 'dense' };
}

const trainWith = (settings: string) => net('[4]', 'dense(3, activation: softmax)', `  task classification(3)\n  train {\n    ${settings}\n  }\n`);

/** The single diagnostic of a program. */
function only(src: string) {
  const ps = problems(src);
  expect(ps, JSON.stringify(ps, null, 1)).toHaveLength(1);
  return ps[0]!;
}

describe('initialisers with arguments', () => {
  it('take Keras defaults when written bare', () => {
    expect(dense('init: ones').init).toEqual({ name: 'ones' });
    expect(dense('init: random_uniform').init).toEqual({ name: 'random_uniform', minval: -0.05, maxval: 0.05 });
    expect(dense('init: random_normal').init).toEqual({ name: 'random_normal', mean: 0, stddev: 0.05 });
    expect(dense('init: truncated_normal()').init).toEqual({ name: 'truncated_normal', mean: 0, stddev: 0.05 });
    expect(dense('init: orthogonal').init).toEqual({ name: 'orthogonal', gain: 1 });
    expect(dense('init: variance_scaling').init).toEqual({ name: 'variance_scaling', scale: 1, mode: 'fan_in', distribution: 'truncated_normal' });
  });

  it('read positional and named arguments as Keras does', () => {
    expect(dense('init: random_uniform(0, 1)').init).toEqual({ name: 'random_uniform', minval: 0, maxval: 1 });
    expect(dense('init: random_uniform(maxval: 0.5)').init).toEqual({ name: 'random_uniform', minval: -0.05, maxval: 0.5 });
    expect(dense('init: random_normal(stddev: 1)').init).toEqual({ name: 'random_normal', mean: 0, stddev: 1 });
    expect(dense('init: random_normal(0.5, 2)').init).toEqual({ name: 'random_normal', mean: 0.5, stddev: 2 });
    expect(dense('init: truncated_normal(mean: -1, stddev: 0.02)').init).toEqual({ name: 'truncated_normal', mean: -1, stddev: 0.02 });
    expect(dense('init: orthogonal(1.41)').init).toEqual({ name: 'orthogonal', gain: 1.41 });
    expect(dense('init: variance_scaling(scale: 2, mode: fan_in, distribution: truncated_normal)').init).toEqual({
      name: 'variance_scaling',
      scale: 2,
      mode: 'fan_in',
      distribution: 'truncated_normal',
    });
    expect(dense('init: variance_scaling(0.5, fan_avg, uniform)').init).toEqual({ name: 'variance_scaling', scale: 0.5, mode: 'fan_avg', distribution: 'uniform' });
    expect(dense('bias_init: ones').biasInit).toEqual({ name: 'ones' });
  });

  it('family and distribution with the arguments: a named scheme written as variance_scaling is that scheme', () => {
    const vs = (scale: number, mode: 'fan_in' | 'fan_out' | 'fan_avg', distribution: 'truncated_normal' | 'untruncated_normal' | 'uniform') =>
      ({ name: 'variance_scaling', scale, mode, distribution }) as const;
    expect(initializerFamily(vs(1, 'fan_avg', 'uniform'))).toBe('glorot');
    expect(initializerFamily(vs(2, 'fan_in', 'truncated_normal'))).toBe('he');
    expect(initializerFamily(vs(1, 'fan_in', 'untruncated_normal'))).toBe('lecun');
    expect(initializerFamily(vs(3, 'fan_out', 'uniform'))).toBe('variance_scaling');
    expect(initializerFamily({ name: 'random_uniform', minval: 0, maxval: 1 })).toBe('fixed');
    expect(initializerFamily({ name: 'he_normal' })).toBe('he');
    expect(initializerDistribution(vs(1, 'fan_avg', 'uniform'))).toBe('uniform');
    expect(initializerDistribution(vs(1, 'fan_avg', 'untruncated_normal'))).toBe('normal');
    expect(initializerDistribution({ name: 'truncated_normal', mean: 0, stddev: 1 })).toBe('normal');
    expect(initializerDistribution({ name: 'ones' })).toBeUndefined();
  });

  it('minval must be below maxval', () => {
    const src = net('[4]', 'dense(3, init: random_uniform(1, 0))');
    expect(only(src)).toEqual({
      code: 'analysis/out-of-range',
      text: '1',
      ...where(src, '1, 0'),
      message: '`minval` of `random_uniform` must be below `maxval`, got minval 1 and maxval 0',
    });
    const eq = net('[4]', 'dense(3, init: random_uniform(maxval: -0.05))');
    expect(only(eq)).toMatchObject({ text: '-0.05', message: '`minval` of `random_uniform` must be below `maxval`, got minval -0.05 and maxval -0.05' });
  });

  it('stddev must be positive', () => {
    const src = net('[4]', 'dense(3, init: random_normal(stddev: 0))');
    expect(only(src)).toEqual({
      code: 'analysis/out-of-range',
      text: '0',
      ...where(src, '0))'),
      message: '`stddev` of `random_normal` must be a positive number, got `0`',
    });
    expect(only(net('[4]', 'dense(3, init: truncated_normal(0, -1))'))).toMatchObject({
      text: '-1',
      message: '`stddev` of `truncated_normal` must be a positive number, got `-1`',
    });
  });

  it('an unknown mode or distribution is named with a did-you-mean', () => {
    const src = net('[4]', 'dense(3, init: variance_scaling(mode: fan_inn))');
    expect(only(src)).toEqual({
      code: 'analysis/wrong-type',
      text: 'fan_inn',
      ...where(src, 'fan_inn'),
      message: '`mode` of `variance_scaling` must be `fan_in`, `fan_out`, `fan_avg`, got `fan_inn`; did you mean `fan_in`?',
    });
    expect(only(net('[4]', 'dense(3, init: variance_scaling(distribution: unifrm))'))).toMatchObject({
      text: 'unifrm',
      message: '`distribution` of `variance_scaling` must be `truncated_normal`, `untruncated_normal`, `uniform`, got `unifrm`; did you mean `uniform`?',
    });
    expect(only(net('[4]', 'dense(3, init: variance_scaling(distribution: normal))'))).toMatchObject({
      text: 'normal',
      message:
        '`distribution` of `variance_scaling` must be `truncated_normal`, `untruncated_normal`, `uniform`, got `normal`: write `truncated_normal` (what Keras reads `normal` as) or `untruncated_normal`',
    });
    expect(only(net('[4]', 'dense(3, init: variance_scaling(mode: "fan_in"))'))).toMatchObject({
      code: 'analysis/wrong-type',
      text: '"fan_in"',
      message: '`mode` of `variance_scaling` must be `fan_in`, `fan_out`, `fan_avg`, got `"fan_in"`',
    });
  });

  it('orthogonal is refused for a bias, which has one axis', () => {
    const src = net('[4]', 'dense(3, bias_init: orthogonal(2))');
    expect(only(src)).toEqual({
      code: 'analysis/wrong-type',
      text: 'orthogonal(2)',
      ...where(src, 'orthogonal(2)'),
      message: '`bias_init` cannot be orthogonal: a bias is a vector, and an orthogonal matrix needs two axes (use zeros or constant)',
    });
    expect(dense('init: orthogonal, bias_init: ones')).toMatchObject({ init: { name: 'orthogonal', gain: 1 }, biasInit: { name: 'ones' } });
  });

  it('too many positional arguments and unknown ones', () => {
    expect(only(net('[4]', 'dense(3, init: orthogonal(1, 2))'))).toMatchObject({
      code: 'analysis/too-many-arguments',
      text: '2',
      message: '`orthogonal` takes at most 1 positional argument (gain); name the others',
    });
    expect(only(net('[4]', 'dense(3, init: random_normal(std: 1))'))).toMatchObject({
      code: 'analysis/unknown-argument',
      text: 'std',
      message: '`random_normal` has no argument `std` (expected one of: mean, stddev)',
    });
  });
});

describe('kernel regularizers', () => {
  it('are absent unless written, and add no parameters', () => {
    expect(dense('activation: relu').kernelRegularizer).toBeUndefined();
    const [plain] = clean(net('[4]', 'dense(3)'));
    const [reg] = clean(net('[4]', 'dense(3, kernel_regularizer: l2(0.01))'));
    expect(reg!.params).toEqual(plain!.params);
  });

  it('read with defaults and with written arguments on dense, conv2d and conv1d', () => {
    expect(dense('kernel_regularizer: l2').kernelRegularizer).toEqual({ name: 'l2', l2: 0.01 });
    expect(dense('kernel_regularizer: l2(0.001)').kernelRegularizer).toEqual({ name: 'l2', l2: 0.001 });
    expect(dense('kernel_regularizer: l1(0.001)').kernelRegularizer).toEqual({ name: 'l1', l1: 0.001 });
    expect(dense('kernel_regularizer: l1_l2').kernelRegularizer).toEqual({ name: 'l1_l2', l1: 0.01, l2: 0.01 });
    expect(dense('kernel_regularizer: l1_l2(l1: 0.02, l2: 0.03)').kernelRegularizer).toEqual({ name: 'l1_l2', l1: 0.02, l2: 0.03 });
    expect(dense('kernel_regularizer: l1_l2(0, 0.5)').kernelRegularizer).toEqual({ name: 'l1_l2', l1: 0, l2: 0.5 });
    const [conv] = clean(net('[8, 8, 1]', 'conv2d(2, 3, kernel_regularizer: l1(0.1))\nflatten()'));
    expect(conv!.layers[0]).toMatchObject({ kind: 'conv2d', kernelRegularizer: { name: 'l1', l1: 0.1 } });
    const [seq] = clean(net('[10, 2]', 'conv1d(4, 3, kernel_regularizer: l2(0.5))'));
    expect(seq!.layers[0]).toMatchObject({ kind: 'conv1d', kernelRegularizer: { name: 'l2', l2: 0.5 } });
  });

  it('a value passed through a block parameter is read at the use site', () => {
    const src = net('[4]', 'wide(l2(0.2))') + 'block wide(reg) { dense(8, kernel_regularizer: reg) }\n';
    const [n] = clean(src);
    expect(n!.layers[0]).toMatchObject({ kernelRegularizer: { name: 'l2', l2: 0.2 } });
  });

  it('errors: a layer without a kernel, an unknown or misspelt regularizer, a negative factor', () => {
    const drop = net('[4]', 'dense(3)\ndropout(0.5, kernel_regularizer: l2(0.01))');
    expect(only(drop)).toEqual({
      code: 'analysis/unknown-argument',
      text: 'kernel_regularizer',
      ...where(drop, 'kernel_regularizer'),
      message: '`dropout` takes no `kernel_regularizer`: it has no kernel to regularise (dense, conv2d and conv1d have one)',
    });
    expect(only(net('[10, 2]', 'lstm(4, kernel_regularizer: l2(0.01))'))).toMatchObject({
      code: 'analysis/unknown-argument',
      text: 'kernel_regularizer',
      message: '`lstm` takes no `kernel_regularizer`: Axon regularises the kernels of dense, conv2d and conv1d only',
    });
    const typo = net('[4]', 'dense(3, kernel_regularizer: l3(0.01))');
    expect(only(typo)).toEqual({
      code: 'analysis/unknown-regularizer',
      text: 'l3',
      ...where(typo, 'l3'),
      message: 'unknown regularizer `l3`; did you mean `l1`?',
    });
    expect(only(net('[4]', 'dense(3, kernel_regularizer: l2(-0.1))'))).toMatchObject({
      code: 'analysis/out-of-range',
      text: '-0.1',
      message: '`l2` of `l2` must be a number ≥ 0, got `-0.1`',
    });
    expect(only(net('[4]', 'dense(3, kernel_regularizer: 0.01)'))).toMatchObject({
      code: 'analysis/wrong-type',
      text: '0.01',
      message: '`kernel_regularizer` of `dense` must be a regularizer (l1, l2, l1_l2), got `0.01`',
    });
  });
});

describe('losses', () => {
  it('the new losses are read, sparse_categorical_crossentropy with from_logits', () => {
    for (const name of ['log_cosh', 'kl_divergence', 'poisson', 'hinge', 'sparse_categorical_crossentropy'] as const) {
      const [n] = clean(trainWith(`loss: ${name}`));
      expect(n!.train.loss, name).toEqual({ name, fromLogits: false });
      expect(n!.train.lossExplicit).toBe(true);
    }
    const [logits] = clean(net('[4]', 'dense(3)', '  task classification(3)\n  train { loss: sparse_categorical_crossentropy(from_logits: true) }\n'));
    expect(logits!.train.loss).toEqual({ name: 'sparse_categorical_crossentropy', fromLogits: true });
  });

  it('classification still defaults to categorical_crossentropy', () => {
    const [n] = clean(net('[4]', 'dense(3, activation: softmax)', '  task classification(3)\n'));
    expect(n!.train.loss).toEqual({ name: 'categorical_crossentropy', fromLogits: false });
    expect(n!.train.lossExplicit).toBe(false);
  });

  it('losses without arguments refuse them', () => {
    expect(only(trainWith('loss: hinge(1)'))).toMatchObject({ code: 'analysis/too-many-arguments', text: '1', message: '`hinge` takes no arguments' });
    expect(only(trainWith('loss: poison'))).toMatchObject({ code: 'analysis/unknown-loss', text: 'poison', message: 'unknown loss `poison`; did you mean `poisson`?' });
  });
});

describe('optimizers', () => {
  const opt = (text: string) => clean(trainWith(`optimizer: ${text}`))[0]!.train.optimizer;

  it('the new optimizers take Keras defaults', () => {
    expect(opt('adagrad')).toEqual({ name: 'adagrad', learningRate: 1e-3, initialAccumulator: 0.1, epsilon: 1e-7 });
    expect(opt('adadelta')).toEqual({ name: 'adadelta', learningRate: 1e-3, rho: 0.95, epsilon: 1e-7 });
    expect(opt('adamw')).toEqual({ name: 'adamw', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.004 });
    expect(opt('nadam')).toEqual({ name: 'nadam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  });

  it('written arguments, positional learning rate', () => {
    expect(opt('adagrad(0.01, initial_accumulator_value: 0, epsilon: 1e-6)')).toEqual({ name: 'adagrad', learningRate: 0.01, initialAccumulator: 0, epsilon: 1e-6 });
    expect(opt('adadelta(learning_rate: 1.0, rho: 0.9)')).toEqual({ name: 'adadelta', learningRate: 1, rho: 0.9, epsilon: 1e-7 });
    expect(opt('adamw(2e-3, weight_decay: 0.01, beta2: 0.99)')).toEqual({ name: 'adamw', learningRate: 2e-3, beta1: 0.9, beta2: 0.99, epsilon: 1e-7, weightDecay: 0.01 });
    expect(opt('nadam(0.002, beta1: 0.95, clipnorm: 1)')).toEqual({ name: 'nadam', learningRate: 0.002, beta1: 0.95, beta2: 0.999, epsilon: 1e-7, clipNorm: 1 });
  });

  it('weight_decay on every optimizer, absent unless written (adamw: 0.004), its range recorded', () => {
    for (const name of Object.keys(OPTIMIZERS)) {
      expect(opt(name).weightDecay, name).toBe(name === 'adamw' ? 0.004 : undefined);
      expect(opt(`${name}(weight_decay: 0.001)`).weightDecay, name).toBe(0.001);
    }
    expect(opt('sgd(0.1, momentum: 0.9, weight_decay: 0)')).toEqual({ name: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: false, weightDecay: 0 });
    const src = trainWith('optimizer: adam(weight_decay: 1e-4)');
    const [n] = clean(src);
    expect(n!.train.ranges['weight_decay']).toMatchObject({ start: where(src, '1e-4') });
  });

  it('errors: a negative weight decay, a misspelt optimizer, rho out of range', () => {
    const src = trainWith('optimizer: sgd(weight_decay: -0.01)');
    expect(only(src)).toEqual({
      code: 'analysis/out-of-range',
      text: '-0.01',
      ...where(src, '-0.01'),
      message: '`weight_decay` of `sgd` must be a number ≥ 0, got `-0.01`',
    });
    expect(only(trainWith('optimizer: adamW'))).toMatchObject({ code: 'analysis/unknown-optimizer', text: 'adamW', message: 'unknown optimizer `adamW`; did you mean `adamw`?' });
    expect(only(trainWith('optimizer: adadelta(rho: 1)'))).toMatchObject({ text: '1', message: '`rho` of `adadelta` must be a number in [0, 1), got `1`' });
    expect(only(trainWith('optimizer: adagrad(initial_accumulator_value: -1)'))).toMatchObject({
      text: '-1',
      message: '`initial_accumulator_value` of `adagrad` must be a number ≥ 0, got `-1`',
    });
  });
});

describe('data { standardize_target }', () => {
  const data = (task: string, setting: string) =>
    net('[2]', 'dense(1)', `  task ${task}\n  data {\n    source: "d.csv"\n    target: "y"\n    ${setting}\n  }\n`);

  it('absent by default; read on a regression', () => {
    expect(clean(data('regression', ''))[0]!.data!.standardizeTarget).toBeUndefined();
    expect(clean(data('regression', 'standardize_target: true'))[0]!.data!.standardizeTarget).toBe(true);
    expect(clean(data('regression(outputs: 1)', 'standardize_target: false'))[0]!.data!.standardizeTarget).toBe(false);
    // Without a task nothing says the target is a class column.
    const [n] = clean(`network N {\n  input [2]\n  layers { dense(1) }\n  data { source: "d.csv", target: "y", standardize_target: true }\n}\n`);
    expect(n!.data!.standardizeTarget).toBe(true);
  });

  it('refused on a task that is not regression, at the setting', () => {
    const src = data('classification(3)', 'standardize_target: true');
    expect(only(src)).toEqual({
      code: 'analysis/conflicting-settings',
      text: 'standardize_target',
      ...where(src, 'standardize_target'),
      message: '`standardize_target` scales regression targets; this task is classification (its target is a class column): remove `standardize_target`',
    });
    expect(only(data('binary_classification', 'standardize_target: true')).message).toContain('this task is binary_classification');
    expect(problems(data('classification(3)', 'standardize_target: false'))).toEqual([]);
    expect(only(data('regression', 'standardize_target: 1'))).toMatchObject({ code: 'analysis/wrong-type', message: '`standardize_target` must be `true` or `false`, got `1`' });
  });
});

describe('formatter and docs', () => {
  it('formats the new vocabulary and round-trips it to the same networks', () => {
    const src = `network   N {
  input [4]
  task regression
  layers {
    dense(8,activation:relu,init:variance_scaling(scale:2,mode:fan_in,distribution:truncated_normal),kernel_regularizer:l1_l2(l1:0.01,l2:0.01))
    dense(8, init: random_uniform(-0.1, 0.1), bias_init: ones, kernel_regularizer: l2(0.01))
    dense(1, init: orthogonal(gain: 1.0))
  }
  train { loss: log_cosh
    optimizer: adamw(learning_rate: 1e-3, weight_decay: 0.01) }
  data { source: "d.csv"
    target: "y"
    standardize_target: true }
}
`;
    const out = format(src);
    expect(format(out)).toBe(out);
    expect(out).toContain('init: variance_scaling(scale: 2, mode: fan_in, distribution: truncated_normal)');
    expect(out).toContain('kernel_regularizer: l1_l2(l1: 0.01, l2: 0.01)');
    const strip = (n: ReturnType<typeof check>['networks'][number]) =>
      JSON.stringify([n.layers.map(({ kind, params, outputShape, ...l }) => [kind, params, outputShape, 'init' in l ? [l.init, l.biasInit, l.kernelRegularizer] : null]), n.train.loss, n.train.optimizer, n.data?.standardizeTarget]);
    expect(check(out).diagnostics).toEqual([]);
    expect(strip(check(out).networks[0]!)).toBe(strip(clean(src)[0]!));
  });

  it('every initialiser, loss, optimizer and regularizer has hover prose with a formula or defaults and an example', () => {
    for (const [table, docs] of [
      [INITIALIZERS, INITIALIZER_DOCS],
      [LOSSES, LOSS_DOCS],
      [OPTIMIZERS, OPTIMIZER_DOCS],
      [REGULARIZERS, REGULARIZER_DOCS],
    ] as const) {
      for (const name of Object.keys(table)) {
        const doc = (docs as Record<string, { summary: string; details?: string; example?: string }>)[name];
        expect(doc, name).toBeDefined();
        expect(doc!.summary.length, name).toBeGreaterThan(5);
      }
    }
    for (const name of ['random_uniform', 'random_normal', 'truncated_normal', 'orthogonal', 'variance_scaling', 'ones'] as const) {
      const doc = INITIALIZER_DOCS[name];
      expect(`${doc.summary} ${doc.details}`, name).toMatch(/Keras `\w+`/);
    }
    for (const name of ['adagrad', 'adadelta', 'adamw', 'nadam'] as const) expect(OPTIMIZER_DOCS[name].details, name).toMatch(/Keras `\w+` defaults/);
    for (const name of ['sparse_categorical_crossentropy', 'kl_divergence', 'poisson', 'log_cosh', 'hinge'] as const) {
      expect(LOSS_DOCS[name].example).toBe(`loss: ${name}`);
      expect(LOSS_DOCS[name].tasks.length).toBeGreaterThan(0);
    }
    // Every example in the prose is valid source.
    for (const d of [...Object.values(INITIALIZER_DOCS), ...Object.values(REGULARIZER_DOCS)]) {
      if (!d.example) continue;
      const [key, ...rest] = d.example.split(': ');
      clean(net('[4]', `dense(3, ${key}: ${rest.join(': ')})`));
    }
    for (const d of Object.values(OPTIMIZER_DOCS)) if (d.example) clean(trainWith(d.example));
  });
});

describe('source text', () => {
  it('writes initialisers and regularizers with every argument named, and the text reads back', () => {
    expect(initializerText({ name: 'he_uniform' })).toBe('he_uniform');
    expect(initializerText({ name: 'random_uniform', minval: -0.05, maxval: 0.05 })).toBe('random_uniform(minval: -0.05, maxval: 0.05)');
    const vs = { name: 'variance_scaling', scale: 2, mode: 'fan_in', distribution: 'truncated_normal' } as const;
    expect(initializerText(vs)).toBe('variance_scaling(scale: 2, mode: fan_in, distribution: truncated_normal)');
    expect(regularizerText({ name: 'l1_l2', l1: 0.01, l2: 0.02 })).toBe('l1_l2(l1: 0.01, l2: 0.02)');
    const layer = dense(`init: ${initializerText(vs)}, kernel_regularizer: ${regularizerText({ name: 'l2', l2: 0.3 })}`);
    expect([layer.init, layer.kernelRegularizer]).toEqual([vs, { name: 'l2', l2: 0.3 }]);
  });
});

describe('reuse of checked calls', () => {
  it('every layer of a repeat or block use owns its initialiser and regularizer', () => {
    const src = net('[4]', 'repeat 3 { dense(4, init: random_normal(0, 0.1), kernel_regularizer: l2(0.1)) }\nwide()\nwide()') + 'block wide() { dense(4, kernel_regularizer: l1_l2(0.1, 0.2)) }\n';
    const [n] = clean(src);
    const layers = n!.layers as (ResolvedLayer & { kind: 'dense' })[];
    expect(layers.map((l) => l.kernelRegularizer)).toEqual([
      { name: 'l2', l2: 0.1 },
      { name: 'l2', l2: 0.1 },
      { name: 'l2', l2: 0.1 },
      { name: 'l1_l2', l1: 0.1, l2: 0.2 },
      { name: 'l1_l2', l1: 0.1, l2: 0.2 },
    ]);
    expect(layers[0]!.init).toEqual({ name: 'random_normal', mean: 0, stddev: 0.1 });
    expect(new Set(layers.map((l) => l.kernelRegularizer)).size).toBe(5);
    expect(new Set(layers.slice(0, 3).map((l) => l.init)).size).toBe(3);
  });
});
