import { describe, expect, it } from 'vitest';
import { Act, K, SELU_ALPHA, SELU_SCALE } from '../src/kernels.js';

const f = (act: Act, xs: number[], alpha = 0, slopes: number[] | null = null) => {
  const z = new Float64Array(xs);
  const y = new Float64Array(xs.length);
  K.activationForward(act, z, y, xs.length, alpha, slopes ? new Float64Array(slopes) : null, slopes ? slopes.length : 1);
  return Array.from(y);
};

describe('activations (Keras/PyTorch constants)', () => {
  it('selu uses α = 1.6732632423543772 and scale = 1.0507009873554805', () => {
    expect(SELU_ALPHA).toBe(1.6732632423543772);
    expect(SELU_SCALE).toBe(1.0507009873554805);
    const [neg, pos] = f(Act.Selu, [-1, 2]);
    expect(neg).toBeCloseTo(SELU_SCALE * SELU_ALPHA * (Math.exp(-1) - 1), 14);
    expect(pos).toBeCloseTo(2 * SELU_SCALE, 14);
    expect(f(Act.Selu, [-50])[0]).toBeCloseTo(-SELU_SCALE * SELU_ALPHA, 12);
  });
  it('relu, leaky_relu(alpha), elu(alpha), prelu per channel', () => {
    expect(f(Act.Relu, [-2, 0, 3])).toEqual([0, 0, 3]);
    expect(f(Act.LeakyRelu, [-2, 3], 0.01)).toEqual([-0.02, 3]);
    expect(f(Act.Elu, [-1, 3], 0.5)[0]).toBeCloseTo(0.5 * (Math.exp(-1) - 1), 14);
    expect(f(Act.Prelu, [-1, -1, -2, 4], 0, [0.1, 0.3])).toEqual([-0.1, -0.3, -0.2, 4]);
  });
  it('sigmoid and tanh are finite at extreme inputs', () => {
    const s = f(Act.Sigmoid, [-1000, 0, 1000]);
    expect(s).toEqual([0, 0.5, 1]);
    expect(f(Act.Tanh, [-1000, 1000])).toEqual([-1, 1]);
  });
  it('softmax is stable for huge logits and rows sum to 1', () => {
    const z = new Float64Array([1000, 1001, 1002, -1000, 0, 1000]);
    const y = new Float64Array(6);
    K.softmaxForward(z, y, 2, 3);
    expect(y.every(Number.isFinite)).toBe(true);
    expect(y[0]! + y[1]! + y[2]!).toBeCloseTo(1, 14);
    expect(y[2]).toBeCloseTo(Math.exp(2) / (1 + Math.exp(1) + Math.exp(2)), 14);
    expect(y[5]).toBeCloseTo(1, 14);
  });
  it('derivatives at chosen points (relu is 0 at 0, as in TensorFlow)', () => {
    const d = (act: Act, xs: number[], alpha = 0) => {
      const z = new Float64Array(xs), y = new Float64Array(xs.length), dz = new Float64Array(xs.length);
      K.activationForward(act, z, y, xs.length, alpha, null, 1);
      K.activationBackward(act, z, y, new Float64Array(xs.length).fill(1), dz, xs.length, alpha, null, 1, null);
      return Array.from(dz);
    };
    expect(d(Act.Relu, [-1, 0, 2])).toEqual([0, 0, 1]);
    expect(d(Act.LeakyRelu, [-1, 2], 0.2)).toEqual([0.2, 1]);
    expect(d(Act.Sigmoid, [0])[0]).toBeCloseTo(0.25, 14);
    expect(d(Act.Tanh, [0])[0]).toBeCloseTo(1, 14);
    expect(d(Act.Elu, [-1], 0.5)[0]).toBeCloseTo(0.5 * Math.exp(-1), 14);
    expect(d(Act.Selu, [-1, 1])[0]).toBeCloseTo(SELU_SCALE * SELU_ALPHA * Math.exp(-1), 14);
  });
});
