/** Renders Vega-Lite specs to SVG (vega's headless view, no canvas needed) and SVG to PNG (resvg). */
import { compile } from 'vega-lite';
import { parse, View } from 'vega';
import { Resvg } from '@resvg/resvg-js';
import type { ChartSpec, RenderedChart } from './types.js';

export async function renderChartSvg(chart: ChartSpec): Promise<string> {
  // vega-lite's TopLevelSpec type is far stricter than our builders need to be; the specs are checked by rendering.
  const vegaSpec = compile(chart.spec as never).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none', logLevel: 0 });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderCharts(charts: ChartSpec[]): Promise<RenderedChart[]> {
  const out: RenderedChart[] = [];
  for (const c of charts) out.push({ id: c.id, title: c.title, svg: await renderChartSvg(c) });
  return out;
}

/** A PNG of an SVG at twice its size, with the system's fonts (DejaVu/Liberation on Debian). */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
