/**
 * The graph networks the engine's tests share, built by hand with `net()` (a residual block and a
 * parallel concat), until they can be written as source.
 */
import type { ResolvedNetwork } from '@axon/language';
import { act, dense, net, type NetOptions } from './net-helpers.js';

/** stem conv → [conv → BN → relu → conv → BN] + identity → add → relu → global average pool → dense(softmax). */
export function residualNet(o: NetOptions = {}): ResolvedNetwork {
  return net([6, 6, 2], [
    { kind: 'conv2d', filters: 4, kernel: [3, 3], padding: 'same', activation: act('relu') },
    { kind: 'conv2d', filters: 4, kernel: [3, 3], padding: 'same', useBias: false },
    { kind: 'batch_norm' },
    { kind: 'activation', activation: act('relu') },
    { kind: 'conv2d', filters: 4, kernel: [3, 3], padding: 'same', useBias: false },
    { kind: 'batch_norm' },
    { kind: 'merge', mode: 'add', inputs: [5, 0] },
    { kind: 'activation', activation: act('relu') },
    { kind: 'global_avg_pool2d' },
    dense(3, act('softmax')),
  ], o);
}

/**
 * Two branches on the input — a 1×1 conv, and zero padding then a 2×2 conv without bias — joined by a
 * concat along the channels, then global max pooling and dense(softmax).
 */
export function concatNet(o: NetOptions = {}): ResolvedNetwork {
  return net([5, 5, 2], [
    { kind: 'conv2d', filters: 3, kernel: [1, 1], activation: act('tanh'), inputs: [-1] },
    { kind: 'zero_padding2d', padding: [[1, 0], [0, 1]], inputs: [-1] },
    { kind: 'conv2d', filters: 2, kernel: [2, 2], activation: act('elu', { alpha: 1 }), useBias: false },
    { kind: 'merge', mode: 'concat', inputs: [0, 2] },
    { kind: 'global_max_pool2d' },
    dense(3, act('softmax')),
  ], o);
}

/** `residualNet()` written in the language. */
export const RESIDUAL_SOURCE = `
network Residual {
  input [6, 6, 2]
  task classification(classes: 3)
  layers {
    conv2d(4, kernel: 3, padding: same, activation: relu)
    residual {
      conv2d(4, kernel: 3, padding: same, use_bias: false)
      batch_norm()
      activation(relu)
      conv2d(4, kernel: 3, padding: same, use_bias: false)
      batch_norm()
    }
    activation(relu)
    global_avg_pool2d()
    dense(3, activation: softmax)
  }
}
`;

/** `concatNet()` written in the language. */
export const CONCAT_SOURCE = `
network Concat {
  input [5, 5, 2]
  task classification(classes: 3)
  layers {
    parallel(merge: concat) {
      branch {
        conv2d(3, kernel: 1, activation: tanh)
      }
      branch {
        zero_padding2d([[1, 0], [0, 1]])
        conv2d(2, kernel: 2, activation: elu, use_bias: false)
      }
    }
    global_max_pool2d()
    dense(3, activation: softmax)
  }
}
`;
