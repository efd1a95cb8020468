/**
 * TF.js consumer checks (`npm run test:consumers`): tf.loadLayersModel reads the emitted files from disk,
 * and with trained weights its predictions equal the core's within 1e-4.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile, CompileError } from '@axon/compile';
import type { ResolvedNetwork } from '@axon/language';
import { featureCases, TFJS_UNSUPPORTED } from './cases.js';
import { corePredict, maxAbsDiff, randomInput, trainedModel } from './consumers.js';
import { exampleNetworks, lightExampleNetworks, tempDir, writeOutput } from './helpers.js';
import { fileHandler } from './tfjs-files.js';

const features = featureCases().filter((n) => !(n.name in TFJS_UNSUPPORTED)).map((n) => [n.name, n] as const);
// Predictions on the examples the core runs in seconds; the topology (and its parameter count) of every example.
const cases: (readonly [string, ResolvedNetwork])[] = [...lightExampleNetworks(), ...features];
const topologies: (readonly [string, ResolvedNetwork])[] = [...exampleNetworks(), ...features];

describe('tfjs target in TensorFlow.js', () => {
  it.each(cases)('%s: loadLayersModel on the files; predictions equal the core within 1e-4', async (_name, network) => {
    const trained = trainedModel(network);
    const dir = writeOutput(compile({ network, trained: { weights: trained.weights } }, 'tfjs'), tempDir('tfjs'));
    const model = await tf.loadLayersModel(fileHandler(dir));
    expect(model.inputs[0]!.shape).toEqual([null, ...network.input]);
    expect(model.outputs[0]!.shape).toEqual([null, ...network.outputShape]);
    expect(model.countParams()).toBe(network.params.total);
    const n = 4;
    const x = randomInput(network, n);
    const y = tf.tidy(() => (model.predict(tf.tensor(x, [n, ...network.input])) as tf.Tensor).dataSync());
    expect(maxAbsDiff(y, corePredict(trained.model, x, n))).toBeLessThan(1e-4);
    model.dispose();
  });

  it.each(topologies)('%s: without weights the topology loads with initialised weights', async (_name, network) => {
    const dir = writeOutput(compile({ network }, 'tfjs'), tempDir('tfjs-topology'));
    const model = await tf.loadLayersModel(fileHandler(dir));
    expect(model.countParams()).toBe(network.params.total);
    expect(model.layers.length).toBeGreaterThanOrEqual(network.layers.length);
    model.dispose();
  });

  it.each(Object.entries(TFJS_UNSUPPORTED))('%s: a clear error names the feature and the target', (name, message) => {
    const network = featureCases().find((n) => n.name === name)!;
    expect(() => compile({ network }, 'tfjs')).toThrow(CompileError);
    expect(() => compile({ network }, 'tfjs')).toThrow(message);
  });
});
