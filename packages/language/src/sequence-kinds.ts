/** Which layer kinds read or make sequences (`[steps, features]`). */
import { LAYERS } from './catalog.js';
import type { LayerKind, LayerSpec, RecurrentKind } from './network.js';

/** The recurrent layer kinds, in the order the docs list them. */
export const RECURRENT_KINDS: readonly RecurrentKind[] = ['lstm', 'gru', 'simple_rnn'];

/** Whether a layer (or spec) is lstm, gru or simple_rnn. */
export function isRecurrent<T extends LayerSpec>(layer: T): layer is Extract<T, { kind: RecurrentKind }> {
  return (RECURRENT_KINDS as readonly string[]).includes(layer.kind);
}

/** The layers that read `[steps, features]` (the catalog's `sequence` kinds): the recurrent ones, conv1d and the 1-D pools. */
export const SEQUENCE_READERS: ReadonlySet<LayerKind> = new Set<LayerKind>(
  Object.values(LAYERS)
    .filter((l) => l.sequence)
    .map((l) => l.name),
);

/** How a sequence reader's messages name its input's last axis: `channels` for conv1d and the pools, else `features`. */
export function sequenceAxis(kind: LayerKind): 'channels' | 'features' {
  return kind === 'conv1d' || kind.endsWith('pool1d') ? 'channels' : 'features';
}
