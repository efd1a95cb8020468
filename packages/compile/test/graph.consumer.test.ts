/**
 * Graph networks in the real frameworks (`npm run test:consumers`): the branching fixture (a fork and a
 * join) in every merge mode, two conv branches on an image (concat joins channels, NHWC in Axon, NCHW in
 * PyTorch and ONNX), a shortcut from the network's input, the new layers (zero padding, global pooling,
 * `use_bias: false`) in chains, and graphs written in source (graph-sources.ts: a small ResNet, an
 * Inception/DenseNet-style network, parallel merges nested in a residual). PyTorch, TF.js
 * (tf.loadLayersModel) and onnxruntime-node predict what the core predicts, within 1e-4, with the
 * same weights.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '@axon/compile';
import type { MergeMode, ResolvedNetwork } from '@axon/language';
import { branchingNetwork } from '../../language/test/fixtures/branching-network.js';
import { graphCases, newLayerCases } from './cases.js';
import { sourceGraphs } from './graph-sources.js';
import { corePredict, HARNESS, maxAbsDiff, randomInput, requirePythonModule, runPython, trainedModel, writeFloat32 } from './consumers.js';
import { tempDir, writeOutput } from './helpers.js';
import { fileHandler } from './tfjs-files.js';

const MODES: MergeMode[] = ['add', 'concat', 'multiply', 'average', 'maximum'];

const cases: (readonly [string, ResolvedNetwork])[] = [
  ...MODES.map((m) => [`Branching_${m}`, branchingNetwork(m)] as const),
  ...(['add', 'concat'] as const).flatMap((m) => graphCases(m, m).map((n) => [n.name, n] as const)),
  ...graphCases('maximum', 'multiply').map((n) => [n.name, n] as const),
  ...newLayerCases().map((n) => [n.name, n] as const),
  ...sourceGraphs().map((n) => [n.name, n] as const),
];

/** The core's predictions on seeded weights (batch-norm statistics perturbed) for `n` random samples. */
function reference(network: ResolvedNetwork, n: number) {
  const trained = trainedModel(network);
  const x = randomInput(network, n);
  const core = corePredict(trained.model, x, n);
  // A constant output would make every comparison pass: the samples must tell apart.
  const width = network.outputShape.reduce((a, b) => a * b, 1);
  expect(maxAbsDiff(core.subarray(0, width), core.subarray(width, 2 * width))).toBeGreaterThan(1e-3);
  return { trained, x, core };
}

describe('graphs in PyTorch', () => {
  beforeAll(() => requirePythonModule('torch'));

  it.each(cases)('%s: the forward over the graph equals the core within 1e-4; parameters as the analyzer', (_name, network) => {
    const n = 5;
    const { trained, x, core } = reference(network, n);
    const dir = writeOutput(compile({ network, trained: { weights: trained.weights } }, 'pytorch'), tempDir('torch-graph'));
    writeFloat32(join(dir, 'x.bin'), x);
    const torch = JSON.parse(runPython([HARNESS('torch_forward.py'), dir, join(dir, 'x.bin'), String(n)])) as {
      shape: number[];
      out: number[];
      trainable: number;
      nonTrainable: number;
      modules: string[];
    };
    expect(torch.shape).toEqual([n, ...network.outputShape]);
    expect(torch.trainable).toBe(network.params.trainable);
    expect(torch.nonTrainable).toBe(network.params.nonTrainable);
    expect(torch.modules.filter((m) => m === 'Merge')).toHaveLength(network.layers.filter((l) => l.kind === 'merge').length);
    expect(maxAbsDiff(torch.out, core)).toBeLessThan(1e-4);
  });
});

describe('graphs in TensorFlow.js', () => {
  it.each(cases)('%s: loadLayersModel reads the Functional model; predictions equal the core within 1e-4', async (_name, network) => {
    const n = 4;
    const { trained, x, core } = reference(network, n);
    const dir = writeOutput(compile({ network, trained: { weights: trained.weights } }, 'tfjs'), tempDir('tfjs-graph'));
    const model = await tf.loadLayersModel(fileHandler(dir));
    expect(model.inputs[0]!.shape).toEqual([null, ...network.input]);
    expect(model.outputs[0]!.shape).toEqual([null, ...network.outputShape]);
    expect(model.countParams()).toBe(network.params.total);
    const y = tf.tidy(() => (model.predict(tf.tensor(x, [n, ...network.input])) as tf.Tensor).dataSync());
    expect(maxAbsDiff(y, core)).toBeLessThan(1e-4);
    model.dispose();
  });
});

describe('graphs in ONNX', () => {
  beforeAll(() => requirePythonModule('onnx'));

  it.each(cases)('%s: passes onnx.checker; onnxruntime-node equals the core within 1e-4', async (_name, network) => {
    const ort = await import('onnxruntime-node');
    const n = 6;
    const { trained, x, core } = reference(network, n);
    const file = writeOutput(compile({ network, trained: { weights: trained.weights } }, 'onnx'), tempDir('onnx-graph'));
    const check = JSON.parse(runPython([HARNESS('onnx_check.py'), file])) as { output_dims: (number | string)[]; ops: string[] };
    expect(check.output_dims).toEqual(['N', ...network.outputShape]);
    const merges = network.layers.flatMap((l) => (l.kind === 'merge' ? [l.mode] : []));
    const OP: Record<MergeMode, string> = { add: 'Add', concat: 'Concat', multiply: 'Mul', average: 'Mean', maximum: 'Max' };
    for (const m of merges) expect(check.ops).toContain(OP[m]);
    const session = await ort.InferenceSession.create(file);
    const result = await session.run({ input: new ort.Tensor('float32', x, [n, ...network.input]) });
    expect(result.output!.dims).toEqual([n, ...network.outputShape]);
    expect(maxAbsDiff(result.output!.data as Float32Array, core)).toBeLessThan(1e-4);
  });
});
