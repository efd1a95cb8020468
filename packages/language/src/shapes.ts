/**
 * Output shapes and parameter counts, with the conventions of Keras's `model.summary()`.
 *
 * Shapes leave out the batch axis. Dense (and batch_norm, prelu) act on the last axis, so a dense
 * layer straight after a conv output keeps the spatial axes (Keras does the same; the linter, not
 * analysis, judges that choice).
 */
import type { LayerKind, LayerSpec, MergeMode, ParamCount, Shape, Padding, RecurrentKind } from './network.js';
import { sequenceAxis } from './sequence-kinds.js';

export type ShapeResult =
  | { ok: true; outputShape: Shape; params: ParamCount }
  /** `arg` names the argument to blame (its range is used when it was written), else the whole layer. */
  | { ok: false; message: string; arg?: string };

const fmt = (s: Shape) => `[${s.join(', ')}]`;

/** Output length along one axis of a convolution or pooling window. */
export function windowOutput(size: number, window: number, stride: number, padding: Padding): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

/** Extra trainable parameters of an activation over `channels` units: prelu learns one slope each. */
function activationParams(spec: LayerSpec, channels: number): number {
  if ('activation' in spec && spec.activation.name === 'prelu') return channels;
  return 0;
}

/** The error for a spatial layer whose input is not `[height, width, channels]`. */
const notSpatial = (kind: string, input: Shape): ShapeResult => ({
  ok: false,
  message: `${kind} needs an input of shape [height, width, channels], but its input is ${fmt(input)}`,
});

/** Why a sequence layer's input is not `[steps, features]`, with what to do about it. */
function notSequence(kind: LayerKind, input: Shape): ShapeResult {
  const features = sequenceAxis(kind);
  const hint =
    input.length === 1
      ? `it reads a sequence: put an embedding before it for token ids, or give the network \`input [steps, ${features}]\``
      : input.length === 3
        ? 'image inputs need the 2-D layers (conv2d, max_pool2d, …)'
        : `give it a rank-2 input`;
  return { ok: false, message: `${kind} needs [steps, ${features}]; its input is ${fmt(input)} — ${hint}` };
}

/** Weights per direction of a recurrent layer: g gates of kernel `f×u`, recurrent kernel `u×u` and bias (GRU, reset_after: two biases). */
function recurrentParams(kind: RecurrentKind, units: number, features: number, useBias: boolean): number {
  const gates = kind === 'lstm' ? 4 : kind === 'gru' ? 3 : 1;
  const biases = !useBias ? 0 : kind === 'gru' ? 2 : 1;
  return gates * (units * (features + units) + biases * units);
}

