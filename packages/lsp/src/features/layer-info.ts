/** What analysis made of a layer call: its resolved layers per network, shapes, counts and expansion text. */
import type { Activation, ExpansionStep, LayerCall, ResolvedLayer, ResolvedNetwork, Shape } from '@axon/language';

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

export function totalParams(layer: ResolvedLayer): number {
  return layer.params.trainable + layer.params.nonTrainable;
}

export function formatActivation(a: Activation): string {
  switch (a.name) {
    case 'leaky_relu':
      return `leaky_relu(alpha: ${a.alpha})`;
    case 'prelu':
      return `prelu(init: ${a.init})`;
    case 'elu':
      return `elu(alpha: ${a.alpha})`;
    default:
      return a.name;
  }
}

/** The resolved layers a call produced (a call in a repeat or block produces several), grouped by network. */
export function layersOfCall(networks: readonly ResolvedNetwork[], call: LayerCall): Expansion[] {
  const at = call.range.start.offset;
  const out: Expansion[] = [];
  for (const network of networks) {
    const layers = network.layers.filter((l) => l.origin.range.start.offset === at);
    if (layers.length > 0) out.push({ network, layers });
  }
  return out;
}

/**
 * The resolved layers a block use expanded into: one entry per instance (a use inside `repeat 3`
 * is three instances), in network order.
 */
export function layersOfBlockUse(networks: readonly ResolvedNetwork[], call: LayerCall): Expansion[] {
  const at = call.range.start.offset;
  const out: Expansion[] = [];
  for (const network of networks) {
    const instances = new Map<string, ResolvedLayer[]>();
    for (const l of network.layers) {
      const i = l.origin.chain.findIndex((s) => s.kind === 'block' && s.useRange.start.offset === at);
      if (i < 0) continue;
      const key = l.origin.chain
        .slice(0, i + 1)
        .map((s) => (s.kind === 'repeat' ? `r${s.range.start.offset}:${s.iteration}` : `b${s.useRange.start.offset}`))
        .join('/');
      const list = instances.get(key);
      if (list) list.push(l);
      else instances.set(key, [l]);
    }
    for (const layers of instances.values()) out.push({ network, layers });
  }
  return out;
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
    (l) => formatShape(l.outputShape) === formatShape(first.outputShape) && totalParams(l) === totalParams(first),
  );
  const describe = (l: ResolvedLayer) => {
    const p = totalParams(l);
    const split = l.params.nonTrainable > 0 ? ` (${formatCount(l.params.trainable)} trainable, ${formatCount(l.params.nonTrainable)} non-trainable)` : '';
    return `output \`${formatShape(l.outputShape)}\`, ${formatCount(p)} params${split}`;
  };
  if (e.layers.length === 1) return [`\`${first.name}\` (layer ${first.index + 1} of ${e.network.layers.length} in \`${e.network.name}\`): input \`${formatShape(first.inputShape)}\`, ${describe(first)}`];
  if (same) return [`each: input \`${formatShape(first.inputShape)}\`, ${describe(first)}`];
  const lines = e.layers.slice(0, limit).map((l) => `- \`${l.name}\` (layer ${l.index + 1}): input \`${formatShape(l.inputShape)}\`, ${describe(l)}`);
  if (e.layers.length > limit) lines.push(`- … and ${e.layers.length - limit} more`);
  return lines;
}
