/**
 * Branching networks for rule tests, built by rewiring a chain the language can write (it cannot
 * write a fork yet). Each entry of the plan is a layer of the chain (by its chain index) reading
 * the given inputs (indices into the plan, -1 for the network input), or a merge. Shapes come from
 * the chain, a merge's from `inferMerge`; parameter counts are not recomputed (no rule reads them).
 */
import { analyze, inferMerge, parse, type MergeMode, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import { expect } from 'vitest';
import { applyFixesDetailed, lintDocument, type ResolvedConfig } from '../src/index.js';

export type PlanEntry = { layer: number; inputs: number[] } | { merge: MergeMode; inputs: number[] };

export function rewire(source: string, plan: PlanEntry[]): ResolvedNetwork {
  const { networks, diagnostics } = analyze(parse(source).ast);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const chain = networks[0]!;
  const layers: ResolvedLayer[] = [];
  plan.forEach((entry, index) => {
    const inputShape = (i: number) => (i < 0 ? chain.input : layers[i]!.outputShape);
    if ('merge' in entry) {
      const merged = inferMerge(entry.merge, entry.inputs.map(inputShape));
      if (!merged.ok) throw new Error(merged.message);
      // A merge has no source of its own: it borrows the origin of the last layer it reads.
      const last = layers[Math.max(...entry.inputs)]!;
      layers.push({
        kind: 'merge',
        mode: entry.merge,
        index,
        inputs: entry.inputs,
        name: `merge_${index}`,
        inputShape: inputShape(entry.inputs[0]!).slice(),
        outputShape: merged.outputShape,
        params: { trainable: 0, nonTrainable: 0 },
        origin: last.origin,
        argRanges: {},
      } as ResolvedLayer);
    } else {
      const layer = chain.layers[entry.layer]!;
      layers.push({ ...layer, index, inputs: entry.inputs, inputShape: inputShape(entry.inputs[0]!).slice() } as ResolvedLayer);
    }
  });
  const output = layers[layers.length - 1]!;
  return { ...chain, layers, outputShape: output.outputShape.slice() };
}

/** A chain plan: layer i reads layer i − 1. */
export function chainPlan(count: number): PlanEntry[] {
  return Array.from({ length: count }, (_, i) => ({ layer: i, inputs: [i - 1] }));
}

/**
 * Lints `network` (rewired from `text`) and checks what every finding on any graph must hold: no rule
 * crashed, every range lies in the text, findings come sorted by position, and every fix is either
 * applied or skipped.
 */
export function expectSoundFindings(text: string, network: ResolvedNetwork, config: ResolvedConfig): void {
  const findings = lintDocument({ text, ast: parse(text).ast, networks: [network] }, config);
  expect(findings.filter((f) => f.messageId === 'crash').map((f) => f.message)).toEqual([]);
  for (const f of findings) {
    expect(f.range.start.offset).toBeGreaterThanOrEqual(0);
    expect(f.range.end.offset).toBeLessThanOrEqual(text.length);
  }
  const starts = findings.map((f) => f.range.start.offset);
  expect(starts).toEqual([...starts].sort((a, b) => a - b));
  const applied = applyFixesDetailed(text, findings);
  expect(applied.fixed.length + applied.skipped.length).toBe(findings.filter((f) => f.fix && f.fix.edits.length > 0).length);
}
