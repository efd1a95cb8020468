/**
 * ONNX target (opset 13): the trained network as an inference graph. Samples enter as `input`
 * [N, ...input] in Axon's layout (NHWC for images) and leave as `output`; images are transposed to
 * NCHW for Conv/Pool/BatchNormalization and back before Flatten or at the end; sequences stay
 * [N, T, F] between layers (transposed to [N, C, T] inside conv1d and the 1-D pools, to [T, N, F] for
 * the LSTM/GRU/RNN operators). Dropout is omitted (inference); batch normalisation uses the moving
 * statistics. Protobuf encoding: onnx-proto.
 */
import onnxProto from 'onnx-proto';
import {
  activationText,
  NETWORK_INPUT,
  SELU_ALPHA,
  SELU_SCALE,
  outputLayer,
  topologicalOrder,
  type Activation,
  type MergeMode,
  type RecurrentKind,
  type ResolvedLayer,
  type ResolvedNetwork,
} from '@axon/language';
import type { CompileInput, CompileOutput } from '../types.js';
import { CompileError } from '../errors.js';
import { fileStem } from '../escape.js';
import { toIr } from '../ir.js';
import { layoutOf, requireImage, samePads, windowPads, type Layout } from '../layout.js';
import { float32Bytes, recurrentDirections, tensor, weightsByLayer, type WeightTensor } from '../weights.js';

const { onnx } = onnxProto;
const TARGET = 'onnx';
export const ONNX_OPSET = 13;
export const ONNX_IR_VERSION = 7;
const FLOAT = 1;
const INT64 = 7;

type Attr = { name: string; f?: number; i?: number; ints?: number[]; floats?: number[]; s?: Uint8Array; strings?: Uint8Array[]; type: number };
const A = onnx.AttributeProto.AttributeType;
const attrF = (name: string, f: number): Attr => ({ name, f, type: A.FLOAT });
const attrI = (name: string, i: number): Attr => ({ name, i, type: A.INT });
const attrInts = (name: string, ints: number[]): Attr => ({ name, ints, type: A.INTS });
const attrFloats = (name: string, floats: number[]): Attr => ({ name, floats, type: A.FLOATS });
const utf8 = (text: string) => new TextEncoder().encode(text);
const attrS = (name: string, text: string): Attr => ({ name, s: utf8(text), type: A.STRING });
const attrStrings = (name: string, texts: string[]): Attr => ({ name, strings: texts.map(utf8), type: A.STRINGS });

class GraphBuilder {
  nodes: onnxProto.onnx.INodeProto[] = [];
  initializers: onnxProto.onnx.ITensorProto[] = [];
  private counter = 0;

  fresh(base: string): string {
    return `${base}_${this.counter++}`;
  }

  node(op: string, inputs: string[], name: string, attrs: Attr[] = []): string {
    return this.nodeOutputs(op, inputs, name, 1, attrs)[0]!;
  }

  /** A node with `count` outputs (LSTM's Y, Y_h, …). */
  nodeOutputs(op: string, inputs: string[], name: string, count: number, attrs: Attr[] = []): string[] {
    const base = this.fresh(`${name}/${op}`);
    const outputs = Array.from({ length: count }, (_, i) => (i === 0 ? base : `${base}:${i}`));
    this.nodes.push({ opType: op, input: inputs, output: outputs, name: base, attribute: attrs });
    return outputs;
  }

  constant(name: string, dims: number[], values: Float32Array): string {
    const n = this.fresh(name);
    this.initializers.push({ name: n, dims, dataType: FLOAT, rawData: float32Bytes([values]) });
    return n;
  }

  /** A 1-D int64 initializer (Pad's `pads` is an input from opset 11). */
  int64s(name: string, values: number[]): string {
    const n = this.fresh(name);
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    this.initializers.push({ name: n, dims: [values.length], dataType: INT64, rawData: bytes });
    return n;
  }
}

