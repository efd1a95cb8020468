/**
 * The vocabulary catalog: the defaults other packages rely on, and its agreement with analysis
 * (every catalog default is what analysis fills in when the argument is not written).
 */
import { describe, expect, it } from 'vitest';
import { EXPECTED_RECOMMENDED_INIT } from './fixtures/recommended-init.js';
import {
  ACTIVATIONS,
  DATA_SETTINGS,
  EARLY_STOPPING,
  INITIALIZERS,
  LAYERS,
  LOSSES,
  OPTIMIZERS,
  REGULARIZED_LAYERS,
  REGULARIZERS,
  SELU_ALPHA,
  SELU_SCALE,
  TASKS,
  TRAIN_SETTINGS,
  activationBounds,
  activationText,
  closestName,
  editDistance,
  taskText,
  type Signature,
} from '../src/index.js';
import { readFileSync } from 'node:fs';
import { describeRange, describeType, inRange } from '../src/catalog.js';
import { clean } from './analyze-helpers.js';

const defaults = (sig: Signature) => Object.fromEntries(sig.args.filter((a) => !a.required).map((a) => [a.name, a.default]));

/** Every signature of the catalog: layers, activations, initialisers, losses, optimizers, tasks and early stopping. */
function allSignatures(): Signature[] {
  return [
    ...Object.values(LAYERS),
    ...Object.values(ACTIVATIONS),
    ...Object.values(INITIALIZERS),
    ...Object.values(LOSSES),
    ...Object.values(OPTIMIZERS),
    ...Object.values(REGULARIZERS),
    ...Object.values(TASKS),
    EARLY_STOPPING,
  ];
}

