/**
 * Optimizers with Keras's update rules (the formulas are spelled out on the kernels), each with
 * Keras's gradient clipping before its update (`clipValue`, then `clipNorm`; see `clipGradient`).
 */
import type { GradientClipping, Optimizer } from '@axon/language';
import { alloc } from './arr.js';
import { K } from './kernels.js';
import type { Param } from './param.js';
import type { Arr } from './arr.js';

export interface OptimizerState {
  readonly config: Optimizer;
  /** Steps taken so far. */
  iterations: number;
  step(): void;
}

export function createOptimizer(config: Optimizer, params: Param[]): OptimizerState {
  const trainable = params.filter((p) => p.trainable);
  const clipping = config.clipValue !== undefined || config.clipNorm !== undefined;
  const slots = (): Arr[] => trainable.map((p) => alloc(p.value instanceof Float64Array ? 'float64' : 'float32', p.value.length));
  /** An optimizer whose step updates each trainable param `i` in turn, given the step number `t` (from 1). */
  const stepping = (update: (p: Param, i: number, t: number) => void): OptimizerState => ({
    config,
    iterations: 0,
    step() {
      const t = ++this.iterations;
      for (let i = 0; i < trainable.length; i++) {
        const p = trainable[i] as Param;
        if (clipping) clipGradient(p.grad, p.grad.length, config);
        update(p, i, t);
      }
    },
  });
  switch (config.name) {
    case 'sgd': {
      const v = slots();
      return stepping((p, i) => K.sgdStep(p.value, p.grad, v[i] as Arr, p.value.length, config.learningRate, config.momentum, config.nesterov));
    }
    case 'adam': {
      const m = slots();
      const v = slots();
      let lrT = 0, at = 0;
      return stepping((p, i, t) => {
        if (at !== t) {
          lrT = (config.learningRate * Math.sqrt(1 - Math.pow(config.beta2, t))) / (1 - Math.pow(config.beta1, t));
          at = t;
        }
        K.adamStep(p.value, p.grad, m[i] as Arr, v[i] as Arr, p.value.length, lrT, config.beta1, config.beta2, config.epsilon);
      });
    }
    case 'rmsprop': {
      const v = slots();
      return stepping((p, i) => K.rmspropStep(p.value, p.grad, v[i] as Arr, p.value.length, config.learningRate, config.rho, config.epsilon));
    }
  }
}

/**
 * Keras's gradient clipping of one weight tensor's gradient, in place: `clipValue` clamps every
 * element to [−v, v]; then `clipNorm` scales the tensor by clipNorm / ‖g‖ when its L2 norm exceeds
 * clipNorm (per tensor, as Keras's `clipnorm` and `tf.clip_by_norm`; not the global norm).
 */
export function clipGradient(g: Arr, len: number, clip: GradientClipping): void {
  const v = clip.clipValue;
  if (v !== undefined) {
    for (let i = 0; i < len; i++) {
      const x = g[i] as number;
      if (x > v) g[i] = v;
      else if (x < -v) g[i] = -v;
    }
  }
  const c = clip.clipNorm;
  if (c !== undefined) {
    const norm = Math.sqrt(K.sumSquares(g, len));
    if (norm > c) {
      const scale = c / norm;
      for (let i = 0; i < len; i++) g[i] = (g[i] as number) * scale;
    }
  }
}
