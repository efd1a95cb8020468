import { describe, expect, it } from 'vitest';
import { makeVariant, resolve, summarizeSweep, variantEdits, hiddenLayers, SWEEP_ACTIVATIONS, RECOMMENDED_INIT, type SweepRun } from '@axon/diagnose';
import type { EpochLog } from '@axon/core';
import { branchingNetwork } from '../../language/test/fixtures/branching-network.js';
import { EXPECTED_RECOMMENDED_INIT } from '../../language/test/fixtures/recommended-init.js';

const SPEC = `network Deep {
  input [4]
  task classification(classes: 3)
  layers {
    dense(8, activation: sigmoid)
    repeat 3 {
      stage(8)
    }
    activation(tanh)
    dense(3, activation: softmax)
  }
}

block stage(width) {
  dense(width, activation: sigmoid, init: glorot_normal)
  dropout(0.1)
}
`;

describe('sweep variants', () => {
  it('hidden layers are those before the output layer', () => {
    const net = resolve(SPEC, 'Deep');
    expect(hiddenLayers(net).map((l) => l.kind)).toEqual(['dense', 'dense', 'dropout', 'dense', 'dropout', 'dense', 'dropout', 'activation']);
  });

  it('edits each hidden activation once where it is written, and leaves the output layer alone', () => {
    const v = makeVariant(SPEC, 'Deep', 'relu', 'keep');
    expect(v.source).toContain('dense(8, activation: relu)');
    expect(v.source).toContain('dense(width, activation: relu, init: glorot_normal)');
    expect(v.source).toContain('activation(relu)');
    expect(v.source).toContain('dense(3, activation: softmax)');
    const acts = v.network.layers.filter((l) => 'activation' in l).map((l) => ('activation' in l ? l.activation.name : ''));
    expect(acts).toEqual(['relu', 'relu', 'relu', 'relu', 'relu', 'softmax']);
  });

  it('with init auto, sets the recommended initialiser (replacing or inserting the argument)', () => {
    const selu = makeVariant(SPEC, 'Deep', 'selu', 'auto');
    expect(selu.source).toContain('dense(8, activation: selu, init: lecun_normal)');
    expect(selu.source).toContain('dense(width, activation: selu, init: lecun_normal)');
    const relu = makeVariant(SPEC, 'Deep', 'relu', 'auto');
    expect(relu.network.layers.filter((l) => l.kind === 'dense').map((l) => (l.kind === 'dense' ? l.init.name : ''))).toEqual([
      'he_normal',
      'he_normal',
      'he_normal',
      'he_normal',
      'glorot_uniform',
    ]);
  });

  it('recomputes parameters: prelu adds one learned slope per unit', () => {
    const base = resolve(SPEC, 'Deep');
    const prelu = makeVariant(SPEC, 'Deep', 'prelu', 'keep');
    // Four hidden dense layers of 8 units gain 8 slopes each; activation(prelu) after the last gains 8 more.
    expect(prelu.network.params.trainable - base.params.trainable).toBe(4 * 8 + 8);
  });

  it('edits nothing in a network without hidden non-linear layers', () => {
    const net = resolve('network L {\n  input [2]\n  layers {\n    dense(4)\n    dense(1)\n  }\n}\n', 'L');
    expect(variantEdits(net, 'relu', 'auto')).toEqual([]);
  });
});

function run(activation: SweepRun['activation'], seed: number, valAccuracy: number, valLoss: number, bestEpoch = 3): SweepRun {
  const history: EpochLog[] = [1, 2, 3].map((epoch) => ({
    epoch,
    loss: valLoss + 0.1,
    metrics: { accuracy: valAccuracy },
    valLoss: epoch === bestEpoch ? valLoss : valLoss + 0.5,
    valMetrics: { accuracy: epoch === bestEpoch ? valAccuracy : 0 },
    diagnostics: [{ layer: 0, name: 'dense', gradNorm: 1, deadFraction: activation === 'relu' ? 0.25 : undefined }],
    ms: 1,
  }));
  return { activation, seed, history, bestEpoch, stopReason: 'completed', wallMs: 1000 * seed, peakMemoryMB: 10 + seed, params: 99 };
}

describe('summarizeSweep', () => {
  it('averages the best-epoch validation metric over seeds, ranks best first, breaks ties by loss', () => {
    const variants = summarizeSweep(
      [run('sigmoid', 1, 0.4, 1.0), run('sigmoid', 2, 0.5, 1.0), run('relu', 1, 1, 0.2), run('relu', 2, 1, 0.2), run('elu', 1, 1, 0.1), run('elu', 2, 1, 0.1)],
      { kind: 'classification', classes: 3 },
    );
    expect(variants.map((v) => [v.name, v.rank])).toEqual([
      ['elu', 1],
      ['relu', 2],
      ['sigmoid', 3],
    ]);
    const sigmoid = variants[2]!;
    expect(sigmoid.metric).toBe('val_accuracy');
    expect(sigmoid.mean).toBeCloseTo(0.45, 12);
    expect(sigmoid.spread).toBeCloseTo(Math.sqrt(0.005), 12);
    expect(sigmoid.wallMs).toBe(1500);
    expect(sigmoid.peakMemoryMB).toBe(12);
    expect(variants[1]!.deadFraction).toBe(0.25);
    expect(sigmoid.deadFraction).toBeUndefined();
  });

  it('compares R² on a regression and counts a diverged run as the worst value', () => {
    const a = run('relu', 1, 0, 0.1);
    a.history.forEach((h) => (h.valMetrics = { r2: 0.9 }));
    const b = run('sigmoid', 1, 0, Number.NaN);
    b.history.forEach((h) => (h.valMetrics = { r2: Number.NaN }));
    b.stopReason = 'diverged';
    const v = summarizeSweep([b, a], { kind: 'regression', outputs: 1 });
    expect(v.map((x) => [x.name, x.metric, x.mean])).toEqual([
      ['relu', 'val_r2', 0.9],
      ['sigmoid', 'val_r2', 0],
    ]);
  });
});

describe('the sweep vocabulary comes from the catalog', () => {
  it('the default activations: the relu family, then the saturating ones, tanh before sigmoid', () => {
    expect(SWEEP_ACTIVATIONS).toEqual(['relu', 'leaky_relu', 'prelu', 'elu', 'selu', 'tanh', 'sigmoid']);
  });

  it('each activation’s recommended initialiser', () => {
    expect(RECOMMENDED_INIT).toEqual(EXPECTED_RECOMMENDED_INIT);
  });
});

describe('variants of a graph', () => {
  it('the hidden layers of the branching fixture: both branches and the merge, not the output', () => {
    expect(hiddenLayers(branchingNetwork('add')).map((l) => l.name)).toEqual(['dense', 'dense_1', 'dense_2', 'merge']);
  });

  it('its activation edits land on the layers written with one (the trunk and the tanh branch)', () => {
    const edits = variantEdits(branchingNetwork('concat'), 'elu', 'keep');
    expect(edits.map((e) => e.newText)).toEqual(['elu', 'elu']);
    expect(edits.map((e) => e.range.start.line)).toEqual([6, 7]);
  });
});
