/**
 * Small graph networks of dense layers and merges for the engine's tests, in a short notation:
 * `{ dense: units, activation?, inputs }` and `{ merge: mode, inputs }` (-1 is the network input),
 * built by `net()`.
 */
import type { Activation, MergeMode, ResolvedNetwork } from '@axon/language';
import { net } from './net-helpers.js';

export type GraphNode =
  | { dense: number; activation?: Activation; inputs: number[] }
  | { merge: MergeMode; inputs: number[] };

export function graphNet(input: number[], nodes: GraphNode[]): ResolvedNetwork {
  return net(
    input,
    nodes.map((node) =>
      'merge' in node
        ? { kind: 'merge', mode: node.merge, inputs: node.inputs }
        : { kind: 'dense', units: node.dense, ...(node.activation ? { activation: node.activation } : {}), inputs: node.inputs },
    ),
  );
}
