/** Hand-built networks that cover every layer kind, padding mode and activation the targets translate. */
import type { MergeMode, ResolvedNetwork } from '@axon/language';
import { conv, dense, graph, network, pool, zeroPad } from './fixtures.js';

/** Cases TF.js cannot express, with the error the tfjs target gives. */
export const TFJS_UNSUPPORTED: Record<string, RegExp> = { EluAlpha: /tfjs target cannot express elu\(alpha: 0\.7\)/ };

export function featureCases(): ResolvedNetwork[] {
  return [
    network('DenseActivations', [5], [
      dense(8, { name: 'leaky_relu', alpha: 0.2 }),
      dense(8, { name: 'prelu', init: 0.25 }),
      { kind: 'batch_norm', momentum: 0.9, epsilon: 1e-3 },
      dense(6, { name: 'elu', alpha: 1 }),
      dense(6, { name: 'selu' }),
      { kind: 'dropout', rate: 0.3 },
      dense(4, { name: 'tanh' }),
      { kind: 'activation', activation: { name: 'prelu', init: 0.1 } },
      dense(3, { name: 'sigmoid' }),
      { kind: 'activation', activation: { name: 'softmax' } },
    ], { task: { kind: 'classification', classes: 3 } }),
    network('ConvSame', [9, 7, 2], [
      conv(4, 3, { padding: 'same', stride: 2, activation: { name: 'relu' } }),
      { kind: 'batch_norm', momentum: 0.99, epsilon: 1e-3 },
      { kind: 'activation', activation: { name: 'prelu', init: 0.25 } },
      pool('avg_pool2d', 2, { padding: 'same' }),
      conv(3, 2, { padding: 'same', activation: { name: 'prelu', init: 0.2 } }),
      pool('max_pool2d', 3, { padding: 'same', stride: 2 }),
      { kind: 'flatten' },
      dense(5, { name: 'relu' }),
      dense(2),
    ], { task: { kind: 'regression', outputs: 2 }, train: { loss: { name: 'mse', fromLogits: false } } }),
    network('EluAlpha', [3], [dense(4, { name: 'elu', alpha: 0.7 }), dense(2)], { task: { kind: 'regression', outputs: 2 }, train: { loss: { name: 'mse', fromLogits: false } } }),
    network('ConvValid', [8, 8, 1], [
      conv(3, 3, { activation: { name: 'relu' } }),
      pool('max_pool2d', 2),
      conv(2, 2, { stride: 2 }),
      { kind: 'activation', activation: { name: 'softmax' } },
    ]),
  ];
}

/**
 * Graphs beyond the language package's flat branching fixture: two conv branches on an image joined by
 * `mode` (concat joins 3 + 2 channels, the other modes 3 + 3), then flatten → dense; a shortcut
 * from the network's input around a dense layer, joined by `shortcutMode`; and three branches joined
 * by one `mode` merge.
 */
export function graphCases(mode: MergeMode, shortcutMode: MergeMode = 'add'): ResolvedNetwork[] {
  return [
    graph(`ConvBranches_${mode}`, [6, 5, 2], [
      { spec: conv(4, 3, { padding: 'same', activation: { name: 'relu' } }), inputs: [-1] },
      { spec: conv(3, 1, { activation: { name: 'prelu', init: 0.2 } }), inputs: [0] },
      { spec: conv(mode === 'concat' ? 2 : 3, 3, { padding: 'same' }), inputs: [0] },
      { spec: { kind: 'merge', mode }, inputs: [1, 2] },
      { spec: { kind: 'batch_norm', momentum: 0.99, epsilon: 1e-3 }, inputs: [3] },
      { spec: { kind: 'flatten' }, inputs: [4] },
      { spec: dense(3, { name: 'softmax' }), inputs: [5] },
    ], { task: { kind: 'classification', classes: 3 } }),
    graph(`InputShortcut_${shortcutMode}`, [4], [
      { spec: dense(4, { name: 'tanh' }), inputs: [-1] },
      { spec: { kind: 'merge', mode: shortcutMode }, inputs: [0, -1] },
      { spec: dense(2), inputs: [1] },
    ], { task: { kind: 'regression', outputs: 2 }, train: { loss: { name: 'mse', fromLogits: false } } }),
    graph(`ThreeWay_${mode}`, [5], [
      { spec: dense(6, { name: 'relu' }), inputs: [-1] },
      { spec: dense(4, { name: 'tanh' }), inputs: [0] },
      { spec: dense(4), inputs: [0] },
      { spec: dense(4, { name: 'sigmoid' }), inputs: [0] },
      { spec: { kind: 'merge', mode }, inputs: [1, 2, 3] },
      { spec: dense(2, { name: 'softmax' }), inputs: [4] },
    ], { task: { kind: 'classification', classes: 2 } }),
  ];
}

/**
 * The layers graphs brought, built by hand: a chain (a Sequential in Keras and TF.js) of zero padding,
 * a bias-free conv and global average pooling; and a bias-free dense behind global max pooling.
 */
export function newLayerCases(): ResolvedNetwork[] {
  return [
    network('PadPoolChain', [5, 4, 2], [
      zeroPad(1, 0, 2, 1),
      conv(3, 3, { useBias: false, activation: { name: 'relu' } }),
      { kind: 'batch_norm', momentum: 0.99, epsilon: 1e-3 },
      { kind: 'global_avg_pool2d' },
      dense(3, { name: 'softmax' }),
    ], { task: { kind: 'classification', classes: 3 } }),
    network('MaxPoolNoBias', [4, 5, 3], [
      conv(4, 2, { padding: 'same' }),
      { kind: 'global_max_pool2d' },
      dense(3, { name: 'tanh' }, false),
      dense(2),
    ], { task: { kind: 'regression', outputs: 2 }, train: { loss: { name: 'mse', fromLogits: false } } }),
  ];
}
