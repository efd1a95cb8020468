/** The network diagram drawn from the graph: forks side by side, an edge from every input, merges as boxes. */
import { readFileSync } from 'node:fs';
import { analyze, parse as parseSpec } from '@axon/language';
import { describe, expect, it } from 'vitest';
import { diagramEdges, diagramGroups, diagramLayout, networkDiagramSvg } from '@axon/report';
import { branchingNetwork } from '../../language/test/fixtures/branching-network.js';
import { exampleNetwork, shortcutNetwork, smallNetwork, wiredNetwork } from './fixtures.js';

interface Box {
  x: number;
  y: number;
}

/** Every layer box (input first) and every edge with its ends, parsed back from the SVG. */
function parse(svg: string): { boxes: Box[]; edges: { from: number; to: number; tag: string; d?: string }[]; labels: string[] } {
  const boxes = [...svg.matchAll(/<rect class="layer" x="([\d.]+)" y="([\d.]+)"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
  const edges = [...svg.matchAll(/<(line|path) class="edge" data-from="(-?\d+)" data-to="(\d+)"(?: d="([^"]+)")?/g)].map((m) => ({
    tag: m[1]!,
    from: Number(m[2]),
    to: Number(m[3]),
    ...(m[4] ? { d: m[4] } : {}),
  }));
  const labels = [...svg.matchAll(/<text x="[\d.]+" y="[\d.]+" font-size="13">([^<]+)<\/text>/g)].map((m) => m[1]!);
  return { boxes, edges, labels };
}

