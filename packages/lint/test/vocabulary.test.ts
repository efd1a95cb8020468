/** The facts lint reads from the catalog, pinned to what the rules used to list themselves. */
import { expect, test } from 'vitest';
import { ACTIVATIONS, INITIALIZERS, LAYERS, LOSSES, type Activation, type ActivationName, type LayerKind } from '@axon/language';
import { SATURATING_OPTIONS } from '../src/rules/saturating-deep-stack.js';
import { initializerOf, isRecurrentKind, isRegressionLoss, isReluLike, isSaturating, isUnbounded, outputValuesText, SATURATING, suggestedInit, wantedInitFamily } from '../src/vocabulary.js';

const names = Object.keys(ACTIVATIONS) as ActivationName[];

test('the families match the lists the rules kept before the catalog had them', () => {
  expect(names.filter(isReluLike)).toEqual(['relu', 'leaky_relu', 'prelu', 'elu', 'selu']);
  expect(names.filter(isSaturating)).toEqual(['sigmoid', 'tanh']);
  expect(names.filter((n) => wantedInitFamily(n) === 'he')).toEqual(['relu', 'leaky_relu', 'prelu', 'elu']);
  expect(names.filter((n) => wantedInitFamily(n) === 'lecun')).toEqual(['selu']);
});

test("saturating-deep-stack has a depth option for each of the catalog's saturating activations", () => {
  expect([...SATURATING_OPTIONS].sort()).toEqual([...SATURATING].sort());
});

test('suggested initialisers: the uniform variant of the family, selu keeps lecun_normal', () => {
  expect(Object.fromEntries(names.map((n) => [n, suggestedInit(n)]))).toEqual({
    linear: 'glorot_uniform',
    sigmoid: 'glorot_uniform',
    tanh: 'glorot_uniform',
    softmax: 'glorot_uniform',
    relu: 'he_uniform',
    leaky_relu: 'he_uniform',
    prelu: 'he_uniform',
    elu: 'he_uniform',
    selu: 'lecun_normal',
  });
  expect(initializerOf('glorot', 'normal')).toBe('glorot_normal');
  expect(initializerOf('constant', 'uniform')).toBeUndefined();
  expect(Object.keys(INITIALIZERS).length).toBeGreaterThanOrEqual(8);
});

test('output values as messages write them', () => {
  expect(outputValuesText({ name: 'sigmoid' })).toBe('0..1');
  expect(outputValuesText({ name: 'tanh' })).toBe('−1..1');
  expect(outputValuesText({ name: 'softmax' })).toBe('0..1 (summing to 1)');
  expect(outputValuesText({ name: 'relu' })).toBe('0..∞');
  expect(outputValuesText({ name: 'elu', alpha: 0.5 })).toBe('−0.5..∞');
  expect(outputValuesText({ name: 'linear' })).toBe('−∞..∞');
});

test("regression losses are the catalog's regression family, pinned to the list the rules kept", () => {
  expect(Object.keys(LOSSES).filter(isRegressionLoss)).toEqual(['mse', 'mae', 'huber', 'log_cosh', 'poisson']);
  expect(isRegressionLoss('binary_crossentropy')).toBe(false);
  expect(isRegressionLoss('toString')).toBe(false);
});

test('the recurrent kinds, among every layer the catalog knows', () => {
  expect((Object.keys(LAYERS) as LayerKind[]).filter(isRecurrentKind)).toEqual(['lstm', 'gru', 'simple_rnn']);
  expect(isRecurrentKind('merge')).toBe(false);
});

test('unbounded activations (no upper bound, from the catalog): what unbounded-recurrent-activation flags', () => {
  const withArgs: Record<ActivationName, Activation> = {
    linear: { name: 'linear' },
    sigmoid: { name: 'sigmoid' },
    tanh: { name: 'tanh' },
    softmax: { name: 'softmax' },
    relu: { name: 'relu' },
    leaky_relu: { name: 'leaky_relu', alpha: 0.01 },
    prelu: { name: 'prelu', init: 0.25 },
    elu: { name: 'elu', alpha: 1 },
    selu: { name: 'selu' },
  };
  expect(names.filter((n) => isUnbounded(withArgs[n]))).toEqual(['linear', 'relu', 'leaky_relu', 'prelu', 'elu', 'selu']);
});
