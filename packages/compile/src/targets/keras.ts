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
  type Regularizer,
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

const NAMED_INIT = {
  glorot_uniform: 'GlorotUniform',
  glorot_normal: 'GlorotNormal',
  he_uniform: 'HeUniform',
  he_normal: 'HeNormal',
  lecun_uniform: 'LecunUniform',
  lecun_normal: 'LecunNormal',
} as const;

/** A Keras 3 initializer: the random ones seeded with the network's seed. */
function init(i: Initializer, seed: number): string {
  switch (i.name) {
    case 'constant':
      return `keras.initializers.Constant(${pyNumber(i.value)})`;
    case 'zeros':
      return 'keras.initializers.Zeros()';
    case 'ones':
      return 'keras.initializers.Ones()';
    case 'random_uniform':
      return `keras.initializers.RandomUniform(minval=${pyNumber(i.minval)}, maxval=${pyNumber(i.maxval)}, seed=${seed})`;
    case 'random_normal':
      return `keras.initializers.RandomNormal(mean=${pyNumber(i.mean)}, stddev=${pyNumber(i.stddev)}, seed=${seed})`;
    case 'truncated_normal':
      return `keras.initializers.TruncatedNormal(mean=${pyNumber(i.mean)}, stddev=${pyNumber(i.stddev)}, seed=${seed})`;
    case 'orthogonal':
      return `keras.initializers.Orthogonal(gain=${pyNumber(i.gain)}, seed=${seed})`;
    case 'variance_scaling':
      return `keras.initializers.VarianceScaling(scale=${pyNumber(i.scale)}, mode=${pyString(i.mode)}, distribution=${pyString(i.distribution)}, seed=${seed})`;
    default:
      return `keras.initializers.${NAMED_INIT[i.name]}(seed=${seed})`;
  }
}

/** `, kernel_regularizer=keras.regularizers.L2(l2=0.01)`, or nothing without one (so such layers print as before). */
function regularizerArg(r: Regularizer | undefined): string {
  if (!r) return '';
  switch (r.name) {
    case 'l1':
      return `, kernel_regularizer=keras.regularizers.L1(l1=${pyNumber(r.l1)})`;
    case 'l2':
      return `, kernel_regularizer=keras.regularizers.L2(l2=${pyNumber(r.l2)})`;
    case 'l1_l2':
      return `, kernel_regularizer=keras.regularizers.L1L2(l1=${pyNumber(r.l1)}, l2=${pyNumber(r.l2)})`;
  }
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
      const common = `activation=${pyString(b ?? 'linear')}, kernel_initializer=${init(l.init, seed)}, ${bias}${regularizerArg(l.kernelRegularizer)}, name=${name}`;
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
      const main = `keras.layers.Conv1D(${l.filters}, kernel_size=${l.kernel}, strides=${l.stride}, padding=${pyString(l.padding)}, activation=${pyString(b ?? 'linear')}, kernel_initializer=${init(l.init, seed)}, ${bias}${regularizerArg(l.kernelRegularizer)}, name=${name})`;
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
    case 'sparse_categorical_crossentropy':
      // load_data gives this loss integer class labels instead of one-hot rows.
      return `keras.losses.SparseCategoricalCrossentropy(from_logits=${pyBool(l.fromLogits)})`;
    case 'log_cosh':
      return 'keras.losses.LogCosh()';
    case 'kl_divergence':
      return 'keras.losses.KLDivergence()';
    case 'poisson':
      return 'keras.losses.Poisson()';
    case 'hinge':
      // Keras maps 0/1 targets to -1/1 itself.
      return 'keras.losses.Hinge()';
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
  // Keras's clipnorm is per variable, as Axon's; written only when set. Keras's weight_decay is
  // decoupled (each variable shrunk by learning_rate × weight_decay before the step), as Axon's.
  const decay = o.name !== 'adamw' && o.weightDecay !== undefined ? `, weight_decay=${pyNumber(o.weightDecay)}` : '';
  const clip = `${o.clipNorm !== undefined ? `, clipnorm=${pyNumber(o.clipNorm)}` : ''}${o.clipValue !== undefined ? `, clipvalue=${pyNumber(o.clipValue)}` : ''}${decay}`;
  switch (o.name) {
    case 'sgd':
      return `keras.optimizers.SGD(learning_rate=${pyNumber(o.learningRate)}, momentum=${pyNumber(o.momentum)}, nesterov=${pyBool(o.nesterov)}${clip})`;
    case 'adam':
      return `keras.optimizers.Adam(learning_rate=${pyNumber(o.learningRate)}, beta_1=${pyNumber(o.beta1)}, beta_2=${pyNumber(o.beta2)}, epsilon=${pyNumber(o.epsilon)}${clip})`;
    case 'rmsprop':
      return `keras.optimizers.RMSprop(learning_rate=${pyNumber(o.learningRate)}, rho=${pyNumber(o.rho)}, epsilon=${pyNumber(o.epsilon)}${clip})`;
    case 'adagrad':
      return `keras.optimizers.Adagrad(learning_rate=${pyNumber(o.learningRate)}, initial_accumulator_value=${pyNumber(o.initialAccumulator)}, epsilon=${pyNumber(o.epsilon)}${clip})`;
    case 'adadelta':
      return `keras.optimizers.Adadelta(learning_rate=${pyNumber(o.learningRate)}, rho=${pyNumber(o.rho)}, epsilon=${pyNumber(o.epsilon)}${clip})`;
    case 'adamw':
      return `keras.optimizers.AdamW(learning_rate=${pyNumber(o.learningRate)}, weight_decay=${pyNumber(o.weightDecay)}, beta_1=${pyNumber(o.beta1)}, beta_2=${pyNumber(o.beta2)}, epsilon=${pyNumber(o.epsilon)}${clip})`;
    case 'nadam':
      return `keras.optimizers.Nadam(learning_rate=${pyNumber(o.learningRate)}, beta_1=${pyNumber(o.beta1)}, beta_2=${pyNumber(o.beta2)}, epsilon=${pyNumber(o.epsilon)}${clip})`;
  }
}

