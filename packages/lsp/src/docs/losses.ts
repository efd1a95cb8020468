import type { EntryDoc } from './types.js';

export interface LossDoc extends EntryDoc {
  /** Task kinds this loss suits, best first (drives completion order). */
  tasks: string[];
}

export const lossDocs: LossDoc[] = [
  {
    name: 'mse',
    summary: 'Mean squared error: mean of (y − ŷ)². The default loss for regression.',
    details: 'Punishes large errors heavily; pair it with a linear output.',
    tasks: ['regression'],
  },
  {
    name: 'mae',
    summary: 'Mean absolute error: mean of |y − ŷ|.',
    details: 'Less sensitive to outliers than mse; its gradient does not shrink near the optimum.',
    tasks: ['regression'],
  },
  {
    name: 'huber',
    summary: 'Huber loss: squared for errors below delta, linear above.',
    details: 'Behaves like mse near the target and like mae on outliers.',
    tasks: ['regression'],
    example: 'loss: huber(delta: 1.0)',
  },
  {
    name: 'binary_crossentropy',
    summary: 'Binary cross-entropy: −[y · log p + (1 − y) · log(1 − p)], averaged over outputs. Default for binary and multilabel tasks.',
    details: 'Expects probabilities from a sigmoid output, or logits with `from_logits: true`.',
    tasks: ['binary_classification', 'multilabel'],
    example: 'loss: binary_crossentropy',
  },
  {
    name: 'categorical_crossentropy',
    summary: 'Categorical cross-entropy: −Σ y · log p over the classes. Default for classification.',
    details: 'Expects a softmax output with one unit per class, or logits with `from_logits: true` (as PyTorch\'s `CrossEntropyLoss`).',
    tasks: ['classification'],
    example: 'loss: categorical_crossentropy',
  },
];
