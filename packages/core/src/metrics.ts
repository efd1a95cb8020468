/**
 * Running metrics over an epoch: accuracy for classification (argmax), binary and multilabel
 * (threshold 0.5 on probabilities, 0 on logits); mae and R² (coefficient of determination, averaged
 * over output columns like scikit-learn's default) for regression. With `targetScale` (standardize_target)
 * the outputs and targets are scaled back (v·std + mean) first, so mae is in the target's units; r2 is
 * scale-free and the same either way.
 */
import type { Task } from '@axon/language';
import type { Arr } from './arr.js';
import type { Normalization } from './types.js';

export class MetricAccumulator {
  private correct = 0;
  private counted = 0;
  private absErr = 0;
  private values = 0;
  private readonly sumY: Float64Array;
  private readonly sumY2: Float64Array;
  private readonly sse: Float64Array;

  constructor(
    readonly task: Task,
    readonly k: number,
    readonly outputIsLogits: boolean,
    /** Classification: the class axis (the output's last axis); several rows of it per sample after a dense on a rank-N input. */
    readonly classWidth: number = k,
    readonly targetScale?: Normalization,
  ) {
    this.sumY = new Float64Array(k);
    this.sumY2 = new Float64Array(k);
    this.sse = new Float64Array(k);
  }

  add(out: Arr, t: Arr, n: number): void {
    const k = this.k;
    switch (this.task.kind) {
      case 'classification': {
        // Accuracy per row of classes (Keras's categorical accuracy averages over every axis but the last).
        const w = this.classWidth;
        const rows = (n * k) / w;
        for (let r = 0; r < rows; r++) {
          const o = r * w;
          let bestP = 0, bestT = 0;
          for (let j = 1; j < w; j++) {
            if ((out[o + j] as number) > (out[o + bestP] as number)) bestP = j;
            if ((t[o + j] as number) > (t[o + bestT] as number)) bestT = j;
          }
          if (bestP === bestT) this.correct++;
        }
        this.counted += rows;
        return;
      }
      case 'binary_classification':
      case 'multilabel': {
        const th = this.outputIsLogits ? 0 : 0.5;
        const len = n * k;
        for (let i = 0; i < len; i++) if (((out[i] as number) > th) === ((t[i] as number) > 0.5)) this.correct++;
        this.counted += len;
        return;
      }
      case 'regression': {
        const scale = this.targetScale;
        for (let r = 0; r < n; r++) {
          for (let j = 0; j < k; j++) {
            const s = scale ? (scale.std[j] as number) : 1, m = scale ? (scale.mean[j] as number) : 0;
            const y = (t[r * k + j] as number) * s + m;
            const e = ((out[r * k + j] as number) * s + m) - y;
            this.absErr += Math.abs(e);
            this.sumY[j]! += y;
            this.sumY2[j]! += y * y;
            this.sse[j]! += e * e;
          }
        }
        this.values += n * k;
        this.counted += n;
        return;
      }
    }
  }

  result(): Record<string, number> {
    if (this.task.kind !== 'regression') return { accuracy: this.counted === 0 ? 0 : this.correct / this.counted };
    const n = this.counted;
    let r2 = 0;
    for (let j = 0; j < this.k; j++) {
      const ssTot = this.sumY2[j]! - (this.sumY[j]! * this.sumY[j]!) / n;
      r2 += ssTot > 0 ? 1 - this.sse[j]! / ssTot : this.sse[j]! === 0 ? 1 : 0;
    }
    return { mae: this.values === 0 ? 0 : this.absErr / this.values, r2: this.k === 0 ? 0 : r2 / this.k };
  }
}
