/**
 * The network drawn as a diagram: one box per resolved layer, coloured by activation, with its output
 * shape and parameter count, an edge from every input it reads, and findings marked beside the layer
 * they concern. A chain is one column, top to bottom; a graph puts each layer one row below its
 * lowest input, so a fork's branches stand side by side and a merge's edges join into one box.
 * A plain SVG string (no charting library: this is a drawing, not a chart).
 */
import { NETWORK_INPUT, topologicalOrder, type ActivationName, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import type { ReportFinding } from './types.js';
import { escapeXml } from './escape.js';

/** Colour per activation family: saturating (warm), relu family (greens/blues), output-ish (purple). */
export const ACTIVATION_COLORS: Record<ActivationName, string> = {
  linear: '#9e9e9e',
  sigmoid: '#e4572e',
  tanh: '#f29e4c',
  softmax: '#8e6cc0',
  relu: '#2e86ab',
  leaky_relu: '#3fa7d6',
  prelu: '#59c3c3',
  elu: '#1b998b',
  selu: '#5c946e',
};

const NEUTRAL = '#cfd8dc';

/** The activation a layer applies, if it is one that the diagram colours. */
export function layerActivation(layer: ResolvedLayer): ActivationName | undefined {
  switch (layer.kind) {
    case 'dense':
    case 'conv2d':
    case 'conv1d':
    case 'activation':
    case 'lstm':
    case 'gru':
    case 'simple_rnn':
      return layer.activation.name;
    default:
      return undefined;
  }
}

/** What a recurrent layer's label adds: both directions, every step kept. */
function recurrentFlags(layer: Extract<ResolvedLayer, { kind: 'lstm' | 'gru' | 'simple_rnn' }>): string {
  return `${layer.bidirectional ? ' · bidirectional' : ''}${layer.returnSequences ? ' · sequences' : ''}`;
}

function layerLabel(layer: ResolvedLayer): string {
  const act = layerActivation(layer);
  switch (layer.kind) {
    case 'dense':
      return `dense(${layer.units})${act && act !== 'linear' ? ` · ${act}` : ''}`;
    case 'conv2d':
      return `conv2d(${layer.filters}, ${layer.kernel.join('×')})${act && act !== 'linear' ? ` · ${act}` : ''}`;
    case 'dropout':
      return `dropout(${layer.rate})`;
    case 'activation':
      return `activation(${act})`;
    case 'max_pool2d':
    case 'avg_pool2d':
      return `${layer.kind}(${layer.pool.join('×')})`;
    case 'conv1d':
      return `conv1d(${layer.filters}, ${layer.kernel})${act && act !== 'linear' ? ` · ${act}` : ''}`;
    case 'max_pool1d':
    case 'avg_pool1d':
      return `${layer.kind}(${layer.pool})`;
    case 'embedding':
      return `embedding(${layer.inputDim}, ${layer.outputDim})`;
    case 'lstm':
    case 'gru':
    case 'simple_rnn':
      // tanh is every recurrent layer's default: name the activation only when it differs.
      return `${layer.kind}(${layer.units})${act && act !== 'tanh' ? ` · ${act}` : ''}${recurrentFlags(layer)}`;
    case 'merge': {
      // Written as a construct: name it (`residual: add`); a hand-built merge keeps `merge(add)`.
      const construct = layer.origin.construct?.kind;
      return construct === 'Residual' ? `residual: ${layer.mode}` : construct === 'Parallel' ? `parallel: ${layer.mode}` : `merge(${layer.mode})`;
    }
    default:
      return `${layer.kind}()`;
  }
}

const SEVERITY_COLOR = { error: '#c62828', warning: '#ef8f00', info: '#1976d2' } as const;

/** Where each box goes: row 0 is the input; a layer sits one row below the lowest of its inputs. */
export interface DiagramLayout {
  /** Row of each layer, by index (the input is row 0). */
  rows: number[];
  /**
   * Column of each layer within its row, by index. A layer keeps the column of its first input when
   * that cell is free (a branch stays one straight column; a merge sits under its first input),
   * otherwise it takes the next free column to the right.
   */
  columns: number[];
  rowCount: number;
  columnCount: number;
}

export function diagramLayout(network: ResolvedNetwork): DiagramLayout {
  const rows: number[] = [];
  const columns: number[] = [];
  const taken: Set<number>[] = [new Set([0])];
  for (const layer of topologicalOrder(network)) {
    const row = 1 + Math.max(...layer.inputs.map((i) => (i === NETWORK_INPUT ? 0 : rows[i]!)));
    const first = layer.inputs[0];
    const used = (taken[row] ??= new Set());
    let column = first === undefined || first === NETWORK_INPUT ? 0 : columns[first]!;
    while (used.has(column)) column++;
    used.add(column);
    rows[layer.index] = row;
    columns[layer.index] = column;
  }
  const columnCount = 1 + Math.max(0, ...columns);
  return { rows, columns, rowCount: taken.length, columnCount };
}

/** The layers a merge joins: every layer on a path from the merge's dominator (the tensor all its inputs come from) to it. */
export interface DiagramGroup {
  /** The merge layer's index. */
  merge: number;
  /** The layer every path into the merge passes through (`NETWORK_INPUT` for the input); not a member. */
  fork: number;
  /** Indices of the layers between the fork and the merge, the merge included, ascending. */
  members: number[];
  /** `residual`, `parallel · concat`, or the merge's mode when the network was not written with a construct. */
  label: string;
}

/**
 * One group per merge (a residual or a parallel block): the diagram draws a frame behind it, so a
 * deep network reads as its blocks. The fork is the merge's immediate dominator, found over the
 * topological order (each layer's dominator is the common dominator of its inputs).
 */
export function diagramGroups(network: ResolvedNetwork): DiagramGroup[] {
  const idom = new Map<number, number>();
  const depth = new Map<number, number>([[NETWORK_INPUT, 0]]);
  const common = (a: number, b: number) => {
    while (a !== b) {
      if (depth.get(a)! >= depth.get(b)!) a = idom.get(a)!;
      else b = idom.get(b)!;
    }
    return a;
  };
  for (const layer of topologicalOrder(network)) {
    const d = layer.inputs.reduce((acc, i) => common(acc, i));
    idom.set(layer.index, d);
    depth.set(layer.index, depth.get(d)! + 1);
  }
  const groups: DiagramGroup[] = [];
  for (const layer of network.layers) {
    if (layer.kind !== 'merge') continue;
    const fork = idom.get(layer.index)!;
    const members = new Set<number>([layer.index]);
    const stack = [...layer.inputs];
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (i === fork || members.has(i)) continue;
      members.add(i);
      stack.push(...network.layers[i]!.inputs);
    }
    const construct = layer.origin.construct?.kind;
    const label = construct === 'Residual' ? 'residual' : construct === 'Parallel' ? `parallel · ${layer.mode}` : layer.mode;
    groups.push({ merge: layer.index, fork, members: [...members].sort((a, b) => a - b), label });
  }
  return groups;
}

