import { describe, expect, it } from 'vitest';
import type { ResolvedNetwork } from '@axon/language';
import { DEFAULT_THRESHOLDS, gradientChecks, initialLossCheck, lossTrendChecks, runChecks, unitChecks, type Snapshot } from '@axon/diagnose';

const t = DEFAULT_THRESHOLDS;

/** Enough of a resolved network for the checks: names per layer and a task. */
function net(layers: number, task: ResolvedNetwork['task'] = { kind: 'classification', classes: 3 }): ResolvedNetwork {
  return {
    name: 'N',
    task,
    layers: Array.from({ length: layers }, (_, i) => ({ name: i === 0 ? 'dense' : `dense_${i}`, inputs: [i - 1] })),
  } as unknown as ResolvedNetwork;
}

const snap = (norms: number[], extra: Partial<Snapshot['layers'][number]>[] = []): Snapshot => ({
  loss: Math.log(3),
  layers: norms.map((gradNorm, layer) => ({ layer, name: layer === 0 ? 'dense' : `dense_${layer}`, gradNorm, ...extra[layer] })),
});

describe('gradient checks (AUTOTRAINER thresholds)', () => {
  it('flags layers whose norm is below 1e-3 of the output layer and below 1e-4, with the measured figures', () => {
    const f = gradientChecks(net(4), snap([3e-9, 2e-5, 0.01, 0.03]), t);
    expect(f.map((x) => [x.check, x.layer])).toEqual([
      ['vanishing-gradients', 0],
      ['vanishing-gradients', 1],
    ]);
    expect(f[0]!.message).toBe("layer 1 (dense): gradient norm 3.0e-9, 1.0e-7 of the output layer's — this layer barely learns (vanishing gradients)");
    expect(f[0]!.figures.ratio).toBeCloseTo(1e-7, 12);
  });

  it('needs both conditions: a small ratio with a norm above 1e-4 is not vanishing', () => {
    expect(gradientChecks(net(2), snap([2e-4, 1]), t)).toEqual([]);
  });

  it('flags exploding gradients above 70× the output layer, and NaN as an error', () => {
    const f = gradientChecks(net(3), snap([80, 1, 1]), t);
    expect(f.map((x) => x.check)).toEqual(['exploding-gradients']);
    expect(f[0]!.figures.ratio).toBe(80);
    const nan = gradientChecks(net(3), snap([Number.NaN, 1, 1]), t);
    expect(nan).toHaveLength(1);
    expect(nan[0]!.severity).toBe('error');
  });

  it('measures against the weighted layer nearest the output along the graph, not the last one in the list', () => {
    // 0 dense(input) ─────────────────────────┐
    // 1 dense(input) → 2 dense → 3 activation ─┴→ 4 add (output): layer 0 is 2 layers from the output, layer 2 is 3.
    const graph = {
      name: 'G',
      task: { kind: 'regression' },
      layers: [
        { name: 'dense', inputs: [-1] },
        { name: 'dense_1', inputs: [-1] },
        { name: 'dense_2', inputs: [1] },
        { name: 'activation', inputs: [2] },
        { name: 'add', inputs: [0, 3] },
      ],
    } as unknown as ResolvedNetwork;
    const s: Snapshot = {
      loss: 1,
      layers: [
        { layer: 0, name: 'dense', gradNorm: 1 },
        { layer: 1, name: 'dense_1', gradNorm: 5e-5 },
        { layer: 2, name: 'dense_2', gradNorm: 5e-5 },
        { layer: 3, name: 'activation' },
        { layer: 4, name: 'add' },
      ],
    };
    const f = gradientChecks(graph, s, t);
    // Against layer 0's norm 1 both 5e-5 layers vanish; index order would have taken layer 2 (5e-5) as the reference and found nothing.
    expect(f.map((x) => [x.check, x.layer, x.figures.outputGradNorm])).toEqual([
      ['vanishing-gradients', 1, 1],
      ['vanishing-gradients', 2, 1],
    ]);
  });
});

describe('unit checks', () => {
  it('flags a layer with more than 50 % dead units and one with more than 50 % saturated pre-activations', () => {
    const s = snap([1, 1, 1], [{ deadFraction: 0.5 }, { deadFraction: 0.75 }, { saturatedFraction: 0.9 }]);
    const f = unitChecks(net(3), s, t);
    expect(f.map((x) => [x.check, x.layer])).toEqual([
      ['dying-relu', 1],
      ['saturation', 2],
    ]);
    expect(f[0]!.message).toBe('layer 2 (dense_1): 75 % of its relu units are dead (never positive on the evaluation batch)');
  });
});

describe('initial loss (TheDeepChecker)', () => {
  it('accepts a loss near ln(C) and flags one off by more than ln(C)', () => {
    expect(initialLossCheck(net(1), { loss: 1.2, layers: [] }, t)).toEqual([]);
    const f = initialLossCheck(net(1), { loss: 2.3, layers: [] }, t);
    expect(f).toHaveLength(1);
    expect(f[0]!.figures.expected).toBeCloseTo(Math.log(3), 12);
    expect(initialLossCheck(net(1, { kind: 'regression', outputs: 1 }), { loss: 100, layers: [] }, t)).toEqual([]);
  });
});

describe('loss trend', () => {
  it('reports a diverged loss as an error naming the check', () => {
    const f = lossTrendChecks([1, 0.9, Number.POSITIVE_INFINITY, Number.NaN], t);
    expect(f.map((x) => [x.check, x.severity, x.figures.check])).toEqual([['diverged-loss', 'error', 3]]);
  });
  it('reports a stall when the last 5 checks fell by less than 5 %', () => {
    expect(lossTrendChecks([1.1, 1.1, 1.09, 1.08, 1.07, 1.06], t).map((x) => x.check)).toEqual(['stalled-loss']);
    expect(lossTrendChecks([1.1, 1.0, 0.9, 0.8, 0.7, 0.6], t)).toEqual([]);
  });
  it('says a rising loss is diverging', () => {
    const f = lossTrendChecks([1, 10, 100, 1e3, 1e4], t);
    expect(f[0]!.message).toBe('the loss rose from 1 to 1.0e4 over the last 5 checks — training is diverging; lower the learning rate');
  });
  it('does not call a converged run stalled', () => {
    expect(lossTrendChecks([1.1, 0.3, 0.05, 0.05, 0.05, 0.05, 0.05], t)).toEqual([]);
  });
});

describe('runChecks', () => {
  it('judges gradients at step 0 and units at the end, with overridable thresholds', () => {
    const evidence = { initial: snap([1e-6, 1]), final: snap([1, 1], [{ deadFraction: 0.6 }]), losses: [1, 0.5] };
    expect(runChecks(net(2), evidence).map((f) => f.check)).toEqual(['vanishing-gradients', 'dying-relu']);
    expect(runChecks(net(2), evidence, { deadFraction: 0.7, vanishingRatio: 1e-7 })).toEqual([]);
  });
});
