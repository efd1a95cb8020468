/**
 * Every loss. Which task defaults to it comes from the catalog (`TASKS[…].defaultLoss`).
 */
import type { LossName } from '../network.js';
import type { LossDoc } from './types.js';

export const LOSS_DOCS: Record<LossName, LossDoc> = {
  mse: {
    summary: 'Mean squared error: mean of (y − ŷ)².',
    details: 'Punishes large errors heavily; pair it with a linear output.',
    tasks: ['regression'],
  },
  mae: {
    summary: 'Mean absolute error: mean of |y − ŷ|.',
    details: 'Less sensitive to outliers than mse; its gradient does not shrink near the optimum.',
    tasks: ['regression'],
  },
  huber: {
    summary: 'Huber loss: squared for errors below delta, linear above.',
    details: 'Behaves like mse near the target and like mae on outliers.',
    tasks: ['regression'],
    example: 'loss: huber(delta: 1.0)',
  },
  binary_crossentropy: {
    summary: 'Binary cross-entropy: −[y · log p + (1 − y) · log(1 − p)], averaged over outputs.',
    details: 'Expects probabilities from a sigmoid output, or logits with `from_logits: true`.',
    tasks: ['binary_classification', 'multilabel'],
    example: 'loss: binary_crossentropy',
  },
  categorical_crossentropy: {
    summary: 'Categorical cross-entropy: −Σ y · log p over the classes.',
    details: 'Expects a softmax output with one unit per class, or logits with `from_logits: true` (as PyTorch\'s `CrossEntropyLoss`).',
    tasks: ['classification'],
    example: 'loss: categorical_crossentropy',
  },
};
