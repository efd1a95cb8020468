/**
 * The dynamic counterpart of lint's init-scale: a sigmoid/tanh layer whose initial weights are too
 * large for its fan-in is measured saturated at step 0, and the finding says it confirms init-scale.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '@axon/core';
import { analyze, parse } from '@axon/language';
import { lintText, resolveConfig } from '@axon/lint';
import { DEFAULT_THRESHOLDS, diagnoseNetwork, initialSaturationCheck, toLintFindings, type Snapshot } from '../src/index.js';

const spec = (init: string) => `network Wide {
  input [32]
  task regression(outputs: 1)
  layers {
    dense(32, activation: tanh, init: ${init})
    dense(1)
  }
  train {
    batch_size: 16
  }
}
`;

/** 64 rows of 32 standardised-looking features (a fixed LCG), target their mean. */
function data(): Dataset {
  let s = 12345;
  const r = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const n = 64;
  const x = new Float32Array(n * 32).map(() => r() * 1.7);
  const y = new Float32Array(n).map((_, i) => x.subarray(i * 32, i * 32 + 32).reduce((a, b) => a + b, 0) / 32);
  return { x, y, n, inputShape: [32], targetSize: 1 };
}

async function diagnose(init: string) {
  const text = spec(init);
  const network = analyze(parse(text).ast).networks[0]!;
  const lint = lintText(text, { config: resolveConfig({ presets: ['all'] }) }).findings;
  const result = await diagnoseNetwork(network, data(), { steps: 4, checks: 2 });
  return { lint, result, findings: toLintFindings(text, network, result.findings, lint) };
}

describe('initial-saturation confirms init-scale', () => {
  it('random_normal(stddev: 2) before tanh, fan-in 32: lint predicts it, step 0 measures it', async () => {
    const { lint, result, findings } = await diagnose('random_normal(stddev: 2)');
    expect(lint.filter((f) => f.ruleId === 'init-scale').map((f) => f.messageId)).toEqual(['saturates']);
    const measured = result.evidence.initial.layers[0]!.saturatedFraction!;
    // Pre-activation std ≈ √32 × 2 × 0.98 ≈ 11: about 65 % of |x| ≥ 5.
    expect(measured).toBeGreaterThan(0.4);
    expect(measured).toBeLessThan(0.9);
    const initial = findings.filter((f) => f.ruleId === 'diagnose/initial-saturation');
    expect(initial).toHaveLength(1);
    expect(initial[0]!.message).toMatch(/^layer 1 \(dense\): \d+ % of its pre-activations are saturated \(\|x\| ≥ 5\) at step 0, before any update — the initial weights are too large for its fan-in; confirms `init-scale`$/);
    expect(initial[0]!.related?.[0]?.message).toMatch(/^static rule `init-scale`: init: random_normal\(stddev: 2\) gives dense \(fan-in 32\)/);
  });

  it('glorot_uniform: neither lint nor step 0 finds saturation', async () => {
    const { lint, result, findings } = await diagnose('glorot_uniform');
    expect(lint.filter((f) => f.ruleId === 'init-scale')).toEqual([]);
    expect(result.evidence.initial.layers[0]!.saturatedFraction!).toBeLessThan(0.05);
    expect(findings.filter((f) => f.ruleId === 'diagnose/initial-saturation')).toEqual([]);
  });

  it('the check itself: above 20 % at step 0, with the measured fraction', () => {
    const snap: Snapshot = { loss: 1, layers: [{ layer: 0, name: 'dense', saturatedFraction: 0.2 }, { layer: 1, name: 'dense_1', saturatedFraction: 0.35 }] };
    const network = { name: 'N', layers: [{ name: 'dense', inputs: [-1] }, { name: 'dense_1', inputs: [0] }] } as never;
    const f = initialSaturationCheck(network, snap, DEFAULT_THRESHOLDS);
    expect(f.map((x) => [x.check, x.layer, x.figures.saturatedFraction])).toEqual([['initial-saturation', 1, 0.35]]);
  });
});