describe('network diagram of a graph', () => {
  it.each(['add', 'concat'] as const)('%s: one box per layer, one edge per input, the branches side by side', (mode) => {
    const network = branchingNetwork(mode);
    const svg = networkDiagramSvg(network);
    const { boxes, edges, labels } = parse(svg);
    expect(boxes).toHaveLength(network.layers.length + 1);
    expect(edges.map((e) => [e.from, e.to])).toEqual([[-1, 0], [0, 1], [0, 2], [1, 3], [2, 3], [3, 4]]);
    expect(edges.length).toBe(network.layers.reduce((a, l) => a + l.inputs.length, 0));
    expect(labels).toEqual(['input', '1. dense(8) · relu', '2. dense(6) · tanh', '3. dense(6)', `4. merge(${mode})`, '5. dense(3) · softmax']);
    const [input, trunk, left, right, merge, output] = boxes as [Box, Box, Box, Box, Box, Box];
    // The fork: both branches one row below the trunk, side by side; the merge and the output below them.
    expect(left.y).toBe(right.y);
    expect(right.x - left.x).toBe(340);
    expect([input.y < trunk.y, trunk.y < left.y, left.y < merge.y, merge.y < output.y]).toEqual([true, true, true, true]);
    expect(svg).toContain(`[${mode === 'concat' ? 12 : 6}]`);
    // The diagram widens by one column for the second branch.
    expect(svg).toMatch(/<svg [^>]*width="1064"/);
  });

  it('marks a finding on a branch and keeps its note right of every column', () => {
    const svg = networkDiagramSvg(branchingNetwork(), [{ layer: 1, line: 7, ruleId: 'r', severity: 'warning', message: 'on the left branch' }]);
    const circle = svg.match(/<circle class="finding" cx="([\d.]+)" cy="([\d.]+)"/)!;
    const note = svg.match(/<text x="([\d.]+)" y="[\d.]+" font-size="11" fill="#ef8f00">r: on the left branch<\/text>/)!;
    expect(Number(circle[1])).toBe(20 + 340 + 300 + 12);
    expect(Number(note[1])).toBe(20 + 340 + 300 + 24);
  });

  it('runs a shortcut that skips a row down a lane beside the boxes, not through them', () => {
    const { boxes, edges } = parse(networkDiagramSvg(shortcutNetwork()));
    expect(edges.map((e) => [e.tag, e.from, e.to])).toEqual([['line', -1, 0], ['line', 0, 1], ['path', -1, 1], ['line', 1, 2]]);
    const lane = edges[2]!.d!.split(' ');
    // From the input box's left side, out to a lane left of every box, down to the merge, and in.
    expect(lane[0]).toBe('M');
    expect(Number(lane[1])).toBe(boxes[0]!.x);
    expect(Number(lane[4])).toBeLessThan(Math.min(...boxes.map((b) => b.x)));
    expect(Number(lane[6])).toBe(boxes[2]!.y + 17);
    expect(Number(lane[8])).toBe(boxes[2]!.x);
  });

  it('draws a chain as one column with straight edges between neighbours', () => {
    const { boxes, edges } = parse(networkDiagramSvg(smallNetwork()));
    expect(new Set(boxes.map((b) => b.x)).size).toBe(1);
    expect(edges.map((e) => [e.tag, e.from, e.to])).toEqual([['line', -1, 0], ['line', 0, 1], ['line', 1, 2]]);
    expect(boxes.map((b) => b.y)).toEqual([46, 94, 142, 190]);
  });

  it('gives consecutive shortcuts shared lanes: three identity residuals need two lanes, not three', () => {
    const network = wiredNetwork('Residuals', [
      { units: 4, inputs: [-1] },
      { units: 4, inputs: [0] },
      { units: 4, inputs: [1] },
      { merge: 'add', inputs: [2, 0] },
      { units: 4, inputs: [3] },
      { units: 4, inputs: [4] },
      { merge: 'add', inputs: [5, 3] },
      { units: 4, inputs: [6] },
      { units: 4, inputs: [7] },
      { merge: 'add', inputs: [8, 6] },
    ]);
    const layout = diagramLayout(network);
    expect(layout.columns).toEqual(Array(10).fill(0));
    expect(layout.rows).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const { edges, laneCount } = diagramEdges(network, layout);
    // Skips touching at a merge (rows 1→4 and 4→7) take different lanes; 1→4 and 7→10 share one.
    expect(edges.filter((e) => e.route.kind === 'lane').map((e) => [e.from, e.to, e.route.kind === 'lane' && e.route.lane])).toEqual([[0, 3, 0], [3, 6, 1], [6, 9, 0]]);
    expect(laneCount).toBe(2);
    const { boxes } = parse(networkDiagramSvg(network));
    expect(boxes[0]!.x).toBe(20 + 2 * 10);
  });

  it('runs a projection shortcut straight down its own column and into the join from the side', () => {
    const network = wiredNetwork('Projection', [
      { units: 4, inputs: [-1] },
      { units: 4, inputs: [0] },
      { units: 4, inputs: [1] },
      { units: 4, inputs: [2] },
      { units: 4, inputs: [0] },
      { merge: 'add', inputs: [3, 4] },
    ]);
    const layout = diagramLayout(network);
    expect(layout.columns).toEqual([0, 0, 0, 0, 1, 0]);
    expect(layout.rows).toEqual([1, 2, 3, 4, 2, 5]);
    const { edges, laneCount } = diagramEdges(network, layout);
    expect(laneCount).toBe(0);
    expect(edges.find((e) => e.from === 4)!.route).toEqual({ kind: 'column' });
    const { boxes, edges: drawn } = parse(networkDiagramSvg(network));
    const [, , , , , shortcut, merge] = boxes as Box[];
    // Down from the shortcut's bottom centre to the merge's middle, then left into its right side.
    expect(drawn.find((e) => e.from === 4)!.d).toBe(`M ${shortcut!.x + 150} ${shortcut!.y + 34} V ${merge!.y + 17} H ${merge!.x + 300}`);
  });

  it('draws an inception block as one straight column per branch joined by one concat', () => {
    const network = wiredNetwork('Inception', [
      { units: 8, inputs: [-1] },
      { units: 4, inputs: [0] },
      { units: 2, inputs: [0] },
      { units: 4, inputs: [2] },
      { units: 2, inputs: [0] },
      { units: 4, inputs: [4] },
      { units: 4, inputs: [0] },
      { merge: 'concat', inputs: [1, 3, 5, 6] },
    ]);
    const layout = diagramLayout(network);
    expect(layout.columns).toEqual([0, 0, 1, 1, 2, 2, 3, 0]);
    expect(layout.rows).toEqual([1, 2, 2, 3, 2, 3, 2, 4]);
    expect(layout.columnCount).toBe(4);
    const { edges, laneCount } = diagramEdges(network, layout);
    expect(laneCount).toBe(0);
    expect(edges.filter((e) => e.to === 7).map((e) => [e.from, e.route.kind])).toEqual([[1, 'line'], [3, 'line'], [5, 'line'], [6, 'column']]);
    const { boxes } = parse(networkDiagramSvg(network));
    expect(boxes[3]!.x).toBe(boxes[4]!.x);
    expect(boxes[5]!.x).toBe(boxes[6]!.x);
  });

  it('frames the layers a merge joins: from the fork (its dominator) to the merge', () => {
    // Inception: every branch from the trunk (layer 0) into the concat (7).
    const inception = wiredNetwork('Inception', [
      { units: 8, inputs: [-1] },
      { units: 4, inputs: [0] },
      { units: 2, inputs: [0] },
      { units: 4, inputs: [2] },
      { merge: 'concat', inputs: [1, 3, 0] },
      { units: 4, inputs: [4] },
      { merge: 'add', inputs: [5, 4] },
    ]);
    expect(diagramGroups(inception)).toEqual([
      { merge: 4, fork: 0, members: [1, 2, 3, 4], label: 'concat' },
      { merge: 6, fork: 4, members: [5, 6], label: 'add' },
    ]);
    // A shortcut from the network input: the fork is the input itself.
    expect(diagramGroups(shortcutNetwork())).toEqual([{ merge: 1, fork: -1, members: [0, 1], label: 'add' }]);
    const svg = networkDiagramSvg(inception);
    expect([...svg.matchAll(/<rect class="group" data-merge="(\d+)" data-members="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])])).toEqual([[4, 4], [6, 2]]);
    expect(diagramGroups(smallNetwork())).toEqual([]);
  });
});

describe('network diagram of graphs written in source', () => {
  it('ResNet-20 (examples/resnet20.axon): one column, nine residual frames, one shared lane, the projections down their own column', () => {
    const network = exampleNetwork('resnet20.axon');
    expect(network.layers).toHaveLength(70);
    const layout = diagramLayout(network);
    // Only the two projection shortcuts leave the main column.
    expect(layout.columnCount).toBe(2);
    expect(network.layers.filter((l) => layout.columns[l.index] === 1).map((l) => l.name)).toEqual(['conv2d_9', 'conv2d_16']);
    const { edges, laneCount } = diagramEdges(network, layout);
    // Seven identity shortcuts, each ending before the next begins (an activation between): one lane for all.
    expect(edges.filter((e) => e.route.kind === 'lane')).toHaveLength(7);
    expect(laneCount).toBe(1);
    expect(edges.filter((e) => e.route.kind === 'column').map((e) => network.layers[e.from]!.name)).toEqual(['conv2d_9', 'conv2d_16']);
    const groups = diagramGroups(network);
    expect(groups.map((g) => g.label)).toEqual(Array(9).fill('residual'));
    // Identity blocks: conv, bn, relu, conv, bn and the add; projected ones add the 1×1 conv.
    expect(groups.map((g) => g.members.length)).toEqual([6, 6, 6, 7, 6, 6, 7, 6, 6]);
    expect(groups.every((g) => network.layers[g.fork]!.kind === 'activation')).toBe(true);
    const svg = networkDiagramSvg(network);
    const { boxes, edges: drawn, labels } = parse(svg);
    expect(boxes).toHaveLength(71);
    expect(drawn).toHaveLength(network.layers.reduce((n, l) => n + l.inputs.length, 0));
    expect(labels.filter((l) => l.endsWith('residual: add'))).toHaveLength(9);
    // A tall scroll of fixed width: 69 rows of 48 px, two columns and one lane.
    expect(svg).toMatch(/<svg [^>]*width="1074" height="3368"/);
  });

  it('the Inception block (examples/inception-block.axon): four branches side by side in straight columns, one concat frame', () => {
    const network = exampleNetwork('inception-block.axon');
    const layout = diagramLayout(network);
    expect(layout.columnCount).toBe(4);
    const merge = network.layers.find((l) => l.kind === 'merge')!;
    expect(merge.inputs).toHaveLength(4);
    // Each branch's layers share a column; the concat sits under the first branch.
    for (const i of merge.inputs) {
      const branch = network.layers[i]!;
      for (const p of branch.inputs) if (p >= 0 && network.layers[p]!.inputs[0] !== -1) expect(layout.columns[p]).toBe(layout.columns[i]);
    }
    expect(layout.columns[merge.index]).toBe(0);
    expect(diagramEdges(network, layout).laneCount).toBe(0);
    expect(diagramGroups(network)).toEqual([{ merge: merge.index, fork: -1, members: network.layers.filter((l) => l.index <= merge.index).map((l) => l.index), label: 'parallel · concat' }]);
    const { labels } = parse(networkDiagramSvg(network));
    expect(labels).toContain(`${merge.index + 1}. parallel: concat`);
  });
});

describe('network diagram of sequence models', () => {
  const resolveText = (text: string) => {
    const { networks, diagnostics } = analyze(parseSpec(text).ast);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return networks[0]!;
  };
  const resolve = (file: string) => resolveText(readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8'));

  it('labels embeddings and recurrent layers with their size, direction and kept steps', () => {
    const { labels } = parse(networkDiagramSvg(resolve('imdb-bilstm.axon')));
    expect(labels).toEqual([
      'input',
      '1. embedding(20000, 128)',
      '2. lstm(64) · bidirectional · sequences',
      '3. lstm(64) · bidirectional',
      '4. dense(1) · sigmoid',
    ]);
  });

  it('labels 1-D convolutions and pools, and a recurrent activation that is not tanh', () => {
    const { labels } = parse(networkDiagramSvg(resolve('text-classification.axon')));
    expect(labels.slice(3, 6)).toEqual(['3. conv1d(128, 7) · relu', '4. conv1d(128, 7) · relu', '5. global_max_pool1d()']);
    const r = resolveText('network R {\n  input [10, 3]\n  layers {\n    simple_rnn(8, activation: relu, return_sequences: true)\n    max_pool1d(2)\n  }\n}\n');
    expect(parse(networkDiagramSvg(r)).labels).toEqual(['input', '1. simple_rnn(8) · relu · sequences', '2. max_pool1d(2)']);
  });
});
