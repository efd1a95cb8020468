/** Inlay hints: output shape and parameter count after each layer call, totals after the network's name. */
import type { LayerCall } from '@axon/language';
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import { allLayerCalls, blocks } from '../ast/walk.js';
import type { AxonDocument } from '../workspace/document.js';
import { formatCount, formatShape, layersOfBlockUse, layersOfCall, totalParams } from './layer-info.js';

function hint(doc: AxonDocument, offset: number, label: string, tooltip?: string): InlayHint {
  const h: InlayHint = { position: doc.textDocument.positionAt(offset), label, kind: InlayHintKind.Type, paddingLeft: true };
  if (tooltip) h.tooltip = tooltip;
  return h;
}

function callHint(doc: AxonDocument, call: LayerCall, blockNames: Set<string>): InlayHint | undefined {
  const networks = doc.analyzed().networks;
  const isBlock = blockNames.has(call.name.name);
  const groups = isBlock ? layersOfBlockUse(networks, call) : layersOfCall(networks, call);
  if (groups.length === 0) return undefined;
  // One label per distinct (shape, params) over every expansion; a block use sums its layers.
  const labels = new Map<string, number>();
  for (const g of groups) {
    if (isBlock) {
      const last = g.layers[g.layers.length - 1]!;
      const sum = g.layers.reduce((s, l) => s + totalParams(l), 0);
      const key = `→ ${formatShape(last.outputShape)} · ${formatCount(sum)} params`;
      labels.set(key, (labels.get(key) ?? 0) + 1);
    } else
      for (const l of g.layers) {
        const key = `→ ${formatShape(l.outputShape)} · ${formatCount(totalParams(l))} params`;
        labels.set(key, (labels.get(key) ?? 0) + 1);
      }
  }
  const parts = [...labels.entries()].map(([label, n]) => (n > 1 ? `${label} ×${n}` : label));
  const label = parts.length > 3 ? `${parts.slice(0, 3).join(' | ')} | …` : parts.join(' | ');
  return hint(doc, call.range.end.offset, label);
}

export function inlayHints(doc: AxonDocument, range?: Range): InlayHint[] {
  const { ast } = doc.parsed();
  const networks = doc.analyzed().networks;
  const blockNames = new Set(blocks(ast).flatMap((b) => (b.name ? [b.name.name] : [])));
  const out: InlayHint[] = [];
  for (const net of networks) {
    const p = net.params;
    const nameEnd = net.nameRange.end.offset;
    out.push(hint(doc, nameEnd, `${formatShape(net.input)} → ${formatShape(net.outputShape)} · ${net.layers.length} layers · ${formatCount(p.total)} params`, `${formatCount(p.trainable)} trainable, ${formatCount(p.nonTrainable)} non-trainable`));
  }
  for (const call of allLayerCalls(ast)) {
    const h = callHint(doc, call, blockNames);
    if (h) out.push(h);
  }
  const inRange = (h: InlayHint) =>
    !range ||
    ((h.position.line > range.start.line || (h.position.line === range.start.line && h.position.character >= range.start.character)) &&
      (h.position.line < range.end.line || (h.position.line === range.end.line && h.position.character <= range.end.character)));
  return out.filter(inRange).sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}
