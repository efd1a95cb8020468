/** Inlay hints: output shape and parameter count after each layer call, the merge after each residual and parallel, totals after the network's name. */
import { inputShapes, type LayerCall, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import { allLayerCalls, blocks, graphConstructs, layerLists } from '../ast/walk.js';
import { constructHintLabel } from './constructs.js';
import type { AxonDocument } from '../workspace/document.js';
import { formatCount, formatShape, groupBoundary, isRecurrentLayer, layersOfBlockUse, layersOfCall, totalParams } from './layer-info.js';

function hint(doc: AxonDocument, offset: number, label: string, tooltip?: string): InlayHint {
  const h: InlayHint = { position: doc.positionAt(offset), label, kind: InlayHintKind.Type, paddingLeft: true };
  if (tooltip) h.tooltip = tooltip;
  return h;
}

/** One layer's label: `→ [16] · 272 params` (a bidirectional one `→ [200, 128] (2 × 64) · 98,816 params`); a merge shows what it joins: `→ add of [6], [6] → [6]`. */
function layerLabel(network: ResolvedNetwork, layer: ResolvedLayer): string {
  if (layer.kind === 'merge') return `→ ${layer.mode} of ${inputShapes(network, layer).map(formatShape).join(', ')} → ${formatShape(layer.outputShape)}`;
  // A bidirectional recurrent layer's features are its two directions concatenated: `→ [200, 128] (2 × 64) · …`.
  const both = isRecurrentLayer(layer) && layer.bidirectional ? ` (2 × ${layer.units})` : '';
  return `→ ${formatShape(layer.outputShape)}${both} · ${formatCount(totalParams(layer))} params`;
}

/**
 * The hint after a layer call or block use, over every network that expands it: one label per
 * distinct (shape, params), counted; a block use shows its instance's outputs and summed params.
 */
export function callHintLabel(networks: readonly ResolvedNetwork[], call: LayerCall, isBlock: boolean): string | undefined {
  const groups = isBlock ? layersOfBlockUse(networks, call) : layersOfCall(networks, call);
  if (groups.length === 0) return undefined;
  const labels = new Map<string, number>();
  const count = (key: string) => labels.set(key, (labels.get(key) ?? 0) + 1);
  for (const g of groups) {
    if (isBlock) {
      const sum = g.layers.reduce((s, l) => s + totalParams(l), 0);
      count(`→ ${groupBoundary(g.network, g.layers).outputs.map(formatShape).join(', ')} · ${formatCount(sum)} params`);
    } else for (const l of g.layers) count(layerLabel(g.network, l));
  }
  const parts = [...labels.entries()].map(([label, n]) => (n > 1 ? `${label} ×${n}` : label));
  return parts.length > 3 ? `${parts.slice(0, 3).join(' | ')} | …` : parts.join(' | ');
}

/**
 * The hints whose position lies in `range` (all of them without one). Only the calls, networks and
 * constructs that end inside the range are labelled, each in constant time (layer-info.ts's index),
 * so a 60-line range of a 5 MB file costs a walk of its syntax tree and sixty lines of labels.
 */
export function inlayHints(doc: AxonDocument, range?: Range): InlayHint[] {
  const { ast } = doc.parsed();
  const networks = doc.analyzed().networks;
  const from = range ? doc.offsetAt(range.start) : 0;
  const to = range ? doc.offsetAt(range.end) : Infinity;
  const wanted = (offset: number) => offset >= from && offset <= to;
  const blockNames = new Set(blocks(ast).flatMap((b) => (b.name ? [b.name.name] : [])));
  const out: InlayHint[] = [];
  for (const net of networks) {
    const p = net.params;
    const nameEnd = net.nameRange.end.offset;
    if (!wanted(nameEnd)) continue;
    out.push(hint(doc, nameEnd, `${formatShape(net.input)} → ${formatShape(net.outputShape)} · ${net.layers.length} layers · ${formatCount(p.total)} params`, `${formatCount(p.trainable)} trainable, ${formatCount(p.nonTrainable)} non-trainable`));
  }
  for (const call of allLayerCalls(ast)) {
    if (!wanted(call.range.end.offset)) continue;
    const label = callHintLabel(networks, call, blockNames.has(call.name.name));
    if (label) out.push(hint(doc, call.range.end.offset, label));
  }
  // A residual's or a parallel's join, after its closing brace: `→ add [8, 8, 64]`.
  for (const stmt of layerLists(ast).flatMap((list) => graphConstructs(list))) {
    if (!wanted(stmt.range.end.offset)) continue;
    const label = constructHintLabel(networks, stmt);
    if (label) out.push(hint(doc, stmt.range.end.offset, label));
  }
  return out.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}
