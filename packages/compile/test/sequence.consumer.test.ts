/**
 * Sequence networks against the core (`npm run test:consumers`): each case built in @axon/core with a
 * fixed seed (buildModel), compiled with those weights, and run by PyTorch, TF.js (tf.loadLayersModel;
 * GRUs refused, see TFJS_SEQUENCE_UNSUPPORTED) and onnxruntime-node on the same inputs: predictions
 * equal the core's within 1e-4; parameter counts equal the analyzer's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, CompileError } from '@axon/compile';
import { corePredict, maxAbsDiff, requirePythonModule, trainedModel } from './consumers.js';
import { sequenceCases, TFJS_SEQUENCE_UNSUPPORTED, type SequenceCase } from './sequence-cases.js';
import { onnxPredict, sequenceInput, tfjsPredict, torchPredict } from './sequence-consumers.js';
import { fusedRecurrent } from '../src/targets/pytorch.js';

const cases = sequenceCases().map((c) => [c.network.name, c] as const);
const tfjsCases = cases.filter(([name]) => !(name in TFJS_SEQUENCE_UNSUPPORTED));

/** The core's predictions on its seeded weights for `n` samples, which must tell apart. */
function reference(c: SequenceCase, n: number) {
  const trained = trainedModel(c.network);
  const x = sequenceInput(c, n);
  const core = corePredict(trained.model, x, n);
  const width = c.network.outputShape.reduce((a, b) => a * b, 1);
  expect(maxAbsDiff(core.subarray(0, width), core.subarray(width, 2 * width))).toBeGreaterThan(1e-3);
  return { weights: trained.weights, x, core };
}

describe('sequence networks in PyTorch', () => {
  beforeAll(() => requirePythonModule('torch'));

  it.each(cases)('%s: equals the core within 1e-4; parameters as the analyzer', (_name, c) => {
    const n = 5;
    const { weights, x, core } = reference(c, n);
    const torch = torchPredict(c.network, weights, x, n);
    expect(torch.shape).toEqual([n, ...c.network.outputShape]);
    expect([torch.trainable, torch.nonTrainable]).toEqual([c.network.params.trainable, c.network.params.nonTrainable]);
    expect(maxAbsDiff(torch.out, core)).toBeLessThan(1e-4);
  });

  it('runs torch\'s own modules where they fit and the step loop elsewhere', () => {
    const recurrentOf = (name: string) => sequenceCases().find((c) => c.network.name === name)!.network.layers.filter((l) => l.kind === 'lstm' || l.kind === 'gru' || l.kind === 'simple_rnn');
    expect(recurrentOf('BiLstmStack').map((l) => fusedRecurrent(l as never))).toEqual([true, true]);
    expect(recurrentOf('GruStack').map((l) => fusedRecurrent(l as never))).toEqual([true, true]);
    expect(recurrentOf('SimpleRnn').map((l) => fusedRecurrent(l as never))).toEqual([true, true]);
    expect(recurrentOf('LstmRelu').map((l) => fusedRecurrent(l as never))).toEqual([false]);
    expect(recurrentOf('GruLoop').map((l) => fusedRecurrent(l as never))).toEqual([false, false]);
  });
});

describe('sequence networks in TensorFlow.js', () => {
  it.each(tfjsCases)('%s: loadLayersModel; predictions equal the core within 1e-4', async (_name, c) => {
    const n = 4;
    const { weights, x, core } = reference(c, n);
    const tfjs = await tfjsPredict(c.network, weights, x, n);
    expect(tfjs.params).toBe(c.network.params.total);
    expect(maxAbsDiff(tfjs.out, core)).toBeLessThan(1e-4);
  });

  it.each(Object.entries(TFJS_SEQUENCE_UNSUPPORTED))('%s: the GRU is refused with the reason (TF.js 4.22 has no reset_after GRU)', (name, message) => {
    const network = sequenceCases().find((c) => c.network.name === name)!.network;
    expect(() => compile({ network }, 'tfjs')).toThrow(CompileError);
    expect(() => compile({ network }, 'tfjs')).toThrow(message);
  });
});

describe('sequence networks in ONNX', () => {
  beforeAll(() => requirePythonModule('onnx'));

  it.each(cases)('%s: passes onnx.checker; onnxruntime-node equals the core within 1e-4', async (_name, c) => {
    const n = 6;
    const { weights, x, core } = reference(c, n);
    const onnx = await onnxPredict(c.network, weights, x, n);
    expect(onnx.outputDims).toEqual(['N', ...c.network.outputShape]);
    const ops = new Set(onnx.ops);
    for (const l of c.network.layers) {
      const op = { lstm: 'LSTM', gru: 'GRU', simple_rnn: 'RNN', embedding: 'Gather', conv1d: 'Conv', max_pool1d: 'MaxPool', avg_pool1d: 'AveragePool', global_avg_pool1d: 'ReduceMean', global_max_pool1d: 'ReduceMax' }[l.kind as string];
      if (op) expect(ops.has(op), `${l.name} as ${op}`).toBe(true);
    }
    expect(onnx.dims).toEqual([n, ...c.network.outputShape]);
    expect(maxAbsDiff(onnx.out, core)).toBeLessThan(1e-4);
  });
});
