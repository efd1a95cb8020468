/**
 * From expanded layers to resolved ones: shapes and parameters in topological order (a merge's
 * through `inferMerge`), Keras-style names, and the shape errors of layers and merges.
 *
 * A layer that was dropped (invalid arguments, or it does not fit its input) stands for the tensor it
 * reads, and everything computed from it is uncertain: shape errors are reported only for layers whose
 * inputs are all certain.
 */
import type { Range } from './ast.js';
import type { Diagnostic, DiagnosticFix, RelatedLocation } from './diagnostic.js';
import { INPUT_TENSOR, type ExpandedLayer } from './expand.js';
import { mergeMismatch } from './merge-errors.js';
import type { ExpansionStep, LayerOrigin, MergeMode, ResolvedLayer, Shape } from './network.js';
import { makeLayer } from './resolved-layer.js';
import { embeddingNotFirst, lastStepMismatch, lastStepProducer } from './sequence-errors.js';
import { SEQUENCE_READERS } from './sequence-kinds.js';
import type { Reporter } from './report.js';
import { inferLayer, inferMerge, type ShapeResult } from './shapes.js';

/** Layer names by kind and ordinal (`dense`, `dense_1`, …), made once and shared: every network numbers its layers the same way. */
const layerNames = new Map<string, string[]>();

function layerName(kind: string, n: number): string {
  let names = layerNames.get(kind);
  if (!names) layerNames.set(kind, (names = []));
  let name = names[n];
  if (name === undefined) {
    name = n === 0 ? kind : `${kind}_${n}`;
    if (n < 10_000) names[n] = name;
  }
  return name;
}

/** Keras names a merge layer by its class: `Add` → `add`, `Concatenate` → `concatenate`, … */
const MERGE_NAMES: Record<MergeMode, string> = {
  add: 'add',
  concat: 'concatenate',
  multiply: 'multiply',
  average: 'average',
  maximum: 'maximum',
};

export interface ResolvedLayers {
  layers: ResolvedLayer[];
  /** The output's shape (the input's when no layer was resolved). */
  outputShape: Shape;
}

/** `input` undefined when the network's input is invalid or missing (then no shape error is reported). */
export function resolveLayers(expanded: readonly ExpandedLayer[], input: Shape | undefined, r: Reporter): ResolvedLayers {
  const layers: ResolvedLayer[] = [];
  const inputShape = input ?? [];
  const inputSure = input !== undefined;
  // For each expanded layer: the resolved layer standing for its output (-1: the network's input), and whether its shape is certain.
  const refs = new Int32Array(expanded.length);
  const sure = new Uint8Array(expanded.length);
  const counters = new Map<string, number>();
  const refOf = (i: number) => (i === INPUT_TENSOR ? INPUT_TENSOR : refs[i]!);
  const sureOf = (i: number) => (i === INPUT_TENSOR ? inputSure : sure[i] === 1);
  const shapeOf = (ref: number): Shape => (ref === INPUT_TENSOR ? inputShape : layers[ref]!.outputShape);
  let last = INPUT_TENSOR;

  for (let i = 0; i < expanded.length; i++) {
    const e = expanded[i]!;
    const inputs = e.inputs.length === 1 ? [refOf(e.inputs[0]!)] : e.inputs.map(refOf);
    const certain = e.inputs.length === 1 ? sureOf(e.inputs[0]!) : e.inputs.every(sureOf);
    refs[i] = inputs[0]!;
    sure[i] = 0;
    last = i;
    if (!e.spec) continue;
    if (e.spec.kind === 'embedding' && e.inputs[0] !== INPUT_TENSOR) {
      const source = expanded[e.inputs[0]!]!;
      const resolvedSource = refs[e.inputs[0]!] === INPUT_TENSOR ? undefined : layers[refs[e.inputs[0]!]!];
      const shape = sureOf(e.inputs[0]!) && resolvedSource ? resolvedSource.outputShape : undefined;
      report(r, e, 'analysis/embedding-input', e.call.range, embeddingNotFirst({ kind: source.kind, line: source.call.range.start.line, shape }));
      continue;
    }
    const shapes = inputs.length === 1 ? undefined : inputs.map(shapeOf);
    const inferred: ShapeResult = e.spec.kind === 'merge' ? inferMerge(e.spec.mode, shapes ?? [shapeOf(inputs[0]!)]) : inferLayer(e.spec, shapeOf(inputs[0]!));
    if (!inferred.ok) {
      if (certain) {
        const producer = SEQUENCE_READERS.has(e.spec.kind) ? lastStepProducer(layers, inputs[0]!) : undefined;
        if (producer) {
          const m = lastStepMismatch(e.spec.kind, producer, shapeOf(inputs[0]!));
          report(r, e, 'analysis/shape-mismatch', e.call.range, m.message, m.fix, m.related);
        } else reportShape(r, e, inferred, shapes);
      }
      continue;
    }
    const base = e.spec.kind === 'merge' ? MERGE_NAMES[e.spec.mode] : e.kind;
    const n = counters.get(base) ?? 0;
    counters.set(base, n + 1);
    const origin: LayerOrigin = { node: e.call, range: e.call.range, chain: e.chain };
    if (e.construct) origin.construct = e.construct;
    const index = layers.length;
    layers.push(makeLayer(e.spec, e.shared, index, inputs, layerName(base, n), shapeOf(inputs[0]!), inferred.outputShape, inferred.params, origin, e.argRanges));
    refs[i] = index;
    sure[i] = certain ? 1 : 0;
  }
  const out = expanded.length === 0 ? INPUT_TENSOR : refOf(last);
  return { layers, outputShape: shapeOf(out) };
}

/** The parameters of the innermost block a layer was written in (none outside blocks). */
function blockParams(chain: readonly ExpansionStep[]): string[] {
  for (let i = chain.length - 1; i >= 0; i--) {
    const step = chain[i]!;
    if (step.kind === 'block') return Object.keys(step.bindings);
  }
  return [];
}

/** Reports an error at `range`, inside the layer's expansion, with an optional fix and related locations. */
function report(r: Reporter, e: ExpandedLayer, code: string, range: Range, message: string, fix?: DiagnosticFix, related: RelatedLocation[] = []): void {
  const saved = r.chain;
  r.chain = e.chain;
  const before = r.diagnostics.length;
  r.error(code, range, message);
  const d: Diagnostic | undefined = r.diagnostics[before];
  if (d && fix) d.fix = fix;
  if (d && related.length > 0) d.related = [...related, ...(d.related ?? [])];
  r.chain = saved;
}

function reportShape(r: Reporter, e: ExpandedLayer, inferred: Extract<ShapeResult, { ok: false }>, shapes: Shape[] | undefined): void {
  const saved = r.chain;
  r.chain = e.chain;
  if (e.construct && shapes) {
    const m = mergeMismatch(e.construct, shapes, inferred.message, blockParams(e.chain));
    const before = r.diagnostics.length;
    r.error('analysis/shape-mismatch', m.range, m.message);
    const d: Diagnostic | undefined = r.diagnostics[before];
    if (d && m.fix) d.fix = m.fix;
  } else {
    const range: Range = (inferred.arg && e.argRanges[inferred.arg]) || e.call.range;
    r.error('analysis/shape-mismatch', range, inferred.message);
  }
  r.chain = saved;
}
