import { describe, expect, it } from 'vitest';
import type { Loss } from '@axon/language';
import { computeLoss, planLoss } from '../src/losses.js';

const value = (loss: Loss, out: number[], t: number[], k: number, outAct?: 'softmax' | 'sigmoid') =>
  computeLoss(planLoss(loss, outAct ? { name: outAct } : undefined), new Float64Array(out), new Float64Array(t), out.length / k, k, null);

describe('losses', () => {
  it('mse, mae and huber match their formulas (mean over outputs and batch)', () => {
    expect(value({ name: 'mse', fromLogits: false }, [1, 2, 3, 4], [0, 0, 0, 0], 2)).toBeCloseTo((1 + 4 + 9 + 16) / 4, 14);
    expect(value({ name: 'mae', fromLogits: false }, [1, -2], [0, 0], 1)).toBeCloseTo(1.5, 14);
    // delta 1: 0.5·0.25 (quadratic) and 1·3 − 0.5 (linear)
    expect(value({ name: 'huber', fromLogits: false, delta: 1 }, [0.5, 3], [0, 0], 1)).toBeCloseTo((0.125 + 2.5) / 2, 14);
  });
  it('categorical cross-entropy from logits is stable for huge logits', () => {
    const v = value({ name: 'categorical_crossentropy', fromLogits: true }, [1000, 0, -1000], [0, 1, 0], 3);
    expect(v).toBeCloseTo(1000, 8);
    expect(value({ name: 'categorical_crossentropy', fromLogits: true }, [0, 0], [1, 0], 2)).toBeCloseTo(Math.LN2, 14);
  });
  it('fused softmax cross-entropy hands back p − t on the pre-activations', () => {
    const plan = planLoss({ name: 'categorical_crossentropy', fromLogits: false }, { name: 'softmax' });
    expect(plan.fused).toBe(true);
    const grad = new Float64Array(2);
    computeLoss(plan, new Float64Array([0, 0]), new Float64Array([1, 0]), 1, 2, grad);
    expect(Array.from(grad)).toEqual([-0.5, 0.5]);
  });
  it('binary cross-entropy from logits uses the softplus form (finite at ±1000)', () => {
    expect(value({ name: 'binary_crossentropy', fromLogits: true }, [1000, -1000], [0, 1], 1)).toBeCloseTo(1000, 8);
    expect(value({ name: 'binary_crossentropy', fromLogits: true }, [0], [1], 1)).toBeCloseTo(Math.LN2, 14);
    const plan = planLoss({ name: 'binary_crossentropy', fromLogits: false }, { name: 'sigmoid' });
    expect(plan.fused).toBe(true);
  });
  it('probability cross-entropy clips at 1e-7 like Keras', () => {
    expect(value({ name: 'binary_crossentropy', fromLogits: false }, [0], [1], 1)).toBeCloseTo(-Math.log(1e-7), 6);
    expect(value({ name: 'categorical_crossentropy', fromLogits: false }, [0.5, 0.5], [1, 0], 2)).toBeCloseTo(Math.LN2, 14);
  });
});
