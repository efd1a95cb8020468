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
  switch (config.name) {
    case 'sgd': {
      const v = slots();
      return {
        config,
        iterations: 0,
        step() {
          this.iterations++;
          for (let i = 0; i < trainable.length; i++) {
            const p = trainable[i] as Param;
            K.sgdStep(p.value, p.grad, v[i] as Arr, p.value.length, config.learningRate, config.momentum, config.nesterov);
          }
        },
      };
    }
    case 'adam': {
      const m = slots();
      const v = slots();
      return {
        config,
        iterations: 0,
        step() {
          const t = ++this.iterations;
          const lrT = (config.learningRate * Math.sqrt(1 - Math.pow(config.beta2, t))) / (1 - Math.pow(config.beta1, t));
          for (let i = 0; i < trainable.length; i++) {
            const p = trainable[i] as Param;
            K.adamStep(p.value, p.grad, m[i] as Arr, v[i] as Arr, p.value.length, lrT, config.beta1, config.beta2, config.epsilon);
          }
        },
      };
    }
    case 'rmsprop': {
      const v = slots();
      return {
        config,
        iterations: 0,
        step() {
          this.iterations++;
          for (let i = 0; i < trainable.length; i++) {
            const p = trainable[i] as Param;
            K.rmspropStep(p.value, p.grad, v[i] as Arr, p.value.length, config.learningRate, config.rho, config.epsilon);
          }
        },
      };
    }
  }
}