/** NCHW ↔ channels-last for images; [N, T, F] ↔ [N, F, T] for 2-D samples. */
function toChannelsFirst(g: GraphBuilder, x: string, layout: Layout, name: string): string {
  if (layout === 'seq') return g.node('Transpose', [x], name, [attrInts('perm', [0, 2, 1])]);
  return x;
}
function fromChannelsFirst(g: GraphBuilder, x: string, layout: Layout, name: string): string {
  if (layout === 'seq') return g.node('Transpose', [x], name, [attrInts('perm', [0, 2, 1])]);
  return x;
}

/** Applies an activation to x whose channels are on axis 1 (nchw/flat) or last (seq). */
function activation(g: GraphBuilder, a: Activation, x: string, layout: Layout, name: string, alpha?: WeightTensor): string {
  switch (a.name) {
    case 'linear':
      return x;
    case 'relu':
      return g.node('Relu', [x], name);
    case 'sigmoid':
      return g.node('Sigmoid', [x], name);
    case 'tanh':
      return g.node('Tanh', [x], name);
    case 'softmax':
      return g.node('Softmax', [x], name, [attrI('axis', layout === 'nchw' ? 1 : -1)]);
    case 'leaky_relu':
      return g.node('LeakyRelu', [x], name, [attrF('alpha', a.alpha)]);
    case 'elu':
      return g.node('Elu', [x], name, [attrF('alpha', a.alpha)]);
    case 'selu':
      return g.node('Selu', [x], name, [attrF('alpha', SELU_ALPHA), attrF('gamma', SELU_SCALE)]);
    case 'prelu': {
      if (!alpha) throw new Error('internal: prelu without alpha');
      const c = alpha.values.length;
      const slope = g.constant(`${name}/alpha`, layout === 'nchw' ? [c, 1, 1] : [c], alpha.values);
      return g.node('PRelu', [x, slope], name);
    }
  }
}

/** Keras kernel [kh, kw, in, out] → ONNX [out, in, kh, kw]. */
function convKernel(t: WeightTensor): Float32Array {
  const [kh, kw, cin, cout] = t.shape as [number, number, number, number];
  const out = new Float32Array(t.values.length);
  for (let o = 0; o < cout; o++)
    for (let i = 0; i < cin; i++)
      for (let y = 0; y < kh; y++)
        for (let x = 0; x < kw; x++) out[((o * cin + i) * kh + y) * kw + x] = t.values[((y * kw + x) * cin + i) * cout + o]!;
  return out;
}

/** Folds a binary op over two or more inputs: ((a op b) op c) … */
function fold(g: GraphBuilder, op: string, xs: string[], name: string): string {
  return xs.slice(1).reduce((acc, x) => g.node(op, [acc, x], name), xs[0]!);
}

/**
 * Joins a merge's inputs. Between layers images are NCHW and everything else channels-last, so
 * `concat` joins channels on axis 1 for images and on the last axis otherwise (Keras: the last axis).
 */
function emitMerge(g: GraphBuilder, mode: MergeMode, xs: string[], layout: Layout, name: string): string {
  switch (mode) {
    case 'add':
      return fold(g, 'Add', xs, name);
    case 'multiply':
      return fold(g, 'Mul', xs, name);
    case 'maximum':
      return g.node('Max', xs, name);
    case 'average':
      return g.node('Mean', xs, name);
    case 'concat':
      return g.node('Concat', xs, name, [attrI('axis', layout === 'nchw' ? 1 : -1)]);
  }
}

