/**
 * The sequence layers in every target, without the frameworks: the JSON IR's version and schema, what
 * each target writes for them, and the clear errors for what a target cannot express (the layer, its
 * line and why). The frameworks run the code in the *.consumer.test.ts files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compile, CompileError, IR_GRAPH_VERSION, IR_VERSION, toIr } from '@axon/compile';
import { networkOf, ROOT, textOf } from './helpers.js';
import { sequenceCases } from './sequence-cases.js';
import { randomWeights } from './sequence-consumers.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'packages/compile/schema/axon-network.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const source = (layers: string, train = 'optimizer: adam') => `network Seq {
  input [10, 3]
  task regression(2)
  layers {
${layers}
    dense(2)
  }
  train { ${train} }
}
`;

describe('the JSON IR of sequence networks', () => {
  it.each(sequenceCases().map((c) => [c.network.name, c.network] as const))('%s is version 2 and validates against the schema', (_name, network) => {
    const doc = JSON.parse(textOf(compile({ network }, 'json'), `${network.name}.json`));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.version).toBe(IR_GRAPH_VERSION);
  });

  it('writes a recurrent layer\'s arguments resolved, in a fixed order', () => {
    const ir = toIr(networkOf(source('    lstm(4, return_sequences: true, bidirectional: true, dropout: 0.1)\n    gru(3)')));
    expect(ir.layers[0]!.config).toEqual({
      units: 4,
      returnSequences: true,
      bidirectional: true,
      activation: { name: 'tanh' },
      activationExplicit: false,
      recurrentActivation: { name: 'sigmoid' },
      dropout: 0.1,
      recurrentDropout: 0,
      useBias: true,
    });
    expect(ir.layers[0]!.outputShape).toEqual([10, 8]);
    expect(ir.layers[1]!.params.trainable).toBe(3 * 3 * (8 + 3) + 2 * 3 * 3);
  });

  it('gradient clipping makes a version-2 document; without it a dense chain stays version 1 with the same keys', () => {
    const dense = (train: string) => networkOf(`network D {\n  input [4]\n  layers {\n    dense(3, activation: relu)\n    dense(1)\n  }\n  train { ${train} }\n}\n`);
    const plain = toIr(dense('optimizer: adam'));
    expect(plain.version).toBe(IR_VERSION);
    expect(Object.keys(plain.train.optimizer)).toEqual(['name', 'learningRate', 'beta1', 'beta2', 'epsilon']);
    const clipped = toIr(dense('optimizer: adam(clipnorm: 1.0, clipvalue: 0.5)'));
    expect(clipped.version).toBe(IR_GRAPH_VERSION);
    expect(clipped.train.optimizer).toMatchObject({ name: 'adam', clipNorm: 1, clipValue: 0.5 });
    expect(validate(JSON.parse(JSON.stringify(clipped))), JSON.stringify(validate.errors)).toBe(true);
    // A version-1 document may not carry clipping, nor a sequence kind.
    expect(validate({ ...JSON.parse(JSON.stringify(clipped)), version: 1, layers: plain.layers })).toBe(false);
  });

  it('rejects sequence configs that break the format', () => {
    const good = () => JSON.parse(JSON.stringify(toIr(networkOf(source('    conv1d(4, 3, padding: same)\n    lstm(3, return_sequences: true)\n    global_max_pool1d()')))));
    expect(validate(good()), JSON.stringify(validate.errors)).toBe(true);
    const broken = [
      (d: any) => delete d.layers[1].config.units,
      (d: any) => delete d.layers[1].config.recurrentActivation,
      (d: any) => (d.layers[1].config.dropout = 1),
      (d: any) => (d.layers[0].config.kernel = [3]),
      (d: any) => (d.layers[2].config.extra = 1),
      (d: any) => (d.train.optimizer.clipNorm = 0),
    ];
    for (const breakIt of broken) {
      const d = good();
      breakIt(d);
      expect(validate(d), JSON.stringify(d.layers[1]).slice(0, 80)).toBe(false);
    }
  });
});

describe('what the targets cannot express: the layer, its line and why', () => {
  it('tfjs refuses a GRU: TF.js 4.22 has no reset_after GRU', () => {
    const network = networkOf(source('    lstm(4, return_sequences: true)\n    gru(3)'));
    expect(() => compile({ network }, 'tfjs')).toThrow(CompileError);
    expect(() => compile({ network }, 'tfjs')).toThrow(
      "the tfjs target cannot express gru layer gru (line 6): Axon's GRU is Keras's reset_after=True GRU, and TensorFlow.js 4.22 cannot load it (its GRUCell rejects reset_after: true); use lstm or simple_rnn here, or --target onnx or pytorch",
    );
  });

  it('onnx refuses a cell activation its recurrent operators lack', () => {
    const network = networkOf(source('    lstm(4, activation: selu)'));
    const weights = randomWeights(network);
    expect(() => compile({ network, trained: { weights } }, 'onnx')).toThrow(
      'the onnx target cannot express selu as the activation of lstm layer lstm (line 5): the ONNX LSTM/GRU/RNN operators take sigmoid, tanh, relu, linear, leaky_relu or elu',
    );
  });

  it('keras and tfjs refuse an activation with an argument inside a cell; pytorch and onnx run it', () => {
    const network = networkOf(source('    simple_rnn(4, activation: leaky_relu(alpha: 0.2))'));
    expect(() => compile({ network }, 'keras')).toThrow(/keras target cannot express leaky_relu\(alpha: 0\.2\) as the activation of simple_rnn layer simple_rnn \(line 5\)/);
    expect(() => compile({ network }, 'tfjs')).toThrow(/tfjs target cannot express leaky_relu\(alpha: 0\.2\) as the activation of simple_rnn layer simple_rnn \(line 5\)/);
    expect(textOf(compile({ network }, 'pytorch'), 'model.py')).toContain('rt.Recurrent("simple_rnn", 3, 4, False, False, {"name": "leaky_relu", "alpha": 0.2}, None, 0, 0, True, fused=False)');
    expect(() => compile({ network, trained: { weights: randomWeights(network) } }, 'onnx')).not.toThrow();
  });
});

describe('what the targets write for the sequence layers', () => {
  const network = () => networkOf(source('    conv1d(6, 3, stride: 2, padding: same, activation: relu)\n    max_pool1d(2)\n    lstm(4, return_sequences: true, bidirectional: true)\n    gru(3, recurrent_dropout: 0.2)', 'optimizer: sgd(clipvalue: 0.5)'));

  it('pytorch: nn.LSTM where it fits, the step loop for recurrent dropout, Keras same padding for conv1d', () => {
    const model = textOf(compile({ network: network() }, 'pytorch'), 'model.py');
    expect(model).toContain('rt.Conv1d(3, 6, 3, 2, (0, 1), {"name": "relu"}');
    expect(model).toContain('rt.Pool1d("max", 2, 2, (0, 0))');
    expect(model).toContain('rt.Recurrent("lstm", 6, 4, True, True, {"name": "tanh"}, {"name": "sigmoid"}, 0, 0, True, fused=True)');
    expect(model).toContain('rt.Recurrent("gru", 8, 3, False, False, {"name": "tanh"}, {"name": "sigmoid"}, 0, 0.2, True, fused=False)');
    expect(model).toMatch(/"clipValue": 0\.5/);
  });

  it('tfjs: Conv1D, MaxPooling1D and a Bidirectional LSTM with forward_/backward_ weight names', () => {
    const net = networkOf(source('    conv1d(6, 3)\n    max_pool1d(2)\n    lstm(4, bidirectional: true)'));
    const out = compile({ network: net, trained: { weights: randomWeights(net) } }, 'tfjs');
    const mj = JSON.parse(textOf(out, 'model.json'));
    const layers = mj.modelTopology.config.layers as { class_name: string; config: Record<string, any> }[];
    expect(layers.map((l) => l.class_name)).toEqual(['Conv1D', 'MaxPooling1D', 'Bidirectional', 'Dense']);
    expect(layers[2]!.config.layer).toMatchObject({ class_name: 'LSTM', config: { units: 4, recurrent_activation: 'sigmoid', unit_forget_bias: true, return_sequences: false } });
    expect(mj.weightsManifest[0].weights.map((w: { name: string }) => w.name).slice(2, 8)).toEqual([
      'lstm/forward_lstm/kernel',
      'lstm/forward_lstm/recurrent_kernel',
      'lstm/forward_lstm/bias',
      'lstm/backward_lstm/kernel',
      'lstm/backward_lstm/recurrent_kernel',
      'lstm/backward_lstm/bias',
    ]);
  });
});
