/**
 * Trained-weight plumbing shared by the targets. The weight types are @axon/core's (Keras layouts:
 * dense kernel [in, units]; conv2d kernel [kh, kw, in, filters]; conv1d kernel [k, in, filters]; a bias
 * unless `use_bias: false`; batch_norm gamma/beta/moving_mean/moving_variance; prelu alpha; embedding
 * embeddings [inputDim, outputDim]; recurrent kernel, recurrent_kernel, bias — see recurrentTensors), imported as types only: this package has no
 * runtime dependency on the core.
 */
import type { LayerWeights, Normalization, WeightTensor } from '@axon/core';
import type { RecurrentKind, ResolvedLayer, ResolvedNetwork } from '@axon/language';
import { CompileError } from './errors.js';

export type { LayerWeights, Normalization, WeightTensor };

/** The Keras-layout weight names and shapes a layer has, in order. */
export function expectedWeights(layer: ResolvedLayer): { name: string; shape: number[] }[] {
  const channels = layer.inputShape[layer.inputShape.length - 1] ?? 0;
  const out: { name: string; shape: number[] }[] = [];
  const preluUnits = (): number => layer.outputShape[layer.outputShape.length - 1] ?? 0;
  switch (layer.kind) {
    case 'dense':
      out.push({ name: 'kernel', shape: [channels, layer.units] });
      if (layer.useBias) out.push({ name: 'bias', shape: [layer.units] });
      if (layer.activation.name === 'prelu') out.push({ name: 'alpha', shape: [preluUnits()] });
      break;
    case 'conv2d':
      out.push({ name: 'kernel', shape: [layer.kernel[0], layer.kernel[1], channels, layer.filters] });
      if (layer.useBias) out.push({ name: 'bias', shape: [layer.filters] });
      if (layer.activation.name === 'prelu') out.push({ name: 'alpha', shape: [preluUnits()] });
      break;
    case 'batch_norm':
      for (const n of ['gamma', 'beta', 'moving_mean', 'moving_variance']) out.push({ name: n, shape: [channels] });
      break;
    case 'activation':
      if (layer.activation.name === 'prelu') out.push({ name: 'alpha', shape: [preluUnits()] });
      break;
    case 'embedding':
      out.push({ name: 'embeddings', shape: [layer.inputDim, layer.outputDim] });
      break;
    case 'conv1d':
      out.push({ name: 'kernel', shape: [layer.kernel, channels, layer.filters] });
      if (layer.useBias) out.push({ name: 'bias', shape: [layer.filters] });
      if (layer.activation.name === 'prelu') out.push({ name: 'alpha', shape: [preluUnits()] });
      break;
    case 'lstm':
    case 'gru':
    case 'simple_rnn':
      for (const direction of recurrentDirections(layer)) {
        for (const t of recurrentTensors(layer, channels)) out.push({ name: direction.prefix + t.name, shape: t.shape });
      }
      break;
    default:
      break;
  }
  return out;
}

/** Gates per recurrent cell: LSTM i, f, c, o; GRU z, r, h; SimpleRNN one. */
export function gateCount(kind: RecurrentKind): number {
  return kind === 'lstm' ? 4 : kind === 'gru' ? 3 : 1;
}

/**
 * A recurrent layer's directions and the prefix of their tensor names: `kernel`, `recurrent_kernel`,
 * `bias` for one direction; `forward_…` then `backward_…` for a bidirectional layer (Keras's
 * get_weights order: the forward layer's three, then the backward layer's).
 */
export function recurrentDirections(layer: { bidirectional: boolean }): { prefix: string; backward: boolean }[] {
  return layer.bidirectional
    ? [
        { prefix: 'forward_', backward: false },
        { prefix: 'backward_', backward: true },
      ]
    : [{ prefix: '', backward: false }];
}

/** One direction's Keras tensors: kernel [f, g·u], recurrent_kernel [u, g·u], bias [g·u] (GRU [2, 3u]) unless use_bias is false. */
export function recurrentTensors(layer: ResolvedLayer & { kind: RecurrentKind }, features: number): { name: string; shape: number[] }[] {
  const gu = gateCount(layer.kind) * layer.units;
  const out = [
    { name: 'kernel', shape: [features, gu] },
    { name: 'recurrent_kernel', shape: [layer.units, gu] },
  ];
  if (layer.useBias) out.push({ name: 'bias', shape: layer.kind === 'gru' ? [2, gu] : [gu] });
  return out;
}

/**
 * Pairs every layer with its trained tensors, checked against the network's shapes.
 * Throws a CompileError naming the layer when a tensor is missing or has the wrong shape.
 */
export function weightsByLayer(
  network: ResolvedNetwork,
  weights: LayerWeights[],
  target: string,
): Map<number, Map<string, WeightTensor>> {
  const byLayer = new Map<number, Map<string, WeightTensor>>();
  for (const lw of weights) {
    const m = new Map<string, WeightTensor>();
    for (const w of lw.weights) m.set(w.name, w);
    byLayer.set(lw.layer, m);
  }
  for (const layer of network.layers) {
    const expected = expectedWeights(layer);
    if (expected.length === 0) continue;
    const got = byLayer.get(layer.index);
    for (const e of expected) {
      const t = got?.get(e.name);
      if (!t) {
        throw new CompileError(target, 'these weights', `layer ${layer.name} has no '${e.name}' tensor (were they trained for this network?)`);
      }
      const size = e.shape.reduce((a, b) => a * b, 1);
      if (t.shape.join(',') !== e.shape.join(',') || t.values.length !== size) {
        throw new CompileError(
          target,
          'these weights',
          `layer ${layer.name} '${e.name}' has shape [${t.shape.join(', ')}], the network needs [${e.shape.join(', ')}]`,
        );
      }
    }
  }
  return byLayer;
}

/** One tensor's values, with a clear error when missing (after `weightsByLayer` has validated them). */
export function tensor(byLayer: Map<number, Map<string, WeightTensor>>, layer: number, name: string): WeightTensor {
  const t = byLayer.get(layer)?.get(name);
  if (!t) throw new Error(`internal: missing weight ${name} of layer ${layer}`);
  return t;
}

/** Little-endian float32 bytes of several tensors, concatenated. */
export function float32Bytes(arrays: Float32Array[]): Uint8Array {
  const total = arrays.reduce((a, t) => a + t.length, 0);
  const buf = new ArrayBuffer(total * 4);
  const view = new DataView(buf);
  let o = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++, o += 4) view.setFloat32(o, a[i]!, true);
  }
  return new Uint8Array(buf);
}
