import type { ResolvedLayer } from '@axon/language';
import { alloc, ensure, product, type Arr, type DType } from '../arr.js';
import type { Param } from '../param.js';
import type { ForwardContext, LayerImpl } from './layer.js';

type BatchNormSpec = Extract<ResolvedLayer, { kind: 'batch_norm' }>;

/**
 * Batch normalisation over the last axis (Keras semantics): in training, each feature is normalised
 * with the batch's mean and biased variance and the moving statistics are updated as
 * moving = momentum·moving + (1 − momentum)·batch; at inference the moving statistics are used.
 * y = gamma·(x − mean)/√(var + epsilon) + beta.
 */
export class BatchNormLayer implements LayerImpl {
  readonly inSize: number;
  readonly outSize: number;
  readonly params: Param[];
  readonly kernel = null;
  readonly act = null;
  readonly features: number;
  readonly gamma: Param;
  readonly beta: Param;
  readonly movingMean: Param;
  readonly movingVariance: Param;
  private readonly mean: Arr;
  private readonly invStd: Arr;
  private xhat: Arr | undefined;
  private y: Arr | undefined;
  private dx: Arr | undefined;

  constructor(readonly spec: BatchNormSpec, readonly dtype: DType, inputShape: number[]) {
    this.inSize = this.outSize = product(inputShape);
    const c = (this.features = inputShape[inputShape.length - 1] as number);
    const p = (name: string, trainable: boolean, fill: number): Param => ({
      name, shape: [c], value: alloc(dtype, c).fill(fill), grad: alloc(dtype, c), trainable,
    });
    this.gamma = p('gamma', true, 1);
    this.beta = p('beta', true, 0);
    this.movingMean = p('moving_mean', false, 0);
    this.movingVariance = p('moving_variance', false, 1);
    this.params = [this.gamma, this.beta, this.movingMean, this.movingVariance];
    this.mean = alloc(dtype, c);
    this.invStd = alloc(dtype, c);
  }

  preact(): Arr {
    throw new Error('batch_norm has no activation');
  }

  forward(x: Arr, n: number, ctx: ForwardContext): Arr {
    const c = this.features;
    const len = n * this.inSize;
    const rows = len / c;
    const y = (this.y = ensure(this.y, this.dtype, len));
    const gamma = this.gamma.value, beta = this.beta.value;
    const mean = this.mean, invStd = this.invStd;
    const eps = this.spec.epsilon;
    if (!ctx.training) {
      const mm = this.movingMean.value, mv = this.movingVariance.value;
      for (let j = 0; j < c; j++) {
        mean[j] = mm[j];
        invStd[j] = 1 / Math.sqrt(mv[j] + eps);
      }
      for (let i = 0, j = 0; i < len; i++) {
        y[i] = gamma[j] * (x[i] - mean[j]) * invStd[j] + beta[j];
        if (++j === c) j = 0;
      }
      return y;
    }
    mean.fill(0);
    for (let i = 0, j = 0; i < len; i++) {
      mean[j] += x[i];
      if (++j === c) j = 0;
    }
    for (let j = 0; j < c; j++) mean[j] /= rows;
    const variance = invStd; // reuse: holds the variance first
    variance.fill(0);
    for (let i = 0, j = 0; i < len; i++) {
      const d = x[i] - mean[j];
      variance[j] += d * d;
      if (++j === c) j = 0;
    }
    for (let j = 0; j < c; j++) variance[j] /= rows;
    if (ctx.updateStats) {
      const m = this.spec.momentum;
      const mm = this.movingMean.value, mv = this.movingVariance.value;
      for (let j = 0; j < c; j++) {
        mm[j] = m * mm[j] + (1 - m) * mean[j];
        mv[j] = m * mv[j] + (1 - m) * variance[j];
      }
    }
    for (let j = 0; j < c; j++) invStd[j] = 1 / Math.sqrt(variance[j] + eps);
    const xhat = (this.xhat = ensure(this.xhat, this.dtype, len));
    for (let i = 0, j = 0; i < len; i++) {
      const h = (x[i] - mean[j]) * invStd[j];
      xhat[i] = h;
      y[i] = gamma[j] * h + beta[j];
      if (++j === c) j = 0;
    }
    return y;
  }

  backward(dy: Arr, n: number, needDx: boolean): Arr | null {
    const c = this.features;
    const len = n * this.inSize;
    const rows = len / c;
    const xhat = this.xhat as Arr;
    const dGamma = this.gamma.grad, dBeta = this.beta.grad;
    dGamma.fill(0);
    dBeta.fill(0);
    for (let i = 0, j = 0; i < len; i++) {
      dGamma[j] += dy[i] * xhat[i];
      dBeta[j] += dy[i];
      if (++j === c) j = 0;
    }
    if (!needDx) return null;
    const dx = (this.dx = ensure(this.dx, this.dtype, len));
    const gamma = this.gamma.value, invStd = this.invStd;
    for (let i = 0, j = 0; i < len; i++) {
      dx[i] = (gamma[j] * invStd[j] / rows) * (rows * dy[i] - dBeta[j] - xhat[i] * dGamma[j]);
      if (++j === c) j = 0;
    }
    return dx;
  }
}
