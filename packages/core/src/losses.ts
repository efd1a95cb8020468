/**
 * Losses with Keras's reductions: mean over the batch; mse/mae/huber/binary cross-entropy also average
 * over the outputs of a sample, categorical cross-entropy sums over classes.
 *
 * Cross-entropies are computed stably. When the output layer ends in softmax (categorical) or sigmoid
 * (binary) and the loss is not `from_logits`, the loss is evaluated from the layer's pre-activations
 * (log-sum-exp / softplus forms) and its gradient is handed to that layer as dL/dz = p − t directly:
 * the fused softmax + cross-entropy and sigmoid + BCE gradients. With `from_logits` the output itself is
 * the logits. Only other combinations (e.g. categorical cross-entropy on a sigmoid output) use the
 * probability form, as Keras does it: categorical outputs are renormalised to sum to 1, and probabilities
 * are clipped to [1e-7, 1 − 1e-7] (no gradient flows through a clipped value).
 *
 * `sparse_categorical_crossentropy` is numerically the categorical one: the data loader one-hot encodes
 * a class column for every classification network, so inside the core the targets are always one-hot
 * rows; the sparse/dense difference is only how the labels are written where a network is compiled to
 * Keras/PyTorch (integer class ids there). Accuracy is the same argmax comparison.
 *
 * The other losses, as Keras 3 computes them (K.epsilon() = 1e-7):
 * - `log_cosh`: mean of log(cosh(ŷ − y)), evaluated as x + softplus(−2x) − log 2; gradient tanh(x).
 * - `kl_divergence`: Σ over the class axis of y·log(y/ŷ), y and ŷ clipped to [1e-7, 1]; mean over rows.
 * - `poisson`: mean of ŷ − y·log(ŷ + 1e-7) (a non-positive ŷ gives a large or NaN loss, as in Keras).
 * - `hinge`: mean of max(0, 1 − y·ŷ); when every target of the batch is 0 or 1 they are mapped to −1/1
 *   first (Keras's `convert_binary_labels_to_hinge`). The output is a score: accuracy thresholds it at 0.
 */
import type { Activation, Loss } from '@axon/language';
import type { Arr } from './arr.js';

export const PROBABILITY_EPSILON = 1e-7;

export type LossKind =
  | 'mse' | 'mae' | 'huber'
  | 'ce_logits' | 'ce_probs'
  | 'bce_logits' | 'bce_probs'
  | 'log_cosh' | 'kl' | 'poisson' | 'hinge';

export interface LossPlan {
  loss: Loss;
  kind: LossKind;
  delta: number;
  /** Evaluate the loss on the last layer's pre-activations and hand back dL/dz (fused). */
  fused: boolean;
  /** The model's output is logits (from_logits, or fused): thresholds for accuracy are 0, not 0.5. */
  outputIsLogits: boolean;
  /**
   * Categorical cross-entropy: the size of the class axis (the output's last axis). An output of rank > 1
   * (a dense on a rank-N input) holds several rows of classes per sample; the loss is taken per row and
   * averaged over all rows, as Keras does. Undefined: one row of `k` classes per sample.
   */
  classWidth?: number;
}

export function planLoss(loss: Loss, outputActivation: Activation | undefined, classWidth?: number): LossPlan {
  const base = { loss, delta: loss.delta ?? 1, fused: false, outputIsLogits: false, ...(classWidth !== undefined ? { classWidth } : {}) };
  switch (loss.name) {
    case 'mse':
    case 'mae':
    case 'huber':
    case 'log_cosh':
    case 'poisson':
      return { ...base, kind: loss.name };
    case 'kl_divergence':
      return { ...base, kind: 'kl' };
    case 'hinge':
      return { ...base, kind: 'hinge', outputIsLogits: true };
    case 'categorical_crossentropy':
    case 'sparse_categorical_crossentropy':
      if (loss.fromLogits) return { ...base, kind: 'ce_logits', outputIsLogits: true };
      if (outputActivation?.name === 'softmax') return { ...base, kind: 'ce_logits', fused: true };
      return { ...base, kind: 'ce_probs' };
    case 'binary_crossentropy':
      if (loss.fromLogits) return { ...base, kind: 'bce_logits', outputIsLogits: true };
      if (outputActivation?.name === 'sigmoid') return { ...base, kind: 'bce_logits', fused: true };
      return { ...base, kind: 'bce_probs' };
  }
}

/**
 * The mean loss of a batch of `n` rows of `k` values; `input` is the output (or, fused, the
 * pre-activations), `t` the targets. When `grad` is given it receives dL/d(input).
 */
