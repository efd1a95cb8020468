/**
 * Training diagnostics taken from the passes training already runs (no second pass):
 * kernel-gradient L2 norms, dead relu units, saturated sigmoid/tanh pre-activations.
 * And `probeGradients`: one forward + backward on a batch, no update, for step-0 checks.
 */
import type { Loss } from '@axon/language';
import { alloc } from './arr.js';
import { K } from './kernels.js';
import type { EngineLayer } from './layers/layer.js';
import { computeLoss, planLoss } from './losses.js';
import { backwardPass, checkInput, forwardPass, outputActivation, outputFeatures, outputPreact, toDtype, type Model } from './model.js';
import { deriveRng } from './rng.js';
import type { Dataset, LayerDiagnostics } from './types.js';

/** Accumulates per-layer gradient norms over the batches of an epoch. */
export class DiagnosticsAccumulator {
  private readonly normSums: Float64Array;
  /** Per recurrent layer, the running sum of its per-step gradient norms. */
  private readonly stepSums: (Float64Array | null)[];
  private batches = 0;

  constructor(private readonly layers: readonly EngineLayer[]) {
    this.normSums = new Float64Array(layers.length);
    this.stepSums = layers.map(() => null);
  }

  reset(): void {
    this.normSums.fill(0);
    this.stepSums.fill(null);
    this.batches = 0;
    for (const l of this.layers) l.act?.resetDiagnostics();
  }

  /** Call after each backward pass. */
  addGradients(): void {
    const layers = this.layers;
    for (let i = 0; i < layers.length; i++) {
      const k = (layers[i] as EngineLayer).kernel;
      const layer = layers[i] as EngineLayer;
      if (k) this.normSums[i]! += Math.sqrt(K.sumSquares(k.grad, k.grad.length));
      if (layer.stepGradNorms) {
        const steps = layer.stepGradNorms();
        const sum = (this.stepSums[i] ??= new Float64Array(steps.length));
        for (let t = 0; t < steps.length; t++) sum[t]! += steps[t]!;
      }
    }
    this.batches++;
  }

  result(): LayerDiagnostics[] {
    return this.layers.map((l, i) => {
      const d: LayerDiagnostics = { layer: i, name: l.spec.name };
      if (l.kernel && this.batches > 0) d.gradNorm = this.normSums[i]! / this.batches;
      const dead = l.act?.deadFraction();
      if (dead !== undefined) d.deadFraction = dead;
      const sat = l.act?.saturatedFraction();
      if (sat !== undefined) d.saturatedFraction = sat;
      const steps = this.stepSums[i];
      if (steps && this.batches > 0) d.stepGradNorms = Array.from(steps, (v) => v / this.batches);
      return d;
    });
  }
}

/**
 * One forward (training mode: dropout on, batch statistics, moving statistics untouched) and one
 * backward pass over the whole batch, without any update. Returns the loss and, per layer, the
 * kernel-gradient norm, dead-unit and saturation fractions for this batch.
 */
export function probeGradients(model: Model, batch: Dataset, options: { loss?: Loss } = {}): { loss: number; layers: LayerDiagnostics[] } {
  const n = batch.n;
  checkInput(model, batch.x, n, 'probeGradients');
  if (batch.y.length < n * model.outputSize) {
    throw new Error(`probeGradients: ${n} targets of ${model.outputSize} values need ${n * model.outputSize} values, got ${batch.y.length}`);
  }
  const loss = options.loss ?? model.network.train.loss;
  const plan = planLoss(loss, outputActivation(model), outputFeatures(model));
  const acc = new DiagnosticsAccumulator(model.layers);
  acc.reset();
  const out = forwardPass(model, toDtype(model, batch.x), n, { training: true, updateStats: false, observe: true, rng: deriveRng(model.seed, 3) });
  const input = plan.fused ? outputPreact(model) : out;
  const grad = alloc(model.dtype, n * model.outputSize);
  const value = computeLoss(plan, input, toDtype(model, batch.y), n, model.outputSize, grad);
  backwardPass(model, grad, n, plan.fused);
  acc.addGradients();
  const layers = acc.result();
  for (const l of model.layers) l.act?.resetDiagnostics();
  return { loss: value, layers };
}
