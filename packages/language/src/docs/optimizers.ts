/**
 * Every optimizer. Its arguments and defaults come from the catalog (`OPTIMIZERS`).
 */
import type { OptimizerName } from '../catalog.js';
import type { EntryDoc } from './types.js';

export const OPTIMIZER_DOCS: Record<OptimizerName, EntryDoc> = {
  sgd: {
    summary: 'Stochastic gradient descent, optionally with (Nesterov) momentum.',
    details:
      'w ← w − learning_rate · g (with momentum: a running velocity). Keras `SGD` defaults. `clipnorm` / `clipvalue` clip each gradient first and `weight_decay` shrinks the weights after the step, as on every optimizer.',
    example: 'optimizer: sgd(learning_rate: 0.01, momentum: 0.9)',
  },
  adam: {
    summary: 'Adam: per-weight step sizes from running averages of the gradient and its square.',
    details:
      'Keras `Adam` defaults. A good first choice; learning rates far above 1e-2 tend to kill relu units. For recurrent networks add gradient clipping (`clipnorm: 1.0`): their gradients can explode over long sequences (Pascanu et al. 2013).',
    example: 'optimizer: adam(learning_rate: 1e-3, clipnorm: 1.0)',
  },
  rmsprop: {
    summary: 'RMSprop: divides each step by a running root-mean-square of recent gradients.',
    details: 'Keras `RMSprop` defaults; a traditional choice for recurrent networks, usually with `clipnorm`.',
    example: 'optimizer: rmsprop(learning_rate: 1e-3)',
  },
  adagrad: {
    summary: 'Adagrad: each weight\'s step is learning_rate / √(sum of its squared gradients so far).',
    details:
      'v ← v + g², w ← w − learning_rate · g / (√v + epsilon), v starting at `initial_accumulator_value`. Rarely-updated weights (sparse features, embeddings) keep large steps; but v only grows, so every step shrinks and long training stalls. Keras `Adagrad` defaults: learning_rate 1e-3, initial_accumulator_value 0.1, epsilon 1e-7 (Duchi et al. 2011).',
    example: 'optimizer: adagrad(learning_rate: 0.01)',
  },
  adadelta: {
    summary: 'Adadelta: steps scaled by the ratio of running RMS of past updates to running RMS of gradients.',
    details:
      'E[g²] ← rho · E[g²] + (1 − rho) · g²; Δ = −√(E[Δ²] + eps) / √(E[g²] + eps) · g; E[Δ²] ← rho · E[Δ²] + (1 − rho) · Δ²; w ← w + learning_rate · Δ. Fixes Adagrad\'s ever-shrinking steps with a decaying average. Keras `Adadelta` defaults: learning_rate 1e-3, rho 0.95, epsilon 1e-7 (Zeiler 2012; the paper\'s learning rate is 1.0, so Keras\'s default trains slowly).',
    example: 'optimizer: adadelta(learning_rate: 1.0)',
  },
  adamw: {
    summary: 'AdamW: Adam, then every weight shrunk by learning_rate × weight_decay (decoupled weight decay).',
    details:
      'The Adam step, then w ← w − learning_rate · weight_decay · w. Unlike an l2 penalty in the loss, the decay is not divided by Adam\'s running RMS, so it regularises every weight alike (Loshchilov & Hutter 2019). Keras `AdamW` defaults: learning_rate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-7, weight_decay 0.004.',
    example: 'optimizer: adamw(learning_rate: 1e-3, weight_decay: 0.01)',
  },
  nadam: {
    summary: 'Nadam: Adam with Nesterov momentum.',
    details:
      'The step uses the gradient average as it will be after this step (a look-ahead), which often converges a little faster than Adam (Dozat 2016). Keras `Nadam` defaults: learning_rate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-7.',
    example: 'optimizer: nadam(learning_rate: 2e-3)',
  },
};
