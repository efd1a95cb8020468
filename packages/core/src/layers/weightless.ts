import type { ResolvedLayer } from '@axon/language';
import type { Arr } from '../arr.js';
import type { Param } from '../param.js';

/** What every layer without weights or activation shares: no params, no kernel, no pre-activations. */
export abstract class Weightless {
  abstract readonly spec: ResolvedLayer;
  readonly params: Param[] = [];
  readonly kernel = null;
  readonly act = null;

  preact(): Arr {
    throw new Error(`${this.spec.kind} has no activation`);
  }
}