/** The nodes of one layer, reading the tensors `xs` (one per input; a merge has several). */
function emitLayer(g: GraphBuilder, l: ResolvedLayer, xs: string[], w: (n: string) => WeightTensor): string {
  const layout = layoutOf(l.inputShape, l, TARGET);
  const name = l.name;
  const x = xs[0]!;
  switch (l.kind) {
    case 'dense': {
      const k = w('kernel');
      let h = layout === 'nchw' ? g.node('Transpose', [x], name, [attrInts('perm', [0, 2, 3, 1])]) : x;
      h = g.node('MatMul', [h, g.constant(`${name}/kernel`, k.shape, k.values)], name);
      if (l.useBias) h = g.node('Add', [h, g.constant(`${name}/bias`, [l.units], w('bias').values)], name);
      if (layout === 'nchw') h = g.node('Transpose', [h], name, [attrInts('perm', [0, 3, 1, 2])]);
      const prelu = l.activation.name === 'prelu' ? w('alpha') : undefined;
      return activation(g, l.activation, h, layout, name, prelu);
    }
    case 'conv2d': {
      requireImage(l, TARGET);
      const p = windowPads(l.inputShape, l.kernel, l.stride, l.padding);
      const k = w('kernel');
      const kernel = g.constant(`${name}/kernel`, [l.filters, k.shape[2]!, l.kernel[0], l.kernel[1]], convKernel(k));
      const bias = l.useBias ? [g.constant(`${name}/bias`, [l.filters], w('bias').values)] : [];
      const h = g.node('Conv', [x, kernel, ...bias], name, [
        attrInts('kernel_shape', [...l.kernel]),
        attrInts('strides', [...l.stride]),
        attrInts('pads', [p.top, p.left, p.bottom, p.right]),
        attrInts('dilations', [1, 1]),
        attrI('group', 1),
      ]);
      const prelu = l.activation.name === 'prelu' ? w('alpha') : undefined;
      return activation(g, l.activation, h, 'nchw', name, prelu);
    }
    case 'max_pool2d':
    case 'avg_pool2d': {
      requireImage(l, TARGET);
      const p = windowPads(l.inputShape, l.pool, l.stride, l.padding);
      const attrs = [attrInts('kernel_shape', [...l.pool]), attrInts('strides', [...l.stride]), attrInts('pads', [p.top, p.left, p.bottom, p.right])];
      if (l.kind === 'avg_pool2d') attrs.push(attrI('count_include_pad', 0));
      return g.node(l.kind === 'max_pool2d' ? 'MaxPool' : 'AveragePool', [x], name, attrs);
    }
    case 'global_avg_pool2d':
    case 'global_max_pool2d': {
      requireImage(l, TARGET);
      const pooled = g.node(l.kind === 'global_avg_pool2d' ? 'GlobalAveragePool' : 'GlobalMaxPool', [x], name); // [N, C, 1, 1]
      return g.node('Flatten', [pooled], name, [attrI('axis', 1)]);
    }
    case 'zero_padding2d': {
      requireImage(l, TARGET);
      const [[top, bottom], [left, right]] = l.padding;
      // NCHW: [N_begin, C_begin, H_begin, W_begin, N_end, C_end, H_end, W_end]; constant mode pads with 0.
      return g.node('Pad', [x, g.int64s(`${name}/pads`, [0, 0, top, left, 0, 0, bottom, right])], name);
    }
    case 'dropout':
      return x;
    case 'batch_norm': {
      const c = l.inputShape[l.inputShape.length - 1]!;
      const h = toChannelsFirst(g, x, layout, name);
      const inputs = [h, ...['gamma', 'beta', 'moving_mean', 'moving_variance'].map((n) => g.constant(`${name}/${n}`, [c], w(n).values))];
      const y = g.node('BatchNormalization', inputs, name, [attrF('epsilon', l.epsilon), attrF('momentum', l.momentum)]);
      return fromChannelsFirst(g, y, layout, name);
    }
    case 'activation': {
      const prelu = l.activation.name === 'prelu' ? w('alpha') : undefined;
      if (layout === 'seq' && (l.activation.name === 'prelu')) {
        return activation(g, l.activation, x, 'flat', name, prelu); // slope [F] broadcasts over the last axis
      }
      return activation(g, l.activation, x, layout, name, prelu);
    }
    case 'flatten': {
      const h = layout === 'nchw' ? g.node('Transpose', [x], name, [attrInts('perm', [0, 2, 3, 1])]) : x;
      return g.node('Flatten', [h], name, [attrI('axis', 1)]);
    }
    case 'merge':
      return emitMerge(g, l.mode, xs, layout, name);
    case 'embedding': {
      // Token ids arrive as floats: Cast to int64, Gather rows of the table (ids outside it: onnxruntime refuses them).
      const e = w('embeddings');
      const ids = g.node('Cast', [x], name, [attrI('to', INT64)]);
      return g.node('Gather', [g.constant(`${name}/embeddings`, e.shape, e.values), ids], name, [attrI('axis', 0)]);
    }
    case 'lstm':
    case 'gru':
    case 'simple_rnn':
      requireSequence(l);
      return emitRecurrent(g, l, x, w);
    case 'conv1d': {
      requireSequence(l);
      const k = w('kernel');
      const [before, after] = l.padding === 'same' ? samePads(l.inputShape[0]!, l.kernel, l.stride) : [0, 0];
      const kernel = g.constant(`${name}/kernel`, [l.filters, k.shape[1]!, l.kernel], conv1dKernel(k));
      const bias = l.useBias ? [g.constant(`${name}/bias`, [l.filters], w('bias').values)] : [];
      const h = g.node('Conv', [toChannelsFirst(g, x, 'seq', name), kernel, ...bias], name, [
        attrInts('kernel_shape', [l.kernel]),
        attrInts('strides', [l.stride]),
        attrInts('pads', [before, after]),
        attrInts('dilations', [1]),
        attrI('group', 1),
      ]);
      const prelu = l.activation.name === 'prelu' ? w('alpha') : undefined;
      return activation(g, l.activation, fromChannelsFirst(g, h, 'seq', name), 'seq', name, prelu);
    }
    case 'max_pool1d':
    case 'avg_pool1d': {
      requireSequence(l);
      const [before, after] = l.padding === 'same' ? samePads(l.inputShape[0]!, l.pool, l.stride) : [0, 0];
      const attrs = [attrInts('kernel_shape', [l.pool]), attrInts('strides', [l.stride]), attrInts('pads', [before, after])];
      if (l.kind === 'avg_pool1d') attrs.push(attrI('count_include_pad', 0));
      const h = g.node(l.kind === 'max_pool1d' ? 'MaxPool' : 'AveragePool', [toChannelsFirst(g, x, 'seq', name)], name, attrs);
      return fromChannelsFirst(g, h, 'seq', name);
    }
    case 'global_avg_pool1d':
    case 'global_max_pool1d':
      requireSequence(l);
      return g.node(l.kind === 'global_avg_pool1d' ? 'ReduceMean' : 'ReduceMax', [x], name, [attrInts('axes', [1]), attrI('keepdims', 0)]);
  }
}