export function computeLoss(plan: LossPlan, input: Arr, t: Arr, n: number, k: number, grad: Arr | null): number {
  const len = n * k;
  let total = 0;
  if ((plan.kind === 'ce_logits' || plan.kind === 'ce_probs' || plan.kind === 'kl') && plan.classWidth !== undefined && plan.classWidth !== k) {
    const w = plan.classWidth;
    if (w <= 0 || k % w !== 0) throw new Error(`categorical cross-entropy: ${k} outputs per sample are not rows of ${w} classes`);
    // Rows of classes, each one "sample" of the same loss; the mean over rows is Keras's mean over every axis but the last.
    return computeLoss(plan, input, t, n * (k / w), w, grad);
  }
  switch (plan.kind) {
    case 'mse': {
      const s = 2 / len;
      for (let i = 0; i < len; i++) {
        const e = input[i] - t[i];
        total += e * e;
        if (grad) grad[i] = s * e;
      }
      return total / len;
    }
    case 'mae': {
      const s = 1 / len;
      for (let i = 0; i < len; i++) {
        const e = input[i] - t[i];
        total += Math.abs(e);
        if (grad) grad[i] = e > 0 ? s : e < 0 ? -s : 0;
      }
      return total / len;
    }
    case 'huber': {
      const d = plan.delta;
      const s = 1 / len;
      for (let i = 0; i < len; i++) {
        const e = input[i] - t[i];
        const a = Math.abs(e);
        if (a <= d) {
          total += 0.5 * e * e;
          if (grad) grad[i] = s * e;
        } else {
          total += d * a - 0.5 * d * d;
          if (grad) grad[i] = e > 0 ? s * d : -s * d;
        }
      }
      return total / len;
    }
    case 'ce_logits': {
      const s = 1 / n;
      for (let r = 0; r < n; r++) {
        const o = r * k;
        let max = -Infinity;
        for (let j = 0; j < k; j++) if (input[o + j] > max) max = input[o + j];
        let sum = 0;
        for (let j = 0; j < k; j++) sum += Math.exp(input[o + j] - max);
        const lse = max + Math.log(sum);
        let tsum = 0;
        for (let j = 0; j < k; j++) {
          const tj = t[o + j];
          tsum += tj;
          if (tj !== 0) total -= tj * (input[o + j] - lse);
        }
        if (grad) for (let j = 0; j < k; j++) grad[o + j] = s * (Math.exp(input[o + j] - lse) * tsum - t[o + j]);
      }
      return total / n;
    }
    case 'ce_probs': {
      // Keras: q = p / Σp, clipped to [ε, 1 − ε]; L = −Σ t·log q. dL/dp_j = (g_j − Σ_i g_i·q_i)/S, g = dL/dq.
      const s = 1 / n;
      const lo = PROBABILITY_EPSILON, hi = 1 - PROBABILITY_EPSILON;
      for (let r = 0; r < n; r++) {
        const o = r * k;
        let sum = 0;
        for (let j = 0; j < k; j++) sum += input[o + j]!;
        let gq = 0;
        for (let j = 0; j < k; j++) {
          const q = input[o + j]! / sum;
          const qc = q < lo ? lo : q > hi ? hi : q;
          total -= t[o + j]! * Math.log(qc);
          if (grad) {
            const g = q === qc ? -t[o + j]! / qc : 0;
            grad[o + j] = g;
            gq += g * q;
          }
        }
        if (grad) for (let j = 0; j < k; j++) grad[o + j] = (s * (grad[o + j]! - gq)) / sum;
      }
      return total / n;
    }
    case 'bce_logits': {
      const s = 1 / len;
      for (let i = 0; i < len; i++) {
        const z = input[i];
        const ti = t[i];
        total += Math.max(z, 0) - z * ti + Math.log1p(Math.exp(-Math.abs(z)));
        if (grad) {
          const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
          grad[i] = s * (p - ti);
        }
      }
      return total / len;
    }
    case 'bce_probs': {
      const s = 1 / len;
      const lo = PROBABILITY_EPSILON, hi = 1 - PROBABILITY_EPSILON;
      for (let i = 0; i < len; i++) {
        const p = input[i];
        const pc = p < lo ? lo : p > hi ? hi : p;
        const ti = t[i];
        total -= ti * Math.log(pc) + (1 - ti) * Math.log(1 - pc);
        if (grad) grad[i] = p === pc ? s * (-ti / pc + (1 - ti) / (1 - pc)) : 0;
      }
      return total / len;
    }
    case 'log_cosh': {
      const s = 1 / len;
      for (let i = 0; i < len; i++) {
        const x = input[i]! - t[i]!;
        // log(cosh x) = x + softplus(−2x) − log 2, stable for large |x|.
        const m = -2 * x;
        total += x + (Math.max(m, 0) + Math.log1p(Math.exp(-Math.abs(m)))) - Math.LN2;
        if (grad) grad[i] = s * Math.tanh(x);
      }
      return total / len;
    }
    case 'kl': {
      const s = 1 / n;
      const lo = PROBABILITY_EPSILON;
      for (let i = 0; i < len; i++) {
        const ti = t[i]!, p = input[i]!;
        const tc = ti < lo ? lo : ti > 1 ? 1 : ti;
        const pc = p < lo ? lo : p > 1 ? 1 : p;
        total += tc * Math.log(tc / pc);
        if (grad) grad[i] = p === pc ? (-s * tc) / pc : 0;
      }
      return total / n;
    }
    case 'poisson': {
      const s = 1 / len;
      const eps = PROBABILITY_EPSILON;
      for (let i = 0; i < len; i++) {
        const p = input[i]!, ti = t[i]!;
        total += p - ti * Math.log(p + eps);
        if (grad) grad[i] = s * (1 - ti / (p + eps));
      }
      return total / len;
    }
    case 'hinge': {
      const s = 1 / len;
      let binary = true;
      for (let i = 0; i < len; i++) {
        const ti = t[i]!;
        if (ti !== 0 && ti !== 1) {
          binary = false;
          break;
        }
      }
      for (let i = 0; i < len; i++) {
        const ti = binary ? 2 * t[i]! - 1 : t[i]!;
        const margin = 1 - ti * input[i]!;
        if (margin > 0) total += margin;
        if (grad) grad[i] = margin > 0 ? -s * ti : 0;
      }
      return total / len;
    }
  }
}
