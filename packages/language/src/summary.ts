/**
 * A Keras-style model summary of a resolved network: one row per layer (name and kind, activation,
 * output shape, parameters, the source line it came from and the block uses / repeat iterations that
 * produced it), then the totals. For a network that is not a plain stack each row also names the
 * layers it reads ("Connected to", as Keras prints functional models). Rows are plain data;
 * `renderSummary` lays them out as text.
 */
import { isChain, NETWORK_INPUT } from './graph.js';
import type { BoundValue, ExpansionStep, ResolvedLayer, ResolvedNetwork, Shape } from './network.js';
import { activationText } from './source-text.js';

export interface SummaryRow {
  /** `dense_1 (dense)` */
  layer: string;
  /** `relu`, `leaky_relu(alpha: 0.01)`, or '' for layers without an activation. */
  activation: string;
  /** `(None, 16)`, `(None, 26, 26, 32)` */
  outputShape: string;
  params: number;
  /** 1-based line of the layer call as written. */
  line: number;
  /** `line 33 ← elu_block(32) line 11 ← repeat 2 [1/2] line 10`, innermost first. */
  source: string;
  /** The names of the layers this one reads (`input` for the network's input), in input order. */
  connectedTo: string[];
}

export interface Summary {
  name: string;
  rows: SummaryRow[];
  total: number;
  trainable: number;
  nonTrainable: number;
  /** False when some layer reads other than the layer before it: the table then shows "Connected to". */
  chain: boolean;
}

/** The name the summary gives the network's input. */
export const INPUT_NAME = 'input';

/** Keras prints shapes with the batch axis as `None`. */
export function showShape(shape: Shape): string {
  return `(None, ${shape.join(', ')})`;
}

function showBound(v: BoundValue): string {
  if (Array.isArray(v)) return `[${v.map(showBound).join(', ')}]`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object') {
    if (!v.args) return v.name;
    return `${v.name}(${Object.entries(v.args)
      .map(([k, x]) => (/^\d+$/.test(k) ? showBound(x) : `${k}: ${showBound(x)}`))
      .join(', ')})`;
  }
  return String(v);
}

export function showStep(step: ExpansionStep): string {
  if (step.kind === 'repeat') return `repeat ${step.count} [${step.iteration}/${step.count}] line ${step.headerRange.start.line}`;
  return `${step.block}(${Object.values(step.bindings).map(showBound).join(', ')}) line ${step.useRange.start.line}`;
}

/** Where a layer came from: its own line, then each expansion step from the innermost out. */
export function showOrigin(layer: ResolvedLayer): string {
  const steps = [...layer.origin.chain].reverse().map(showStep);
  return [`line ${layer.origin.range.start.line}`, ...steps].join(' ← ');
}

export function summarize(network: ResolvedNetwork): Summary {
  return {
    name: network.name,
    rows: network.layers.map((l) => ({
      layer: `${l.name} (${l.kind})`,
      activation: 'activation' in l ? activationText(l.activation) : '',
      outputShape: showShape(l.outputShape),
      params: l.params.trainable + l.params.nonTrainable,
      line: l.origin.range.start.line,
      source: showOrigin(l),
      connectedTo: l.inputs.map((i) => (i === NETWORK_INPUT ? INPUT_NAME : (network.layers[i]?.name ?? '?'))),
    })),
    total: network.params.total,
    trainable: network.params.trainable,
    nonTrainable: network.params.nonTrainable,
    chain: isChain(network),
  };
}

/** `1,234,567` */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export interface RenderOptions {
  /** Shown after the network name, e.g. `examples/iris.axon:2`. */
  location?: string;
  /** Style the title and the header row (e.g. picocolors' bold). */
  bold?: (s: string) => string;
  dim?: (s: string) => string;
}

/** The summary as a text table (no trailing newline). */
export function renderSummary(network: ResolvedNetwork, options: RenderOptions = {}): string {
  const bold = options.bold ?? ((s: string) => s);
  const dim = options.dim ?? ((s: string) => s);
  const s = summarize(network);
  // a graph gets a "Connected to" column before the source
  const graph = !s.chain;
  const header = ['Layer (kind)', 'Activation', 'Output shape', 'Params', ...(graph ? ['Connected to'] : []), 'Source'];
  const cells = s.rows.map((r) => [r.layer, r.activation, r.outputShape, groupDigits(r.params), ...(graph ? [r.connectedTo.join(', ')] : []), r.source]);
  const inputRow = [INPUT_NAME, '', showShape(network.input), '0', ...(graph ? [''] : []), network.inputRange ? `line ${network.inputRange.start.line}` : ''];
  const all = [header, inputRow, ...cells];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((c, i) => (i === 3 ? c.padStart(widths[i]!) : i === row.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = '─'.repeat(widths.reduce((a, w) => a + w, 0) + 2 * (widths.length - 1));
  const title = `Network: ${s.name}${options.location ? ` (${options.location})` : ''}`;
  return [
    bold(title),
    dim(rule),
    bold(line(header)),
    dim(rule),
    line(inputRow),
    ...cells.map(line),
    dim(rule),
    `Total params: ${groupDigits(s.total)}`,
    `Trainable params: ${groupDigits(s.trainable)}`,
    `Non-trainable params: ${groupDigits(s.nonTrainable)}`,
  ].join('\n');
}
