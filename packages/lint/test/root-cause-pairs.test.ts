/**
 * One finding per root cause, tested by pairs: where an output rule and loss-activation-mismatch
 * could both speak, which ones do, and where, on the same network.
 */
import { expect, test } from 'vitest';
import { at, lint, net } from './helpers.js';
import { R } from './specs.js';

const found = (code: string, ids: string[]) =>
  lint(code)
    .filter((f) => ids.includes(f.ruleId))
    .map((f) => `${f.ruleId}/${f.messageId} ${at(code, f.range)}`);

const PAIR = ['loss-activation-mismatch', 'classification-output-softmax', 'binary-output-sigmoid', 'regression-output-linear', 'softmax-single-unit'];

test.each([
  {
    name: 'a sigmoid output with categorical cross-entropy on 3 classes: the output rule alone (its fix makes the loss right)',
    code: net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: sigmoid)'], train: ['loss: categorical_crossentropy'] }),
    expected: ['classification-output-softmax/notSoftmax 6:14 activation: sigmoid'],
  },
  {
    name: 'a correct softmax with binary cross-entropy on 10 classes: the loss finding alone',
    code: net({ task: 'classification(classes: 10)', layers: [R, 'dense(10, activation: softmax)'], train: ['loss: binary_crossentropy'] }),
    expected: ['loss-activation-mismatch/binaryOnMulticlass 10:5 loss: binary_crossentropy'],
  },
  {
    name: 'a sigmoid output with binary cross-entropy on 10 classes: two causes, two fixes (activation, loss)',
    code: net({ task: 'classification(classes: 10)', layers: [R, 'dense(10, activation: sigmoid)'], train: ['loss: binary_crossentropy'] }),
    expected: ['classification-output-softmax/notSoftmax 6:15 activation: sigmoid', 'loss-activation-mismatch/binaryOnMulticlass 10:5 loss: binary_crossentropy'],
  },
  {
    name: 'a tanh output with binary cross-entropy on a binary task: the output rule alone',
    code: net({ task: 'binary_classification', layers: [R, 'dense(1, activation: tanh)'], train: ['loss: binary_crossentropy'] }),
    expected: ['binary-output-sigmoid/tanhCrossEntropy 6:14 activation: tanh'],
  },
  {
    name: 'a softmax over one unit with categorical cross-entropy on a binary task: softmax-single-unit and the constant loss',
    code: net({ task: 'binary_classification', layers: [R, 'dense(1, activation: softmax)'], train: ['loss: categorical_crossentropy'] }),
    expected: ['softmax-single-unit/single 6:14 activation: softmax', 'loss-activation-mismatch/categoricalOnBinary 10:5 loss: categorical_crossentropy'],
  },
  {
    name: 'a sigmoid regression output with binary cross-entropy: the output rule and the loss, each its own fix',
    code: net({ task: 'regression(outputs: 1)', layers: [R, 'dense(1, activation: sigmoid)'], train: ['loss: binary_crossentropy'] }),
    expected: ['regression-output-linear/squashing 6:14 activation: sigmoid', 'loss-activation-mismatch/crossEntropyOnRegression 10:5 loss: binary_crossentropy'],
  },
])('$name', ({ code, expected }) => {
  expect(found(code, PAIR)).toEqual(expected);
});
