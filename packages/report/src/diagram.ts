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
  if (layer.kind === 'dense' || layer.kind === 'conv2d' || layer.kind === 'activation') return layer.activation.name;
  return undefined;
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
    case 'merge':
      return `merge(${layer.mode})`;
    default:
      return `${layer.kind}()`;
  }
}

const SEVERITY_COLOR = { error: '#c62828', warning: '#ef8f00', info: '#1976d2' } as const;

/** Where each box goes: row 0 is the input; a layer sits one row below the lowest of its inputs. */
export interface DiagramLayout {
  /** Row of each layer, by index (the input is row 0). */
  rows: number[];
  /** Column of each layer within its row, by index (layers of one row side by side, in index order). */
  columns: number[];
  rowCount: number;
  columnCount: number;
}

export function diagramLayout(network: ResolvedNetwork): DiagramLayout {
  const rows: number[] = [];
  const columns: number[] = [];
  const perRow: number[] = [1];
  for (const layer of topologicalOrder(network)) {
    const row = 1 + Math.max(...layer.inputs.map((i) => (i === NETWORK_INPUT ? 0 : rows[i]!)));
    rows[layer.index] = row;
    columns[layer.index] = perRow[row] ?? 0;
    perRow[row] = (perRow[row] ?? 0) + 1;
  }
  return { rows, columns, rowCount: perRow.length, columnCount: Math.max(...perRow) };
}

export function networkDiagramSvg(network: ResolvedNetwork, findings: ReportFinding[] = []): string {
  const boxW = 300;
  const boxH = 34;
  const gap = 14;
  const columnGap = 40;
  const lane = 10;
  const top = 46;
  const layout = diagramLayout(network);
  // An edge that skips rows (a shortcut) runs down a lane left of the boxes instead of through them.
  const rowOf = (i: number) => (i === NETWORK_INPUT ? 0 : layout.rows[i]!);
  const colOf = (i: number) => (i === NETWORK_INPUT ? 0 : layout.columns[i]!);
  const skips = network.layers.flatMap((l) => l.inputs.filter((i) => layout.rows[l.index]! - rowOf(i) > 1).map((i) => ({ from: i, to: l.index })));
  const left = 20 + skips.length * lane;
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
  const edge = (from: number, to: number) => {
    const ends = `class="edge" data-from="${from}" data-to="${to}"`;
    const k = skips.findIndex((e) => e.from === from && e.to === to);
    if (k < 0) {
      parts.push(`<line ${ends} x1="${xOf(from) + boxW / 2}" y1="${yOf(from) + boxH}" x2="${xOf(to) + boxW / 2}" y2="${yOf(to)}" stroke="#90a4ae" stroke-width="2"/>`);
      return;
    }
    const x = left - lane * (k + 1);
    const y1 = yOf(from) + boxH / 2;
    const y2 = yOf(to) + boxH / 2;
    parts.push(`<path ${ends} d="M ${xOf(from)} ${y1} H ${x} V ${y2} H ${xOf(to)}" fill="none" stroke="#90a4ae" stroke-width="2"/>`);
  };
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
    for (const from of layer.inputs) edge(from, i);
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