/** The shape a layer produces from `input`, and its parameters; or why it does not fit. */
export function inferLayer(spec: LayerSpec, input: Shape): ShapeResult {
  const last = input[input.length - 1] ?? 0;
  switch (spec.kind) {
    case 'dense': {
      if (input.length === 0) return { ok: false, message: 'dense needs an input with at least one axis' };
      const trainable = last * spec.units + (spec.useBias ? spec.units : 0) + activationParams(spec, spec.units);
      const outputShape = input.slice();
      outputShape[outputShape.length - 1] = spec.units;
      return { ok: true, outputShape, params: { trainable, nonTrainable: 0 } };
    }
    case 'dropout':
      return { ok: true, outputShape: input.slice(), params: { trainable: 0, nonTrainable: 0 } };
    case 'batch_norm':
      if (input.length === 0) return { ok: false, message: 'batch_norm needs an input with at least one axis' };
      return { ok: true, outputShape: input.slice(), params: { trainable: 2 * last, nonTrainable: 2 * last } };
    case 'activation':
      return { ok: true, outputShape: input.slice(), params: { trainable: activationParams(spec, last), nonTrainable: 0 } };
    case 'flatten':
      return { ok: true, outputShape: [input.reduce((a, b) => a * b, 1)], params: { trainable: 0, nonTrainable: 0 } };
    case 'conv2d':
    case 'max_pool2d':
    case 'avg_pool2d': {
      if (input.length !== 3) return notSpatial(spec.kind, input);
      const [h, w, c] = input as [number, number, number];
      const window = spec.kind === 'conv2d' ? spec.kernel : spec.pool;
      const windowArg = spec.kind === 'conv2d' ? 'kernel' : 'pool';
      if (spec.padding === 'valid' && (window[0] > h || window[1] > w)) {
        return {
          ok: false,
          arg: windowArg,
          message: `${spec.kind} ${windowArg} ${window[0]}×${window[1]} does not fit its ${h}×${w} input with padding: valid (use a smaller ${windowArg} or padding: same)`,
        };
      }
      const oh = windowOutput(h, window[0], spec.stride[0], spec.padding);
      const ow = windowOutput(w, window[1], spec.stride[1], spec.padding);
      if (spec.kind === 'conv2d') {
        const trainable = window[0] * window[1] * c * spec.filters + (spec.useBias ? spec.filters : 0) + activationParams(spec, spec.filters);
        return { ok: true, outputShape: [oh, ow, spec.filters], params: { trainable, nonTrainable: 0 } };
      }
      return { ok: true, outputShape: [oh, ow, c], params: { trainable: 0, nonTrainable: 0 } };
    }
    case 'global_avg_pool2d':
    case 'global_max_pool2d':
      if (input.length !== 3) return notSpatial(spec.kind, input);
      return { ok: true, outputShape: [input[2] as number], params: { trainable: 0, nonTrainable: 0 } };
    case 'zero_padding2d': {
      if (input.length !== 3) return notSpatial(spec.kind, input);
      const [[top, bottom], [left, right]] = spec.padding;
      const [h, w, c] = input as [number, number, number];
      return { ok: true, outputShape: [h + top + bottom, w + left + right, c], params: { trainable: 0, nonTrainable: 0 } };
    }
    case 'merge':
      return inferMerge(spec.mode, [input]);
    case 'embedding':
      if (input.length !== 1) {
        return {
          ok: false,
          message: `embedding needs token ids of shape [n]; its input is ${fmt(input)} — give the network \`input [n]\` (n ids per sample)`,
        };
      }
      return { ok: true, outputShape: [input[0]!, spec.outputDim], params: { trainable: spec.inputDim * spec.outputDim, nonTrainable: 0 } };
    case 'lstm':
    case 'gru':
    case 'simple_rnn': {
      if (input.length !== 2) return notSequence(spec.kind, input);
      const [steps, features] = input as [number, number];
      const directions = spec.bidirectional ? 2 : 1;
      const width = directions * spec.units;
      const trainable = directions * recurrentParams(spec.kind, spec.units, features, spec.useBias);
      return { ok: true, outputShape: spec.returnSequences ? [steps, width] : [width], params: { trainable, nonTrainable: 0 } };
    }
    case 'conv1d':
    case 'max_pool1d':
    case 'avg_pool1d': {
      if (input.length !== 2) return notSequence(spec.kind, input);
      const [steps, c] = input as [number, number];
      const window = spec.kind === 'conv1d' ? spec.kernel : spec.pool;
      const windowArg = spec.kind === 'conv1d' ? 'kernel' : 'pool';
      if (spec.padding === 'valid' && window > steps) {
        return {
          ok: false,
          arg: windowArg,
          message: `${spec.kind} ${windowArg} ${window} does not fit its ${steps} steps with padding: valid (use a smaller ${windowArg} or padding: same)`,
        };
      }
      const out = windowOutput(steps, window, spec.stride, spec.padding);
      if (spec.kind === 'conv1d') {
        const trainable = window * c * spec.filters + (spec.useBias ? spec.filters : 0) + activationParams(spec, spec.filters);
        return { ok: true, outputShape: [out, spec.filters], params: { trainable, nonTrainable: 0 } };
      }
      return { ok: true, outputShape: [out, c], params: { trainable: 0, nonTrainable: 0 } };
    }
    case 'global_avg_pool1d':
    case 'global_max_pool1d':
      if (input.length !== 2) return notSequence(spec.kind, input);
      return { ok: true, outputShape: [input[1]!], params: { trainable: 0, nonTrainable: 0 } };
  }
}

/**
 * The shape a merge produces from its inputs' shapes (Keras's `Add`, `Concatenate`, …): equal shapes
 * for the element-wise modes; for `concat`, equal ranks and equal axes but the last, which is summed.
 */
export function inferMerge(mode: MergeMode, inputs: readonly Shape[]): ShapeResult {
  const none = { trainable: 0, nonTrainable: 0 };
  const first = inputs[0];
  if (!first) return { ok: false, message: `a ${mode} merge needs at least one input` };
  if (mode !== 'concat') {
    const other = inputs.find((s) => s.length !== first.length || s.some((d, i) => d !== first[i]));
    if (other) return { ok: false, message: `${mode} needs inputs of equal shape, but they are ${inputs.map(fmt).join(' and ')}` };
    return { ok: true, outputShape: first.slice(), params: none };
  }
  if (first.length === 0) return { ok: false, message: 'concat needs inputs with at least one axis' };
  for (const s of inputs) {
    if (s.length !== first.length) return { ok: false, message: `concat needs inputs of equal rank, but they are ${inputs.map(fmt).join(' and ')}` };
    const axis = s.findIndex((d, i) => i < s.length - 1 && d !== first[i]);
    if (axis >= 0) {
      return {
        ok: false,
        message: `concat joins along the last axis, so the others must agree, but axis ${axis + 1} of ${inputs.map(fmt).join(' and ')} differs (${first[axis]} vs ${s[axis]})`,
      };
    }
  }
  const out = first.slice();
  out[out.length - 1] = inputs.reduce((a, s) => a + (s[s.length - 1] as number), 0);
  return { ok: true, outputShape: out, params: none };
}
