/**
 * The Keras-layout shapes of the weights a layer needs, by name (no bias with `use_bias: false`; see
 * WeightTensor in types.ts). Recurrent layers: kernel [features, g·units], recurrent_kernel
 * [units, g·units], bias [g·units] (GRU [2, 3·units]), g = 4 (LSTM), 3 (GRU), 1 (SimpleRNN); a
 * bidirectional layer has each of them twice, prefixed `forward_` and `backward_`.
 */
import type { RecurrentKind, ResolvedLayer } from '@axon/language';
import { hasBias } from '../layers/layer.js';

const GATES: Record<RecurrentKind, number> = { lstm: 4, gru: 3, simple_rnn: 1 };

export function expectedTensorShapes(layer: ResolvedLayer): Record<string, number[]> {
  const inLast = layer.inputShape[layer.inputShape.length - 1] ?? 0;
  switch (layer.kind) {
    case 'dense':
      return hasBias(layer) ? { kernel: [inLast, layer.units], bias: [layer.units] } : { kernel: [inLast, layer.units] };
    case 'conv2d':
      return hasBias(layer)
        ? { kernel: [layer.kernel[0], layer.kernel[1], inLast, layer.filters], bias: [layer.filters] }
        : { kernel: [layer.kernel[0], layer.kernel[1], inLast, layer.filters] };
    case 'conv1d':
      return hasBias(layer) ? { kernel: [layer.kernel, inLast, layer.filters], bias: [layer.filters] } : { kernel: [layer.kernel, inLast, layer.filters] };
    case 'batch_norm':
      return { gamma: [inLast], beta: [inLast], moving_mean: [inLast], moving_variance: [inLast] };
    case 'embedding':
      return { embeddings: [layer.inputDim, layer.outputDim] };
    case 'lstm':
    case 'gru':
    case 'simple_rnn': {
      const g = GATES[layer.kind] * layer.units;
      const one: Record<string, number[]> = { kernel: [inLast, g], recurrent_kernel: [layer.units, g] };
      if (hasBias(layer)) one.bias = layer.kind === 'gru' ? [2, g] : [g];
      if (!layer.bidirectional) return one;
      const out: Record<string, number[]> = {};
      for (const prefix of ['forward_', 'backward_']) for (const [name, shape] of Object.entries(one)) out[prefix + name] = shape;
      return out;
    }
    default:
      return {};
  }
}