function requireSequence(l: ResolvedLayer): void {
  if (l.inputShape.length !== 2) throw new CompileError(TARGET, `${l.kind} on a rank-${l.inputShape.length} input`, `layer ${l.name} needs [steps, channels]`);
}

/** Keras conv1d kernel [k, in, out] → ONNX [out, in, k]. */
function conv1dKernel(t: WeightTensor): Float32Array {
  const [k, cin, cout] = t.shape as [number, number, number];
  const out = new Float32Array(t.values.length);
  for (let o = 0; o < cout; o++) for (let i = 0; i < cin; i++) for (let j = 0; j < k; j++) out[(o * cin + i) * k + j] = t.values[(j * cin + i) * cout + o]!;
  return out;
}

/**
 * ONNX's gate blocks, as indices of Keras's: LSTM i, o, f, c from Keras's i, f, c, o; GRU z, r, h as
 * Keras (with linear_before_reset = 1, Keras's reset_after); RNN its one block.
 */
const ONNX_GATES: Record<RecurrentKind, number[]> = { lstm: [0, 3, 1, 2], gru: [0, 1, 2], simple_rnn: [0] };

/** A Keras matrix [rows, g·u] as ONNX's [g·u, rows] with the gate blocks in ONNX's order. */
function onnxGateMatrix(values: Float32Array, rows: number, units: number, gates: number[]): Float32Array {
  const cols = gates.length * units;
  const out = new Float32Array(rows * cols);
  gates.forEach((kerasGate, block) => {
    for (let j = 0; j < units; j++) {
      const src = kerasGate * units + j;
      const dst = block * units + j;
      for (let r = 0; r < rows; r++) out[dst * rows + r] = values[r * cols + src]!;
    }
  });
  return out;
}

