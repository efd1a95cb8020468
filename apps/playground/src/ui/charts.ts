/**
 * Draws the report's Vega-Lite specifications (@axon/report) in the page: vega-lite compiles, vega
 * renders SVG, and expressions run in vega-interpreter (no eval: the page's CSP forbids it).
 */
import type { ChartSpec } from '@axon/report';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile } from 'vega-lite';

/** Renders the charts into `container`, one div each (replacing what was there). */
export async function drawCharts(container: HTMLElement, charts: ChartSpec[]): Promise<void> {
  const views: Array<Promise<void>> = [];
  const seen = new Set<string>();
  for (const chart of charts) {
    seen.add(chart.id);
    let div = container.querySelector<HTMLElement>(`[data-chart="${chart.id}"]`);
    if (!div) {
      div = document.createElement('div');
      div.className = 'chart';
      div.dataset.chart = chart.id;
      container.append(div);
    }
    const target = div;
    const vg = compile(chart.spec as never).spec;
    const view = new View(parse(vg, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none' });
    views.push(
      view.toSVG().then((svg) => {
        target.innerHTML = svg;
        view.finalize();
      }),
    );
  }
  for (const div of [...container.querySelectorAll<HTMLElement>('[data-chart]')]) if (!seen.has(div.dataset.chart!)) div.remove();
  await Promise.all(views);
}
