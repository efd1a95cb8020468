/**
 * The engine on graph networks: merge layers (values and exact gradients), fan-out gradients summed,
 * the network input read by several layers, training, and model files.
 */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Loss, MergeMode, ResolvedLayer } from '@axon/language';
import { branchingNetwork, BRANCHING_SOURCE } from '../../language/test/fixtures/branching-network.js';
import { buildModel, fit, getWeights, predict, setWeights, type TrainedModel } from '../src/index.js';
import { loadModel, saveModel, ModelFileError } from '../src/io/index.js';
import { MergeLayer } from '../src/layers/merge.js';
import { outputActivation, outputFeatures } from '../src/model.js';
import { gradCheck } from './gradcheck-helpers.js';
import { graphNet } from './graph-helpers.js';
import { act } from './net-helpers.js';
import { argmaxData } from './fixtures/argmax-data.js';
import { useTempDir } from './temp-dir.js';

const MODES: MergeMode[] = ['add', 'concat', 'multiply', 'average', 'maximum'];
const CE: Loss = { name: 'categorical_crossentropy', fromLogits: false };
const MSE: Loss = { name: 'mse', fromLogits: false };
const TOL = 1e-5;

function mergeSpec(mode: MergeMode, inputShape: number[], outputShape: number[]): Extract<ResolvedLayer, { kind: 'merge' }> {
  const base = branchingNetwork(mode).layers[3] as Extract<ResolvedLayer, { kind: 'merge' }>;
  return { ...base, mode, inputShape, outputShape };
}

describe('merge layer values', () => {
  const a = Float64Array.from([1, -2, 3, 4, 0, 6]);
  const b = Float64Array.from([2, -2, -1, 5, 7, 0.5]);
  const run = (mode: MergeMode) => {
    const layer = new MergeLayer(mergeSpec(mode, [3], mode === 'concat' ? [6] : [3]), 'float64', [[3], [3]]);
    return { layer, y: Array.from(layer.forward([a, b], 2)) };
  };

  it('add, multiply, average, maximum are element-wise', () => {
    expect(run('add').y).toEqual([3, -4, 2, 9, 7, 6.5]);
    expect(run('multiply').y).toEqual([2, 4, -3, 20, 0, 3]);
    expect(run('average').y).toEqual([1.5, -2, 1, 4.5, 3.5, 3.25]);
    expect(run('maximum').y).toEqual([2, -2, 3, 5, 7, 6]);
  });

  it('concat joins each sample along the last axis', () => {
    expect(run('concat').y).toEqual([1, -2, 3, 2, -2, -1, 4, 0, 6, 5, 7, 0.5]);
  });

  it('concat on rank-2 inputs interleaves rows: [2, 2] + [2, 1] → [2, 3]', () => {
    const layer = new MergeLayer(mergeSpec('concat', [2, 2], [2, 3]), 'float64', [[2, 2], [2, 1]]);
    const y = layer.forward([Float64Array.from([1, 2, 3, 4]), Float64Array.from([9, 8])], 1);
    expect(Array.from(y)).toEqual([1, 2, 9, 3, 4, 8]);
    const [da, db] = layer.backward(Float64Array.from([10, 20, 30, 40, 50, 60]), 1, [true, true]);
    expect(Array.from(da!)).toEqual([10, 20, 40, 50]);
    expect(Array.from(db!)).toEqual([30, 60]);
  });

  it('backward: add passes dy, average divides it, multiply scales by the other input', () => {
    const dy = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const add = run('add').layer.backward(dy, 2, [true, true]);
    expect(add[0]).toBe(dy);
    expect(add[1]).toBe(dy);
    expect(Array.from(run('average').layer.backward(dy, 2, [true, false])[0]!)).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
    const mul = run('multiply').layer.backward(dy, 2, [true, true]);
    expect(Array.from(mul[0]!)).toEqual([2, -4, -3, 20, 35, 3]);
    expect(Array.from(mul[1]!)).toEqual([1, -4, 9, 16, 0, 36]);
  });

  it('backward: maximum sends dy to the larger input, to the first one on a tie (as TF.js)', () => {
    const dy = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const [da, db] = run('maximum').layer.backward(dy, 2, [true, true]);
    // a = [1, -2, 3, 4, 0, 6], b = [2, -2, -1, 5, 7, 0.5]: the tie at index 1 goes to a.
    expect(Array.from(da!)).toEqual([0, 2, 3, 0, 0, 6]);
    expect(Array.from(db!)).toEqual([1, 0, 0, 4, 5, 0]);
  });

  it('no gradient is computed for an input that does not need one', () => {
    const dy = Float64Array.from([1, 2, 3, 4, 5, 6]);
    for (const mode of MODES) expect(run(mode).layer.backward(mode === 'concat' ? new Float64Array(12) : dy, 2, [false, true])[0]).toBeNull();
  });
});