function onnxGateVector(values: Float32Array, units: number, gates: number[]): Float32Array {
  const out = new Float32Array(gates.length * units);
  gates.forEach((kerasGate, block) => out.set(values.subarray(kerasGate * units, (kerasGate + 1) * units), block * units));
  return out;
}

/** A cell activation as ONNX's RNN-family activation name and its alpha/beta (linear is Affine(1, 0)). */
function cellActivation(l: ResolvedLayer, a: Activation, role: string): { name: string; alpha: number[]; beta: number[] } {
  switch (a.name) {
    case 'sigmoid':
      return { name: 'Sigmoid', alpha: [], beta: [] };
    case 'tanh':
      return { name: 'Tanh', alpha: [], beta: [] };
    case 'relu':
      return { name: 'Relu', alpha: [], beta: [] };
    case 'linear':
      return { name: 'Affine', alpha: [1], beta: [0] };
    case 'leaky_relu':
      return { name: 'LeakyRelu', alpha: [a.alpha], beta: [] };
    case 'elu':
      return { name: 'Elu', alpha: [a.alpha], beta: [] };
    default:
      throw new CompileError(
        TARGET,
        `${activationText(a)} as the ${role} of ${l.kind} layer ${l.name} (line ${l.origin.range.start.line})`,
        'the ONNX LSTM/GRU/RNN operators take sigmoid, tanh, relu, linear, leaky_relu or elu',
      );
  }
}

/**
 * An ONNX LSTM / GRU / RNN node on [N, T, F] (transposed to ONNX's [T, N, F]): W [D, g·u, F],
 * R [D, g·u, u], B [D, 2·g·u] (input biases then recurrent ones; Keras's LSTM and RNN have one bias,
 * so the recurrent half is 0). Y [T, D, N, u] becomes [N, T, D·u] (forward first, as Keras concatenates);
 * without return_sequences Y_h [D, N, u] (each direction's last processed step) becomes [N, D·u].
 */
function emitRecurrent(g: GraphBuilder, l: ResolvedLayer & { kind: RecurrentKind }, x: string, w: (n: string) => WeightTensor): string {
  const name = l.name;
  const u = l.units;
  const features = l.inputShape[1]!;
  const gates = ONNX_GATES[l.kind];
  const gu = gates.length * u;
  const directions = recurrentDirections(l);
  const D = directions.length;
  const W = new Float32Array(D * gu * features);
  const R = new Float32Array(D * gu * u);
  const B = new Float32Array(D * 2 * gu);
  directions.forEach((d, i) => {
    W.set(onnxGateMatrix(w(`${d.prefix}kernel`).values, features, u, gates), i * gu * features);
    R.set(onnxGateMatrix(w(`${d.prefix}recurrent_kernel`).values, u, u, gates), i * gu * u);
    if (l.useBias) {
      const b = w(`${d.prefix}bias`).values;
      if (l.kind === 'gru') {
        B.set(onnxGateVector(b.subarray(0, gu), u, gates), i * 2 * gu);
        B.set(onnxGateVector(b.subarray(gu, 2 * gu), u, gates), i * 2 * gu + gu);
      } else B.set(onnxGateVector(b, u, gates), i * 2 * gu);
    }
  });
  const acts =
    l.kind === 'simple_rnn'
      ? [cellActivation(l, l.activation, 'activation')]
      : l.kind === 'gru'
        ? [cellActivation(l, l.recurrentActivation!, 'recurrent_activation'), cellActivation(l, l.activation, 'activation')]
        : [cellActivation(l, l.recurrentActivation!, 'recurrent_activation'), cellActivation(l, l.activation, 'activation'), cellActivation(l, l.activation, 'activation')];
  const perDirection = directions.flatMap(() => acts);
  const attrs: Attr[] = [attrI('hidden_size', u), attrS('direction', D === 2 ? 'bidirectional' : 'forward'), attrStrings('activations', perDirection.map((a) => a.name))];
  const alphas = perDirection.flatMap((a) => a.alpha);
  const betas = perDirection.flatMap((a) => a.beta);
  if (alphas.length > 0) attrs.push(attrFloats('activation_alpha', alphas));
  if (betas.length > 0) attrs.push(attrFloats('activation_beta', betas));
  if (l.kind === 'gru') attrs.push(attrI('linear_before_reset', 1));
  const op = l.kind === 'lstm' ? 'LSTM' : l.kind === 'gru' ? 'GRU' : 'RNN';
  const inputs = [
    g.node('Transpose', [x], name, [attrInts('perm', [1, 0, 2])]),
    g.constant(`${name}/W`, [D, gu, features], W),
    g.constant(`${name}/R`, [D, gu, u], R),
    ...(l.useBias ? [g.constant(`${name}/B`, [D, 2 * gu], B)] : []),
  ];
  const [y, yh] = g.nodeOutputs(op, inputs, name, 2, attrs);
  if (l.returnSequences) {
    const seq = g.node('Transpose', [y!], name, [attrInts('perm', [2, 0, 1, 3])]); // [N, T, D, u]
    return g.node('Reshape', [seq, g.int64s(`${name}/shape`, [0, 0, D * u])], name);
  }
  const last = g.node('Transpose', [yh!], name, [attrInts('perm', [1, 0, 2])]); // [N, D, u]
  return g.node('Reshape', [last, g.int64s(`${name}/shape`, [0, D * u])], name);
}

