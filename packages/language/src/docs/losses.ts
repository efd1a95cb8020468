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
  sparse_categorical_crossentropy: {
    summary: 'Categorical cross-entropy on integer labels: −log p[y] for the true class y.',
    details:
      'The same loss as categorical_crossentropy, read from a class index instead of a one-hot vector. The `data { }` target is the same class column either way; what changes is the label encoding the compiled model expects: Keras and TF.js targets are emitted with `sparse_categorical_crossentropy` and integer labels (PyTorch\'s `CrossEntropyLoss` takes class indices anyway). Use it when you feed the exported model integer labels, or when one-hot vectors of many classes are too large.',
    tasks: ['classification'],
    example: 'loss: sparse_categorical_crossentropy',
  },
  kl_divergence: {
    summary: 'Kullback–Leibler divergence: Σ y · log(y / ŷ) over the outputs.',
    details:
      'How far the predicted distribution ŷ is from a target distribution y; it differs from categorical cross-entropy only by the target\'s entropy, a constant, so with one-hot targets the two train alike. Use it for soft labels (distillation, label distributions). Expects a softmax output. Keras `KLDivergence` (values clipped to [1e-7, 1]).',
    tasks: ['classification'],
    example: 'loss: kl_divergence',
  },
  poisson: {
    summary: 'Poisson loss: mean of ŷ − y · log ŷ.',
    details:
      'The negative log-likelihood of counts y under a Poisson distribution with mean ŷ (up to a constant): for targets that are counts (visits, events), whose spread grows with their size. The output is the predicted count and must be positive, e.g. a relu output; Keras `Poisson` adds 1e-7 inside the log.',
    tasks: ['regression'],
    example: 'loss: poisson',
  },
  log_cosh: {
    summary: 'Log-cosh: mean of log(cosh(ŷ − y)).',
    details:
      'About (ŷ − y)² / 2 for small errors and |ŷ − y| − log 2 for large ones: mse\'s smooth minimum with mae\'s robustness to outliers, and twice differentiable everywhere (unlike huber). Keras `LogCosh`. Pair it with a linear output.',
    tasks: ['regression'],
    example: 'loss: log_cosh',
  },
  hinge: {
    summary: 'Hinge loss: mean of max(0, 1 − y · ŷ) with y in {−1, 1}.',
    details:
      'The support-vector machine\'s margin loss: zero once a score is on the right side by at least 1, linear otherwise. Targets 0/1 are mapped to −1/1, as Keras `Hinge` does; the output should be a raw score (linear) or tanh, not a sigmoid probability. Rarely better than binary cross-entropy for neural networks, but it reproduces SVM-style models.',
    tasks: ['binary_classification'],
    example: 'loss: hinge',
  },
};
