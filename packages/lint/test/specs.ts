/** Network sources for the rule tables, in the canonical layout of `net` (layer i on line 5 + i). */
import { net } from './helpers.js';

/** A hidden relu layer with its recommended initialiser: quiet for every rule. */
export const R = 'dense(16, activation: relu, init: he_normal)';

export const sgd = (lr: number) => `optimizer: sgd(learning_rate: ${lr})`;

export const bin = (out: string, loss = 'loss: binary_crossentropy') =>
  net({ task: 'binary_classification', input: '[2]', layers: [R, out], train: [loss] });

export const ml = (out: string, loss = 'loss: binary_crossentropy') =>
  net({ task: 'multilabel(labels: 5)', input: '[10]', layers: [R, out], train: [loss] });

export const cls = (out: string, loss: string) =>
  net({ task: 'classification(classes: 3)', layers: [R, out], train: [loss] });
