import { describe, expect, it } from 'vitest';
import {
  GraphError,
  NETWORK_INPUT,
  analyze,
  depthFromOutput,
  inferMerge,
  inputShapes,
  isChain,
  outputLayer,
  parse,
  predecessors,
  singlePredecessor,
  singleSuccessor,
  successors,
  topologicalOrder,
  type ResolvedLayer,
} from '@axon/language';
import { branchingNetwork } from './fixtures/branching-network.js';

const names = (ls: readonly ResolvedLayer[]) => ls.map((l) => l.name);

describe('the resolved network is a graph', () => {
  it('the analyzer links every layer to the one before it (the first to the input)', () => {
    const { networks } = analyze(parse('network N { input [4] layers { dense(8) dropout(0.1) dense(2) } }').ast);
    const net = networks[0]!;
    expect(net.layers.map((l) => l.inputs)).toEqual([[NETWORK_INPUT], [0], [1]]);
    expect(isChain(net)).toBe(true);
    expect(outputLayer(net)?.name).toBe('dense_1');
    expect(names(successors(net, net.layers[0]!))).toEqual(['dropout']);
    expect(names(predecessors(net, net.layers[0]!))).toEqual([]);
  });

  it('a fork and a join: predecessors, successors, output, order and shapes', () => {
    const net = branchingNetwork('add');
    expect(isChain(net)).toBe(false);
    const [trunk, left, right, merge, out] = net.layers as ResolvedLayer[];
    expect(names(successors(net, trunk!))).toEqual(['dense_1', 'dense_2']);
    expect(names(predecessors(net, merge!))).toEqual(['dense_1', 'dense_2']);
    expect(singleSuccessor(net, trunk!)).toBeUndefined();
    expect(singleSuccessor(net, left!)?.name).toBe('merge');
    expect(singlePredecessor(net, merge!)).toBeUndefined();
    expect(singlePredecessor(net, out!)?.name).toBe('merge');
    expect(outputLayer(net)).toBe(out);
    expect(names(topologicalOrder(net))).toEqual(['dense', 'dense_1', 'dense_2', 'merge', 'dense_3']);
    expect(inputShapes(net, merge!)).toEqual([[6], [6]]);
    expect(net.outputShape).toEqual([3]);
    expect(net.params.total).toBe(4 * 8 + 8 + 2 * (8 * 6 + 6) + (6 * 3 + 3));
    expect(branchingNetwork('concat').params.total).toBe(4 * 8 + 8 + 2 * (8 * 6 + 6) + (12 * 3 + 3));
    expect(right!.inputs).toEqual([0]);
  });

  it('the gradient depth is the shortest path from the output', () => {
    const net = branchingNetwork();
    expect(depthFromOutput(net)).toEqual([4, 3, 3, 2, 1]);
  });

  it('topologicalOrder sorts a shuffled list and names cycles, missing inputs and second outputs', () => {
    const net = branchingNetwork();
    const l = net.layers;
    // A list out of order (indices still name positions) is sorted by its edges.
    const swapped = [l[0]!, l[2]!, l[1]!, l[3]!, l[4]!].map((x, i) => ({ ...x, index: i }) as ResolvedLayer);
    swapped[3] = { ...swapped[3]!, inputs: [2, 1] } as ResolvedLayer;
    expect(topologicalOrder({ ...net, layers: swapped }).map((x) => x.index)).toEqual([0, 1, 2, 3, 4]);
    const cyclic = l.map((x) => (x.index === 0 ? ({ ...x, inputs: [3] } as ResolvedLayer) : x));
    expect(() => topologicalOrder({ ...net, layers: cyclic })).toThrow(/form a cycle/);
    const missing = l.map((x) => (x.index === 3 ? ({ ...x, inputs: [1, 9] } as ResolvedLayer) : x));
    expect(() => topologicalOrder({ ...net, layers: missing })).toThrow(GraphError);
    expect(() => topologicalOrder({ ...net, layers: missing })).toThrow(/reads from layer 9, which does not exist/);
    const dangling = l.map((x) => (x.index === 3 ? ({ ...x, inputs: [1, 1] } as ResolvedLayer) : x));
    expect(() => topologicalOrder({ ...net, layers: dangling })).toThrow(/dense_2 is read by no layer/);
  });

  it('merge shapes follow Keras: equal shapes, or concat along the last axis', () => {
    expect(inferMerge('add', [[4, 4, 8], [4, 4, 8]])).toMatchObject({ ok: true, outputShape: [4, 4, 8] });
    expect(inferMerge('concat', [[4, 4, 8], [4, 4, 16]])).toMatchObject({ ok: true, outputShape: [4, 4, 24] });
    expect(inferMerge('add', [[4, 4, 8], [2, 2, 8]])).toEqual({ ok: false, message: 'add needs inputs of equal shape, but they are [4, 4, 8] and [2, 2, 8]' });
    expect(inferMerge('concat', [[4, 4, 8], [2, 4, 8]])).toEqual({
      ok: false,
      message: 'concat joins along the last axis, so the others must agree, but axis 1 of [4, 4, 8] and [2, 4, 8] differs (4 vs 2)',
    });
    expect(inferMerge('maximum', [[3], [3], [3]])).toMatchObject({ ok: true, outputShape: [3] });
  });
});
