/**
 * Output shapes and parameter counts against values computed by hand with Keras's conventions
 * (and, where noted, the totals Keras's own examples print in model.summary()).
 */
import { describe, expect, it } from 'vitest';
import { inferLayer, windowOutput } from '../src/index.js';
import { clean, net, table } from './analyze-helpers.js';

describe('shapes and parameter counts', () => {
  it('dense stack: in*units + units per layer', () => {
    const [n] = clean(net('[4]', 'dense(16, activation: relu)\ndense(3, activation: softmax)'));
    expect(table(n!)).toEqual([
      ['dense', [16], 4 * 16 + 16, 0],
      ['dense_1', [3], 16 * 3 + 3, 0],
    ]);
    expect(n!.params).toEqual({ trainable: 131, nonTrainable: 0, total: 131 });
    expect(n!.outputShape).toEqual([3]);
    expect(n!.layers[1]!.inputShape).toEqual([16]);
  });

  it('Keras mnist_mlp: 669,706 parameters', () => {
    const [n] = clean(
      net(
        '[784]',
        `dense(512, activation: relu)
         dropout(0.2)
         dense(512, activation: relu)
         dropout(0.2)
         dense(10, activation: softmax)`,
      ),
    );
    expect(table(n!)).toEqual([
      ['dense', [512], 401_920, 0],
      ['dropout', [512], 0, 0],
      ['dense_1', [512], 262_656, 0],
      ['dropout_1', [512], 0, 0],
      ['dense_2', [10], 5_130, 0],
    ]);
    expect(n!.params.total).toBe(669_706);
  });

  it('Keras mnist_convnet: 34,826 parameters', () => {
    const [n] = clean(
      net(
        '[28, 28, 1]',
        `conv2d(32, kernel: 3, activation: relu)
         max_pool2d(2)
         conv2d(64, kernel: [3, 3], activation: relu)
         max_pool2d(pool: 2)
         flatten()
         dropout(0.5)
         dense(10, activation: softmax)`,
      ),
    );
    expect(table(n!)).toEqual([
      ['conv2d', [26, 26, 32], 320, 0],
      ['max_pool2d', [13, 13, 32], 0, 0],
      ['conv2d_1', [11, 11, 64], 18_496, 0],
      ['max_pool2d_1', [5, 5, 64], 0, 0],
      ['flatten', [1600], 0, 0],
      ['dropout', [1600], 0, 0],
      ['dense', [10], 16_010, 0],
    ]);
    expect(n!.params.total).toBe(34_826);
  });

  it('Keras cifar10_cnn: 1,250,858 parameters (same and valid padding)', () => {
    const [n] = clean(
      net(
        '[32, 32, 3]',
        `conv2d(32, kernel: 3, padding: same, activation: relu)
         conv2d(32, kernel: 3, activation: relu)
         max_pool2d(2)
         dropout(0.25)
         conv2d(64, kernel: 3, padding: same, activation: relu)
         conv2d(64, kernel: 3, activation: relu)
         max_pool2d(2)
         dropout(0.25)
         flatten()
         dense(512, activation: relu)
         dropout(0.5)
         dense(10, activation: softmax)`,
      ),
    );
    expect(n!.layers.map((l) => [l.outputShape, l.params.trainable])).toEqual([
      [[32, 32, 32], 896],
      [[30, 30, 32], 9_248],
      [[15, 15, 32], 0],
      [[15, 15, 32], 0],
      [[15, 15, 64], 18_496],
      [[13, 13, 64], 36_928],
      [[6, 6, 64], 0],
      [[6, 6, 64], 0],
      [[2304], 0],
      [[512], 1_180_160],
      [[512], 0],
      [[10], 5_130],
    ]);
    expect(n!.params.total).toBe(1_250_858);
  });

  it('conv2d with stride: same → ceil(n/s), valid → floor((n-k)/s)+1', () => {
    const [n] = clean(
      net(
        '[28, 28, 3]',
        `conv2d(16, kernel: 3, stride: 2, padding: same)
         conv2d(8, kernel: 5, stride: 2)`,
      ),
    );
    expect(table(n!)).toEqual([
      ['conv2d', [14, 14, 16], 3 * 3 * 3 * 16 + 16, 0],
      ['conv2d_1', [5, 5, 8], 5 * 5 * 16 * 8 + 8, 0],
    ]);
    expect(n!.layers[0]).toMatchObject({ kernel: [3, 3], stride: [2, 2], padding: 'same' });
  });

  it('non-square kernel and stride given as lists', () => {
    const [n] = clean(net('[32, 32, 1]', 'conv2d(4, kernel: [3, 5], stride: [1, 2])'));
    // height: (32-3)/1+1 = 30; width: floor((32-5)/2)+1 = 14
    expect(table(n!)).toEqual([['conv2d', [30, 14, 4], 3 * 5 * 1 * 4 + 4, 0]]);
  });

  it('pooling: window, stride defaulting to the window, same padding', () => {
    const [n] = clean(
      net(
        '[32, 32, 16]',
        `max_pool2d(3, stride: 2)
         avg_pool2d(2, padding: same)
         max_pool2d()`,
      ),
    );
    expect(table(n!)).toEqual([
      ['max_pool2d', [15, 15, 16], 0, 0],
      ['avg_pool2d', [8, 8, 16], 0, 0],
      ['max_pool2d_1', [4, 4, 16], 0, 0],
    ]);
    expect(n!.layers[0]).toMatchObject({ pool: [3, 3], stride: [2, 2], padding: 'valid' });
    expect(n!.layers[2]).toMatchObject({ pool: [2, 2], stride: [2, 2] });
  });

  it('flatten of an already flat input is a no-op', () => {
    const [n] = clean(net('[10]', 'flatten()\ndense(2)'));
    expect(table(n!)).toEqual([
      ['flatten', [10], 0, 0],
      ['dense', [2], 22, 0],
    ]);
  });

  it('batch_norm: 4 per feature, half of them not trainable', () => {
    const [n] = clean(net('[20]', 'dense(64)\nbatch_norm()\nactivation(relu)'));
    expect(table(n!)).toEqual([
      ['dense', [64], 20 * 64 + 64, 0],
      ['batch_norm', [64], 128, 128],
      ['activation', [64], 0, 0],
    ]);
    expect(n!.params).toEqual({ trainable: 1344 + 128, nonTrainable: 128, total: 1344 + 256 });
    expect(n!.layers[1]).toMatchObject({ momentum: 0.99, epsilon: 1e-3 });
  });

  it('batch_norm after a conv normalises the channels (last axis)', () => {
    const [n] = clean(net('[8, 8, 3]', 'conv2d(16, kernel: 3, padding: same)\nbatch_norm(momentum: 0.9)'));
    expect(table(n!)).toEqual([
      ['conv2d', [8, 8, 16], 448, 0],
      ['batch_norm', [8, 8, 16], 32, 32],
    ]);
  });

  it('prelu learns one slope per unit, or per channel after conv2d', () => {
    const [n] = clean(
      net(
        '[10, 10, 1]',
        `conv2d(8, kernel: 3, activation: prelu)
         flatten()
         dense(10, activation: prelu(init: 0.1))
         dense(5)
         activation(prelu)`,
      ),
    );
    expect(table(n!)).toEqual([
      ['conv2d', [8, 8, 8], 3 * 3 * 1 * 8 + 8 + 8, 0],
      ['flatten', [512], 0, 0],
      ['dense', [10], 512 * 10 + 10 + 10, 0],
      ['dense_1', [5], 55, 0],
      ['activation', [5], 5, 0],
    ]);
    expect(n!.layers[2]).toMatchObject({ activation: { name: 'prelu', init: 0.1 } });
  });

  it('dense straight after a conv applies to the last axis (allowed; the linter judges it)', () => {
    const [n] = clean(net('[8, 8, 3]', 'conv2d(4, kernel: 3)\ndense(10)'));
    expect(table(n!)).toEqual([
      ['conv2d', [6, 6, 4], 112, 0],
      ['dense', [6, 6, 10], 4 * 10 + 10, 0],
    ]);
  });

  it('blocks and repeats: the iris example totals', () => {
    const src = `network Iris {
  input [4]
  layers {
    dense(16, activation: relu)
    dense(16, activation: leaky_relu(alpha: 0.01))
    dropout(0.2)
    repeat 2 { elu_block(32) }
    dense(3, activation: softmax)
  }
}
block elu_block(width) {
  dense(width, activation: elu(alpha: 1.0), init: he_normal)
  batch_norm()
}`;
    const [n] = clean(src);
    expect(table(n!)).toEqual([
      ['dense', [16], 80, 0],
      ['dense_1', [16], 272, 0],
      ['dropout', [16], 0, 0],
      ['dense_2', [32], 544, 0],
      ['batch_norm', [32], 64, 64],
      ['dense_3', [32], 1056, 0],
      ['batch_norm_1', [32], 64, 64],
      ['dense_4', [3], 99, 0],
    ]);
    expect(n!.params).toEqual({ trainable: 2179, nonTrainable: 128, total: 2307 });
  });

  it('a 20-layer sigmoid stack via repeat 18', () => {
    const [n] = clean(net('[4]', 'dense(32, activation: sigmoid)\nrepeat 18 { dense(32, activation: sigmoid) }\ndense(3, activation: softmax)'));
    expect(n!.layers).toHaveLength(20);
    expect(n!.layers[19]!.name).toBe('dense_19');
    expect(n!.params.total).toBe(160 + 18 * 1056 + 99);
  });

  it('windowOutput and inferLayer directly', () => {
    expect(windowOutput(7, 3, 2, 'valid')).toBe(3);
    expect(windowOutput(7, 3, 2, 'same')).toBe(4);
    expect(inferLayer({ kind: 'flatten' }, [2, 3, 4])).toEqual({ ok: true, outputShape: [24], params: { trainable: 0, nonTrainable: 0 } });
    expect(inferLayer({ kind: 'max_pool2d', pool: [2, 2], stride: [2, 2], padding: 'valid' }, [4])).toMatchObject({ ok: false });
  });
});
