/**
 * Graph networks written in Axon source (`residual`, `parallel`), with the layers graphs brought:
 * global pooling, zero padding and `use_bias: false`. Small enough for every consumer to run.
 */
import type { ResolvedNetwork } from '@axon/language';
import { networkOf } from './helpers.js';

const TRAIN = `
  train {
    loss: categorical_crossentropy
    optimizer: adam(learning_rate: 1e-3)
    epochs: 2
    batch_size: 4
    seed: 3
  }`;

/**
 * A small ResNet: a padded, bias-free stem, two identity residual blocks (in a repeat), a strided
 * block with a projection shortcut and a zero-padded body, then global average pooling.
 *   [10, 10, 3] → pad 1 → [12, 12, 3] → conv 3/2 → [5, 5, 8] → 2 × residual → block → [3, 3, 12] → [12] → [4]
 */
export const RESIDUAL_CNN = `network ResidualCnn {
  input [10, 10, 3]
  task classification(classes: 4)

  layers {
    zero_padding2d(1)
    conv2d(8, kernel: 3, stride: 2, use_bias: false)
    batch_norm()
    activation(relu)
    repeat 2 {
      residual {
        conv2d(8, kernel: 3, padding: same, use_bias: false)
        batch_norm()
        activation(relu)
        conv2d(8, kernel: 3, padding: same)
      }
      activation(relu)
    }
    residual {
      conv2d(12, kernel: 1, stride: 2, activation: relu)
      zero_padding2d([[1, 0], [0, 1]])
      conv2d(12, kernel: 2)
    } shortcut {
      conv2d(12, kernel: 1, stride: 2, use_bias: false)
      batch_norm()
    }
    activation(relu)
    global_avg_pool2d()
    dense(4, activation: softmax)
  }
${TRAIN}
}
`;

/**
 * An Inception-style module (four branches joined by concat: 4 + 3 + 6 + 6 channels, one of them
 * the identity), a DenseNet-style step (the input kept, new features appended), global max pooling
 * and a bias-free dense layer.
 */
export const PARALLEL_CNN = `network ParallelCnn {
  input [9, 9, 2]
  task classification(classes: 3)

  layers {
    conv2d(6, kernel: 3, padding: same, activation: relu)
    parallel(merge: concat) {
      branch { conv2d(4, kernel: 1, activation: relu) }
      branch {
        zero_padding2d([1, 1])
        conv2d(3, kernel: 3, use_bias: false)
        batch_norm()
      }
      branch { max_pool2d(3, stride: 1, padding: same) }
      branch { }
    }
    parallel(merge: concat) {
      branch { }
      branch {
        batch_norm()
        activation(relu)
        conv2d(5, kernel: 3, padding: same, use_bias: false)
      }
    }
    global_max_pool2d()
    dense(5, activation: tanh, use_bias: false)
    dense(3, activation: softmax)
  }
${TRAIN}
}
`;

/** The element-wise merges of `parallel`, nested inside a residual body. */
export const NESTED_MERGES = `network NestedMerges {
  input [6, 6, 2]
  task classification(classes: 2)

  layers {
    conv2d(4, kernel: 3, padding: same, activation: tanh)
    residual {
      parallel(merge: maximum) {
        branch { conv2d(4, kernel: 1) }
        branch { conv2d(4, kernel: 3, padding: same, use_bias: false) }
      }
      parallel(merge: average) {
        branch { }
        branch { conv2d(4, kernel: 1, activation: sigmoid) }
        branch { avg_pool2d(3, stride: 1, padding: same) }
      }
    }
    global_avg_pool2d()
    dense(2, activation: softmax)
  }
${TRAIN}
}
`;

export const GRAPH_SOURCES = { ResidualCnn: RESIDUAL_CNN, ParallelCnn: PARALLEL_CNN, NestedMerges: NESTED_MERGES } as const;

/** Every source above, analyzed (failing loudly on any error). */
export function sourceGraphs(): ResolvedNetwork[] {
  return Object.values(GRAPH_SOURCES).map((text) => networkOf(text));
}
