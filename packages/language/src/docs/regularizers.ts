/**
 * Every kernel regularizer (`kernel_regularizer:` on dense, conv2d and conv1d). Arguments and
 * defaults come from the catalog (`REGULARIZERS`). The penalty is summed over the layer's kernel
 * (never its bias) and added to the training loss; the reported validation loss includes it, as in Keras.
 */
import type { RegularizerName } from '../catalog.js';
import type { EntryDoc } from './types.js';

export const REGULARIZER_DOCS: Record<RegularizerName, EntryDoc> = {
  l1: {
    summary: 'L1 penalty: adds l1 × Σ|w| over the kernel to the loss. Keras `L1`, default l1 0.01.',
    details:
      'Its gradient is l1 × sign(w), the same size for small and large weights, so it drives unneeded weights to exactly zero: sparse kernels, a kind of feature selection. Try 1e-4 to 1e-2; too large and every weight goes to zero.',
    example: 'kernel_regularizer: l1(0.001)',
  },
  l2: {
    summary: 'L2 penalty: adds l2 × Σw² over the kernel to the loss. Keras `L2`, default l2 0.01.',
    details:
      'Its gradient 2 × l2 × w shrinks every weight in proportion to its size (weight decay through the loss): the usual remedy for overfitting. With SGD it equals weight decay of 2 × l2 × learning_rate per step; with adam it does not (the penalty\'s gradient is rescaled too), which is why adamw\'s decoupled `weight_decay` exists.',
    example: 'kernel_regularizer: l2(0.01)',
  },
  l1_l2: {
    summary: 'Both penalties: adds l1 × Σ|w| + l2 × Σw² over the kernel to the loss (elastic net). Defaults l1 0.01, l2 0.01.',
    details:
      'Sparse like l1, and like l2 it spreads weight over correlated inputs instead of picking one. The defaults are those of Keras\'s `"l1_l2"` string identifier; Keras 3\'s `L1L2` class defaults both factors to 0.',
    example: 'kernel_regularizer: l1_l2(l1: 0.01, l2: 0.01)',
  },
};
