/**
 * Small graph networks built by hand for the engine's tests (the language cannot write a fork yet):
 * dense layers and merges wired by `inputs` (-1 is the network input), shapes and parameter counts
 * computed here, the train spec taken from the language's branching fixture.
 */
import { inferMerge, type Activation, type MergeMode, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import { branchingNetwork } from '../../language/test/fixtures/branching-network.js';

export type GraphNode =
  | { dense: number; activation?: Activation; inputs: number[] }
  | { merge: MergeMode; inputs: number[] };

type Dense = Extract<ResolvedLayer, { kind: 'dense' }>;

export function graphNet(input: number[], nodes: GraphNode[]): ResolvedNetwork {
  const base = branchingNetwork();
  const template = base.layers[0] as Dense;
  const layers: ResolvedLayer[] = [];
  const counts = { dense: 0, merge: 0 };
  const nameOf = (kind: 'dense' | 'merge') => (counts[kind]++ === 0 ? kind : `${kind}_${counts[kind] - 1}`);
  const shapeAt = (j: number) => (j === -1 ? input : (layers[j] as ResolvedLayer).outputShape);
  nodes.forEach((node, index) => {
    const shapes = node.inputs.map(shapeAt);
    const first = shapes[0] as number[];
    if ('merge' in node) {
      const r = inferMerge(node.merge, shapes);
      if (!r.ok) throw new Error(r.message);
      layers.push({
        kind: 'merge', mode: node.merge, index, inputs: node.inputs, name: nameOf('merge'), inputShape: first.slice(),
        outputShape: r.outputShape, params: { trainable: 0, nonTrainable: 0 }, origin: template.origin, argRanges: {},
      });
    } else {
      const features = first[first.length - 1] as number;
      layers.push({
        ...template, units: node.dense, activation: node.activation ?? { name: 'linear' }, index, inputs: node.inputs,
        name: nameOf('dense'), inputShape: first.slice(), outputShape: [...first.slice(0, -1), node.dense],
        params: { trainable: features * node.dense + node.dense, nonTrainable: 0 },
      } as Dense);
    }
  });
  const out = layers[layers.length - 1] as ResolvedLayer;
  const trainable = layers.reduce((a, l) => a + l.params.trainable, 0);
  return { ...base, input, layers, outputShape: out.outputShape.slice(), params: { trainable, nonTrainable: 0, total: trainable } };
}
