/**
 * ONNX consumer checks (`npm run test:consumers`): the exported model passes Debian's python3-onnx
 * checker (full check + strict shape inference) and runs in onnxruntime-node with outputs equal to the core's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, CompileError } from '@axon/compile';
import type { ResolvedNetwork } from '@axon/language';
import { featureCases } from './cases.js';
import { corePredict, HARNESS, maxAbsDiff, randomInput, requirePythonModule, runPython, trainedModel } from './consumers.js';
import { lightExampleNetworks, tempDir, writeOutput } from './helpers.js';

async function loadOrt(): Promise<typeof import('onnxruntime-node')> {
  try {
    return await import('onnxruntime-node');
  } catch (err) {
    throw new Error(
      `consumer missing: onnxruntime-node does not load (${(err as Error).message}). Install it with: ONNXRUNTIME_NODE_INSTALL=skip npm install (its CPU binaries ship in the package)`,
    );
  }
}

// The ImageNet-size examples are left to the parameter-count checks (helpers.ts, HEAVY_MACS).
const cases: (readonly [string, ResolvedNetwork])[] = [
  ...lightExampleNetworks(),
  ...featureCases().map((n) => [n.name, n] as const),
];

describe('onnx target', () => {
  beforeAll(() => requirePythonModule('onnx'));

  it.each(cases)('%s: passes onnx.checker and matches the core in onnxruntime-node within 1e-4', async (_name, network) => {
    const ort = await loadOrt();
    const trained = trainedModel(network);
    const file = writeOutput(compile({ network, trained: { weights: trained.weights, featureNames: ['a"b'], labelNames: ['x'] } }, 'onnx'), tempDir('onnx'));
    const check = JSON.parse(runPython([HARNESS('onnx_check.py'), file])) as {
      ir_version: number;
      opset: number;
      output_dims: (number | string)[];
      metadata: Record<string, string>;
    };
    expect(check.opset).toBe(13);
    expect(check.ir_version).toBe(7);
    expect(check.output_dims).toEqual(['N', ...network.outputShape]);
    expect(check.metadata['axon.name']).toBe(network.name);
    expect(JSON.parse(check.metadata['axon.feature_names']!)).toEqual(['a"b']);

    const n = 6;
    const x = randomInput(network, n);
    const session = await ort.InferenceSession.create(file);
    const result = await session.run({ input: new ort.Tensor('float32', x, [n, ...network.input]) });
    const output = result.output!;
    expect(output.dims).toEqual([n, ...network.outputShape]);
    const core = corePredict(trained.model, x, n);
    expect(maxAbsDiff(output.data as Float32Array, core)).toBeLessThan(1e-4);
  });

  it('refuses an untrained network, naming the feature and the target', () => {
    expect(() => compile({ network: featureCases()[0]! }, 'onnx')).toThrow(CompileError);
    expect(() => compile({ network: featureCases()[0]! }, 'onnx')).toThrow(/onnx target cannot express an untrained network: .*--weights/);
  });
});
