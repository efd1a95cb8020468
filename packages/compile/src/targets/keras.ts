/**
 * Keras 3 target: one Python file with `build_model()` (a keras.Sequential for a chain, a functional
 * keras.Model for a graph, with the same layers, shapes, activations, initialisers and constants),
 * `compile_model()` (loss, optimizer, metrics from train{}), a CSV loader for data{} and a `__main__`
 * that trains. Trained weights are not exported to this target (use tfjs, onnx or pytorch).
 */
import {
  activationText,
  isChain,
  NETWORK_INPUT,
  outputLayer,
  topologicalOrder,
  type Activation,
  type Initializer,
  type MergeMode,
  type RecurrentKind,
  type ResolvedLayer,
  type ResolvedNetwork,
} from '@axon/language';
import type { CompileInput, CompileOutput } from '../types.js';
import { CompileError } from '../errors.js';
import { fileStem, pyBool, pyIdentifier, pyLiteralPretty, pyNumber, pyString, pyTuple } from '../escape.js';
import { toIr } from '../ir.js';
import { huberDelta } from '../vocabulary.js';
import { layoutOf } from '../layout.js';
import { PY_CSV_BODY } from './python-csv.js';

const TARGET = 'keras';

const INIT: Record<Initializer['name'], string> = {
  glorot_uniform: 'GlorotUniform',
  glorot_normal: 'GlorotNormal',
  he_uniform: 'HeUniform',
  he_normal: 'HeNormal',
  lecun_uniform: 'LecunUniform',
  lecun_normal: 'LecunNormal',
  zeros: 'Zeros',
  constant: 'Constant',
};

function init(i: Initializer, seed: number): string {
  if (i.name === 'constant') return `keras.initializers.Constant(${pyNumber(i.value)})`;
  if (i.name === 'zeros') return 'keras.initializers.Zeros()';
  return `keras.initializers.${INIT[i.name]}(seed=${seed})`;
}

