/** Running one compiled sequence network in TF.js, PyTorch and onnxruntime-node (the sequence consumer tests). */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { compile } from '@axon/compile';
import type { ResolvedNetwork } from '@axon/language';
import { HARNESS, lcg, randomInput, runPython, writeFloat32 } from './consumers.js';
import { tempDir, writeOutput } from './helpers.js';
import type { SequenceCase } from './sequence-cases.js';
import { expectedWeights, type LayerWeights } from '../src/weights.js';

/** Seeded Keras-layout weights in [-0.5, 0.5) for every tensor the network has. */
export function randomWeights(net: ResolvedNetwork, seed = 99): LayerWeights[] {
  const rand = lcg(seed);
  return net.layers
    .map((l) => ({
      layer: l.index,
      name: l.name,
      weights: expectedWeights(l).map((e) => {
        const size = e.shape.reduce((a, b) => a * b, 1);
        return { name: e.name, shape: e.shape, values: Float32Array.from({ length: size }, () => rand() - 0.5) };
      }),
    }))
    .filter((lw) => lw.weights.length > 0);
}

/** Inputs for a case: token ids (as floats) below its vocabulary, else values in [-2, 2). */
export function sequenceInput(c: SequenceCase, n: number, seed = 11): Float32Array {
  if (c.vocabulary === undefined) return randomInput(c.network, n, seed);
  const rand = lcg(seed);
  const size = c.network.input.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: n * size }, () => Math.floor(rand() * c.vocabulary!));
}

export async function tfjsPredict(net: ResolvedNetwork, weights: LayerWeights[], x: Float32Array, n: number): Promise<{ out: Float32Array; params: number }> {
  const out = compile({ network: net, trained: { weights } }, 'tfjs');
  const mj = JSON.parse(out.files[0]!.contents as string);
  const w = out.files[1]!.contents as Uint8Array;
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: mj.modelTopology, weightSpecs: mj.weightsManifest[0].weights, weightData: w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer }),
  );
  const y = tf.tidy(() => (model.predict(tf.tensor(x, [n, ...net.input])) as tf.Tensor).dataSync() as Float32Array);
  const params = model.countParams();
  model.dispose();
  return { out: y, params };
}

export interface TorchResult {
  shape: number[];
  out: number[];
  trainable: number;
  nonTrainable: number;
  modules: string[];
}

export function torchPredict(net: ResolvedNetwork, weights: LayerWeights[], x: Float32Array, n: number): TorchResult {
  const dir = writeOutput(compile({ network: net, trained: { weights } }, 'pytorch'), tempDir('seq-torch'));
  writeFloat32(join(dir, 'x.bin'), x);
  return JSON.parse(runPython([HARNESS('torch_forward.py'), dir, join(dir, 'x.bin'), String(n)])) as TorchResult;
}

export async function onnxPredict(net: ResolvedNetwork, weights: LayerWeights[], x: Float32Array, n: number): Promise<{ out: Float32Array; dims: readonly number[]; ops: string[]; outputDims: (number | string)[] }> {
  const ort = await import('onnxruntime-node');
  const file = writeOutput(compile({ network: net, trained: { weights } }, 'onnx'), tempDir('seq-onnx'));
  const check = JSON.parse(runPython([HARNESS('onnx_check.py'), file])) as { ops: string[]; output_dims: (number | string)[] };
  const session = await ort.InferenceSession.create(file);
  const r = await session.run({ input: new ort.Tensor('float32', x, [n, ...net.input]) });
  return { out: r.output!.data as Float32Array, dims: r.output!.dims, ops: check.ops, outputDims: check.output_dims };
}
