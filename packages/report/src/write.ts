/** Builds a report and writes it: `report.html` plus `charts/<id>.svg` and `charts/<id>.png`, each file atomically. */
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCharts } from './charts.js';
import { networkDiagramSvg } from './diagram.js';
import { reportHtml } from './html.js';
import { renderCharts, svgToPng } from './render.js';
import type { RenderedChart, ReportInput } from './types.js';

export interface RenderedReport {
  html: string;
  charts: RenderedChart[];
  diagramSvg: string;
}

/** Gives every `id` in an SVG a prefix, so several inline SVGs on one page never share clip-path ids. */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}${id}"`);
}

export async function renderReport(input: ReportInput): Promise<RenderedReport> {
  const charts = await renderCharts(buildCharts(input));
  const diagramSvg = networkDiagramSvg(input.network, input.findings);
  const inline = charts.map((c) => ({ ...c, svg: prefixSvgIds(c.svg, `${c.id}-`) }));
  return { html: reportHtml(input, inline, diagramSvg), charts, diagramSvg };
}

async function writeAtomic(path: string, data: string | Buffer): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined); // a failed write leaves no temporary file behind
    throw err;
  }
}

export interface WrittenReport {
  html: string;
  files: string[];
}

/** Writes the report into `dir` (created if needed); returns the paths written, the HTML first. */
export async function writeReport(dir: string, input: ReportInput, options: { png?: boolean } = {}): Promise<WrittenReport> {
  const report = await renderReport(input);
  const chartsDir = join(dir, 'charts');
  await mkdir(chartsDir, { recursive: true });
  const files: string[] = [];
  const emit = async (name: string, svg: string) => {
    const svgPath = join(chartsDir, `${name}.svg`);
    await writeAtomic(svgPath, svg);
    files.push(svgPath);
    if (options.png !== false) {
      const pngPath = join(chartsDir, `${name}.png`);
      await writeAtomic(pngPath, svgToPng(svg));
      files.push(pngPath);
    }
  };
  for (const c of report.charts) await emit(c.id, c.svg);
  await emit('network', report.diagramSvg);
  const html = join(dir, 'report.html');
  await writeAtomic(html, report.html);
  return { html, files: [html, ...files] };
}
