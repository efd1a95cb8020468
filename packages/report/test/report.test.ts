import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCharts, networkDiagramSvg, prefixSvgIds, renderReport, writeReport, type SweepVariant } from '@axon/report';
import { history, smallNetwork } from './fixtures.js';

/** Counts the line paths vega drew in a chart's SVG (one per series). */
function linePaths(svg: string): number {
  return svg.match(/aria-roledescription="line mark container"/g)?.length ?? 0;
}

describe('charts', () => {
  it('builds loss, metric, gradient and unit-health charts from a training history', () => {
    const charts = buildCharts({ kind: 'train', title: 't', network: smallNetwork(), history: history() });
    expect(charts.map((c) => c.id)).toEqual(['loss', 'metric-accuracy', 'gradient-norms', 'unit-health']);
    const grad = charts.find((c) => c.id === 'gradient-norms')!.spec as { encoding: { y: { scale: { type: string } } } };
    expect(grad.encoding.y.scale.type).toBe('log');
  });

  it('renders each chart to SVG with its title, axis titles and one line per series', async () => {
    const { charts } = await renderReport({ kind: 'train', title: 't', network: smallNetwork(), history: history() });
    const byId = Object.fromEntries(charts.map((c) => [c.id, c.svg]));
    expect(byId.loss).toContain('>Loss<');
    expect(byId.loss).toContain('>epoch<');
    expect(byId.loss).toContain('>loss<');
    expect(linePaths(byId.loss!)).toBe(2); // train, validation
    expect(linePaths(byId['metric-accuracy']!)).toBe(2);
    expect(linePaths(byId['gradient-norms']!)).toBe(3); // three layers with weights
    expect(byId['gradient-norms']).toContain('gradient L2 norm (log)');
    expect(linePaths(byId['unit-health']!)).toBe(2); // dense saturated, dense_1 dead
  });

  it('compares sweep variants: a bar per variant ordered by rank and a loss curve per variant', async () => {
    const variant = (name: string, mean: number, rank: number): SweepVariant => ({
      name,
      runs: [history(4), history(3)],
      metric: 'val_accuracy',
      higherIsBetter: true,
      mean,
      spread: 0.02,
      epochsToBest: 3,
      wallMs: 1200,
      peakMemoryMB: 80,
      rank,
    });
    const sweep = [variant('sigmoid', 0.4, 3), variant('relu', 0.95, 1), variant('elu', 0.93, 2)];
    const report = await renderReport({ kind: 'sweep', title: 'Sweep', network: smallNetwork(), sweep });
    expect(report.charts.map((c) => c.id)).toEqual(['sweep-metric', 'sweep-loss']);
    expect(linePaths(report.charts[1]!.svg)).toBe(3);
    const bars = report.charts[0]!.svg.match(/aria-roledescription="bar"/g) ?? [];
    expect(bars.length).toBe(3);
    // The table lists variants best first.
    const order = ['relu', 'elu', 'sigmoid'].map((n) => report.html.indexOf(`<td class="l">${n}</td>`));
    expect(order.every((p, i) => p > 0 && (i === 0 || p > order[i - 1]!))).toBe(true);
  });
});

describe('network diagram', () => {
  it('draws one box per layer plus the input, and marks findings on their layer', () => {
    const svg = networkDiagramSvg(smallNetwork(), [
      { layer: 0, line: 5, ruleId: 'sigmoid-hidden', severity: 'info', message: 'sigmoid is not zero-centred' },
    ]);
    expect(svg.match(/class="layer"/g)?.length).toBe(4);
    expect(svg.match(/class="finding"/g)?.length).toBe(1);
    expect(svg).toContain('1. dense(8) · sigmoid');
    expect(svg).toContain('139 parameters');
    expect(svg).toContain('sigmoid-hidden: sigmoid is not zero-centred');
  });

  it('escapes names so a hostile network name cannot inject markup', () => {
    const net = { ...smallNetwork(), name: '<script>alert(1)</script>' };
    const svg = networkDiagramSvg(net);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });
});

describe('writeReport', () => {
  it('writes a self-contained HTML file and an SVG and a PNG per chart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'axon-report-'));
    const written = await writeReport(dir, { kind: 'train', title: 'Iris', network: smallNetwork(), history: history() });
    const files = (await readdir(join(dir, 'charts'))).sort();
    expect(files).toEqual(
      ['gradient-norms', 'loss', 'metric-accuracy', 'network', 'unit-health'].flatMap((n) => [`${n}.png`, `${n}.svg`]),
    );
    const html = await readFile(written.html, 'utf8');
    expect(html).not.toMatch(/<script|src="http|href="http/);
    expect(html.match(/<figure class="chart"/g)?.length).toBe(4);
    const png = await readFile(join(dir, 'charts', 'loss.png'));
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(400); // width, rendered at 2×
  });

  it('a write that fails (report.html is a folder) throws and leaves no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'axon-report-'));
    await mkdir(join(dir, 'report.html'));
    await expect(writeReport(dir, { kind: 'train', title: 'Iris', network: smallNetwork(), history: history() }, { png: false })).rejects.toMatchObject({ code: 'EISDIR' });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('prefixes SVG ids so inline charts do not share clip paths', () => {
    const svg = '<clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"></g>';
    expect(prefixSvgIds(svg, 'loss-')).toBe('<clipPath id="loss-clip1"><rect/></clipPath><g clip-path="url(#loss-clip1)"></g>');
  });
});
