/**
 * A live view of a training run while `axon train` is still going: the CLI appends one JSON line per
 * epoch to `<run>/metrics.jsonl`; this turns those lines into a small progress page (latest figures and
 * the loss curves so far). The full report (`report.html`, charts by @axon/report) replaces it once the
 * CLI writes it. Pure (no `vscode` import).
 */
import { htmlForWebview } from './report-html.js';

export interface EpochPoint {
  epoch: number;
  loss: number;
  valLoss?: number;
  metrics: Record<string, number>;
  valMetrics: Record<string, number>;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function numbers(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (finite(x)) out[k] = x;
  return out;
}

/** Parses metrics.jsonl; a line being written (not yet valid JSON) and non-finite losses are skipped. */
export function parseMetricsJsonl(text: string): EpochPoint[] {
  const points: EpochPoint[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (!finite(rec.epoch) || !finite(rec.loss)) continue;
    const p: EpochPoint = { epoch: rec.epoch, loss: rec.loss, metrics: numbers(rec.metrics), valMetrics: numbers(rec.valMetrics) };
    if (finite(rec.valLoss)) p.valLoss = rec.valLoss;
    points.push(p);
  }
  return points;
}

export interface Plot {
  width: number;
  height: number;
  pad: number;
}

/** SVG polyline points for `ys` over `xs`, scaled into the plot area with the given y range. */
export function polylinePoints(xs: number[], ys: number[], yMin: number, yMax: number, plot: Plot): string {
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const w = plot.width - 2 * plot.pad;
  const h = plot.height - 2 * plot.pad;
  const sx = (x: number) => plot.pad + (xMax === xMin ? w / 2 : ((x - xMin) / (xMax - xMin)) * w);
  const sy = (y: number) => plot.pad + (yMax === yMin ? h / 2 : (1 - (y - yMin) / (yMax - yMin)) * h);
  return xs.map((x, i) => `${sx(x).toFixed(1)},${sy(ys[i]!).toFixed(1)}`).join(' ');
}

const fmt = (v: number) => (Math.abs(v) >= 1000 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toPrecision(4));
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** The progress page: latest epoch's figures and the train/validation loss curves so far. */
export function liveProgressHtml(points: EpochPoint[], opts: { title: string; totalEpochs?: number; cspSource: string }): string {
  const last = points[points.length - 1];
  const plot: Plot = { width: 640, height: 260, pad: 36 };
  let chart = '<p>No epoch has finished yet.</p>';
  let table = '';
  if (last) {
    const xs = points.map((p) => p.epoch);
    const series: { name: string; color: string; ys: number[]; xs: number[] }[] = [
      { name: 'loss', color: '#3b82f6', xs, ys: points.map((p) => p.loss) },
    ];
    const withVal = points.filter((p) => p.valLoss !== undefined);
    if (withVal.length > 0) series.push({ name: 'val_loss', color: '#f59e0b', xs: withVal.map((p) => p.epoch), ys: withVal.map((p) => p.valLoss!) });
    const all = series.flatMap((s) => s.ys);
    const yMin = Math.min(...all);
    const yMax = Math.max(...all);
    const lines = series
      .map((s) => `<polyline class="series" data-series="${s.name}" fill="none" stroke="${s.color}" stroke-width="2" points="${polylinePoints(s.xs, s.ys, yMin, yMax, plot)}"/>`)
      .join('');
    const legend = series
      .map((s, i) => `<text x="${plot.width - plot.pad - 150 + i * 75}" y="16" fill="${s.color}" font-size="12">■ ${s.name}</text>`)
      .join('');
    chart =
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${plot.width} ${plot.height}" style="width:100%;max-width:${plot.width}px" role="img" aria-label="loss per epoch">` +
      `<rect x="${plot.pad}" y="${plot.pad}" width="${plot.width - 2 * plot.pad}" height="${plot.height - 2 * plot.pad}" fill="none" stroke="currentColor" stroke-opacity="0.3"/>` +
      `<text x="4" y="${plot.pad + 4}" font-size="11" fill="currentColor">${fmt(yMax)}</text>` +
      `<text x="4" y="${plot.height - plot.pad}" font-size="11" fill="currentColor">${fmt(yMin)}</text>` +
      `<text x="${plot.pad}" y="${plot.height - 8}" font-size="11" fill="currentColor">epoch ${xs[0]}</text>` +
      `<text x="${plot.width - plot.pad - 60}" y="${plot.height - 8}" font-size="11" fill="currentColor">epoch ${last.epoch}</text>` +
      `<text x="${plot.pad}" y="16" font-size="13" fill="currentColor">Loss</text>${legend}${lines}</svg>`;
    const cells = [
      ['loss', last.loss],
      ...(last.valLoss !== undefined ? [['val_loss', last.valLoss] as const] : []),
      ...Object.entries(last.metrics),
      ...Object.entries(last.valMetrics).map(([k, v]) => [`val_${k}`, v] as const),
    ];
    table = `<table><tr>${cells.map(([k]) => `<th>${escapeHtml(String(k))}</th>`).join('')}</tr><tr>${cells
      .map(([, v]) => `<td>${fmt(v as number)}</td>`)
      .join('')}</tr></table>`;
  }
  const progress = last ? `epoch ${last.epoch}${opts.totalEpochs ? ` of ${opts.totalEpochs}` : ''}` : 'starting';
  return htmlForWebview(
    `<!DOCTYPE html><html><head><title>${escapeHtml(opts.title)}</title><style>` +
      'body{font-family:var(--vscode-font-family,sans-serif);color:var(--vscode-foreground);padding:1em}' +
      'table{border-collapse:collapse;margin:1em 0}th,td{padding:2px 10px;text-align:right;border-bottom:1px solid rgba(128,128,128,.3)}' +
      '</style></head><body>' +
      `<h2>${escapeHtml(opts.title)} — training (${progress})</h2>${table}${chart}` +
      '<p><em>Live view from metrics.jsonl; the full report replaces it when training ends.</em></p></body></html>',
    opts.cspSource,
  );
}
