/**
 * `axon sweep`: variants ranked, the table, sweep.json and the report. The in-process runs use
 * `workers: 0`; one run goes through the built CLI to prove the worker-thread pool (npm test builds first).
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { capture } from './capture.js';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runSweepCommand, sweepTable } from '../src/commands/sweep.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const example = (name: string) => join(root, 'examples', name);


describe('axon sweep', () => {
  it('ranks relu-family variants above sigmoid on the deep sigmoid stack and writes results and a report', async () => {
    const out = mkdtempSync(join(tmpdir(), 'axon-sweep-'));
    const stdout = capture();
    const stderr = capture();
    const code = await runSweepCommand(
      example('deep-sigmoid.axon'),
      { activations: ['sigmoid', 'relu', 'elu'], epochs: 25, workers: 0, out },
      { stdout: stdout.stream, stderr: stderr.stream, tty: false },
    );
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    const ranked = result.variants.map((v: { name: string }) => v.name);
    expect(ranked[ranked.length - 1]).toBe('sigmoid');
    const byName = Object.fromEntries(result.variants.map((v: { name: string; mean: number }) => [v.name, v.mean]));
    expect(byName.relu).toBeGreaterThan(byName.sigmoid + 0.3);
    expect(byName.elu).toBeGreaterThan(byName.sigmoid + 0.3);
    expect(result.runs).toHaveLength(3);
    expect(result.init).toBe('auto');
    // The table: a header and one row per variant, best first.
    const lines = stdout.text().split('\n');
    const header = lines.findIndex((l) => l.startsWith('rank'));
    expect(lines[header]).toMatch(/^rank\s+activation\s+val_accuracy \(mean ± sd\)\s+epochs to best\s+time\s+peak memory\s+dead\s+saturated$/);
    expect(lines[header + 3]).toMatch(/^\s+3\s+sigmoid\s+0\.\d{4} ± 0\.0000/);
    expect(readdirSync(join(out, 'charts')).sort()).toEqual(
      ['network', 'sweep-loss', 'sweep-metric'].flatMap((n) => [`${n}.png`, `${n}.svg`]),
    );
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<table class="sweep">');
  });

  it('formats the table with dead and saturated fractions', () => {
    const text = sweepTable([
      { name: 'relu', runs: [], metric: 'val_accuracy', higherIsBetter: true, mean: 0.9667, spread: 0.0123, epochsToBest: 12, wallMs: 2345, peakMemoryMB: 41.2, deadFraction: 0.18, rank: 1 },
    ]);
    const [header, row] = text.split('\n');
    expect(row!.trim().split(/\s{2,}/)).toEqual(['1', 'relu', '0.9667 ± 0.0123', '12', '2.3 s', '41 MB', '18 %', '—']);
    // Columns line up: every cell ends where its header does (right-aligned), but the activation's.
    expect(row!.length).toBe(header!.length);
    expect(row!.indexOf('0.0123') + '0.0123'.length).toBe(header!.indexOf('(mean ± sd)') + '(mean ± sd)'.length);
  });

  it('runs variants in parallel on worker threads through the built CLI', () => {
    const out = mkdtempSync(join(tmpdir(), 'axon-sweep-cli-'));
    const r = spawnSync(
      process.execPath,
      [join(root, 'apps/cli/bin/axon.js'), 'sweep', example('iris.axon'), '--activations', 'relu,tanh', '--seeds', '2', '--epochs', '5', '--workers', '2', '--out', out, '--no-report'],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(result.runs.map((x: { activation: string; seed: number }) => `${x.activation}/${x.seed}`)).toEqual(['relu/42', 'relu/43', 'tanh/42', 'tanh/43']);
    expect(result.runs.every((x: { history: unknown[] }) => x.history.length === 5)).toBe(true);
    expect(r.stdout).toContain('relu       seed 43: done after 5 epochs');
  });

  it('rejects an unknown activation with exit code 2', () => {
    const r = spawnSync(process.execPath, [join(root, 'apps/cli/bin/axon.js'), 'sweep', example('iris.axon'), '--activations', 'relu,swish'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--activations: unknown activation "swish"; choose from relu, leaky_relu, prelu, elu, selu, tanh, sigmoid');
  });
});