/** How one edge is drawn. */
export type EdgeRoute =
  /** Between neighbouring rows, or down a column whose cells in between are empty: a straight line. */
  | { kind: 'line' }
  /** Down its own column (empty in between), then sideways into the layer it joins. */
  | { kind: 'column' }
  /** Past boxes in the way: out to a lane left of every box, down, and back in. */
  | { kind: 'lane'; lane: number };

export interface DiagramEdge {
  from: number;
  to: number;
  route: EdgeRoute;
}

/**
 * Every edge with its route. Lanes are shared: a skip takes the first lane free over its rows
 * (rows touching at an end count as overlapping), so a ResNet's shortcuts, one after another, need
 * one or two lanes however deep the network is.
 */
export function diagramEdges(network: ResolvedNetwork, layout: DiagramLayout): { edges: DiagramEdge[]; laneCount: number } {
  const rowOf = (i: number) => (i === NETWORK_INPUT ? 0 : layout.rows[i]!);
  const colOf = (i: number) => (i === NETWORK_INPUT ? 0 : layout.columns[i]!);
  const occupied = new Set<string>(['0:0', ...network.layers.map((l) => `${layout.rows[l.index]}:${layout.columns[l.index]}`)]);
  const clearBelow = (from: number, to: number) => {
    for (let r = rowOf(from) + 1; r < rowOf(to); r++) if (occupied.has(`${r}:${colOf(from)}`)) return false;
    return true;
  };
  const edges: DiagramEdge[] = [];
  for (const layer of network.layers) {
    for (const from of layer.inputs) {
      const to = layer.index;
      if (rowOf(to) - rowOf(from) === 1 || (clearBelow(from, to) && colOf(from) === colOf(to))) edges.push({ from, to, route: { kind: 'line' } });
      else if (clearBelow(from, to)) edges.push({ from, to, route: { kind: 'column' } });
      else edges.push({ from, to, route: { kind: 'lane', lane: -1 } });
    }
  }
  // Interval colouring, by the row each skip starts at.
  const laneEnds: number[] = [];
  const skips = edges.filter((e) => e.route.kind === 'lane').sort((a, b) => rowOf(a.from) - rowOf(b.from) || rowOf(a.to) - rowOf(b.to));
  for (const e of skips) {
    let lane = laneEnds.findIndex((end) => end < rowOf(e.from));
    if (lane < 0) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = rowOf(e.to);
    e.route = { kind: 'lane', lane };
  }
  return { edges, laneCount: laneEnds.length };
}

