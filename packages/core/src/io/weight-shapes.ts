/** The Keras-layout shapes of the kernel and bias a layer needs (no bias with `use_bias: false`; see WeightTensor in types.ts). */
import type { ResolvedLayer } from '@axon/language';
import { hasBias } from '../layers/layer.js';

export function expectedTensorShapes(layer: ResolvedLayer): Record<string, number[]> {
  const inLast = layer.inputShape[layer.inputShape.length - 1] ?? 0;
  switch (layer.kind) {
    case 'dense':
      return hasBias(layer) ? { kernel: [inLast, layer.units], bias: [layer.units] } : { kernel: [inLast, layer.units] };
    case 'conv2d':
      return hasBias(layer)
        ? { kernel: [layer.kernel[0], layer.kernel[1], inLast, layer.filters], bias: [layer.filters] }
        : { kernel: [layer.kernel[0], layer.kernel[1], inLast, layer.filters] };
    case 'batch_norm':
      return { gamma: [inLast], beta: [inLast], moving_mean: [inLast], moving_variance: [inLast] };
    default:
      return {};
  }
}
