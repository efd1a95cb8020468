/**
 * ONNX target (opset 13): the trained network as an inference graph. Samples enter as `input`
 * [N, ...input] in Axon's layout (NHWC for images) and leave as `output`; images are transposed to
 * NCHW for Conv/Pool/BatchNormalization and back before Flatten or at the end. Dropout is omitted
 * (inference); batch normalisation uses the moving statistics. Protobuf encoding: onnx-proto.
 */
import onnxProto from 'onnx-proto';
import {
  NETWORK_INPUT,
  SELU_ALPHA,
  SELU_SCALE,
  outputLayer,
  topologicalOrder,
  type Activation,
  type MergeMode,
  type ResolvedLayer,
  type ResolvedNetwork,
} from '@axon/language';
import type { CompileInput, CompileOutput } from '../types.js';
import { CompileError } from '../errors.js';
import { fileStem } from '../escape.js';
import { toIr } from '../ir.js';
import { layoutOf, requireImage, windowPads, type Layout } from '../layout.js';
import { float32Bytes, tensor, weightsByLayer, type WeightTensor } from '../weights.js';

const { onnx } = onnxProto;
const TARGET = 'onnx';
export const ONNX_OPSET = 13;
export const ONNX_IR_VERSION = 7;
const FLOAT = 1;
const INT64 = 7;

type Attr = { name: string; f?: number; i?: number; ints?: number[]; type: number };
const A = onnx.AttributeProto.AttributeType;
const attrF = (name: string, f: number): Attr => ({ name, f, type: A.FLOAT });
const attrI = (name: string, i: number): Attr => ({ name, i, type: A.INT });
const attrInts = (name: string, ints: number[]): Attr => ({ name, ints, type: A.INTS });

class GraphBuilder {
  nodes: onnxProto.onnx.INodeProto[] = [];
  initializers: onnxProto.onnx.ITensorProto[] = [];
  private counter = 0;

  fresh(base: string): string {
    return `${base}_${this.counter++}`;
  }

  node(op: string, inputs: string[], name: string, attrs: Attr[] = []): string {
    const out = this.fresh(`${name}/${op}`);
    this.nodes.push({ opType: op, input: inputs, output: [out], name: out, attribute: attrs });
    return out;
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
  }
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