function metricsExpr(network: ResolvedNetwork): string {
  const kind = network.task?.kind;
  if (kind === 'classification') return network.train.loss.name === 'sparse_categorical_crossentropy' ? '["sparse_categorical_accuracy"]' : '["categorical_accuracy"]';
  if (kind === 'binary_classification' || kind === 'multilabel') return '["binary_accuracy"]';
  return '["mae"]';
}

const LOADER = String.raw`
# Set by load_data with data { standardize_target: true }: the training targets' mean and std (predict scales back).
TARGET_NORMALIZATION = None


def load_data(path=None):
    """The data{} CSV as numpy arrays (read_csv above: the same split and encoding as axon train).
    sparse_categorical_crossentropy gets integer class labels [N] instead of one-hot rows."""
    global TARGET_NORMALIZATION
    import numpy as np

    here = os.path.dirname(os.path.abspath(__file__))
    d = read_csv(path or os.path.join(here, DATA_PATH), CONFIG["data"], CONFIG["task"], CONFIG["input"], CONFIG["train"]["seed"])
    TARGET_NORMALIZATION = d.get("targetNormalization")
    sparse = CONFIG["train"]["loss"]["name"] == "sparse_categorical_crossentropy"

    def arrays(part):
        xs, ys = part
        x = np.array(xs, dtype="float32").reshape((-1,) + tuple(CONFIG["input"]))
        y = np.array(ys, dtype="float32")
        return x, (np.argmax(y, axis=-1).astype("int32") if sparse else y)

    return arrays(d["train"]), (arrays(d["validation"]) if d["validation"] is not None else None)


def predict(model, x):
    """model.predict, with standardised targets scaled back to the CSV's units."""
    import numpy as np

    y = model.predict(x, verbose=0)
    if TARGET_NORMALIZATION is not None:
        y = y * np.array(TARGET_NORMALIZATION["std"], dtype="float32") + np.array(TARGET_NORMALIZATION["mean"], dtype="float32")
    return y
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
