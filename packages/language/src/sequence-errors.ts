/**
 * The sequence-model errors that need more than one layer to word: a recurrent (or conv1d, 1-D
 * pool) layer fed by a recurrent layer that keeps only its last step — with a fix adding
 * `return_sequences: true` to that layer — and an embedding that does not read the network's input.
 */
import type { LayerCall, Range } from './ast.js';
import type { DiagnosticFix, RelatedLocation } from './diagnostic.js';
import { isRecurrent, sequenceAxis } from './sequence-kinds.js';
import type { LayerKind, ResolvedLayer, Shape } from './network.js';

const fmt = (s: Shape) => `[${s.join(', ')}]`;

/** Layers that pass their input's shape through: a recurrent layer behind them still decides the shape. */
const SHAPE_KEEPING: ReadonlySet<LayerKind> = new Set<LayerKind>(['dropout', 'batch_norm', 'activation']);

export interface SequenceMismatch {
  message: string;
  related: RelatedLocation[];
  fix: DiagnosticFix;
}

/**
 * The recurrent layer without `return_sequences` whose `[units]` output reaches `input` (through
 * dropout, batch_norm or activation layers), if any.
 */
export function lastStepProducer(layers: readonly ResolvedLayer[], input: number): ResolvedLayer | undefined {
  let at = input;
  for (let hops = 0; at >= 0 && hops < layers.length; hops++) {
    const layer = layers[at];
    if (!layer) return undefined;
    if (isRecurrent(layer)) return layer.returnSequences ? undefined : layer;
    if (!SHAPE_KEEPING.has(layer.kind) || layer.inputs.length !== 1) return undefined;
    at = layer.inputs[0]!;
  }
  return undefined;
}

/** `kind` (a sequence reader) reads the `[units]` output of `producer`, a recurrent layer that keeps only its last step. */
export function lastStepMismatch(kind: LayerKind, producer: ResolvedLayer, input: Shape): SequenceMismatch {
  const line = producer.origin.range.start.line;
  return {
    message:
      `${kind} needs [steps, ${sequenceAxis(kind)}]; its input is ${fmt(input)}, the last step of \`${producer.name}\` (line ${line}), ` +
      `which returns only its final state: add \`return_sequences: true\` to that layer to pass on every step`,
    related: [{ range: producer.origin.range, message: `\`${producer.name}\` returns one step here` }],
    fix: returnSequencesFix(producer),
  };
}

/** Sets `return_sequences: true` on the layer's call: replaces a written `false`, or appends the argument. */
function returnSequencesFix(producer: ResolvedLayer): DiagnosticFix {
  const line = producer.origin.range.start.line;
  const description = `Add \`return_sequences: true\` to \`${producer.name}\` (line ${line})`;
  const written = producer.argRanges?.['return_sequences'];
  if (written) return { description, edits: [{ range: written, newText: 'true' }] };
  return { description, edits: [insertArgument(producer.origin.node, 'return_sequences: true')] };
}

/** An edit that appends `text` as the call's last argument. */
function insertArgument(call: LayerCall, text: string): { range: Range; newText: string } {
  const args = call.args?.args ?? [];
  const last = args[args.length - 1];
  if (last) return { range: { start: last.range.end, end: last.range.end }, newText: `, ${text}` };
  const list = call.args?.range;
  if (list) {
    // `lstm()`: just inside the parentheses.
    const at = { offset: list.start.offset + 1, line: list.start.line, column: list.start.column + 1 };
    return { range: { start: at, end: at }, newText: text };
  }
  const end = call.range.end;
  return { range: { start: end, end }, newText: `(${text})` };
}

/** Why an embedding that reads `source` (a layer's output, not the network's input) is wrong. */
export function embeddingNotFirst(source: { kind: LayerKind; line: number; shape?: Shape }): string {
  const shape = source.shape ? ` (${fmt(source.shape)})` : '';
  return (
    `embedding turns the network's token ids into vectors, so it must read the network's input; ` +
    `here it reads the output of ${source.kind} (line ${source.line})${shape} — move it to the start of \`layers\``
  );
}
