/**
 * TensorFlow.js as the oracle for graph networks: each network as a tfjs functional model
 * (`tf.model({ inputs, outputs })` with add / concatenate / multiply / average / maximum), the same
 * weights on both sides, then predictions, loss and every trainable tensor's gradient compared.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { check, type Loss, type MergeMode, type ResolvedNetwork } from '@axon/language';
import { branchingNetwork } from '../../language/test/fixtures/branching-network.js';
import { getWeights } from '../src/index.js';
import { compareGraph, MERGES, TOL } from './tfjs-oracle-helpers.js';
import { CONCAT_SOURCE, concatNet, RESIDUAL_SOURCE, residualNet } from './graph-nets.js';
import { act, dense, net } from './net-helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const CE: Loss = { name: 'categorical_crossentropy', fromLogits: false };

describe('TensorFlow.js oracle: graph networks', () => {
  for (const mode of Object.keys(MERGES) as MergeMode[]) {
    it(`${mode}: the same weights give tfjs's outputs, loss and gradients within ${TOL}`, () => {
      const network = branchingNetwork(mode);
      const r = compareGraph(network, network.train.loss, 'onehot', 12, 3);
      // tfjs lists the functional model's weighted layers in the order they were applied: ours.
      expect(r.tfm.layers.filter((l) => l.weights.length > 0).map((l) => l.name)).toEqual(getWeights(r.model).map((w) => w.name));
      expect(r.forwardErr).toBeLessThan(TOL);
      expect(r.lossErr).toBeLessThan(TOL);
      expect(r.gradErrs).toHaveLength(8);
      for (const e of r.gradErrs) expect(e).toBeLessThan(TOL);
    });
  }

  it(`a residual CNN (conv → BN → relu → conv → BN + identity, add, relu, global average pool, dense) agrees within ${TOL}`, () => {
    const r = compareGraph(residualNet(), CE, 'onehot', 6, 40);
    expect(r.forwardErr).toBeLessThan(TOL);
    expect(r.lossErr).toBeLessThan(TOL);
    // stem conv kernel+bias, conv (no bias), BN γβ, conv (no bias), BN γβ, dense kernel+bias
    expect(r.gradErrs).toHaveLength(10);
    for (const e of r.gradErrs) expect(e).toBeLessThan(TOL);
  });

  it(`a parallel concat of two conv branches with zero padding and global max pooling agrees within ${TOL}`, () => {
    const r = compareGraph(concatNet(), CE, 'onehot', 6, 50);
    expect(r.forwardErr).toBeLessThan(TOL);
    expect(r.lossErr).toBeLessThan(TOL);
    expect(r.gradErrs).toHaveLength(5);
    for (const e of r.gradErrs) expect(e).toBeLessThan(TOL);
  });

  it('global max pooling gives a tie the full gradient at every tied position, as tfjs does', () => {
    // Each sample's second row repeats its first, so a 1×1 conv's maximum is always reached twice:
    // tfjs's max gradient (dy · (x == max)) counts both, so giving only one the gradient would halve the kernel's.
    const network = net([2, 3, 2], [{ kind: 'conv2d', filters: 3, kernel: [1, 1], useBias: false }, { kind: 'global_max_pool2d' }, dense(2, act('softmax'))]);
    const row = 3 * 2;
    const r = compareGraph(network, CE, 'onehot', 5, 60, (x) => {
      for (let s = 0; s < x.length; s += 2 * row) x.copyWithin(s + row, s, s + row);
    });
    expect(r.forwardErr).toBeLessThan(TOL);
    expect(r.gradErrs).toHaveLength(3);
    for (const e of r.gradErrs) expect(e).toBeLessThan(TOL);
  });

  for (const [label, text, byHand, grads] of [['residual', RESIDUAL_SOURCE, residualNet, 10], ['concat', CONCAT_SOURCE, concatNet, 5]] as const) {
    it(`the ${label} network written as source is the hand-built one, and agrees with tfjs within ${TOL}`, () => {
      const result = check(text);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const network = result.networks[0]!;
      const wiring = (n: ResolvedNetwork) => n.layers.map((l) => [l.name, l.kind, l.inputs, l.outputShape, l.params.trainable]);
      expect(wiring(network)).toEqual(wiring(byHand()));
      const r = compareGraph(network, CE, 'onehot', 6, 70);
      expect(r.forwardErr).toBeLessThan(TOL);
      expect(r.lossErr).toBeLessThan(TOL);
      expect(r.gradErrs).toHaveLength(grads);
      for (const e of r.gradErrs) expect(e).toBeLessThan(TOL);
    });
  }
});
