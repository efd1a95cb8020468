/** Which layer kinds read or make sequences (`[steps, features]`). */
import type { LayerKind, LayerSpec, RecurrentKind } from './network.js';

/** The recurrent layer kinds, in the order the docs list them. */
export const RECURRENT_KINDS: readonly RecurrentKind[] = ['lstm', 'gru', 'simple_rnn'];

/** Whether a layer (or spec) is lstm, gru or simple_rnn. */
export function isRecurrent<T extends LayerSpec>(layer: T): layer is Extract<T, { kind: RecurrentKind }> {
  return (RECURRENT_KINDS as readonly string[]).includes(layer.kind);
}

/** The layers that read `[steps, features]`: the recurrent ones, conv1d and the 1-D pools. */
export const SEQUENCE_READERS: ReadonlySet<LayerKind> = new Set<LayerKind>([
  ...RECURRENT_KINDS,
  'conv1d',
  'max_pool1d',
  'avg_pool1d',
  'global_avg_pool1d',
  'global_max_pool1d',
]);
