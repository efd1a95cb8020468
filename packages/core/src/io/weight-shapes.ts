/** The Keras-layout shapes of the kernel and bias a layer needs (see WeightTensor in types.ts). */
import type { ResolvedLayer } from '@axon/language';

export function expectedTensorShapes(layer: ResolvedLayer): Record<string, number[]> {
  const inLast = layer.inputShape[layer.inputShape.length - 1] ?? 0;
  switch (layer.kind) {
    case 'dense':
      return { kernel: [inLast, layer.units], bias: [layer.units] };
    case 'conv2d':
      return { kernel: [layer.kernel[0], layer.kernel[1], inLast, layer.filters], bias: [layer.filters] };
    case 'batch_norm':
      return { gamma: [inLast], beta: [inLast], moving_mean: [inLast], moving_variance: [inLast] };
    default:
      return {};
  }
}
