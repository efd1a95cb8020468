/**
 * A model's output rows → predictions named as the training data named them (the inverse of targets.ts):
 *
 *   classification(classes: N)  the most probable label, its probability, and every label's probability
 *   binary_classification       the label on the side of 0.5, its probability, and both labels' probabilities
 *   multilabel(labels: N)       the labels with probability ≥ 0.5, and every label's probability
 *   regression / no task        the values, named by the target columns
 *
 * With `from_logits` the outputs are logits and are turned into probabilities here (softmax, sigmoid).
 * Labels come from the model's `labelNames`, else are "0"…"N-1" (0/1 for binary). A hinge loss's output
 * is a score thresholded at 0: it is read as a logit (the label is its sign; the "probability" is
 * sigmoid(score), not calibrated). With `targetNormalization` (standardize_target) the outputs are the
 * network's scaled ones and are scaled back to the target's units here.
 */
import type { ResolvedNetwork } from '@axon/language';
import type { TrainedModel } from '../types.js';
import { splitTargetNames } from './columns.js';
import { unscaleTargets } from './targets.js';

export interface Prediction {
  /** classification and binary: the predicted label. */
  label?: string;
  /** multilabel: the labels predicted present, in label order. */
  labels?: string[];
  /** classification and binary: the probability of `label`. */
  probability?: number;
  /** Each output by name: a label's probability, or a target column's value. */
  outputs: { name: string; value: number }[];
}

/** What decoding needs from a trained model. */
export type OutputNaming = Pick<TrainedModel, 'network' | 'labelNames' | 'target' | 'targetNormalization'>;

/** The names of the outputs, in output order (label names, or target columns for regression). */
export function outputNames(model: OutputNaming): string[] {
  const size = model.network.outputShape.reduce((a, b) => a * b, 1);
  const task = model.network.task;
  if (task?.kind === 'binary_classification') return model.labelNames?.length === 2 ? [...model.labelNames] : ['0', '1'];
  if (task?.kind === 'classification' || task?.kind === 'multilabel') {
    return model.labelNames?.length === size ? [...model.labelNames] : Array.from({ length: size }, (_, i) => String(i));
  }
  const targets = model.target === undefined ? [] : splitTargetNames(model.target);
  return targets.length === size ? targets : Array.from({ length: size }, (_, i) => `output_${i + 1}`);
}

/** Decodes `n` rows of the network's raw output (`raw`, row-major; scaled back here when the model standardised its target). */
export function decodeOutputs(model: OutputNaming, raw: Float32Array, n: number): Prediction[] {
  const size = model.network.outputShape.reduce((a, b) => a * b, 1);
  const names = outputNames(model);
  const task = model.network.task;
  const loss = model.network.train.loss;
  const logits = loss.fromLogits || loss.name === 'hinge';
  const y = model.targetNormalization ? unscaleTargets(raw, n, model.targetNormalization) : raw;
  const out: Prediction[] = [];
  for (let r = 0; r < n; r++) {
    const row = Array.from(y.subarray(r * size, (r + 1) * size));
    out.push(decodeRow(task, row, names, logits));
  }
  return out;
}

function decodeRow(task: ResolvedNetwork['task'], row: number[], names: string[], logits: boolean): Prediction {
  switch (task?.kind) {
    case 'classification': {
      const p = logits ? softmax(row) : row;
      let best = 0;
      for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
      return { label: names[best]!, probability: p[best]!, outputs: named(names, p) };
    }
    case 'binary_classification': {
      const positive = logits ? sigmoid(row[0]!) : row[0]!;
      const p = [1 - positive, positive];
      const side = positive >= 0.5 ? 1 : 0;
      return { label: names[side]!, probability: p[side]!, outputs: named(names, p) };
    }
    case 'multilabel': {
      const p = logits ? row.map(sigmoid) : row;
      return { labels: names.filter((_, i) => p[i]! >= 0.5), outputs: named(names, p) };
    }
    default:
      return { outputs: named(names, row) };
  }
}

function named(names: string[], values: number[]): { name: string; value: number }[] {
  return values.map((value, i) => ({ name: names[i]!, value }));
}

function sigmoid(v: number): number {
  return 1 / (1 + Math.exp(-v));
}

function softmax(row: number[]): number[] {
  const max = Math.max(...row);
  const e = row.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