describe('finite-difference gradient checks on graphs (float64)', () => {
  for (const mode of MODES) {
    it(`the branching fixture with a ${mode} merge (softmax + cross-entropy)`, () => {
      const r = gradCheck(branchingNetwork(mode), CE, 6, 'onehot');
      expect(r.params).toEqual(['dense.kernel', 'dense.bias', 'dense_1.kernel', 'dense_1.bias', 'dense_2.kernel', 'dense_2.bias', 'dense_3.kernel', 'dense_3.bias']);
      expect(r.worst).toBeLessThan(TOL);
      expect(r.magnitude).toBeGreaterThan(1e-3);
    });
  }

  it('the network input read by two layers', () => {
    const net = graphNet([4], [
      { dense: 5, activation: act('tanh'), inputs: [-1] },
      { dense: 5, activation: act('sigmoid'), inputs: [-1] },
      { merge: 'multiply', inputs: [0, 1] },
      { dense: 2, inputs: [2] },
    ]);
    const r = gradCheck(net, MSE, 5, 'regression');
    expect(r.checked).toBeGreaterThan(40);
    expect(r.worst).toBeLessThan(TOL);
  });

  it('a merge that reads the network input (an identity shortcut) and one layer read three times', () => {
    const net = graphNet([4], [
      { dense: 4, activation: act('tanh'), inputs: [-1] },
      { merge: 'add', inputs: [-1, 0] },
      { dense: 3, activation: act('relu'), inputs: [1] },
      { dense: 3, activation: act('elu', { alpha: 0.5 }), inputs: [1] },
      { merge: 'concat', inputs: [2, 3, 2] },
      { dense: 2, inputs: [4] },
    ]);
    const r = gradCheck(net, MSE, 5, 'regression');
    expect(r.params).toHaveLength(8);
    expect(r.worst).toBeLessThan(TOL);
    expect(r.magnitude).toBeGreaterThan(1e-3);
  });

  it('a merge reading the same layer twice doubles its gradient (add(x, x) = 2x)', () => {
    const twice = graphNet([3], [{ dense: 4, activation: act('tanh'), inputs: [-1] }, { merge: 'add', inputs: [0, 0] }, { dense: 2, inputs: [1] }]);
    expect(gradCheck(twice, MSE, 4, 'regression').worst).toBeLessThan(TOL);
    const model = buildModel(twice, { seed: 1 });
    const x = Float32Array.from({ length: 6 }, (_, i) => i / 6 - 0.4);
    const doubled = predict(model, x, 2);
    // The same weights with the last kernel doubled on a chain give the same output.
    const chain = graphNet([3], [{ dense: 4, activation: act('tanh'), inputs: [-1] }, { dense: 2, inputs: [0] }]);
    const plain = buildModel(chain, { seed: 1 });
    const w = getWeights(model);
    setWeights(plain, [
      { ...w[0]!, layer: 0 },
      { ...w[1]!, layer: 1, weights: [{ ...w[1]!.weights[0]!, values: w[1]!.weights[0]!.values.map((v) => 2 * v) }, w[1]!.weights[1]!] },
    ]);
    const expected = predict(plain, x, 2);
    doubled.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
  });
});

describe('the output layer is found through the graph', () => {
  it('fuses the loss with the output softmax and takes the classes from its shape', () => {
    const model = buildModel(branchingNetwork('concat'));
    expect(outputActivation(model)).toEqual({ name: 'softmax' });
    expect(outputFeatures(model)).toBe(3);
    expect(model.outputSize).toBe(3);
    expect(model.layers[3]!.outSize).toBe(12);
  });

  it('a network whose output is a merge has no output activation', () => {
    const net = graphNet([4], [{ dense: 3, inputs: [-1] }, { dense: 3, inputs: [-1] }, { merge: 'maximum', inputs: [0, 1] }]);
    const model = buildModel(net);
    expect(outputActivation(model)).toBeUndefined();
    expect(model.outputSize).toBe(3);
  });

  it('refuses a layer that reads a later layer', () => {
    const net = branchingNetwork('add');
    const bad = { ...net, layers: net.layers.map((l) => (l.index === 1 ? { ...l, inputs: [2] } : l)) };
    expect(() => buildModel(bad)).toThrow('layer 1 (dense_1): reads from [2]; every input must be -1 (the network input) or an earlier layer');
  });
});

