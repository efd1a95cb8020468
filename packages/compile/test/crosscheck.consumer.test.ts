/**
 * Layer placements the core's engine does not run (dense on an image's channel axis, rank-2 samples)
 * but the analyzer accepts: TF.js (channels-last, Keras semantics) is the reference, and PyTorch and
 * ONNX must agree with it within 1e-4 on the same weights.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '@axon/compile';
import type { ResolvedNetwork } from '@axon/language';
import { conv, dense, network } from './fixtures.js';
import { HARNESS, lcg, maxAbsDiff, randomInput, requirePythonModule, runPython, trainedModel, writeFloat32 } from './consumers.js';
import { exampleNetworks, HEAVY_MACS, macsPerSample, tempDir, writeOutput } from './helpers.js';
import { expectedWeights, type LayerWeights } from '../src/weights.js';

function randomWeights(net: ResolvedNetwork): LayerWeights[] {
  const rand = lcg(99);
  return net.layers
    .map((l) => ({
      layer: l.index,
      name: l.name,
      weights: expectedWeights(l).map((e) => {
        const size = e.shape.reduce((a, b) => a * b, 1);
        const values = Float32Array.from({ length: size }, () => (e.name === 'moving_variance' || e.name === 'gamma' ? 0.5 + rand() : rand() - 0.5));
        return { name: e.name, shape: e.shape, values };
      }),
    }))
    .filter((lw) => lw.weights.length > 0);
}

const cases = (): ResolvedNetwork[] => [
  network('DenseOnImage', [4, 5, 3], [
    conv(4, 3, { padding: 'same' }),
    dense(6, { name: 'prelu', init: 0.25 }),
    { kind: 'batch_norm', momentum: 0.99, epsilon: 1e-3 },
    dense(3, { name: 'softmax' }),
  ]),
  network('Sequence', [6, 4], [
    dense(5, { name: 'leaky_relu', alpha: 0.1 }),
    { kind: 'batch_norm', momentum: 0.9, epsilon: 1e-3 },
    { kind: 'activation', activation: { name: 'prelu', init: 0.2 } },
    dense(3, { name: 'softmax' }),
    { kind: 'flatten' },
    dense(2),
  ]),
];

describe('pytorch and onnx agree with tfjs where the core has no reference', () => {
  beforeAll(() => {
    requirePythonModule('torch');
    requirePythonModule('onnx');
  });

  it.each(cases().map((n) => [n.name, n] as const))('%s', async (_name, net) => {
    const weights = randomWeights(net);
    const n = 3;
    const x = randomInput(net, n);

    const tfjsOut = compile({ network: net, trained: { weights } }, 'tfjs');
    const mj = JSON.parse(tfjsOut.files[0]!.contents as string);
    const w = tfjsOut.files[1]!.contents as Uint8Array;
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: mj.modelTopology, weightSpecs: mj.weightsManifest[0].weights, weightData: w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer }),
    );
    const reference = tf.tidy(() => (model.predict(tf.tensor(x, [n, ...net.input])) as tf.Tensor).dataSync());
    expect(reference.length).toBe(n * net.outputShape.reduce((a, b) => a * b, 1));

    const dir = writeOutput(compile({ network: net, trained: { weights } }, 'pytorch'), tempDir('cross-torch'));
    writeFloat32(join(dir, 'x.bin'), x);
    const torch = JSON.parse(runPython([HARNESS('torch_forward.py'), dir, join(dir, 'x.bin'), String(n)])) as { out: number[]; trainable: number };
    expect(torch.trainable).toBe(net.params.trainable);
    expect(maxAbsDiff(torch.out, reference)).toBeLessThan(1e-4);

    const ort = await import('onnxruntime-node');
    const file = writeOutput(compile({ network: net, trained: { weights } }, 'onnx'), tempDir('cross-onnx'));
    runPython([HARNESS('onnx_check.py'), file]);
    const session = await ort.InferenceSession.create(file);
    const r = await session.run({ input: new ort.Tensor('float32', x, [n, ...net.input]) });
    expect(maxAbsDiff(r.output!.data as Float32Array, reference)).toBeLessThan(1e-4);
  });
});

/**
 * The ImageNet-size examples (ResNet50, DenseNet121), too slow for the core's forward pass in a test:
 * with the core's seeded initial weights (batch-norm statistics perturbed), the PyTorch module and the
 * ONNX model — two independent translations of the whole graph, NCHW both — give the same
 * probabilities, relative to the largest one.
 */
describe('ImageNet-size examples: pytorch and onnx agree on the whole graph', () => {
  beforeAll(() => {
    requirePythonModule('torch');
    requirePythonModule('onnx');
  });

  const heavy = exampleNetworks().filter(([, n]) => macsPerSample(n) >= HEAVY_MACS);

  it('the heavy examples are ResNet50 and DenseNet121', () => {
    expect(heavy.map(([name]) => name).sort()).toEqual(['densenet121.axon:DenseNet121', 'resnet50.axon:ResNet50']);
  });

  it.each(heavy)('%s', async (_name, net) => {
    const { weights } = trainedModel(net);
    const n = 2;
    const x = randomInput(net, n);
    const dir = writeOutput(compile({ network: net, trained: { weights } }, 'pytorch'), tempDir('cross-heavy-torch'));
    writeFloat32(join(dir, 'x.bin'), x);
    const torch = JSON.parse(runPython([HARNESS('torch_forward.py'), dir, join(dir, 'x.bin'), String(n)], { timeout: 300_000 })) as { out: number[]; shape: number[] };
    expect(torch.shape).toEqual([n, ...net.outputShape]);

    const ort = await import('onnxruntime-node');
    const file = writeOutput(compile({ network: net, trained: { weights } }, 'onnx'), tempDir('cross-heavy-onnx'));
    const session = await ort.InferenceSession.create(file);
    const r = await session.run({ input: new ort.Tensor('float32', x, [n, ...net.input]) });
    const onnx = r.output!.data as Float32Array;
    const largest = Math.max(...torch.out);
    // The two samples tell apart (a constant output would pass any comparison).
    const width = net.outputShape[0]!;
    expect(maxAbsDiff(torch.out.slice(0, width), torch.out.slice(width))).toBeGreaterThan(largest * 1e-3);
    expect(maxAbsDiff(onnx, torch.out) / largest).toBeLessThan(1e-4);
  });
});
