/**
 * Optimizers with Keras 3's update rules (the formulas are spelled out on the kernels and below), each
 * step doing what Keras's base optimizer does, per weight tensor, in this order:
 * 1. gradient clipping (`clipValue`, then `clipNorm`; see `clipGradient`);
 * 2. decoupled weight decay, when `weightDecay` is set (always for adamw): w ← w − lr·wd·w, before the
 *    update (Keras's `_apply_weight_decay`, applied to every trainable tensor, biases included);
 * 3. the optimizer's own update.
 *
 * Adagrad: a ← a + g², w ← w − lr·g/√(a + ε), a starting at `initialAccumulator` (Keras's 0.1).
 * Adadelta: E[g²] ← ρE[g²] + (1−ρ)g², Δ = −√(E[Δ²] + ε)/√(E[g²] + ε)·g, E[Δ²] ← ρE[Δ²] + (1−ρ)Δ², w ← w + lr·Δ
 * (Keras's default learning rate is 1e-3, not the paper's 1).
 * AdamW: Adam after the decay step. Nadam as Keras 3's `Nadam`: with t = step (from 1),
 * u_t = β1(1 − 0.5·0.96^t), u_{t+1} likewise, Π_t = Π_{t−1}·u_t (Π_0 = 1), m and v as Adam's,
 * m̂ = u_{t+1}·m/(1 − Π_t·u_{t+1}) + (1 − u_t)·g/(1 − Π_t), v̂ = v/(1 − β2^t), w ← w − lr·m̂/(√v̂ + ε).
 * (Keras 2 wrote 0.96^(0.004·t); Keras 3's source uses 0.96^t, which is what is matched here.)
 */
import type { GradientClipping, Optimizer } from '@axon/language';
import { alloc } from './arr.js';
import { K } from './kernels.js';
import type { Param } from './param.js';
import type { Arr } from './arr.js';
import { wasmAllowed } from './wasm/module.js';
import { createResidentAdam } from './wasm/optim.js';

export interface OptimizerState {
  readonly config: Optimizer;
  /** Steps taken so far. */
  iterations: number;
  step(): void;
}

export function createOptimizer(config: Optimizer, params: Param[]): OptimizerState {
  const trainable = params.filter((p) => p.trainable);
  const clipping = config.clipValue !== undefined || config.clipNorm !== undefined;
  const weightDecay = config.name === 'adamw' ? config.weightDecay : config.weightDecay ?? 0;
  /** The factor lr·wd of Keras's decoupled decay w ← w − lr·wd·w. */
  const decay = config.learningRate * weightDecay;
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
        if (decay !== 0) {
          const f = 1 - decay;
          const w = p.value;
          for (let j = 0; j < w.length; j++) w[j] = (w[j] as number) * f;
        }
        update(p, i, t);
      }
    },
  });
  switch (config.name) {
    case 'sgd': {
      const v = slots();
      return stepping((p, i) => K.sgdStep(p.value, p.grad, v[i] as Arr, p.value.length, config.learningRate, config.momentum, config.nesterov));
    }
    case 'adam':
    case 'adamw': {
      // float32 moments live in WebAssembly memory (wasm/optim.ts) when it is there; the rest in TypeScript.
      const resident = wasmAllowed() && trainable.every((p) => p.value instanceof Float32Array) ? createResidentAdam(trainable.map((p) => p.value.length)) : null;
      const m = trainable.map((p, i) => (resident?.holds(i) ? null : alloc(p.value instanceof Float64Array ? 'float64' : 'float32', p.value.length)));
      const v = m.map((s) => (s ? alloc(s instanceof Float64Array ? 'float64' : 'float32', s.length) : null));
      let lrT = 0, at = 0;
      return stepping((p, i, t) => {
        if (at !== t) {
          lrT = (config.learningRate * Math.sqrt(1 - Math.pow(config.beta2, t))) / (1 - Math.pow(config.beta1, t));
          at = t;
        }
        const mi = m[i], vi = v[i];
        if (mi && vi) K.adamStep(p.value, p.grad, mi, vi, p.value.length, lrT, config.beta1, config.beta2, config.epsilon);
        else resident!.step(i, p.value as Float32Array, p.grad as Float32Array, lrT, config.beta1, config.beta2, config.epsilon);
      });
    }
    case 'rmsprop': {
      const v = slots();
      return stepping((p, i) => K.rmspropStep(p.value, p.grad, v[i] as Arr, p.value.length, config.learningRate, config.rho, config.epsilon));
    }
    case 'adagrad': {
      const a = slots();
      for (const s of a) s.fill(config.initialAccumulator);
      const { learningRate: lr, epsilon: eps } = config;
      return stepping((p, i) => {
        const w = p.value, g = p.grad, acc = a[i] as Arr;
        for (let j = 0; j < w.length; j++) {
          const gj = g[j] as number;
          const aj = (acc[j] as number) + gj * gj;
          acc[j] = aj;
          w[j] = (w[j] as number) - (lr * gj) / Math.sqrt(aj + eps);
        }
      });
    }
    case 'adadelta': {
      const eg = slots();
      const ed = slots();
      const { learningRate: lr, rho, epsilon: eps } = config;
      return stepping((p, i) => {
        const w = p.value, g = p.grad, ag = eg[i] as Arr, ad = ed[i] as Arr;
        for (let j = 0; j < w.length; j++) {
          const gj = g[j] as number;
          const agj = rho * (ag[j] as number) + (1 - rho) * gj * gj;
          ag[j] = agj;
          const delta = (-Math.sqrt((ad[j] as number) + eps) / Math.sqrt(agj + eps)) * gj;
          ad[j] = rho * (ad[j] as number) + (1 - rho) * delta * delta;
          w[j] = (w[j] as number) + lr * delta;
        }
      });
    }
    case 'nadam': {
      const m = slots();
      const v = slots();
      const { learningRate: lr, beta1: b1, beta2: b2, epsilon: eps } = config;
      let uProduct = 1;
      let at = 0, ut = 0, ut1 = 0, uProductT1 = 0, b2Power = 0;
      return stepping((p, i, t) => {
        if (at !== t) {
          ut = b1 * (1 - 0.5 * Math.pow(0.96, t));
          ut1 = b1 * (1 - 0.5 * Math.pow(0.96, t + 1));
          uProduct *= ut;
          uProductT1 = uProduct * ut1;
          b2Power = Math.pow(b2, t);
          at = t;
        }
        const w = p.value, g = p.grad, mi = m[i] as Arr, vi = v[i] as Arr;
        for (let j = 0; j < w.length; j++) {
          const gj = g[j] as number;
          const mj = (mi[j] as number) + (gj - (mi[j] as number)) * (1 - b1);
          const vj = (vi[j] as number) + (gj * gj - (vi[j] as number)) * (1 - b2);
          mi[j] = mj;
          vi[j] = vj;
          const mHat = (ut1 * mj) / (1 - uProductT1) + ((1 - ut) * gj) / (1 - uProduct);
          const vHat = vj / (1 - b2Power);
          w[j] = (w[j] as number) - (mHat * lr) / (Math.sqrt(vHat) + eps);
        }
      });
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