describe('training a graph', () => {
  for (const mode of ['add', 'concat'] as const) {
    it(`fit lowers the loss of the ${mode} fixture and learns the task`, async () => {
      const model = buildModel(branchingNetwork(mode));
      const result = await fit(model, argmaxData(240, 5), argmaxData(60, 6), { epochs: 30 });
      const first = result.history[0]!, last = result.history[result.history.length - 1]!;
      expect(result.stopReason).toBe('completed');
      expect(last.loss).toBeLessThan(first.loss * 0.6);
      expect(last.valMetrics!.accuracy).toBeGreaterThan(0.75);
      // Diagnostics for every layer, the merge included (no kernel, no activation).
      expect(last.diagnostics.map((d) => d.name)).toEqual(['dense', 'dense_1', 'dense_2', 'merge', 'dense_3']);
      expect(last.diagnostics[3]).toEqual({ layer: 3, name: 'merge' });
      expect(last.diagnostics[0]!.gradNorm).toBeGreaterThan(0);
      expect(last.diagnostics[1]!.saturatedFraction).toBeGreaterThanOrEqual(0);
    });
  }
});

describe('model files of a graph', () => {
  const dir = useTempDir('axon-graph-io-');

  async function trained(mode: MergeMode): Promise<{ trainedModel: TrainedModel; x: Float32Array; before: Float32Array }> {
    const network = branchingNetwork(mode);
    const model = buildModel(network);
    await fit(model, argmaxData(64, 2), undefined, { epochs: 2 });
    const x = argmaxData(10, 9).x;
    return { trainedModel: { network, source: BRANCHING_SOURCE, weights: getWeights(model), featureNames: ['a', 'b', 'c', 'd'] }, x, before: predict(model, x, 10) };
  }

  it('save → load (given the network) → the same predictions, and the wiring is recorded', async () => {
    const { trainedModel, x, before } = await trained('concat');
    const out = join(dir(), 'concat');
    await saveModel(out, trainedModel);
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(json.graph).toEqual([
      { name: 'dense', kind: 'dense', inputs: [-1] },
      { name: 'dense_1', kind: 'dense', inputs: [0] },
      { name: 'dense_2', kind: 'dense', inputs: [0] },
      { name: 'merge', kind: 'merge', inputs: [1, 2] },
      { name: 'dense_3', kind: 'dense', inputs: [3] },
    ]);
    const loaded = await loadModel(out, { network: branchingNetwork('concat') });
    const again = buildModel(loaded.network);
    setWeights(again, loaded.weights);
    expect(Array.from(predict(again, x, 10))).toEqual(Array.from(before));
  });

  it('refuses to read a graph model as the chain its source writes, or as another graph', async () => {
    const { trainedModel } = await trained('add');
    const out = join(dir(), 'add');
    await saveModel(out, trainedModel);
    await expect(loadModel(out)).rejects.toThrow(`${join(out, 'model.json')}: records 5 layers but the source has 4 (network Branching)`);
    const rewired = branchingNetwork('add');
    const other = { ...rewired, layers: rewired.layers.map((l) => (l.index === 2 ? { ...l, inputs: [1] } : l)) };
    const err = await loadModel(out, { network: other }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as Error).message).toContain('layer 2 is dense_2 (dense) reading [0] in the file but dense_2 (dense) reading [1] in the given network');
  });

  it('a model file written before graphs (no "graph") loads as a chain', async () => {
    const { check } = await import('@axon/language');
    const network = check(BRANCHING_SOURCE).networks[0]!;
    const model = buildModel(network);
    const out = join(dir(), 'old');
    await saveModel(out, { network, source: BRANCHING_SOURCE, weights: getWeights(model), featureNames: ['a', 'b', 'c', 'd'] });
    const path = join(out, 'model.json');
    const json = JSON.parse(await readFile(path, 'utf8'));
    delete json.graph;
    await writeFile(path, JSON.stringify(json));
    const loaded = await loadModel(out);
    expect(loaded.network.layers.map((l) => l.inputs)).toEqual([[-1], [0], [1], [2]]);
    json.graph = [{ name: 'dense', kind: 'dense', inputs: ['x'] }];
    await writeFile(path, JSON.stringify(json));
    await expect(loadModel(out)).rejects.toThrow('"graph" must be an array of { name, kind, inputs: integer[] }');
  });
});