export function networkDiagramSvg(network: ResolvedNetwork, findings: ReportFinding[] = []): string {
  const boxW = 300;
  const boxH = 34;
  const gap = 14;
  const columnGap = 40;
  const lane = 10;
  const top = 46;
  const layout = diagramLayout(network);
  const { edges, laneCount } = diagramEdges(network, layout);
  const rowOf = (i: number) => (i === NETWORK_INPUT ? 0 : layout.rows[i]!);
  const colOf = (i: number) => (i === NETWORK_INPUT ? 0 : layout.columns[i]!);
  const left = 20 + laneCount * lane;
  const noteX = left + layout.columnCount * (boxW + columnGap) - columnGap + 24;
  const width = noteX + 380;
  const height = top + layout.rowCount * (boxH + gap) + 10;
  const byLayer = new Map<number, ReportFinding[]>();
  for (const f of findings) {
    if (f.layer === undefined) continue;
    const list = byLayer.get(f.layer) ?? [];
    list.push(f);
    byLayer.set(f.layer, list);
  }
  const xOf = (i: number) => left + colOf(i) * (boxW + columnGap);
  const yOf = (i: number) => top + rowOf(i) * (boxH + gap);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" role="img" aria-label="Network diagram of ${escapeXml(network.name)}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${20}" y="24" font-size="15" font-weight="bold">${escapeXml(network.name)} — ${network.params.total.toLocaleString('en-US')} parameters</text>`,
  );
  const edgeSvg = ({ from, to, route }: DiagramEdge) => {
    const ends = `class="edge" data-from="${from}" data-to="${to}"`;
    const style = 'fill="none" stroke="#90a4ae" stroke-width="2"';
    if (route.kind === 'line' && colOf(from) === colOf(to)) {
      parts.push(`<line ${ends} x1="${xOf(from) + boxW / 2}" y1="${yOf(from) + boxH}" x2="${xOf(to) + boxW / 2}" y2="${yOf(to)}" stroke="#90a4ae" stroke-width="2"/>`);
    } else if (route.kind === 'line') {
      // Into another column: down to the middle of the gap, across, down (a fork's or a join's bus).
      const mid = yOf(to) - gap / 2;
      parts.push(`<path ${ends} d="M ${xOf(from) + boxW / 2} ${yOf(from) + boxH} V ${mid} H ${xOf(to) + boxW / 2} V ${yOf(to)}" ${style}/>`);
    } else if (route.kind === 'column') {
      const side = colOf(from) > colOf(to) ? xOf(to) + boxW : xOf(to);
      parts.push(`<path ${ends} d="M ${xOf(from) + boxW / 2} ${yOf(from) + boxH} V ${yOf(to) + boxH / 2} H ${side}" ${style}/>`);
    } else {
      const x = left - lane * (route.lane + 1);
      parts.push(`<path ${ends} d="M ${xOf(from)} ${yOf(from) + boxH / 2} H ${x} V ${yOf(to) + boxH / 2} H ${xOf(to)}" ${style}/>`);
    }
  };
  // A frame behind each residual or parallel block, outer blocks first (so inner frames sit on top).
  const groups = diagramGroups(network).sort((a, b) => b.members.length - a.members.length);
  const inner = new Map<number, number>();
  for (const g of groups) for (const other of groups) if (other !== g && other.members.length < g.members.length && other.members.every((m) => g.members.includes(m))) inner.set(other.merge, (inner.get(other.merge) ?? 0) + 1);
  for (const g of groups) {
    const pad = 8 - 3 * Math.min(2, inner.get(g.merge) ?? 0);
    const x1 = Math.min(...g.members.map(xOf)) - pad;
    const x2 = Math.max(...g.members.map(xOf)) + boxW + pad;
    const y1 = Math.min(...g.members.map(yOf)) - pad + 2;
    const y2 = Math.max(...g.members.map(yOf)) + boxH + pad - 2;
    parts.push(
      `<rect class="group" data-merge="${g.merge}" data-members="${g.members.length}" x="${x1}" y="${y1}" width="${x2 - x1}" height="${y2 - y1}" rx="9" fill="#eceff1" fill-opacity="0.55" stroke="#b0bec5" stroke-dasharray="4 3"><title>${escapeXml(`${g.label}: ${g.members.length - 1} layers joined by ${network.layers[g.merge]!.name}`)}</title></rect>`,
    );
  }
  const edgesInto = new Map<number, DiagramEdge[]>();
  for (const e of edges) edgesInto.set(e.to, [...(edgesInto.get(e.to) ?? []), e]);
  const box = (i: number, fill: string, label: string, shape: string, params: string, stroke = '#455a64') => {
    const x = xOf(i);
    const y = yOf(i);
    parts.push(
      `<rect class="layer" x="${x}" y="${y}" width="${boxW}" height="${boxH}" rx="6" fill="${fill}" fill-opacity="0.25" stroke="${stroke}" stroke-width="1.5"/>`,
      `<rect x="${x}" y="${y}" width="8" height="${boxH}" rx="3" fill="${fill}"/>`,
      `<text x="${x + 16}" y="${y + 21}" font-size="13">${escapeXml(label)}</text>`,
      `<text x="${x + boxW - 8}" y="${y + 14}" font-size="10" text-anchor="end" fill="#37474f">${escapeXml(shape)}</text>`,
      `<text x="${x + boxW - 8}" y="${y + 27}" font-size="10" text-anchor="end" fill="#607d8b">${escapeXml(params)}</text>`,
    );
    return { x, y };
  };
  box(NETWORK_INPUT, NEUTRAL, 'input', `[${network.input.join(', ')}]`, '');
  network.layers.forEach((layer, i) => {
    for (const e of edgesInto.get(i) ?? []) edgeSvg(e);
    const act = layerActivation(layer);
    const marks = byLayer.get(i) ?? [];
    const worst = marks.find((m) => m.severity === 'error') ?? marks.find((m) => m.severity === 'warning') ?? marks[0];
    const { x, y } = box(
      i,
      act ? ACTIVATION_COLORS[act] : NEUTRAL,
      `${i + 1}. ${layerLabel(layer)}`,
      `[${layer.outputShape.join(', ')}]`,
      `${(layer.params.trainable + layer.params.nonTrainable).toLocaleString('en-US')} params`,
      worst ? SEVERITY_COLOR[worst.severity] : '#455a64',
    );
    if (worst) {
      const more = marks.length > 1 ? ` (+${marks.length - 1})` : '';
      const rowEnd = left + (layout.columnCount - 1) * (boxW + columnGap) + boxW;
      const cx = colOf(i) === layout.columnCount - 1 ? x + boxW + 12 : rowEnd + 12;
      parts.push(
        `<circle class="finding" cx="${cx}" cy="${y + boxH / 2}" r="6" fill="${SEVERITY_COLOR[worst.severity]}"/>`,
        `<text x="${noteX}" y="${y + boxH / 2 + 4}" font-size="11" fill="${SEVERITY_COLOR[worst.severity]}">${escapeXml(truncate(`${worst.ruleId}: ${worst.message}`, 62) + more)}</text>`,
      );
    }
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
