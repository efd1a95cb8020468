/**
 * How resolved values are written in Axon source, every argument named:
 * `leaky_relu(alpha: 0.01)`, `classification(classes: 3)`, `relu`. The argument names come from
 * the catalog, so each call is written the way its signature reads.
 */
import { ACTIVATIONS, INITIALIZERS, REGULARIZERS, TASKS, type Signature } from './catalog.js';
import type { Activation, Initializer, Regularizer, Task } from './network.js';

function callText(signature: Signature, values: object): string {
  if (signature.args.length === 0) return signature.name;
  const args = signature.args.map((a) => `${a.name}: ${String((values as Record<string, unknown>)[a.name])}`);
  return `${signature.name}(${args.join(', ')})`;
}

/** An activation as written in source: `relu`, `leaky_relu(alpha: 0.01)`, `prelu(init: 0.25)`. */
export function activationText(activation: Activation): string {
  return callText(ACTIVATIONS[activation.name], activation);
}

/** A task as written in source: `classification(classes: 3)`, `binary_classification`, … */
export function taskText(task: Task): string {
  return callText(TASKS[task.kind], task);
}

/** An initialiser as written in source: `he_uniform`, `random_uniform(minval: -0.05, maxval: 0.05)`, `variance_scaling(scale: 2, mode: fan_in, distribution: truncated_normal)`. */
export function initializerText(init: Initializer): string {
  return callText(INITIALIZERS[init.name], init);
}

/** A kernel regularizer as written in source: `l2(l2: 0.01)`, `l1_l2(l1: 0.01, l2: 0.01)`. */
export function regularizerText(reg: Regularizer): string {
  return callText(REGULARIZERS[reg.name], reg);
}
