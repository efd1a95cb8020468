/** diagnoseNetwork: the short seeded run through core's training pipeline, on a chain and on a graph. */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '@axon/core';
import { diagnoseNetwork, headBatch, lossChecks } from '@axon/diagnose';
import { branchingNetwork } from '../../language/test/fixtures/branching-network.js';
import { argmaxData } from '../../core/test/fixtures/argmax-data.js';

/** Deterministic data: class = which of the first three features is largest (seed 17). */
function data(n: number): Dataset {
  return argmaxData(n, 17);
}

describe('diagnoseNetwork on the branching fixture', () => {
  for (const mode of ['add', 'concat'] as const) {
    it(`${mode}: runs exactly the steps asked, with evidence for every layer (the merge has no kernel)`, async () => {
      const result = await diagnoseNetwork(branchingNetwork(mode), data(96), { steps: 30, checks: 10 });
      expect(result.steps).toBe(30);
      // 96 rows in batches of 8: 12 steps an epoch, so 30 steps end inside the third epoch.
      expect(result.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
      expect(result.evidence.losses).toHaveLength(10);
      for (const snap of [result.evidence.initial, result.evidence.final]) {
        expect(snap.layers.map((l) => l.name)).toEqual(['dense', 'dense_1', 'dense_2', 'merge', 'dense_3']);
        expect(snap.layers[3]!.gradNorm).toBeUndefined();
        for (const i of [0, 1, 2, 4]) expect(snap.layers[i]!.gradNorm).toBeGreaterThan(0);
      }
      expect(result.evidence.initial.loss).toBeGreaterThan(0.8);
      expect(result.evidence.final.loss).toBeLessThan(result.evidence.initial.loss);
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    });
  }

  it('the helpers: headBatch views the first rows, lossChecks averages consecutive steps', () => {
    const d = data(10);
    const head = headBatch(d, 4);
    expect(head.n).toBe(4);
    expect(Array.from(head.x)).toEqual(Array.from(d.x.subarray(0, 16)));
    expect(lossChecks([4, 2, 3, 1, 5, 5, 9], 3)).toEqual([3, 2, 5]);
  });
});
