/**
 * Keras target. No Keras runtime is installable here, so: the emitted file compiles
 * (`python3 -m py_compile`), and a structural test runs it against a recording stand-in for the
 * keras module (test/py/keras_stub) and compares the layers, shapes and constants with the JSON IR.
 */
import { describe, expect, it } from 'vitest';
import { compile, CompileError, toIr, type IrLayer } from '@axon/compile';
import { isChain, type ResolvedNetwork } from '@axon/language';
import { featureCases, graphCases, newLayerCases } from './cases.js';
import { sequenceCases } from './sequence-cases.js';
import { kerasStructure } from './keras-harness.js';
import { exampleNetworks } from './helpers.js';

interface Rec {
  class: string;
  module: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

function structure(network: ResolvedNetwork): { model: Rec & { compiled: Record<string, Rec> }; config: { name: string } } {
  return kerasStructure(network);
}

const INIT: Record<string, string> = {
  glorot_uniform: 'GlorotUniform',
  glorot_normal: 'GlorotNormal',
  he_uniform: 'HeUniform',
  he_normal: 'HeNormal',
  lecun_uniform: 'LecunUniform',
  lecun_normal: 'LecunNormal',
  zeros: 'Zeros',
  constant: 'Constant',
};

type Act = { name: string; alpha?: number; init?: number };
const BUILTIN = (a: Act) => ['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'selu'].includes(a.name) || (a.name === 'elu' && a.alpha === 1);

function expectActivationLayer(rec: Rec, a: Act, rank: number): void {
  if (a.name === 'leaky_relu') expect([rec.class, rec.kwargs.negative_slope]).toEqual(['LeakyReLU', a.alpha]);
  else if (a.name === 'elu') expect([rec.class, rec.kwargs.alpha]).toEqual(['ELU', a.alpha]);
  else if (a.name === 'prelu') {
    expect(rec.class).toBe('PReLU');
    expect((rec.kwargs.alpha_initializer as Rec).args).toEqual([a.init]);
    expect(rec.kwargs.shared_axes).toEqual(rank === 3 ? [1, 2] : null);
  } else expect([rec.class, rec.args[0]]).toEqual(['Activation', a.name]);
}

function expectInit(rec: Rec, init: { name: string; value?: number }, seed: number): void {
  expect(rec.class).toBe(INIT[init.name]);
  if (init.name === 'constant') expect(rec.args).toEqual([init.value]);
  else if (init.name !== 'zeros') expect(rec.kwargs.seed).toBe(seed);
}

/** Walks the recorded Keras layers alongside the IR layers. */
function compareLayers(recs: Rec[], layers: IrLayer[], seed: number): void {
  let i = 0;
  for (const l of layers) {
    const rec = recs[i++]!;
    const cfg = l.config as Record<string, never>;
    expect(rec.kwargs.name ?? rec.args.at(-1)).toBe(l.name);
    switch (l.kind) {
      case 'dense':
      case 'conv2d': {
        const act = cfg.activation as Act;
        if (l.kind === 'dense') expect([rec.class, rec.args[0]]).toEqual(['Dense', cfg.units]);
        else {
          expect([rec.class, rec.args[0], rec.kwargs.kernel_size, rec.kwargs.strides, rec.kwargs.padding]).toEqual(['Conv2D', cfg.filters, cfg.kernel, cfg.stride, cfg.padding]);
        }
        expect(l.outputShape.at(-1)).toBe(rec.args[0]);
        expectInit(rec.kwargs.kernel_initializer as Rec, cfg.init, seed);
        if (cfg.useBias === false) {
          expect(rec.kwargs.use_bias).toBe(false);
          expect(rec.kwargs).not.toHaveProperty('bias_initializer');
        } else expectInit(rec.kwargs.bias_initializer as Rec, cfg.biasInit, seed);
        if (BUILTIN(act)) expect(rec.kwargs.activation).toBe(act.name);
        else {
          expect(rec.kwargs.activation).toBe('linear');
          expectActivationLayer(recs[i++]!, act, l.outputShape.length);
        }
        break;
      }
      case 'activation': {
        const act = cfg.activation as Act;
        if (BUILTIN(act)) expect([rec.class, rec.args[0]]).toEqual(['Activation', act.name]);
        else expectActivationLayer(rec, act, l.outputShape.length);
        break;
      }
      case 'dropout':
        expect([rec.class, rec.args[0]]).toEqual(['Dropout', cfg.rate]);
        break;
      case 'batch_norm':
        expect([rec.class, rec.kwargs.momentum, rec.kwargs.epsilon]).toEqual(['BatchNormalization', cfg.momentum, cfg.epsilon]);
        break;
      case 'flatten':
        expect(rec.class).toBe('Flatten');
        expect(l.outputShape).toEqual([l.inputShape.reduce((a, b) => a * b, 1)]);
        break;
      case 'max_pool2d':
      case 'avg_pool2d':
        expect([rec.class, rec.kwargs.pool_size, rec.kwargs.strides, rec.kwargs.padding]).toEqual([
          l.kind === 'max_pool2d' ? 'MaxPooling2D' : 'AveragePooling2D',
          cfg.pool,
          cfg.stride,
          cfg.padding,
        ]);
        break;
      case 'global_avg_pool2d':
      case 'global_max_pool2d':
        expect(rec.class).toBe(l.kind === 'global_avg_pool2d' ? 'GlobalAveragePooling2D' : 'GlobalMaxPooling2D');
        expect(l.outputShape).toEqual([l.inputShape.at(-1)]);
        break;
      case 'zero_padding2d':
        expect([rec.class, rec.kwargs.padding]).toEqual(['ZeroPadding2D', cfg.padding]);
        break;
      case 'merge': {
        const MERGE: Record<string, string> = { add: 'Add', concat: 'Concatenate', multiply: 'Multiply', average: 'Average', maximum: 'Maximum' };
        expect(rec.class).toBe(MERGE[cfg.mode]);
        if (cfg.mode === 'concat') expect(rec.kwargs.axis).toBe(-1);
        break;
      }
      case 'embedding': {
        expect([rec.class, rec.args[0], rec.args[1]]).toEqual(['Embedding', cfg.inputDim, cfg.outputDim]);
        const e = rec.kwargs.embeddings_initializer as Rec;
        expect([e.class, e.kwargs.minval, e.kwargs.maxval, e.kwargs.seed]).toEqual(['RandomUniform', -0.05, 0.05, seed]);
        break;
      }
      case 'lstm':
      case 'gru':
      case 'simple_rnn': {
        let cell = rec;
        if (cfg.bidirectional) {
          expect([rec.class, rec.kwargs.merge_mode]).toEqual(['Bidirectional', 'concat']);
          cell = rec.args[0] as Rec;
        }
        expect([cell.class, cell.args[0]]).toEqual([{ lstm: 'LSTM', gru: 'GRU', simple_rnn: 'SimpleRNN' }[l.kind], cfg.units]);
        expect(cell.kwargs.activation).toBe((cfg.activation as Act).name);
        expect(cell.kwargs.recurrent_activation).toBe(l.kind === 'simple_rnn' ? undefined : (cfg.recurrentActivation as Act).name);
        expect([cell.kwargs.return_sequences, cell.kwargs.use_bias, cell.kwargs.dropout, cell.kwargs.recurrent_dropout]).toEqual([cfg.returnSequences, cfg.useBias, cfg.dropout, cfg.recurrentDropout]);
        expect(cell.kwargs.reset_after).toBe(l.kind === 'gru' ? true : undefined);
        expect(cell.kwargs.unit_forget_bias).toBe(l.kind === 'lstm' ? true : undefined);
        expect((cell.kwargs.recurrent_initializer as Rec).class).toBe('Orthogonal');
        expectInit(cell.kwargs.kernel_initializer as Rec, { name: 'glorot_uniform' }, seed);
        expect(l.outputShape.at(-1)).toBe((cfg.bidirectional ? 2 : 1) * (cfg.units as number));
        break;
      }
      case 'conv1d': {
        const act = cfg.activation as Act;
        expect([rec.class, rec.args[0], rec.kwargs.kernel_size, rec.kwargs.strides, rec.kwargs.padding]).toEqual(['Conv1D', cfg.filters, cfg.kernel, cfg.stride, cfg.padding]);
        expectInit(rec.kwargs.kernel_initializer as Rec, cfg.init, seed);
        if (cfg.useBias === false) expect(rec.kwargs.use_bias).toBe(false);
        else expectInit(rec.kwargs.bias_initializer as Rec, cfg.biasInit, seed);
        if (BUILTIN(act)) expect(rec.kwargs.activation).toBe(act.name);
        else {
          expect(rec.kwargs.activation).toBe('linear');
          expectActivationLayer(recs[i++]!, act, l.outputShape.length);
        }
        break;
      }
      case 'max_pool1d':
      case 'avg_pool1d':
        expect([rec.class, rec.kwargs.pool_size, rec.kwargs.strides, rec.kwargs.padding]).toEqual([
          l.kind === 'max_pool1d' ? 'MaxPooling1D' : 'AveragePooling1D',
          cfg.pool,
          cfg.stride,
          cfg.padding,
        ]);
        break;
      case 'global_avg_pool1d':
      case 'global_max_pool1d':
        expect(rec.class).toBe(l.kind === 'global_avg_pool1d' ? 'GlobalAveragePooling1D' : 'GlobalMaxPooling1D');
        expect(l.outputShape).toEqual([l.inputShape.at(-1)]);
        break;
    }
  }
  expect(i).toBe(recs.length);
}

type GraphRec = { layer: Rec; inputs: string[] };

/**
 * A functional model's recorded layers in the IR's order (each Axon layer, then its stand-alone
 * activation layer if it has one), checking that every layer is called on the outputs of its IR inputs.
 */
function graphRecs(graph: GraphRec[], layers: IrLayer[]): Rec[] {
  const at = new Map(graph.map((g, i) => [g.layer.kwargs.name as string, i]));
  const lastOf = new Map<number, string>([[-1, 'input']]);
  const out: Rec[] = [];
  for (const l of layers) {
    const i = at.get(l.name)!;
    expect(graph[i], l.name).toBeDefined();
    expect(graph[i]!.inputs, l.name).toEqual(l.inputs!.map((j) => lastOf.get(j)));
    out.push(graph[i]!.layer);
    let last = l.name;
    const next = graph[i + 1];
    if (next && !layers.some((x) => x.name === next.layer.kwargs.name) && next.inputs.length === 1 && next.inputs[0] === l.name) {
      out.push(next.layer);
      last = next.layer.kwargs.name as string;
    }
    lastOf.set(l.index, last);
  }
  expect(out).toHaveLength(graph.length);
  return out;
}

const cases: (readonly [string, ResolvedNetwork])[] = [
  ...exampleNetworks(),
  ...featureCases().map((n) => [n.name, n] as const),
  ...newLayerCases().map((n) => [n.name, n] as const),
  ...graphCases('concat', 'add').map((n) => [n.name, n] as const),
  ...sequenceCases().map((c) => [c.network.name, c.network] as const),
];

describe('keras target (structure against the JSON IR)', () => {
  it.each(cases)('%s', (_name, network) => {
    const ir = toIr(network);
    const s = structure(network);
    if (isChain(network)) {
      const [input, ...layers] = s.model.args[0] as Rec[];
      expect(s.model.class).toBe('Sequential');
      expect(input!.class).toBe('Input');
      expect(input!.kwargs.shape).toEqual(ir.input);
      compareLayers(layers, ir.layers, ir.train.seed);
    } else {
      expect(s.model.class).toBe('Model');
      expect((s.model.kwargs.inputs as Rec).kwargs.shape).toEqual(ir.input);
      compareLayers(graphRecs((s.model as unknown as { graph: GraphRec[] }).graph, ir.layers), ir.layers, ir.train.seed);
    }
    expect(s.config.name).toBe(ir.name);

    const { loss, optimizer } = s.model.compiled;
    const lossClass = { mse: 'MeanSquaredError', mae: 'MeanAbsoluteError', huber: 'Huber', binary_crossentropy: 'BinaryCrossentropy', categorical_crossentropy: 'CategoricalCrossentropy' }[ir.train.loss.name];
    expect(loss!.class).toBe(lossClass);
    if (ir.train.loss.name.endsWith('crossentropy')) expect(loss!.kwargs.from_logits).toBe(ir.train.loss.fromLogits);
    const o = ir.train.optimizer as Record<string, number | string | boolean>;
    expect(optimizer!.kwargs.learning_rate).toBe(o.learningRate);
    if (o.name === 'adam') {
      expect(optimizer!.class).toBe('Adam');
      expect([optimizer!.kwargs.beta_1, optimizer!.kwargs.beta_2, optimizer!.kwargs.epsilon]).toEqual([o.beta1, o.beta2, o.epsilon]);
    } else if (o.name === 'sgd') {
      expect([optimizer!.class, optimizer!.kwargs.momentum, optimizer!.kwargs.nesterov]).toEqual(['SGD', o.momentum, o.nesterov]);
    } else {
      expect([optimizer!.class, optimizer!.kwargs.rho, optimizer!.kwargs.epsilon]).toEqual(['RMSprop', o.rho, o.epsilon]);
    }
    expect([optimizer!.kwargs.clipnorm, optimizer!.kwargs.clipvalue]).toEqual([o.clipNorm, o.clipValue]);
  });

  it('writes gradient clipping as Keras\'s clipnorm= or clipvalue= (only when set), and refuses both at once', () => {
    const [c] = sequenceCases();
    const base = c!.network;
    const clip = (o: object) => ({ ...base, train: { ...base.train, optimizer: { ...base.train.optimizer, ...o } } });
    expect(structure(clip({ clipNorm: 1 })).model.compiled.optimizer!.kwargs).toMatchObject({ clipnorm: 1 });
    expect(structure(clip({ clipValue: 0.5 })).model.compiled.optimizer!.kwargs).toMatchObject({ clipvalue: 0.5 });
    expect(structure(base).model.compiled.optimizer!.kwargs).not.toHaveProperty('clipnorm');
    expect(() => compile({ network: clip({ clipNorm: 1, clipValue: 0.5 }) }, 'keras')).toThrow(
      /keras target cannot express clipnorm and clipvalue together: Keras's optimizers apply only clipnorm when both are set/,
    );
  });

  it('refuses a recurrent activation Keras\'s strings cannot carry, naming the layer and line', () => {
    const [c] = sequenceCases();
    const net = c!.network;
    const leaky = { ...net, layers: net.layers.map((l) => (l.kind === 'lstm' ? { ...l, activation: { name: 'leaky_relu' as const, alpha: 0.2 } } : l)) };
    expect(() => compile({ network: leaky }, 'keras')).toThrow(/keras target cannot express leaky_relu\(alpha: 0\.2\) as the activation of lstm layer lstm \(line 1\): a Keras recurrent layer takes one of linear, relu, sigmoid, tanh/);
  });

  it('refuses trained weights, naming the feature and the target', () => {
    const network = featureCases()[0]!;
    expect(() => compile({ network, trained: { weights: [] } }, 'keras')).toThrow(CompileError);
    expect(() => compile({ network, trained: { weights: [] } }, 'keras')).toThrow(/keras target cannot express trained weights/);
  });
});
