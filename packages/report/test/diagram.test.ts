/** The network diagram drawn from the graph: forks side by side, an edge from every input, merges as boxes. */
import { describe, expect, it } from 'vitest';
import { diagramEdges, diagramLayout, networkDiagramSvg } from '@axon/report';
import { branchingNetwork } from '../../language/test/fixtures/branching-network.js';
import { shortcutNetwork, smallNetwork, wiredNetwork } from './fixtures.js';

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
});
