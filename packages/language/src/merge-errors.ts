/**
 * What a merge whose inputs do not fit reports: at the construct's keyword; for a residual, both
 * shapes in words and, when the shortcut is the identity, a fix that projects it (a 1×1 convolution
 * for images, a dense layer for vectors).
 */
import type { Expr, LayerCall, ParallelStmt, Range, ResidualStmt } from './ast.js';
import { layerCalls } from './blocks.js';
import type { DiagnosticFix } from './diagnostic.js';
import type { Shape } from './network.js';

const fmt = (s: Shape) => `[${s.join(', ')}]`;

export interface MergeMismatch {
  range: Range;
  message: string;
  fix?: DiagnosticFix;
}

/**
 * `shapes`: the merge's input shapes (a residual's: body, then shortcut); `message`: inferMerge's;
 * `params`: the parameters of the block whose text holds the construct (the fix then writes the
 * body's channel count and stride as the parameters they were written with, so it fits every use).
 */
export function mergeMismatch(construct: ResidualStmt | ParallelStmt, shapes: readonly Shape[], message: string, params: readonly string[] = []): MergeMismatch {
  const range = construct.keywordRange ?? construct.range;
  if (construct.kind === 'Parallel') return { range, message };
  const [body, shortcut] = shapes as [Shape, Shape];
  const identity = !construct.shortcut || construct.shortcut.items.length === 0;
  const bodyIdentity = construct.body.length === 0;
  const out: MergeMismatch = {
    range,
    message: `the residual body${bodyIdentity ? ' (identity)' : ''} gives ${fmt(body)} but the shortcut${identity ? ' (identity)' : ''} gives ${fmt(shortcut)}`,
  };
  if (identity && !bodyIdentity) {
    const projection = projectionFor(shortcut, body, writtenAs(construct, params));
    if (projection) out.fix = projectionFix(construct, projection);
  }
  return out;
}

/** The stride of a 1×1 `valid` window that takes `from` cells to `to` (ceil(from / s) = to), if any. */
function strideFor(from: number, to: number): number | undefined {
  for (let s = 1; s <= from; s++) if (Math.ceil(from / s) === to) return s;
  return undefined;
}

/** How the body's size and stride were written when they are block parameters (`filters`, `stride`). */
interface Written {
  /** The parameter the body's last conv2d/dense takes its filters or units from. */
  width?: string;
  /** The parameter a layer of the body takes its stride from. */
  stride?: string;
}

/** A block parameter written as a value: `filters` in `conv2d(filters, …)`. */
function paramName(v: Expr | undefined, params: readonly string[]): string | undefined {
  return v?.kind === 'Name' && !v.args && params.includes(v.name.name) ? v.name.name : undefined;
}

function argOf(call: LayerCall, name: string, position: number): Expr | undefined {
  const args = call.args?.args ?? [];
  return args.find((a) => a.name?.name === name)?.value ?? args.filter((a) => !a.name)[position]?.value;
}

function writtenAs(construct: ResidualStmt, params: readonly string[]): Written {
  if (params.length === 0) return {};
  const out: Written = {};
  for (const call of layerCalls(construct.body)) {
    const kind = call.name?.name;
    if (kind === 'conv2d') out.width = paramName(argOf(call, 'filters', 0), params);
    else if (kind === 'dense') out.width = paramName(argOf(call, 'units', 0), params);
    if (kind === 'conv2d' || kind === 'max_pool2d' || kind === 'avg_pool2d') out.stride = paramName(argOf(call, 'stride', -1), params) ?? out.stride;
  }
  return out;
}

/** A layer that takes the shortcut's shape to the body's: `conv2d(64, kernel: 1, stride: 2)` or `dense(16)`. */
export function projectionFor(from: Shape, to: Shape, written: Written = {}): string | undefined {
  if (from.length === 1 && to.length === 1) return `dense(${written.width ?? to[0]})`;
  if (from.length !== 3 || to.length !== 3) return undefined;
  const sh = strideFor(from[0]!, to[0]!);
  const sw = strideFor(from[1]!, to[1]!);
  if (sh === undefined || sw === undefined) return undefined;
  const stride = written.stride ? `, stride: ${written.stride}` : sh === sw ? (sh === 1 ? '' : `, stride: ${sh}`) : `, stride: [${sh}, ${sw}]`;
  return `conv2d(${written.width ?? to[2]}, kernel: 1${stride})`;
}

function projectionFix(construct: ResidualStmt, projection: string): DiagnosticFix {
  const clause = `shortcut { ${projection} }`;
  const description = `Project the shortcut: \`${clause}\``;
  if (construct.shortcut) return { description, edits: [{ range: construct.shortcut.range, newText: clause }] };
  const at = construct.bodyRange.end;
  return { description, edits: [{ range: { start: at, end: at }, newText: ` ${clause}` }] };
}
