/**
 * What a merge whose inputs do not fit reports: at the construct's keyword; for a residual, both
 * shapes in words and, when the shortcut is the identity, a fix that projects it (a 1×1 convolution
 * for images, a dense layer for vectors).
 */
import type { ParallelStmt, Range, ResidualStmt } from './ast.js';
import type { DiagnosticFix } from './diagnostic.js';
import type { Shape } from './network.js';

const fmt = (s: Shape) => `[${s.join(', ')}]`;

export interface MergeMismatch {
  range: Range;
  message: string;
  fix?: DiagnosticFix;
}

/** `shapes`: the merge's input shapes (a residual's: body, then shortcut); `message`: inferMerge's. */
export function mergeMismatch(construct: ResidualStmt | ParallelStmt, shapes: readonly Shape[], message: string): MergeMismatch {
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
    const projection = projectionFor(shortcut, body);
    if (projection) out.fix = projectionFix(construct, projection);
  }
  return out;
}

/** The stride of a 1×1 `valid` window that takes `from` cells to `to` (ceil(from / s) = to), if any. */
function strideFor(from: number, to: number): number | undefined {
  for (let s = 1; s <= from; s++) if (Math.ceil(from / s) === to) return s;
  return undefined;
}

/** A layer that takes the shortcut's shape to the body's: `conv2d(64, kernel: 1, stride: 2)` or `dense(16)`. */
export function projectionFor(from: Shape, to: Shape): string | undefined {
  if (from.length === 1 && to.length === 1) return `dense(${to[0]})`;
  if (from.length !== 3 || to.length !== 3) return undefined;
  const sh = strideFor(from[0]!, to[0]!);
  const sw = strideFor(from[1]!, to[1]!);
  if (sh === undefined || sw === undefined) return undefined;
  const stride = sh === sw ? (sh === 1 ? '' : `, stride: ${sh}`) : `, stride: [${sh}, ${sw}]`;
  return `conv2d(${to[2]}, kernel: 1${stride})`;
}

function projectionFix(construct: ResidualStmt, projection: string): DiagnosticFix {
  const clause = `shortcut { ${projection} }`;
  const description = `Project the shortcut: \`${clause}\``;
  if (construct.shortcut) return { description, edits: [{ range: construct.shortcut.range, newText: clause }] };
  const at = construct.bodyRange.end;
  return { description, edits: [{ range: { start: at, end: at }, newText: ` ${clause}` }] };
}
