/**
 * The resolved network as a graph. Every layer names the layers it reads from (`inputs`); these
 * helpers are the only way other packages walk it, so none of them assumes a chain.
 *
 * Invariant (checked by `topologicalOrder` for networks built by hand): `network.layers` is in
 * topological order — each layer's inputs have smaller indices — and the last layer is the output.
 */
import type { ResolvedLayer, ResolvedNetwork, Shape } from './network.js';

/** The index that stands for the network's input in `ResolvedLayer.inputs`. */
export const NETWORK_INPUT = -1;

type Net = Pick<ResolvedNetwork, 'layers' | 'input'>;

/** The layers `layer` reads from, in input order (the network's input is left out). */
export function predecessors(network: Net, layer: ResolvedLayer): ResolvedLayer[] {
  const out: ResolvedLayer[] = [];
  for (const i of layer.inputs) {
    const p = network.layers[i];
    if (i !== NETWORK_INPUT && p) out.push(p);
  }
  return out;
}

const successorCache = new WeakMap<readonly ResolvedLayer[], ResolvedLayer[][]>();

/** For each layer index, the layers that read it, in index order. Cached per layer list. */
function successorLists(network: Net): readonly (readonly ResolvedLayer[])[] {
  let lists = successorCache.get(network.layers);
  if (!lists) {
    lists = network.layers.map(() => []);
    for (const l of network.layers) {
      for (const i of new Set(l.inputs)) if (i !== NETWORK_INPUT) lists[i]?.push(l);
    }
    successorCache.set(network.layers, lists);
  }
  return lists;
}

/** The layers that read `layer`'s output, in index order. */
export function successors(network: Net, layer: ResolvedLayer): readonly ResolvedLayer[] {
  return successorLists(network)[layer.index] ?? [];
}

/** The one predecessor of a single-input layer (undefined when it reads the network's input, or is a merge). */
export function singlePredecessor(network: Net, layer: ResolvedLayer): ResolvedLayer | undefined {
  return layer.inputs.length === 1 ? predecessors(network, layer)[0] : undefined;
}

/** The one successor of a layer read by exactly one other (undefined for the output or a fork). */
export function singleSuccessor(network: Net, layer: ResolvedLayer): ResolvedLayer | undefined {
  const s = successors(network, layer);
  return s.length === 1 ? s[0] : undefined;
}

/** The network's output layer (the last in topological order), if it has layers. */
export function outputLayer(network: Net): ResolvedLayer | undefined {
  return network.layers[network.layers.length - 1];
}

/** The shape of what `inputs[k]` points at: a layer's output, or the network's input. */
export function shapeOf(network: Net, index: number): Shape {
  return index === NETWORK_INPUT ? network.input : (network.layers[index]?.outputShape ?? []);
}

/** Every input's shape, in input order. */
export function inputShapes(network: Net, layer: ResolvedLayer): Shape[] {
  return layer.inputs.map((i) => shapeOf(network, i));
}

/** True when every layer reads exactly the one before it (the first reads the input): a plain stack. */
export function isChain(network: Net): boolean {
  return network.layers.every((l, i) => l.inputs.length === 1 && l.inputs[0] === i - 1);
}

export class GraphError extends Error {
  override name = 'GraphError';
}

/**
 * The layers in an order where each comes after its inputs (Kahn's algorithm, ties by index, so a
 * list already in order comes back as it is). Throws `GraphError` for an input index that names no
 * layer, a cycle, or a layer other than the last that nothing reads (a second output).
 */
export function topologicalOrder(network: Net): ResolvedLayer[] {
  const layers = network.layers;
  const n = layers.length;
  const pending = new Array<number>(n).fill(0);
  const readers: number[][] = layers.map(() => []);
  layers.forEach((l, i) => {
    if (l.index !== i) throw new GraphError(`layer ${i} (${l.name}) says its index is ${l.index}`);
    if (l.inputs.length === 0) throw new GraphError(`layer ${i} (${l.name}) reads from nothing`);
    for (const j of new Set(l.inputs)) {
      if (j === NETWORK_INPUT) continue;
      if (!Number.isInteger(j) || j < 0 || j >= n) throw new GraphError(`layer ${i} (${l.name}) reads from layer ${j}, which does not exist`);
      pending[i]!++;
      readers[j]!.push(i);
    }
  });
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (pending[i] === 0) ready.push(i);
  const order: ResolvedLayer[] = [];
  while (ready.length > 0) {
    // Smallest index first keeps an already-sorted list unchanged.
    let k = 0;
    for (let m = 1; m < ready.length; m++) if (ready[m]! < ready[k]!) k = m;
    const i = ready.splice(k, 1)[0]!;
    order.push(layers[i]!);
    for (const r of readers[i]!) if (--pending[r]! === 0) ready.push(r);
  }
  if (order.length < n) {
    const stuck = layers.filter((_, i) => pending[i]! > 0).map((l) => l.name);
    throw new GraphError(`the layers ${stuck.join(', ')} form a cycle`);
  }
  const last = n - 1;
  const dangling = layers.filter((l, i) => i !== last && readers[i]!.length === 0);
  if (dangling.length > 0) throw new GraphError(`${dangling.map((l) => l.name).join(', ')} ${dangling.length === 1 ? 'is' : 'are'} read by no layer: a network has one output`);
  return order;
}

/**
 * For each layer, the fewest layers a gradient from the output crosses to reach it (the output
 * itself: 1), following every path. With an identity shortcut around a body, the layers before the
 * join are closer to the output than the body's length suggests.
 */
export function depthFromOutput(network: Net): number[] {
  const n = network.layers.length;
  const depth = new Array<number>(n).fill(Infinity);
  if (n === 0) return depth;
  depth[n - 1] = 1;
  for (let i = n - 1; i >= 0; i--) {
    const d = depth[i]!;
    if (d === Infinity) continue;
    for (const j of network.layers[i]!.inputs) if (j !== NETWORK_INPUT && d + 1 < depth[j]!) depth[j] = d + 1;
  }
  return depth;
}
