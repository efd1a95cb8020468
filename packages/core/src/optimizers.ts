/** Optimizers with Keras's update rules (the formulas are spelled out on the kernels). */
import type { Optimizer } from '@axon/language';
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
  const slots = (): Arr[] => trainable.map((p) => alloc(p.value instanceof Float64Array ? 'float64' : 'float32', p.value.length));
  /** An optimizer whose step updates each trainable param `i` in turn, given the step number `t` (from 1). */
  const stepping = (update: (p: Param, i: number, t: number) => void): OptimizerState => ({
    config,
    iterations: 0,
    step() {
      const t = ++this.iterations;
      for (let i = 0; i < trainable.length; i++) update(trainable[i] as Param, i, t);
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
