/**
 * TensorFlow.js as the oracle for graph networks: the branching fixture as a tfjs functional model
 * (`tf.model({ inputs, outputs })` with add / concatenate / multiply / average / maximum), the same
 * weights on both sides, then predictions, loss and every kernel's gradient compared.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { MergeMode, ResolvedNetwork } from '@axon/language';
import { branchingNetwork } from '../../language/test/fixtures/branching-network.js';
import { buildModel, getWeights, predict } from '../src/index.js';
import { data, ourGradients, relErr, syncWeights, tfLoss, TOL } from './tfjs-oracle-helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const MERGES: Record<MergeMode, () => tf.layers.Layer> = {
  add: () => tf.layers.add(),
  concat: () => tf.layers.concatenate({ axis: -1 }),
  multiply: () => tf.layers.multiply(),
  average: () => tf.layers.average(),
  maximum: () => tf.layers.maximum(),
};

/** The network as a tfjs functional model, layer by layer through `inputs` (dense and merge only). */
function toTfjsGraph(network: ResolvedNetwork): tf.LayersModel {
  const input = tf.input({ shape: network.input });
  const outs: tf.SymbolicTensor[] = [];
  const at = (j: number) => (j === -1 ? input : outs[j]!);
  for (const l of network.layers) {
    if (l.kind === 'dense') {
      outs.push(tf.layers.dense({ units: l.units, activation: l.activation.name as 'relu', name: l.name }).apply(at(l.inputs[0]!)) as tf.SymbolicTensor);
    } else if (l.kind === 'merge') {
      outs.push(MERGES[l.mode]().apply(l.inputs.map(at)) as tf.SymbolicTensor);
    } else throw new Error(`oracle graph: no ${l.kind}`);
  }
  return tf.model({ inputs: input, outputs: outs[outs.length - 1]! });
}

describe('TensorFlow.js oracle: graph networks', () => {
  for (const mode of Object.keys(MERGES) as MergeMode[]) {
    it(`${mode}: the same weights give tfjs's outputs, loss and gradients within ${TOL}`, () => {
      const network = branchingNetwork(mode);
      const model = buildModel(network, { seed: 4 });
      const tfm = toTfjsGraph(network);
      // tfjs lists the functional model's weighted layers in the order they were applied: ours.
      expect(tfm.layers.filter((l) => l.weights.length > 0).map((l) => l.name)).toEqual(getWeights(model).map((w) => w.name));
      syncWeights(model, tfm as tf.Sequential, 5);
      const n = 12;
      const { x, y } = data(4, 3, n, 6, 'onehot');
      const ours = predict(model, x, n);
      const theirs = (tfm.predict(tf.tensor(x, [n, 4])) as tf.Tensor).dataSync();
      expect(relErr(ours, theirs)).toBeLessThan(TOL);

      const loss = network.train.loss;
      const og = ourGradients(model, loss, x, y, n);
      const xs = tf.tensor(x, [n, 4]), ys = tf.tensor(y, [n, 3]);
      const vars = tfm.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(() => tfLoss(loss, ys, tfm.apply(xs, { training: true }) as tf.Tensor), vars);
      expect(Math.abs(og.loss - value.dataSync()[0]!) / value.dataSync()[0]!).toBeLessThan(TOL);
      expect(og.grads).toHaveLength(8);
      og.grads.forEach((g, i) => expect(relErr(g, grads[vars[i]!.name]!.dataSync())).toBeLessThan(TOL));
    });
  }
});
