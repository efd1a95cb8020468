/**
 * Finite-difference gradient checking in float64: the engine is built with dtype 'float64', so the very
 * same layer, activation, loss and kernel code is checked, just in double precision.
 */
import type { Loss, ResolvedNetwork } from '@axon/language';
import { buildModel, type Model } from '../src/model.js';
import { backwardPass, forwardPass, outputActivation, outputFeatures } from '../src/model.js';
import { computeLoss, planLoss } from '../src/losses.js';
import { createRng } from '../src/rng.js';
import type { LayerImpl } from '../src/layers/layer.js';
import { testRandom } from './net-helpers.js';

export interface GradCheckResult {
  /** Largest |numeric − analytic| / max(1e-3, |numeric|, |analytic|) over all checked entries. */
  worst: number;
  checked: number;
  /** Per parameter ("layer.weight"), entries checked. */
  params: string[];
  /** Sum of |analytic| over all entries: proves the gradients are not trivially zero. */
  magnitude: number;
}

export function randomData(network: ResolvedNetwork, n: number, seed: number, kind: 'regression' | 'onehot' | 'binary'): { x: Float64Array; y: Float64Array } {
  const r = testRandom(seed);
  const inSize = network.input.reduce((a, b) => a * b, 1);
  const outSize = network.outputShape.reduce((a, b) => a * b, 1);
  const x = new Float64Array(n * inSize).map(() => r() * 2 - 1);
  const y = new Float64Array(n * outSize);
  for (let i = 0; i < n; i++) {
    if (kind === 'onehot') y[i * outSize + Math.floor(r() * outSize)] = 1;
    else for (let j = 0; j < outSize; j++) y[i * outSize + j] = kind === 'binary' ? (r() < 0.5 ? 0 : 1) : r() * 2 - 1;
  }
  return { x, y };
}

/** `prepareX`: rewrite the random inputs in place (token ids for an embedding). */
export function gradCheck(network: ResolvedNetwork, loss: Loss, n: number, dataKind: 'regression' | 'onehot' | 'binary', maxPerParam = 40, prepareX?: (x: Float64Array) => void): GradCheckResult {
  const model: Model = buildModel(network, { dtype: 'float64', seed: 3 });
  // Nudge biases away from zero so relu kinks and symmetric cases are not hit exactly.
  const init = testRandom(99);
  for (const l of model.layers) for (const p of l.params) if (p.name === 'bias') p.value.forEach((_, i) => (p.value[i] = (init() - 0.5) * 0.2));
  const { x, y } = randomData(network, n, 11, dataKind);
  prepareX?.(x);
  const plan = planLoss(loss, outputActivation(model), outputFeatures(model));
  const last = model.layers[model.layers.length - 1] as LayerImpl;
  const k = model.outputSize;
  const grad = new Float64Array(n * k);
  const lossAt = (withGrad: boolean): number => {
    const out = forwardPass(model, x, n, { training: true, updateStats: false, observe: false, rng: createRng(5) });
    return computeLoss(plan, plan.fused ? last.preact() : out, y, n, k, withGrad ? grad : null);
  };
  lossAt(true);
  backwardPass(model, grad, n, plan.fused);
  let worst = 0, checked = 0, magnitude = 0;
  const names: string[] = [];
  const pick = testRandom(7);
  for (const layer of model.layers) {
    for (const p of layer.params) {
      if (!p.trainable) continue;
      names.push(`${layer.spec.name}.${p.name}`);
      const analytic = Float64Array.from(p.grad);
      const count = Math.min(maxPerParam, p.value.length);
      const indices = p.value.length <= maxPerParam ? [...Array(p.value.length).keys()] : Array.from({ length: count }, () => Math.floor(pick() * p.value.length));
      for (const i of indices) {
        const v = p.value[i]!;
        const h = 1e-6;
        p.value[i] = v + h;
        const up = lossAt(false);
        p.value[i] = v - h;
        const down = lossAt(false);
        p.value[i] = v;
        const numeric = (up - down) / (2 * h);
        const a = analytic[i]!;
        const err = Math.abs(numeric - a) / Math.max(1e-3, Math.abs(numeric), Math.abs(a));
        if (err > worst) worst = err;
        magnitude += Math.abs(a);
        checked++;
      }
    }
  }
  return { worst, checked, params: names, magnitude };
}
