/**
 * The server's features that work from a resolved network (inlay hints, hover's layer lines, a block
 * instance's inputs and outputs) on the hand-built branching network: they walk `inputs`, not the
 * layer list, so a fork and a merge read right.
 */
import { parse, type LayerCall } from '@axon/language';
import { describe, expect, it } from 'vitest';
import { BRANCHING_SOURCE, branchingNetwork } from '../../language/test/fixtures/branching-network.js';
import { allLayerCalls } from '../src/ast/walk.js';
import { callHintLabel } from '../src/features/inlay-hints.js';
import { expansionText, groupBoundary, inputText, layerLines, layersOfCall } from '../src/features/layer-info.js';

const calls = allLayerCalls(parse(BRANCHING_SOURCE).ast);
const call = (text: string): LayerCall => {
  const c = calls.find((k) => BRANCHING_SOURCE.slice(k.range.start.offset, k.range.end.offset) === text);
  if (!c) throw new Error(`no call ${text}`);
  return c;
};

describe('inlay hints on a branching network', () => {
  it('label each call with its layers; a merge shows the shapes it joins', () => {
    const net = branchingNetwork('add');
    expect(calls.map((c) => callHintLabel([net], c, false))).toEqual([
      '→ [8] · 40 params',
      '→ [6] · 54 params',
      // the linear branch reads the trunk's [8] (54 params), and the fixture's merge comes from the same call
      '→ [6] · 54 params | → add of [6], [6] → [6]',
      '→ [3] · 21 params',
    ]);
    const concat = branchingNetwork('concat');
    expect(callHintLabel([concat], call('dense(6)'), false)).toBe('→ [6] · 54 params | → concat of [6], [6] → [12]');
    expect(callHintLabel([concat], call('dense(3, activation: softmax)'), false)).toBe('→ [3] · 39 params');
  });
});

describe('hover lines on a branching network', () => {
  it('say where each input comes from when a layer does not read the one before it', () => {
    const net = branchingNetwork('add');
    const [e] = layersOfCall([net], call('dense(6)'));
    expect(layerLines(e!)).toEqual([
      '- `dense_2` (layer 3): input `[8]` from `dense`, output `[6]`, 54 params',
      '- `merge` (layer 4): add of `[6]` from `dense_1` and `[6]` from `dense_2`, output `[6]`, 0 params',
    ]);
    expect(expansionText(e!)).toBe('expands 2× in `Branching`: layers 3–4 of 5');
    const [out] = layersOfCall([net], call('dense(3, activation: softmax)'));
    expect(layerLines(out!)).toEqual(['`dense_3` (layer 5 of 5 in `Branching`): input `[6]`, output `[3]`, 21 params']);
  });

  it('name the network input as a source', () => {
    const net = branchingNetwork('maximum');
    const trunk = net.layers[0]!;
    const side = { ...net.layers[2]!, inputs: [-1], inputShape: [4] } as typeof trunk;
    const rewired = { ...net, layers: net.layers.map((l) => (l.index === 2 ? side : l)) };
    expect(inputText(rewired, side)).toBe('input `[4]` from the network input');
    expect(inputText(rewired, trunk)).toBe('input `[4]`');
    expect(inputText(rewired, rewired.layers[3]!)).toBe('maximum of `[6]` from `dense_1` and `[6]` from `dense_2`');
  });
});

describe('a group of layers (a block instance) on a branching network', () => {
  it('reads the edges entering it and yields the outputs read outside it', () => {
    const net = branchingNetwork('add');
    // both branches and the merge: one input (the trunk's [8], read twice), one output (the merge's [6])
    expect(groupBoundary(net, net.layers.slice(1, 4))).toEqual({ inputs: [[8]], outputs: [[6]] });
    // the trunk and one branch: the trunk is also read outside (by the other branch)
    expect(groupBoundary(net, net.layers.slice(0, 2))).toEqual({ inputs: [[4]], outputs: [[8], [6]] });
    // the whole network: its input and its output
    expect(groupBoundary(net, net.layers)).toEqual({ inputs: [[4]], outputs: [[3]] });
  });
});
