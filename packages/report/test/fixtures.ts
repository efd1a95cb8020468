import type { EpochLog } from '@axon/core';
import { readFileSync } from 'node:fs';
import { analyze, parse, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';

/** A hand-built resolved network: input [4] → dense 8 sigmoid → dense 8 relu → dense 3 softmax. */
export function smallNetwork(): ResolvedNetwork {
  const dense = (index: number, units: number, inputs: number, act: 'sigmoid' | 'relu' | 'softmax'): ResolvedLayer =>
    ({
      kind: 'dense',
      units,
      activation: { name: act },
      activationExplicit: true,
      init: { name: 'glorot_uniform' },
      biasInit: { name: 'zeros' },
      index,
      inputs: [index - 1],
      name: index === 0 ? 'dense' : `dense_${index}`,
      inputShape: [inputs],
      outputShape: [units],
      params: { trainable: inputs * units + units, nonTrainable: 0 },
      origin: { node: undefined, range: undefined, chain: [] },
    }) as unknown as ResolvedLayer;
  const layers = [dense(0, 8, 4, 'sigmoid'), dense(1, 8, 8, 'relu'), dense(2, 3, 8, 'softmax')];
  const total = layers.reduce((s, l) => s + l.params.trainable, 0);
  return {
    name: 'Small',
    input: [4],
    layers,
    outputShape: [3],
    params: { trainable: total, nonTrainable: 0, total },
  } as unknown as ResolvedNetwork;
}

/** Five epochs of a plausible classification run with diagnostics for the three layers. */
export function history(epochs = 5): EpochLog[] {
  const out: EpochLog[] = [];
  for (let e = 1; e <= epochs; e++) {
    out.push({
      epoch: e,
      loss: 1.1 / e,
      valLoss: 1.2 / e,
      metrics: { accuracy: 0.5 + 0.08 * e },
      valMetrics: { accuracy: 0.45 + 0.08 * e },
      diagnostics: [
        { layer: 0, name: 'dense', gradNorm: 1e-4 / e, saturatedFraction: 0.1 * e },
        { layer: 1, name: 'dense_1', gradNorm: 1e-2 / e, deadFraction: 0.05 * e },
        { layer: 2, name: 'dense_2', gradNorm: 0.5 / e },
      ],
      ms: 10,
    });
  }
  return out;
}

/**
 * A shortcut from the network's input around a dense layer, built by hand:
 * input [4] → dense(4, tanh) → merge(add) of it and the input → dense(2).
 */
export function shortcutNetwork(): ResolvedNetwork {
  const base = { activationExplicit: true, init: { name: 'glorot_uniform' }, biasInit: { name: 'zeros' }, origin: { node: undefined, range: undefined, chain: [] } };
  const layers = [
    { ...base, kind: 'dense', units: 4, activation: { name: 'tanh' }, index: 0, inputs: [-1], name: 'dense', inputShape: [4], outputShape: [4], params: { trainable: 20, nonTrainable: 0 } },
    { kind: 'merge', mode: 'add', index: 1, inputs: [0, -1], name: 'merge', inputShape: [4], outputShape: [4], params: { trainable: 0, nonTrainable: 0 }, origin: base.origin },
    { ...base, kind: 'dense', units: 2, activation: { name: 'linear' }, index: 2, inputs: [1], name: 'dense_1', inputShape: [4], outputShape: [2], params: { trainable: 10, nonTrainable: 0 } },
  ] as unknown as ResolvedLayer[];
  return { name: 'Shortcut', input: [4], layers, outputShape: [2], params: { trainable: 30, nonTrainable: 0, total: 30 } } as unknown as ResolvedNetwork;
}

/** One layer of {@link wiredNetwork}: a dense layer of `units` (relu), or a merge, reading `inputs`. */
export type Wire = { units: number; inputs: number[] } | { merge: 'add' | 'concat'; inputs: number[] };

/**
 * A graph of [4]-wide dense layers and merges wired by hand (shapes are not checked: the diagram only
 * reads the wiring, the labels and the shapes it is given).
 */
export function wiredNetwork(name: string, wires: Wire[]): ResolvedNetwork {
  const origin = { node: undefined, range: undefined, chain: [] };
  const layers = wires.map((w, index) =>
    'merge' in w
      ? { kind: 'merge', mode: w.merge, index, inputs: w.inputs, name: `merge_${index}`, inputShape: [4], outputShape: [4], params: { trainable: 0, nonTrainable: 0 }, origin }
      : { kind: 'dense', units: w.units, activation: { name: 'relu' }, activationExplicit: true, init: { name: 'he_normal' }, biasInit: { name: 'zeros' }, index, inputs: w.inputs, name: `dense_${index}`, inputShape: [4], outputShape: [w.units], params: { trainable: 4 * w.units + w.units, nonTrainable: 0 }, origin },
  ) as unknown as ResolvedLayer[];
  const total = layers.reduce((s, l) => s + l.params.trainable, 0);
  return { name, input: [4], layers, outputShape: layers[layers.length - 1]!.outputShape, params: { trainable: total, nonTrainable: 0, total } } as unknown as ResolvedNetwork;
}

/** A network of `examples/` (ResNet-20, the Inception block), analyzed from its source. */
export function exampleNetwork(file: string): ResolvedNetwork {
  const text = readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8');
  const { networks, diagnostics } = analyze(parse(text).ast);
  if (diagnostics.some((d) => d.severity === 'error')) throw new Error(`${file}: ${diagnostics.map((d) => d.message).join('; ')}`);
  return networks[0]!;
}
