/**
 * The report as one self-contained HTML file: inline CSS and inline SVG, no scripts, no network access
 * needed to view it.
 */
import type { RenderedChart, ReportInput, SweepVariant } from './types.js';
import { escapeXml } from './escape.js';
import { ACTIVATION_COLORS } from './diagram.js';

const CSS = `
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 24px; color: #1c2833; background: #fafbfc; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 10px; }
.sub { color: #5d6d7e; margin-bottom: 16px; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; }
.figure { background: white; border: 1px solid #e5e8e8; border-radius: 6px; padding: 8px 14px; }
.figure .k { font-size: 11px; color: #5d6d7e; } .figure .v { font-size: 18px; font-weight: bold; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure.chart { margin: 0; background: white; border: 1px solid #e5e8e8; border-radius: 6px; padding: 8px; }
figure.chart figcaption { font-size: 12px; color: #5d6d7e; }
.diagram { background: white; border: 1px solid #e5e8e8; border-radius: 6px; padding: 8px; overflow-x: auto; }
table { border-collapse: collapse; background: white; } th, td { border: 1px solid #e5e8e8; padding: 4px 10px; font-size: 13px; text-align: right; }
th { background: #f4f6f6; } td.l, th.l { text-align: left; }
.sev-error { color: #c62828; } .sev-warning { color: #ef8f00; } .sev-info { color: #1976d2; }
.legend span { display: inline-block; margin-right: 12px; font-size: 12px; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
`;

function fmt(v: string | number): string {
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(2) : v.toFixed(4);
}

function sweepTable(variants: SweepVariant[]): string {
  const metric = variants[0]?.metric ?? 'metric';
  const rows = [...variants]
    .sort((a, b) => a.rank - b.rank)
    .map(
      (v) =>
        `<tr><td>${v.rank}</td><td class="l">${escapeXml(v.name)}</td><td>${v.mean.toFixed(4)} ± ${v.spread.toFixed(4)}</td>` +
        `<td>${v.epochsToBest}</td><td>${(v.wallMs / 1000).toFixed(1)} s</td><td>${v.peakMemoryMB.toFixed(0)} MB</td>` +
        `<td>${v.deadFraction === undefined ? '—' : `${(v.deadFraction * 100).toFixed(0)} %`}</td>` +
        `<td>${v.saturatedFraction === undefined ? '—' : `${(v.saturatedFraction * 100).toFixed(0)} %`}</td></tr>`,
    )
    .join('\n');
  return `<table class="sweep"><thead><tr><th>rank</th><th class="l">activation</th><th>${escapeXml(metric)} (mean ± sd)</th><th>epochs to best</th><th>wall time</th><th>peak memory</th><th>dead</th><th>saturated</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

export function reportHtml(input: ReportInput, charts: RenderedChart[], diagramSvg: string): string {
  const findings = input.findings ?? [];
  const summary = Object.entries(input.summary ?? {})
    .map(([k, v]) => `<div class="figure"><div class="k">${escapeXml(k)}</div><div class="v">${escapeXml(fmt(v))}</div></div>`)
    .join('\n');
  const legend = Object.entries(ACTIVATION_COLORS)
    .map(([name, color]) => `<span><i style="background:${color}"></i>${name}</span>`)
    .join('');
  const findingRows = findings
    .map(
      (f) =>
        `<tr><td class="l sev-${f.severity}">${f.severity}</td><td class="l">${escapeXml(f.ruleId)}</td><td>${f.line}</td><td class="l">${escapeXml(f.message)}</td></tr>`,
    )
    .join('\n');
  const chartFigures = charts
    .map(
      (c) =>
        `<figure class="chart" id="chart-${escapeXml(c.id)}" data-title="${escapeXml(c.title)}">${c.svg}<figcaption>${escapeXml(c.title)} — charts/${escapeXml(c.id)}.svg</figcaption></figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeXml(input.title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeXml(input.title)}</h1>
<div class="sub">${escapeXml(input.kind)} report${input.file ? ` · ${escapeXml(input.file)}` : ''} · network ${escapeXml(input.network.name)}</div>
${summary ? `<div class="figures">${summary}</div>` : ''}
${input.sweep?.length ? `<h2>Variants</h2>\n${sweepTable(input.sweep)}` : ''}
<h2>Charts</h2>
<div class="charts">
${chartFigures || '<p>No training data to chart.</p>'}
</div>
<h2>Network</h2>
<div class="legend">${legend}</div>
<div class="diagram">${diagramSvg}</div>
${findings.length ? `<h2>Findings</h2>\n<table class="findings"><thead><tr><th class="l">severity</th><th class="l">rule</th><th>line</th><th class="l">message</th></tr></thead><tbody>\n${findingRows}\n</tbody></table>` : ''}
</body>
</html>
`;
}
