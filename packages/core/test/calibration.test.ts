/**
 * The calibration behind `saturating-deep-stack` (docs/calibration.md), re-measured with the same code
 * as bench/calibrate-saturation.mjs: with glorot_uniform, 64 units and batch 32, a sigmoid stack's
 * first/last hidden gradient-norm ratio first drops below 1e-3 at depth 6; a tanh stack's never does up
 * to depth 20 (it stays near 1).
 */
import { describe, expect, it } from 'vitest';

interface Row {
  depth: number;
  median: number;
  min: number;
  max: number;
}
interface Calibration {
  activation: string;
  rows: Row[];
  crossing: number | null;
}
interface Bench {
  THRESHOLD: number;
  calibrate(activation: string, options?: { maxDepth?: number; seeds?: number }): Calibration;
  stackSource(activation: string, depth: number): string;
}

const benchUrl = new URL('../../../bench/calibrate-saturation.mjs', import.meta.url).href;
const load = (): Promise<Bench> => import(/* @vite-ignore */ benchUrl) as Promise<Bench>;

describe('saturating-deep-stack calibration', () => {
  it('generates the stack as Axon source', async () => {
    const bench = await load();
    expect(bench.THRESHOLD).toBe(1e-3);
    expect(bench.stackSource('tanh', 3)).toContain('repeat 3 {\n      dense(64, activation: tanh)\n    }');
  });

  it('sigmoid: the ratio falls about 4× per layer and crosses 1e-3 at depth 6', async () => {
    const { rows, crossing } = (await load()).calibrate('sigmoid', { maxDepth: 8, seeds: 5 });
    expect(rows[0]!.median).toBe(1); // one hidden layer: first = last
    expect(crossing).toBe(6);
    expect(rows[4]!.median).toBeGreaterThanOrEqual(1e-3);
    expect(rows[5]!.median).toBeLessThan(1e-3);
    for (let d = 1; d < rows.length; d++) {
      const factor = rows[d]!.median / rows[d - 1]!.median;
      expect(factor).toBeGreaterThan(0.1);
      expect(factor).toBeLessThan(0.4);
    }
  });

  it('tanh: the ratio stays near 1 up to depth 20 (no crossing)', async () => {
    const { rows, crossing } = (await load()).calibrate('tanh', { maxDepth: 20, seeds: 5 });
    expect(crossing).toBeNull();
    for (const r of rows) {
      expect(r.median).toBeGreaterThan(0.5);
      expect(r.median).toBeLessThan(2);
    }
  });
});
