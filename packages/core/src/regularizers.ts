/**
 * Weight penalties (Keras's `kernel_regularizer`), applied in one place for every layer: a `Param`
 * carrying a `regularizer` adds l1·Σ|w| + l2·Σw² to the loss, and l1·sign(w) + 2·l2·w to its gradient
 * (sign(0) = 0, as TensorFlow's gradient of |w|). As in Keras 3, the penalty is part of the reported
 * training loss and of the validation/evaluation loss (Keras's `compute_loss` adds `model.losses` in
 * both `train_step` and `test_step`); the penalty's gradient joins the loss's before clipping.
 */
import type { Regularizer } from '@axon/language';
import type { Arr } from './arr.js';
import type { Param } from './param.js';

function coefficients(r: Regularizer): { l1: number; l2: number } {
  switch (r.name) {
    case 'l1':
      return { l1: r.l1, l2: 0 };
    case 'l2':
      return { l1: 0, l2: r.l2 };
    case 'l1_l2':
      return { l1: r.l1, l2: r.l2 };
  }
}

/** The penalty of one tensor's values. */
export function penaltyOf(r: Regularizer, w: Arr): number {
  const { l1, l2 } = coefficients(r);
  let a = 0, q = 0;
  for (let i = 0; i < w.length; i++) {
    const x = w[i] as number;
    a += Math.abs(x);
    q += x * x;
  }
  return l1 * a + l2 * q;
}

/** The regularised params of a model (empty when none has a penalty). */
export function regularized(params: readonly Param[]): Param[] {
  return params.filter((p) => p.trainable && p.regularizer !== undefined);
}

/** The total penalty of `params` (those with a regularizer). */
export function totalPenalty(params: readonly Param[]): number {
  let sum = 0;
  for (const p of params) if (p.regularizer) sum += penaltyOf(p.regularizer, p.value);
  return sum;
}

/** Adds each penalty's gradient to its param's gradient, in place. */
export function addPenaltyGradients(params: readonly Param[]): void {
  for (const p of params) {
    if (!p.regularizer) continue;
    const { l1, l2 } = coefficients(p.regularizer);
    const w = p.value, g = p.grad;
    const l2x2 = 2 * l2;
    for (let i = 0; i < w.length; i++) {
      const x = w[i] as number;
      g[i] = (g[i] as number) + (x > 0 ? l1 : x < 0 ? -l1 : 0) + l2x2 * x;
    }
  }
}
