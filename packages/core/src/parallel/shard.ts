/** One shard's forward, loss and backward pass: the same code on the main thread and in the workers. */
import type { Arr } from '../arr.js';
import type { ForwardContext } from '../layers/layer.js';
import { computeLoss, type LossPlan } from '../losses.js';
import { allParams, backwardPass, forwardPass, outputPreact, type Model } from '../model.js';
import type { Param } from '../param.js';

export interface ShardResult {
  /** The output layer's buffer for the shard's rows. */
  out: Arr;
  /** Mean loss over the shard's rows. */
  value: number;
}

/** Forward + loss + backward over `n` rows; the gradients land in the model's params (mean over the shard). */
export function shardPass(model: Model, plan: LossPlan, x: Arr, y: Arr, n: number, ctx: ForwardContext, grad: Arr): ShardResult {
  const out = forwardPass(model, x, n, ctx);
  const value = computeLoss(plan, plan.fused ? outputPreact(model) : out, y, n, model.outputSize, grad);
  if (Number.isFinite(value)) backwardPass(model, grad, n, plan.fused);
  return { out, value };
}

/** Copies every param's values into `dst` (allParams order). */
export function packWeights(params: readonly Param[], dst: Arr): void {
  let o = 0;
  for (const p of params) {
    dst.set(p.value, o);
    o += p.value.length;
  }
}

export function weightCount(model: Model): number {
  return allParams(model).reduce((s, p) => s + p.value.length, 0);
}