function valueInfo(name: string, shape: number[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'N' }, ...shape.map((d) => ({ dimValue: d }))] } } },
  };
}

/** The ONNX ModelProto bytes for a trained network. */
export function onnxModelBytes(network: ResolvedNetwork, input: CompileInput): Uint8Array {
  if (!input.trained) {
    throw new CompileError(TARGET, 'an untrained network', 'ONNX export needs trained weights: pass --weights MODEL_DIR (a folder written by axon train)');
  }
  const byLayer = weightsByLayer(network, input.trained.weights, TARGET);
  const g = new GraphBuilder();
  const entry = network.input.length === 3 ? g.node('Transpose', ['input'], 'input', [attrInts('perm', [0, 3, 1, 2])]) : 'input';
  // Each layer's output tensor by layer index (NETWORK_INPUT: the input), so a fork reads one tensor twice.
  const values = new Map<number, string>([[NETWORK_INPUT, entry]]);
  for (const l of topologicalOrder(network)) {
    const xs = l.inputs.map((i) => values.get(i)!);
    values.set(l.index, emitLayer(g, l, xs, (n) => tensor(byLayer, l.index, n)));
  }
  const last = outputLayer(network);
  let x = last ? values.get(last.index)! : entry;
  if (network.outputShape.length === 3) x = g.node('Transpose', [x], 'output', [attrInts('perm', [0, 2, 3, 1])]);
  g.nodes.push({ opType: 'Identity', input: [x], output: ['output'], name: 'output' });
  const ir = toIr(network);
  const t = input.trained;
  const metadata: Record<string, unknown> = {
    'axon.name': network.name,
    'axon.task': ir.task,
    'axon.feature_names': t.featureNames ?? null,
    'axon.label_names': t.labelNames ?? null,
    'axon.normalization': t.normalization ?? null,
    ...(t.tokenizer ? { 'axon.tokenizer': t.tokenizer } : {}),
    // data { standardize_target: true }: the output is in standardised units; y · std + mean gives the CSV's.
    ...(t.targetNormalization ? { 'axon.target_normalization': t.targetNormalization } : {}),
  };
  const model = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    producerName: 'axon',
    producerVersion: '0.1.0',
    domain: 'dev.axon',
    modelVersion: 1,
    docString: 'Generated by axon compile --target onnx. Input: standardised features (see axon.normalization).',
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) })),
    graph: {
      name: fileStem(network.name),
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo('input', network.input)],
      output: [valueInfo('output', network.outputShape)],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

export function compileOnnx(input: CompileInput): CompileOutput {
  return {
    target: 'onnx',
    directory: false,
    files: [{ path: `${fileStem(input.network.name)}.onnx`, contents: onnxModelBytes(input.network, input) }],
  };
}