describe('catalog', () => {
  it('lists every layer kind with its arguments in positional order', () => {
    expect(Object.keys(LAYERS)).toEqual([
      'dense',
      'dropout',
      'batch_norm',
      'activation',
      'flatten',
      'conv2d',
      'max_pool2d',
      'avg_pool2d',
      'global_avg_pool2d',
      'global_max_pool2d',
      'zero_padding2d',
      'embedding',
      'lstm',
      'gru',
      'simple_rnn',
      'conv1d',
      'max_pool1d',
      'avg_pool1d',
      'global_avg_pool1d',
      'global_max_pool1d',
    ]);
    expect(LAYERS.dense.args.map((a) => [a.name, a.position, a.required, a.default])).toEqual([
      ['units', 0, true, undefined],
      ['activation', undefined, false, 'linear'],
      ['init', undefined, false, 'glorot_uniform'],
      ['bias_init', undefined, false, 'zeros'],
      ['use_bias', undefined, false, true],
      ['kernel_regularizer', undefined, false, undefined],
    ]);
    expect(LAYERS.dense.args.at(-1)!.defaultText).toBe('none');
    expect(LAYERS.conv2d.args.filter((a) => a.position !== undefined).map((a) => a.name)).toEqual(['filters', 'kernel']);
    expect(defaults(LAYERS.conv2d)).toMatchObject({ stride: 1, padding: 'valid' });
    expect(defaults(LAYERS.batch_norm)).toEqual({ momentum: 0.99, epsilon: 1e-3 });
    expect(LAYERS.dropout.args[0]!.range).toEqual({ min: 0, max: 1, maxExclusive: true });
    expect(LAYERS.max_pool2d.args.find((a) => a.name === 'stride')!.defaultText).toBe('the pool size');
  });

  it('activation defaults: leaky_relu 0.01, prelu 0.25, elu 1.0, selu constants', () => {
    expect(Object.keys(ACTIVATIONS)).toEqual(['linear', 'sigmoid', 'tanh', 'softmax', 'relu', 'leaky_relu', 'prelu', 'elu', 'selu']);
    expect(defaults(ACTIVATIONS.leaky_relu)).toEqual({ alpha: 0.01 });
    expect(defaults(ACTIVATIONS.prelu)).toEqual({ init: 0.25 });
    expect(defaults(ACTIVATIONS.elu)).toEqual({ alpha: 1.0 });
    expect(ACTIVATIONS.selu.constants).toEqual({ alpha: SELU_ALPHA, scale: SELU_SCALE });
    expect(SELU_ALPHA).toBe(1.6732632423543772);
    expect(SELU_SCALE).toBe(1.0507009873554805);
    expect(Object.values(ACTIVATIONS).filter((a) => a.saturating).map((a) => a.name)).toEqual(['sigmoid', 'tanh']);
  });

  it('activation families, the initialiser each suits, and numeric output bounds', () => {
    const byFamily = (family: string) => Object.values(ACTIVATIONS).filter((a) => a.family === family).map((a) => a.name);
    expect(byFamily('relu_like')).toEqual(['relu', 'leaky_relu', 'prelu', 'elu', 'selu']);
    expect(byFamily('saturating')).toEqual(['sigmoid', 'tanh']);
    expect(byFamily('identity')).toEqual(['linear']);
    expect(byFamily('softmax')).toEqual(['softmax']);
    expect(Object.fromEntries(Object.values(ACTIVATIONS).map((a) => [a.name, a.recommendedInit]))).toEqual(EXPECTED_RECOMMENDED_INIT);
    expect(Object.fromEntries(Object.values(INITIALIZERS).map((i) => [i.name, [i.family, i.distribution]]))).toEqual({
      glorot_uniform: ['glorot', 'uniform'],
      glorot_normal: ['glorot', 'normal'],
      he_uniform: ['he', 'uniform'],
      he_normal: ['he', 'normal'],
      lecun_uniform: ['lecun', 'uniform'],
      lecun_normal: ['lecun', 'normal'],
      zeros: ['constant', undefined],
      ones: ['constant', undefined],
      constant: ['constant', undefined],
      random_uniform: ['fixed', 'uniform'],
      random_normal: ['fixed', 'normal'],
      truncated_normal: ['fixed', 'normal'],
      orthogonal: ['orthogonal', undefined],
      variance_scaling: ['variance_scaling', undefined],
    });
    expect(ACTIVATIONS.sigmoid.bounds).toEqual({ min: 0, max: 1 });
    expect(ACTIVATIONS.tanh.bounds).toEqual({ min: -1, max: 1 });
    expect(ACTIVATIONS.relu.bounds).toEqual({ min: 0, max: Infinity });
    expect(ACTIVATIONS.linear.bounds).toEqual({ min: -Infinity, max: Infinity });
    expect(ACTIVATIONS.selu.bounds.min).toBeCloseTo(-1.7581, 4);
    expect(activationBounds({ name: 'elu', alpha: 0.5 })).toEqual({ min: -0.5, max: Infinity });
    expect(activationBounds({ name: 'elu', alpha: 1 })).toEqual(ACTIVATIONS.elu.bounds);
    expect(activationBounds({ name: 'leaky_relu', alpha: 0 })).toEqual({ min: 0, max: Infinity });
    expect(activationBounds({ name: 'leaky_relu', alpha: 0.01 })).toEqual({ min: -Infinity, max: Infinity });
    expect(activationBounds({ name: 'softmax' })).toEqual({ min: 0, max: 1 });
  });

  it('writes activations and tasks as source, every argument named', () => {
    expect(activationText({ name: 'relu' })).toBe('relu');
    expect(activationText({ name: 'leaky_relu', alpha: 0.01 })).toBe('leaky_relu(alpha: 0.01)');
    expect(activationText({ name: 'prelu', init: 0.25 })).toBe('prelu(init: 0.25)');
    expect(activationText({ name: 'elu', alpha: 1 })).toBe('elu(alpha: 1)');
    expect(taskText({ kind: 'classification', classes: 3 })).toBe('classification(classes: 3)');
    expect(taskText({ kind: 'regression', outputs: 1 })).toBe('regression(outputs: 1)');
    expect(taskText({ kind: 'multilabel', labels: 4 })).toBe('multilabel(labels: 4)');
    expect(taskText({ kind: 'binary_classification' })).toBe('binary_classification');
  });

  it('losses, optimizers, tasks and settings carry the documented defaults', () => {
    expect(Object.keys(INITIALIZERS)).toEqual([
      'glorot_uniform',
      'glorot_normal',
      'he_uniform',
      'he_normal',
      'lecun_uniform',
      'lecun_normal',
      'zeros',
      'ones',
      'constant',
      'random_uniform',
      'random_normal',
      'truncated_normal',
      'orthogonal',
      'variance_scaling',
    ]);
    // Keras's defaults.
    expect(defaults(INITIALIZERS.random_uniform)).toEqual({ minval: -0.05, maxval: 0.05 });
    expect(defaults(INITIALIZERS.random_normal)).toEqual({ mean: 0, stddev: 0.05 });
    expect(defaults(INITIALIZERS.truncated_normal)).toEqual({ mean: 0, stddev: 0.05 });
    expect(defaults(INITIALIZERS.orthogonal)).toEqual({ gain: 1 });
    expect(defaults(INITIALIZERS.variance_scaling)).toEqual({ scale: 1, mode: 'fan_in', distribution: 'truncated_normal' });
    expect(defaults(REGULARIZERS.l1)).toEqual({ l1: 0.01 });
    expect(defaults(REGULARIZERS.l2)).toEqual({ l2: 0.01 });
    expect(defaults(REGULARIZERS.l1_l2)).toEqual({ l1: 0.01, l2: 0.01 });
    expect(REGULARIZED_LAYERS).toEqual(['dense', 'conv2d', 'conv1d']);
    expect(Object.keys(LOSSES)).toEqual([
      'mse',
      'mae',
      'huber',
      'log_cosh',
      'poisson',
      'binary_crossentropy',
      'categorical_crossentropy',
      'sparse_categorical_crossentropy',
      'kl_divergence',
      'hinge',
    ]);
    expect(defaults(LOSSES.huber)).toEqual({ delta: 1.0 });
    expect(defaults(LOSSES.binary_crossentropy)).toEqual({ from_logits: false });
    expect(defaults(LOSSES.sparse_categorical_crossentropy)).toEqual({ from_logits: false });
    for (const name of ['log_cosh', 'poisson', 'kl_divergence', 'hinge'] as const) expect(LOSSES[name].args, name).toEqual([]);
    // Clipping and weight decay: on every optimizer, off unless written (adamw: Keras's 0.004).
    const common = { clipnorm: 'off', clipvalue: 'off', weight_decay: 'off' };
    const defaultsText = (sig: Signature) => Object.fromEntries(sig.args.map((a) => [a.name, a.default ?? a.defaultText]));
    expect(defaultsText(OPTIMIZERS.sgd)).toEqual({ learning_rate: 0.01, momentum: 0, nesterov: false, ...common });
    expect(defaultsText(OPTIMIZERS.adam)).toEqual({ learning_rate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, ...common });
    expect(defaultsText(OPTIMIZERS.rmsprop)).toEqual({ learning_rate: 1e-3, rho: 0.9, epsilon: 1e-7, ...common });
    expect(defaultsText(OPTIMIZERS.adagrad)).toEqual({ learning_rate: 1e-3, initial_accumulator_value: 0.1, epsilon: 1e-7, ...common });
    expect(defaultsText(OPTIMIZERS.adadelta)).toEqual({ learning_rate: 1e-3, rho: 0.95, epsilon: 1e-7, ...common });
    expect(defaultsText(OPTIMIZERS.adamw)).toEqual({ learning_rate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, ...common, weight_decay: 0.004 });
    expect(defaultsText(OPTIMIZERS.nadam)).toEqual({ learning_rate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, ...common });
    for (const o of Object.values(OPTIMIZERS)) expect(o.args.find((a) => a.name === 'weight_decay')!.range, o.name).toEqual({ min: 0 });
    expect(Object.fromEntries(Object.values(TASKS).map((t) => [t.name, t.defaultLoss]))).toEqual({
      regression: 'mse',
      binary_classification: 'binary_crossentropy',
      classification: 'categorical_crossentropy',
      multilabel: 'binary_crossentropy',
    });
    expect([TRAIN_SETTINGS.epochs!.default, TRAIN_SETTINGS.batch_size!.default, TRAIN_SETTINGS.seed!.default]).toEqual([100, 32, 42]);
    expect(EARLY_STOPPING.args.map((a) => [a.name, a.required, a.default])).toEqual([
      ['patience', true, undefined],
      ['min_delta', false, 0],
    ]);
    expect([DATA_SETTINGS.validation_split!.default, DATA_SETTINGS.standardize!.default, DATA_SETTINGS.standardize_target!.default]).toEqual([0.2, true, false]);
    expect(Object.values(DATA_SETTINGS).filter((s) => s.required).map((s) => s.name)).toEqual(['source', 'target']);
  });

  it('every argument has a one-line doc, and every optional one a default or a default text', () => {
    const sigs = allSignatures();
    for (const sig of sigs) {
      expect(sig.doc.length, sig.name).toBeGreaterThan(10);
      for (const a of sig.args) {
        expect(a.doc.length, `${sig.name}.${a.name}`).toBeGreaterThan(3);
        expect(a.doc.includes('\n'), `${sig.name}.${a.name}`).toBe(false);
        if (!a.required) expect(a.default !== undefined || a.defaultText !== undefined, `${sig.name}.${a.name}`).toBe(true);
      }
    }
  });

  it('analysis fills in exactly the catalog defaults', () => {
    const [n] = clean(`network N {
  input [6, 6, 1]
  layers {
    conv2d(2, 3)
    max_pool2d()
    batch_norm()
    flatten()
    dense(2, activation: leaky_relu)
    dense(2, activation: prelu)
    dense(2, activation: elu)
  }
}`);
    const [conv, pool, bn, , d1, d2, d3] = n!.layers;
    expect(conv).toMatchObject({ stride: [LAYERS.conv2d.args[2]!.default, 1], padding: LAYERS.conv2d.args[3]!.default });
    expect(pool).toMatchObject({ pool: [2, 2], stride: [2, 2] });
    expect(bn).toMatchObject({ momentum: LAYERS.batch_norm.args[0]!.default, epsilon: LAYERS.batch_norm.args[1]!.default });
    expect(d1).toMatchObject({ activation: { alpha: ACTIVATIONS.leaky_relu.args[0]!.default } });
    expect(d2).toMatchObject({ activation: { init: ACTIVATIONS.prelu.args[0]!.default } });
    expect(d3).toMatchObject({ activation: { alpha: ACTIVATIONS.elu.args[0]!.default } });
  });

  it('ranges in words and membership', () => {
    expect(describeRange('int', { min: 1 })).toBe('a positive integer');
    expect(describeRange('number', { min: 0, max: 1, maxExclusive: true })).toBe('a number in [0, 1)');
    expect(describeRange('number', { min: 0, minExclusive: true })).toBe('a positive number');
    expect(describeRange('int', { min: 0 })).toBe('a non-negative integer');
    expect(describeType('padding')).toBe('`valid` or `same`');
    expect(inRange(0, { min: 0, max: 1, maxExclusive: true })).toBe(true);
    expect(inRange(1, { min: 0, max: 1, maxExclusive: true })).toBe(false);
    expect(inRange(0, { min: 0, minExclusive: true })).toBe(false);
  });

  it('did-you-mean picks the closest name within a tolerance', () => {
    expect(editDistance('desne', 'dense')).toBe(1); // transposition
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closestName('relux', Object.keys(ACTIVATIONS))).toBe('relu');
    expect(closestName('Dense', Object.keys(LAYERS))).toBe('dense');
    expect(closestName('transformer', Object.keys(LAYERS))).toBeUndefined();
    expect(closestName('sigmod', Object.keys(ACTIVATIONS))).toBe('sigmoid');
  });

  it('docs/language.md documents every name and argument of the catalog', () => {
    const doc = readFileSync(new URL('../../../docs/language.md', import.meta.url), 'utf8');
    const sigs = allSignatures();
    const missing: string[] = [];
    for (const sig of sigs) {
      if (!doc.includes(`\`${sig.name}`)) missing.push(sig.name);
      for (const a of sig.args) if (!doc.includes(`\`${a.name}\``)) missing.push(`${sig.name}.${a.name}`);
    }
    for (const key of [...Object.keys(TRAIN_SETTINGS), ...Object.keys(DATA_SETTINGS)]) if (!doc.includes(`\`${key}`)) missing.push(key);
    expect(missing).toEqual([]);
  });
});
