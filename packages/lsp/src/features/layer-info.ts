/**
 * What analysis made of a layer call: its resolved layers per network, shapes, counts and expansion
 * text. The network is a graph: what a layer reads comes from `inputs` (`predecessors`,
 * `inputShapes`), never from its neighbour in the list.
 */
import { NETWORK_INPUT, inputShapes, isChain, outputLayer, successors, type ExpansionStep, type LayerCall, type ResolvedLayer, type ResolvedNetwork, type Shape } from '@axon/language';

export interface Expansion {
  network: ResolvedNetwork;
  layers: ResolvedLayer[];
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Whether a resolved layer is lstm, gru or simple_rnn. */
export function isRecurrentLayer(layer: ResolvedLayer): layer is Extract<ResolvedLayer, { kind: 'lstm' | 'gru' | 'simple_rnn' }> {
  return layer.kind === 'lstm' || layer.kind === 'gru' || layer.kind === 'simple_rnn';
}

export function totalParams(layer: ResolvedLayer): number {
  return layer.params.trainable + layer.params.nonTrainable;
}

/**
 * What a group of layers (a block instance) reads and produces: the shapes of the edges entering it
 * from outside, and the outputs of its layers that something outside reads (or that are the network's
 * output). For a stack of layers: the first one's input and the last one's output.
 */
export function groupBoundary(network: ResolvedNetwork, layers: readonly ResolvedLayer[]): { inputs: Shape[]; outputs: Shape[] } {
  const inside = new Set(layers.map((l) => l.index));
  const inputs: Shape[] = [];
  const seen = new Set<number>();
  for (const l of layers) {
    l.inputs.forEach((i, k) => {
      if (inside.has(i) || seen.has(i)) return;
      seen.add(i);
      inputs.push(inputShapes(network, l)[k]!);
    });
  }
  const out = outputLayer(network);
  const outputs = layers.filter((l) => l === out || successors(network, l).some((s) => !inside.has(s.index))).map((l) => l.outputShape);
  return { inputs, outputs };
}

/** Several shapes as `[6]`, or `[6]` and `[8]` (backticked). */
export function shapesText(shapes: readonly Shape[]): string {
  const s = shapes.map((x) => `\`${formatShape(x)}\``);
  return s.length <= 1 ? (s[0] ?? '`[]`') : `${s.slice(0, -1).join(', ')} and ${s[s.length - 1]}`;
}

/**
 * What a layer reads, in words: `input \`[4]\`` for a layer that reads the one before it (every
 * layer of a plain stack); otherwise each input's shape and where it comes from, and for a merge its mode.
 */
export function inputText(network: ResolvedNetwork, layer: ResolvedLayer): string {
  const shapes = inputShapes(network, layer);
  const adjacent = layer.inputs.length === 1 && layer.inputs[0] === layer.index - 1;
  if (layer.kind !== 'merge' && (adjacent || isChain(network))) return `input \`${formatShape(shapes[0] ?? layer.inputShape)}\``;
  const from = layer.inputs.map((i, k) => `\`${formatShape(shapes[k]!)}\` from ${i === NETWORK_INPUT ? 'the network input' : `\`${network.layers[i]?.name ?? '?'}\``}`);
  return layer.kind === 'merge' ? `${layer.mode} of ${from.join(' and ')}` : `input ${from.join(', ')}`;
}

/**
 * Where each layer came from, indexed once per analysis: layers by the start of the call that
 * produced them, and block instances by the start of the block use. Looking up a call is then
 * constant time, so hints and hovers over a file with many calls take linear time, not calls × layers.
 */
interface LayerIndex {
  byOrigin: Map<number, Expansion[]>;
  byBlockUse: Map<number, Expansion[]>;
}

const indexes = new WeakMap<readonly ResolvedNetwork[], LayerIndex>();

function indexOf(networks: readonly ResolvedNetwork[]): LayerIndex {
  let index = indexes.get(networks);
  if (index) return index;
  index = { byOrigin: new Map(), byBlockUse: new Map() };
  for (const network of networks) {
    const instances = new Map<number, Map<string, ResolvedLayer[]>>();
    for (const l of network.layers) {
      const at = l.origin.range.start.offset;
      let list = index.byOrigin.get(at);
      if (!list) index.byOrigin.set(at, (list = []));
      const last = list[list.length - 1];
      if (last?.network === network) last.layers.push(l);
      else list.push({ network, layers: [l] });
      let key = '';
      for (const s of l.origin.chain) {
        key += s.kind === 'repeat' ? `r${s.range.start.offset}:${s.iteration}/` : `b${s.useRange.start.offset}/`;
        if (s.kind !== 'block') continue;
        const use = s.useRange.start.offset;
        let byKey = instances.get(use);
        if (!byKey) instances.set(use, (byKey = new Map()));
        const layers = byKey.get(key);
        if (layers) layers.push(l);
        else byKey.set(key, [l]);
      }
    }
    for (const [use, byKey] of instances) {
      let list = index.byBlockUse.get(use);
      if (!list) index.byBlockUse.set(use, (list = []));
      for (const layers of byKey.values()) list.push({ network, layers });
    }
  }
  indexes.set(networks, index);
  return index;
}

/**
 * The resolved layers a call produced (a call in a repeat or block produces several), grouped by
 * network: those whose origin starts where the call does, narrowed by `keep` (a construct's merges).
 */
export function layersOfCall(networks: readonly ResolvedNetwork[], call: Pick<LayerCall, 'range'>, keep?: (layer: ResolvedLayer) => boolean): Expansion[] {
  const found = indexOf(networks).byOrigin.get(call.range.start.offset) ?? [];
  if (keep === undefined) return found.map((e) => ({ network: e.network, layers: [...e.layers] }));
  const out: Expansion[] = [];
  for (const e of found) {
    const layers = e.layers.filter(keep);
    if (layers.length > 0) out.push({ network: e.network, layers });
  }
  return out;
}

/**
 * The resolved layers a block use expanded into: one entry per instance (a use inside `repeat 3`
 * is three instances), in network order.
 */
export function layersOfBlockUse(networks: readonly ResolvedNetwork[], call: LayerCall): Expansion[] {
  return (indexOf(networks).byBlockUse.get(call.range.start.offset) ?? []).map((e) => ({ network: e.network, layers: [...e.layers] }));
}

/** `3–20`, `3, 5, 7–9` from 1-based positions. */
export function positionsText(positions: number[]): string {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  const runs: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j === i ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

function stepText(steps: ExpansionStep[]): string {
  const first = steps[0]!;
  const lines = [...new Set(steps.map((s) => (s.kind === 'repeat' ? s.headerRange.start.line : s.useRange.start.line)))].sort((a, b) => a - b);
  const at = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;
  if (first.kind === 'repeat') return `\`repeat ${first.count}\` at ${at}`;
  return `block \`${first.block}\` used at ${at}`;
}

/**
 * "expands 18× from `repeat 18` at line 9: layers 3–20 of 22" — empty when the call produced one
 * layer that came from no repeat or block.
 */
export function expansionText(e: Expansion): string {
  const chains = e.layers.map((l) => l.origin.chain);
  const depth = Math.max(0, ...chains.map((c) => c.length));
  if (e.layers.length === 1 && depth === 0) return '';
  const levels: string[] = [];
  for (let d = 0; d < depth; d++) {
    const steps = chains.map((c) => c[d]).filter((s): s is ExpansionStep => s !== undefined);
    // One entry per distinct source position (iterations of the same repeat collapse).
    const seen = new Map<string, ExpansionStep>();
    for (const s of steps) seen.set(s.kind === 'repeat' ? `r${s.range.start.offset}` : `b${s.useRange.start.offset}`, s);
    levels.push(stepText([...seen.values()]));
  }
  const positions = positionsText(e.layers.map((l) => l.index + 1));
  const where = levels.length > 0 ? ` from ${levels.join(' › ')}` : '';
  const noun = e.layers.length === 1 ? 'layer' : 'layers';
  return `expands ${e.layers.length}× in \`${e.network.name}\`${where}: ${noun} ${positions} of ${e.network.layers.length}`;
}

/** One line per resolved layer (at most `limit`), or one line when they all look the same. */
export function layerLines(e: Expansion, limit = 5): string[] {
  const [first] = e.layers;
  if (!first) return [];
  const same = e.layers.every(
    (l) => (isChain(e.network) || inputText(e.network, l) === inputText(e.network, first)) && formatShape(l.outputShape) === formatShape(first.outputShape) && totalParams(l) === totalParams(first),
  );
  const describe = (l: ResolvedLayer) => {
    const p = totalParams(l);
    const split = l.params.nonTrainable > 0 ? ` (${formatCount(l.params.trainable)} trainable, ${formatCount(l.params.nonTrainable)} non-trainable)` : '';
    return `output \`${formatShape(l.outputShape)}\`, ${formatCount(p)} params${split}`;
  };
  if (e.layers.length === 1) return [`\`${first.name}\` (layer ${first.index + 1} of ${e.network.layers.length} in \`${e.network.name}\`): ${inputText(e.network, first)}, ${describe(first)}`];
  if (same) return [`each: ${inputText(e.network, first)}, ${describe(first)}`];
  const lines = e.layers.slice(0, limit).map((l) => `- \`${l.name}\` (layer ${l.index + 1}): ${inputText(e.network, l)}, ${describe(l)}`);
  if (e.layers.length > limit) lines.push(`- … and ${e.layers.length - limit} more`);
  return lines;
}