function builtin(a: Activation): string | undefined {
  if (['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'selu'].includes(a.name)) return a.name;
  if (a.name === 'elu' && a.alpha === 1) return 'elu';
  return undefined;
}

function activationLayer(a: Activation, name: string, rank: number): string {
  switch (a.name) {
    case 'leaky_relu':
      return `keras.layers.LeakyReLU(negative_slope=${pyNumber(a.alpha)}, name=${pyString(name)})`;
    case 'elu':
      return `keras.layers.ELU(alpha=${pyNumber(a.alpha)}, name=${pyString(name)})`;
    case 'prelu': {
      const shared = rank === 3 ? '[1, 2]' : rank === 2 ? '[1]' : 'None';
      return `keras.layers.PReLU(alpha_initializer=keras.initializers.Constant(${pyNumber(a.init)}), shared_axes=${shared}, name=${pyString(name)})`;
    }
    default:
      return `keras.layers.Activation(${pyString(a.name)}, name=${pyString(name)})`;
  }
}

function layerLines(l: ResolvedLayer, seed: number, taken: Set<string>): string[] {
  layoutOf(l.inputShape, l, TARGET);
  const name = pyString(l.name);
  switch (l.kind) {
    case 'dense':
    case 'conv2d': {
      const b = builtin(l.activation);
      // use_bias is written only when false, so a layer with a bias prints as it always did.
      const bias = l.useBias ? `bias_initializer=${init(l.biasInit, seed)}` : 'use_bias=False';
      const common = `activation=${pyString(b ?? 'linear')}, kernel_initializer=${init(l.init, seed)}, ${bias}, name=${name}`;
      const main =
        l.kind === 'dense'
          ? `keras.layers.Dense(${l.units}, ${common})`
          : `keras.layers.Conv2D(${l.filters}, kernel_size=${pyTuple(l.kernel)}, strides=${pyTuple(l.stride)}, padding=${pyString(l.padding)}, ${common})`;
      if (b !== undefined) return [main];
      let actName = `${l.name}_${l.activation.name}`;
      for (let i = 1; taken.has(actName); i++) actName = `${l.name}_${l.activation.name}_${i}`;
      taken.add(actName);
      return [main, activationLayer(l.activation, actName, l.outputShape.length)];
    }
    case 'activation': {
      const b = builtin(l.activation);
      return [b !== undefined ? `keras.layers.Activation(${pyString(b)}, name=${name})` : activationLayer(l.activation, l.name, l.outputShape.length)];
    }
    case 'dropout':
      return [`keras.layers.Dropout(${pyNumber(l.rate)}, name=${name})`];
    case 'batch_norm':
      return [`keras.layers.BatchNormalization(momentum=${pyNumber(l.momentum)}, epsilon=${pyNumber(l.epsilon)}, name=${name})`];
    case 'flatten':
      return [`keras.layers.Flatten(name=${name})`];
    case 'max_pool2d':
    case 'avg_pool2d':
      return [
        `keras.layers.${l.kind === 'max_pool2d' ? 'MaxPooling2D' : 'AveragePooling2D'}(pool_size=${pyTuple(l.pool)}, strides=${pyTuple(l.stride)}, padding=${pyString(l.padding)}, name=${name})`,
      ];
    case 'global_avg_pool2d':
      return [`keras.layers.GlobalAveragePooling2D(name=${name})`];
    case 'global_max_pool2d':
      return [`keras.layers.GlobalMaxPooling2D(name=${name})`];
    case 'zero_padding2d': {
      const [[top, bottom], [left, right]] = l.padding;
      return [`keras.layers.ZeroPadding2D(padding=((${top}, ${bottom}), (${left}, ${right})), name=${name})`];
    }
    case 'merge':
      return [l.mode === 'concat' ? `keras.layers.Concatenate(axis=-1, name=${name})` : `keras.layers.${MERGE_LAYER[l.mode]}(name=${name})`];
    case 'embedding':
      // Keras's default embeddings_initializer ("uniform") with the network's seed.
      return [`keras.layers.Embedding(${l.inputDim}, ${l.outputDim}, embeddings_initializer=keras.initializers.RandomUniform(minval=-0.05, maxval=0.05, seed=${seed}), name=${name})`];
    case 'lstm':
    case 'gru':
    case 'simple_rnn': {
      const cell = recurrentLayer(l, seed);
      return [l.bidirectional ? `keras.layers.Bidirectional(${cell}, merge_mode="concat", name=${name})` : cell];
    }
    case 'conv1d': {
      const b = builtin(l.activation);
      const bias = l.useBias ? `bias_initializer=${init(l.biasInit, seed)}` : 'use_bias=False';
      const main = `keras.layers.Conv1D(${l.filters}, kernel_size=${l.kernel}, strides=${l.stride}, padding=${pyString(l.padding)}, activation=${pyString(b ?? 'linear')}, kernel_initializer=${init(l.init, seed)}, ${bias}, name=${name})`;
      if (b !== undefined) return [main];
      let actName = `${l.name}_${l.activation.name}`;
      for (let i = 1; taken.has(actName); i++) actName = `${l.name}_${l.activation.name}_${i}`;
      taken.add(actName);
      return [main, activationLayer(l.activation, actName, l.outputShape.length)];
    }
    case 'max_pool1d':
    case 'avg_pool1d':
      return [`keras.layers.${l.kind === 'max_pool1d' ? 'MaxPooling1D' : 'AveragePooling1D'}(pool_size=${l.pool}, strides=${l.stride}, padding=${pyString(l.padding)}, name=${name})`];
    case 'global_avg_pool1d':
      return [`keras.layers.GlobalAveragePooling1D(name=${name})`];
    case 'global_max_pool1d':
      return [`keras.layers.GlobalMaxPooling1D(name=${name})`];
  }
}

const RECURRENT_CLASS: Record<RecurrentKind, string> = { lstm: 'LSTM', gru: 'GRU', simple_rnn: 'SimpleRNN' };

/** A recurrent activation as Keras's string; the others (a learned prelu, an alpha Keras's strings cannot carry) are refused. */
function recurrentActivation(l: ResolvedLayer, a: Activation, role: string): string {
  const b = builtin(a);
  if (b === undefined) {
    throw new CompileError(TARGET, `${activationText(a)} as the ${role} of ${l.kind} layer ${l.name} (line ${l.origin.range.start.line})`, `a Keras recurrent layer takes one of ${RECURRENT_BUILTINS}`);
  }
  return pyString(b);
}

const RECURRENT_BUILTINS = 'linear, relu, sigmoid, tanh, softmax, selu, elu(alpha: 1)';

/** The Keras LSTM / GRU (reset_after) / SimpleRNN call, with Keras's own initialisers seeded. */
function recurrentLayer(l: ResolvedLayer & { kind: RecurrentKind }, seed: number): string {
  const args = [
    String(l.units),
    `activation=${recurrentActivation(l, l.activation, 'activation')}`,
    ...(l.recurrentActivation ? [`recurrent_activation=${recurrentActivation(l, l.recurrentActivation, 'recurrent_activation')}`] : []),
    `use_bias=${pyBool(l.useBias)}`,
    `kernel_initializer=keras.initializers.GlorotUniform(seed=${seed})`,
    `recurrent_initializer=keras.initializers.Orthogonal(seed=${seed})`,
    ...(l.useBias ? ['bias_initializer=keras.initializers.Zeros()'] : []),
    ...(l.kind === 'lstm' ? ['unit_forget_bias=True'] : []),
    `dropout=${pyNumber(l.dropout)}`,
    `recurrent_dropout=${pyNumber(l.recurrentDropout)}`,
    `return_sequences=${pyBool(l.returnSequences)}`,
    ...(l.kind === 'gru' ? ['reset_after=True'] : []),
    `name=${pyString(l.name)}`,
  ];
  return `keras.layers.${RECURRENT_CLASS[l.kind]}(${args.join(', ')})`;
}

const MERGE_LAYER: Record<Exclude<MergeMode, 'concat'>, string> = { add: 'Add', multiply: 'Multiply', average: 'Average', maximum: 'Maximum' };

/** `build_model` as a keras.Sequential: the layers in order (a chain). */
function sequentialBuilder(network: ResolvedNetwork, layerCode: string[][]): string[] {
  return [
    'def build_model():',
    `    """The network as a keras.Sequential: ${network.layers.length} Axon layers, ${network.params.total} parameters."""`,
    '    return keras.Sequential(',
    '        [',
    `            keras.Input(shape=${pyTuple(network.input)}),`,
    ...layerCode.flat().map((c) => `            ${c},`),
    '        ],',
    `        name=${pyString(pyIdentifier(network.name, 'network'))},`,
    '    )',
  ];
}

/**
 * `build_model` with the functional API (a graph): each layer's output is kept in `h<index>`, so a
 * fork reads it twice, and a merge layer is called on the list of its inputs.
 */
function functionalBuilder(network: ResolvedNetwork, layerCode: string[][]): string[] {
  const value = (i: number) => (i === NETWORK_INPUT ? 'x' : `h${i}`);
  const lines = [
    'def build_model():',
    `    """The network as a functional keras.Model: ${network.layers.length} Axon layers, ${network.params.total} parameters."""`,
    `    x = keras.Input(shape=${pyTuple(network.input)})`,
  ];
  for (const l of topologicalOrder(network)) {
    const [first, ...rest] = layerCode[l.index]!;
    const arg = l.kind === 'merge' ? `[${l.inputs.map(value).join(', ')}]` : value(l.inputs[0]!);
    lines.push(`    h${l.index} = ${first}(${arg})`);
    for (const c of rest) lines.push(`    h${l.index} = ${c}(h${l.index})`);
  }
  const last = outputLayer(network);
  lines.push(`    return keras.Model(inputs=x, outputs=${last ? value(last.index) : 'x'}, name=${pyString(pyIdentifier(network.name, 'network'))})`);
  return lines;
}

function lossExpr(network: ResolvedNetwork): string {
  const l = network.train.loss;
  switch (l.name) {
    case 'mse':
      return 'keras.losses.MeanSquaredError()';
    case 'mae':
      return 'keras.losses.MeanAbsoluteError()';
    case 'huber':
      return `keras.losses.Huber(delta=${pyNumber(huberDelta(l))})`;
    case 'binary_crossentropy':
      return `keras.losses.BinaryCrossentropy(from_logits=${pyBool(l.fromLogits)})`;
    case 'categorical_crossentropy':
      return `keras.losses.CategoricalCrossentropy(from_logits=${pyBool(l.fromLogits)})`;
  }
}

function optimizerExpr(network: ResolvedNetwork): string {
  const o = network.train.optimizer;
  if (o.clipNorm !== undefined && o.clipValue !== undefined) {
    const line = network.train.ranges.optimizer?.start.line;
    throw new CompileError(
      TARGET,
      `clipnorm and clipvalue together${line ? ` (line ${line})` : ''}`,
      "Keras's optimizers apply only clipnorm when both are set (clipvalue is ignored), while Axon clamps each value and then clips the norm; keep one of them for this target",
    );
  }
  // Keras's clipnorm is per variable, as Axon's; written only when set.
  const clip = `${o.clipNorm !== undefined ? `, clipnorm=${pyNumber(o.clipNorm)}` : ''}${o.clipValue !== undefined ? `, clipvalue=${pyNumber(o.clipValue)}` : ''}`;
  switch (o.name) {
    case 'sgd':
      return `keras.optimizers.SGD(learning_rate=${pyNumber(o.learningRate)}, momentum=${pyNumber(o.momentum)}, nesterov=${pyBool(o.nesterov)}${clip})`;
    case 'adam':
      return `keras.optimizers.Adam(learning_rate=${pyNumber(o.learningRate)}, beta_1=${pyNumber(o.beta1)}, beta_2=${pyNumber(o.beta2)}, epsilon=${pyNumber(o.epsilon)}${clip})`;
    case 'rmsprop':
      return `keras.optimizers.RMSprop(learning_rate=${pyNumber(o.learningRate)}, rho=${pyNumber(o.rho)}, epsilon=${pyNumber(o.epsilon)}${clip})`;
  }
}

function metricsExpr(network: ResolvedNetwork): string {
  const kind = network.task?.kind;
  if (kind === 'classification') return '["categorical_accuracy"]';
  if (kind === 'binary_classification' || kind === 'multilabel') return '["binary_accuracy"]';
  return '["mae"]';
}

const LOADER = String.raw`
def load_data(path=None):
    """The data{} CSV as numpy arrays (read_csv above: the same split and encoding as axon train)."""
    import numpy as np

    here = os.path.dirname(os.path.abspath(__file__))
    d = read_csv(path or os.path.join(here, DATA_PATH), CONFIG["data"], CONFIG["task"], CONFIG["input"], CONFIG["train"]["seed"])

    def arrays(part):
        xs, ys = part
        return np.array(xs, dtype="float32").reshape((-1,) + tuple(CONFIG["input"])), np.array(ys, dtype="float32")

    return arrays(d["train"]), (arrays(d["validation"]) if d["validation"] is not None else None)
`;

export function compileKeras(input: CompileInput): CompileOutput {
  const { network } = input;
  if (input.trained) {
    throw new CompileError(TARGET, 'trained weights (--weights)', 'export trained weights with --target tfjs, onnx or pytorch');
  }
  const seed = network.train.seed;
  const taken = new Set(network.layers.map((l) => l.name));
  const layerCode = network.layers.map((l) => layerLines(l, seed, taken));
  const ir = toIr(network);
  const config = { name: ir.name, input: ir.input, outputShape: ir.outputShape, task: ir.task, params: ir.params, train: ir.train, data: ir.data };
  const lines = [
    '"""Generated by axon compile --target keras (Keras 3). Run: python3 THIS_FILE to train on the data{} CSV."""',
    'import csv',
    'import json',
    'import math',
    'import os',
    'import re',
    'import unicodedata',
    '',
    'import keras',
    '',
    `CONFIG = ${pyLiteralPretty(config)}`,
    `DATA_PATH = ${pyString(input.dataPath ?? network.data?.source ?? '')}`,
    '',
    '',
    ...(isChain(network) ? sequentialBuilder(network, layerCode) : functionalBuilder(network, layerCode)),
    '',
    '',
    'def compile_model(model):',
    `    model.compile(loss=${lossExpr(network)}, optimizer=${optimizerExpr(network)}, metrics=${metricsExpr(network)})`,
    '    return model',
    '',
    '',
    PY_CSV_BODY.trimEnd(),
    '',
    LOADER,
    '',
    'def main():',
    '    keras.utils.set_random_seed(CONFIG["train"]["seed"])',
    '    model = compile_model(build_model())',
    '    if CONFIG["data"] is None:',
    '        raise SystemExit("this network has no data{} section: nothing to train on")',
    '    (x, y), validation = load_data()',
    '    callbacks = []',
    '    if CONFIG["train"]["earlyStopping"] is not None:',
    '        es = CONFIG["train"]["earlyStopping"]',
    '        callbacks.append(keras.callbacks.EarlyStopping(monitor="val_loss" if validation else "loss", patience=es["patience"], min_delta=es["minDelta"]))',
    '    model.fit(x, y, epochs=CONFIG["train"]["epochs"], batch_size=CONFIG["train"]["batchSize"], validation_data=validation, callbacks=callbacks)',
    '    return model',
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
    '',
  ];
  return { target: 'keras', directory: false, files: [{ path: `${fileStem(network.name)}.py`, contents: lines.join('\n') }] };
}
