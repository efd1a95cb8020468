/**
 * PyTorch target: a folder with `model.py` (the generated nn.Module and its configuration),
 * `axon_runtime.py` (Keras-compatible layers, initialisers, losses, CSV loader), `train.py`
 * (one process or DistributedDataParallel under torchrun) and, with trained weights,
 * `weights.json` + `weights.bin` in Keras layouts (converted to torch layouts when loaded: recurrent
 * layers in axon_runtime's Recurrent.load_keras, see docs/compile.md#sequences-…).
 */
import { isChain, NETWORK_INPUT, outputLayer, topologicalOrder, type RecurrentKind, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import { CompileError } from '../errors.js';
import type { CompileInput, CompileOutput, OutputFile, TrainedWeights } from '../types.js';
import { pyBool, pyIdentifier, pyLiteral, pyModuleIdentifier, pyLiteralPretty, pyNumber, pyString, pyTuple } from '../escape.js';
import { layerConfig, toIr } from '../ir.js';
import { layoutOf, requireImage, samePads, windowPads } from '../layout.js';
import { expectedWeights, float32Bytes, tensor, weightsByLayer } from '../weights.js';
import { PY_RUNTIME } from './pytorch-runtime.js';
import { PY_TRAIN } from './pytorch-train.js';
import { PY_CSV } from './python-csv.js';

const TARGET = 'pytorch';

function layerExpr(l: ResolvedLayer): string {
  const layout = layoutOf(l.inputShape, l, TARGET);
  const channels = l.inputShape[l.inputShape.length - 1]!;
  const ir = layerConfig(l);
  // Written only without a bias (or with a regulariser), so other layers print as they always did.
  const noBias = (useBias: boolean) => `${useBias ? '' : ', use_bias=False'}${ir.kernelRegularizer ? `, kernel_regularizer=${pyLiteral(ir.kernelRegularizer)}` : ''}`;
  switch (l.kind) {
    case 'dense':
      return `rt.Dense(${channels}, ${l.units}, ${pyLiteral(ir.activation)}, ${pyLiteral(ir.init)}, ${pyLiteral(ir.biasInit)}, ${pyString(layout)}${noBias(l.useBias)})`;
    case 'conv2d': {
      requireImage(l, TARGET);
      const p = windowPads(l.inputShape, l.kernel, l.stride, l.padding);
      return `rt.Conv2d(${channels}, ${l.filters}, ${pyTuple(l.kernel)}, ${pyTuple(l.stride)}, ${pyTuple([p.left, p.right, p.top, p.bottom])}, ${pyLiteral(ir.activation)}, ${pyLiteral(ir.init)}, ${pyLiteral(ir.biasInit)}${noBias(l.useBias)})`;
    }
    case 'global_avg_pool2d':
    case 'global_max_pool2d':
      requireImage(l, TARGET);
      return `rt.GlobalPool2d(${pyString(l.kind === 'global_max_pool2d' ? 'max' : 'avg')})`;
    case 'zero_padding2d': {
      requireImage(l, TARGET);
      const [[top, bottom], [left, right]] = l.padding;
      return `nn.ZeroPad2d(${pyTuple([left, right, top, bottom])})`;
    }
    case 'max_pool2d':
    case 'avg_pool2d': {
      requireImage(l, TARGET);
      const p = windowPads(l.inputShape, l.pool, l.stride, l.padding);
      return `rt.Pool2d(${pyString(l.kind === 'max_pool2d' ? 'max' : 'avg')}, ${pyTuple(l.pool)}, ${pyTuple(l.stride)}, ${pyTuple([p.left, p.right, p.top, p.bottom])})`;
    }
    case 'dropout':
      return `nn.Dropout(p=${pyNumber(l.rate)})`;
    case 'batch_norm':
      return `rt.BatchNorm(${channels}, ${pyNumber(l.epsilon)}, ${pyNumber(l.momentum)}, ${pyString(layout)})`;
    case 'activation':
      return `rt.Activation(${pyLiteral(ir.activation)}, ${channels}, ${pyString(layout)})`;
    case 'flatten':
      return `rt.Flatten(${pyString(layout)})`;
    case 'merge':
      // Between layers images are NCHW, everything else channels-last: concat joins the channels.
      return `rt.Merge(${pyString(l.mode)}, ${layout === 'nchw' ? 1 : -1})`;
    case 'embedding':
      return `rt.Embedding(${l.inputDim}, ${l.outputDim}, ${pyString(l.name)})`;
    case 'lstm':
    case 'gru':
    case 'simple_rnn': {
      requireSequence(l);
      for (const a of [l.activation, l.recurrentActivation]) {
        if (a?.name === 'prelu') throw new CompileError(TARGET, `prelu inside ${l.kind} layer ${l.name} (line ${l.origin.range.start.line})`, 'a recurrent cell takes a fixed activation, not a learned one');
      }
      const rec = ir.recurrentActivation === undefined ? 'None' : pyLiteral(ir.recurrentActivation);
      return `rt.Recurrent(${pyString(l.kind)}, ${channels}, ${l.units}, ${pyBool(l.returnSequences)}, ${pyBool(l.bidirectional)}, ${pyLiteral(ir.activation)}, ${rec}, ${pyNumber(l.dropout)}, ${pyNumber(l.recurrentDropout)}, ${pyBool(l.useBias)}, fused=${pyBool(fusedRecurrent(l))})`;
    }
    case 'conv1d': {
      requireSequence(l);
      const pads = l.padding === 'same' ? samePads(l.inputShape[0]!, l.kernel, l.stride) : [0, 0];
      return `rt.Conv1d(${channels}, ${l.filters}, ${l.kernel}, ${l.stride}, ${pyTuple(pads)}, ${pyLiteral(ir.activation)}, ${pyLiteral(ir.init)}, ${pyLiteral(ir.biasInit)}${noBias(l.useBias)})`;
    }
    case 'max_pool1d':
    case 'avg_pool1d': {
      requireSequence(l);
      const pads = l.padding === 'same' ? samePads(l.inputShape[0]!, l.pool, l.stride) : [0, 0];
      return `rt.Pool1d(${pyString(l.kind === 'max_pool1d' ? 'max' : 'avg')}, ${l.pool}, ${l.stride}, ${pyTuple(pads)})`;
    }
    case 'global_avg_pool1d':
    case 'global_max_pool1d':
      requireSequence(l);
      return `rt.GlobalPool1d(${pyString(l.kind === 'global_max_pool1d' ? 'max' : 'avg')})`;
  }
}

/**
 * Whether torch's own nn.LSTM / nn.GRU / nn.RNN can run the layer: they fix tanh for the cell and
 * sigmoid for the gates (nn.RNN: tanh or relu) and have no recurrent dropout. Any other layer runs
 * axon_runtime's step loop in Keras's layout (the same results, slower).
 */
export function fusedRecurrent(l: ResolvedLayer & { kind: RecurrentKind }): boolean {
  if (l.recurrentDropout > 0) return false;
  if (l.kind === 'simple_rnn') return l.activation.name === 'tanh' || l.activation.name === 'relu';
  return l.activation.name === 'tanh' && l.recurrentActivation?.name === 'sigmoid';
}

function requireSequence(l: ResolvedLayer): void {
  if (l.inputShape.length !== 2) throw new CompileError(TARGET, `${l.kind} on a rank-${l.inputShape.length} input`, `layer ${l.name} needs [steps, channels]`);
}

/**
 * A graph's `forward` (a chain runs `self.layers` in order and needs none): every layer's output is
 * kept in `h<index>` so a fork reads it twice, and a merge takes the list of its inputs.
 */
function graphForward(network: ResolvedNetwork, names: string[]): string[] {
  const value = (i: number) => (i === NETWORK_INPUT ? 'x' : `h${i}`);
  const lines = [
    '',
    '    def forward(self, x):',
    '        """The layer graph: each output is kept by layer index; a merge joins the list of its inputs."""',
    '        x = self.enter(x)',
  ];
  for (const l of topologicalOrder(network)) {
    const arg = l.kind === 'merge' ? `[${l.inputs.map(value).join(', ')}]` : value(l.inputs[0]!);
    lines.push(`        h${l.index} = self.layers[${l.index}](${arg})  # ${names[l.index]}`);
  }
  const last = outputLayer(network);
  lines.push(`        return self.leave(${last ? value(last.index) : 'x'})`);
  return lines;
}

/** Unique torch module names derived from the Axon layer names (torch forbids '.' and empty names). */
function moduleNames(network: ResolvedNetwork): string[] {
  const seen = new Set<string>();
  return network.layers.map((l) => {
    let name = pyIdentifier(l.name, `layer_${l.index}`);
    while (seen.has(name)) name = `${name}_${l.index}`;
    seen.add(name);
    return name;
  });
}

/** weights.json (manifest, Keras layouts, offsets in float32 elements) and weights.bin. */
export function kerasWeightFiles(network: ResolvedNetwork, trained: TrainedWeights, target: string): OutputFile[] {
  const byLayer = weightsByLayer(network, trained.weights, target);
  const arrays: Float32Array[] = [];
  let offset = 0;
  const layers = [];
  for (const l of network.layers) {
    const expected = expectedWeights(l);
    if (expected.length === 0) continue;
    const tensors = expected.map((e) => {
      const t = tensor(byLayer, l.index, e.name);
      arrays.push(t.values);
      const entry = { name: e.name, shape: e.shape, offset };
      offset += t.values.length;
      return entry;
    });
    layers.push({ layer: l.index, name: l.name, tensors });
  }
  const manifest = { format: 'axon-weights', version: 1, layout: 'keras', dtype: 'float32', endianness: 'little', layers };
  return [
    { path: 'weights.json', contents: `${JSON.stringify(manifest, null, 2)}\n` },
    { path: 'weights.bin', contents: float32Bytes(arrays) },
  ];
}

/** The names model.py imports or defines at its top level (`Network` is the alias of the class). */
const MODEL_PY_NAMES = ['os', 'OrderedDict', 'torch', 'nn', 'rt', 'CONFIG', 'ENCODING', 'DATA_PATH', 'build_model', 'axon_runtime'];

export function compilePytorch(input: CompileInput): CompileOutput {
  const { network, trained } = input;
  // The class must not shadow what model.py imports or defines (a network named `nn` or `build_model`).
  const className = pyModuleIdentifier(network.name, MODEL_PY_NAMES, 'Network');
  const names = moduleNames(network);
  const exprs = network.layers.map(layerExpr);
  const ir = toIr(network);
  const config = { name: ir.name, input: ir.input, outputShape: ir.outputShape, task: ir.task, params: ir.params, train: ir.train, data: ir.data };
  const encoding = trained
    ? {
        featureNames: trained.featureNames ?? null,
        labelNames: trained.labelNames ?? null,
        normalization: trained.normalization ?? null,
        ...(trained.tokenizer ? { tokenizer: trained.tokenizer } : {}),
        ...(trained.targetNormalization ? { targetNormalization: trained.targetNormalization } : {}),
      }
    : null;
  const dataPath = input.dataPath ?? network.data?.source ?? '';
  const lines = [
    '"""The network, generated by axon compile --target pytorch. Configuration below is data: edit freely."""',
    'import os',
    'from collections import OrderedDict',
    '',
    'import torch.nn as nn',
    '',
    'import axon_runtime as rt',
    '',
    '# The resolved network: task, training setup (loss, optimizer, hyper-parameters) and data{} settings.',
    `CONFIG = ${pyLiteralPretty(config)}`,
    '# Feature order, label order, standardisation, text tokenizer and target scaling of the trained weights (None: computed from the CSV).',
    `ENCODING = ${pyLiteralPretty(encoding)}`,
    '# The data{} CSV, relative to this folder.',
    `DATA_PATH = ${pyString(dataPath)}`,
    '',
    '',
    `class ${className}(rt.AxonModule):`,
    `    input_shape = ${pyTuple(network.input)}`,
    `    output_shape = ${pyTuple(network.outputShape)}`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.layers = nn.Sequential(OrderedDict([',
    ...network.layers.map((_, i) => `            (${pyString(names[i]!)}, ${exprs[i]}),`),
    '        ]))',
    '        self.reset_parameters()',
    ...(isChain(network) ? [] : graphForward(network, names)),
    '',
    '',
    `Network = ${className}`,
    '',
    '',
    'def build_model(pretrained=True):',
    '    """The network with Keras-style initial weights, or the exported trained weights when present."""',
    `    model = ${className}()`,
    '    if ENCODING is not None and ENCODING.get("targetNormalization") is not None:',
    '        model.target_normalization = ENCODING["targetNormalization"]  # standardize_target: model.predict scales back',
    '    here = os.path.dirname(os.path.abspath(__file__))',
    '    if pretrained and os.path.exists(os.path.join(here, "weights.json")):',
    '        model.load_axon_weights(here)',
    '    return model',
    '',
  ];
  const files: OutputFile[] = [
    { path: 'model.py', contents: `${lines.join('\n')}` },
    { path: 'axon_runtime.py', contents: PY_RUNTIME },
    { path: 'axon_csv.py', contents: PY_CSV },
    { path: 'train.py', contents: PY_TRAIN },
  ];
  if (trained) files.push(...kerasWeightFiles(network, trained, TARGET));
  return { target: 'pytorch', directory: true, files };
}
