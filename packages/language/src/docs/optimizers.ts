/**
 * Every optimizer. Its arguments and defaults come from the catalog (`OPTIMIZERS`).
 */
import type { OptimizerName } from '../catalog.js';
import type { EntryDoc } from './types.js';

export const OPTIMIZER_DOCS: Record<OptimizerName, EntryDoc> = {
  sgd: {
    summary: 'Stochastic gradient descent, optionally with (Nesterov) momentum.',
    details:
      'w ← w − learning_rate · g (with momentum: a running velocity). Keras `SGD` defaults. `clipnorm` / `clipvalue` clip each gradient first, as on every optimizer.',
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
};
