/**
 * Vega-Lite specifications for the report's charts. Pure functions from training logs to specs:
 * rendering is someone else's job (render.ts).
 */
import type { EpochLog } from '@axon/core';
import type { ChartSpec, ReportInput, SweepVariant } from './types.js';

const WIDTH = 460;
const HEIGHT = 240;

interface Row {
  epoch: number;
  value: number;
  series: string;
  /** Sort key of the series (layer index), so the legend reads 1, 2, … 10 rather than 1, 10, 2. */
  order?: number;
}

/** Series names in legend order: by `order` where rows have one, else by first appearance. */
function seriesOrder(rows: Row[]): string[] {
  const first = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!first.has(r.series)) first.set(r.series, r.order ?? i);
  });
  return [...first.entries()].sort((a, b) => a[1] - b[1]).map(([s]) => s);
}

const config = {
  font: 'DejaVu Sans, Liberation Sans, Arial, sans-serif',
  background: 'white',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 260 },
  title: { fontSize: 14, anchor: 'start' },
};

/** What every chart's specification starts with: schema, title, size, shared config, and its rows. */
function specBase(title: string, rows: object[]): Record<string, unknown> {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, width: WIDTH, height: HEIGHT, config, data: { values: rows } };
}

function lineChart(
  id: string,
  title: string,
  rows: Row[],
  y: { title: string; log?: boolean; domain?: [number, number] },
  seriesTitle = 'series',
): ChartSpec {
  const scale: Record<string, unknown> = {};
  if (y.log) scale.type = 'log';
  if (y.domain) scale.domain = y.domain;
  return {
    id,
    title,
    spec: {
      ...specBase(title, rows),
      mark: { type: 'line', point: rows.length <= 400 ? { size: 18 } : false, strokeWidth: 2 },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1, format: 'd' } },
        y: { field: 'value', type: 'quantitative', title: y.title, scale },
        color: { field: 'series', type: 'nominal', title: seriesTitle, sort: seriesOrder(rows) },
      },
    },
  };
}

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/** Training and validation loss per epoch. */
export function lossChart(history: EpochLog[], id = 'loss', title = 'Loss'): ChartSpec | undefined {
  const rows: Row[] = [];
  for (const e of history) {
    if (finite(e.loss)) rows.push({ epoch: e.epoch, value: e.loss, series: 'train' });
    if (finite(e.valLoss)) rows.push({ epoch: e.epoch, value: e.valLoss, series: 'validation' });
  }
  return rows.length ? lineChart(id, title, rows, { title: 'loss' }) : undefined;
}

/** One chart per metric (accuracy, mae, r2…), training and validation. */
export function metricCharts(history: EpochLog[]): ChartSpec[] {
  const names = new Set<string>();
  for (const e of history) for (const k of Object.keys(e.metrics)) names.add(k);
  const charts: ChartSpec[] = [];
  for (const name of names) {
    const rows: Row[] = [];
    for (const e of history) {
      const t = e.metrics[name];
      const v = e.valMetrics?.[name];
      if (finite(t)) rows.push({ epoch: e.epoch, value: t, series: 'train' });
      if (finite(v)) rows.push({ epoch: e.epoch, value: v, series: 'validation' });
    }
    if (rows.length) charts.push(lineChart(`metric-${name}`, metricTitle(name), rows, { title: name }));
  }
  return charts;
}

function metricTitle(name: string): string {
  if (name.startsWith('val_')) return `Validation ${metricTitle(name.slice(4)).toLowerCase()}`;
  if (name === 'r2') return 'R²';
  if (name === 'mae') return 'Mean absolute error';
  return name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, ' ');
}

/** Per-layer kernel-gradient L2 norms per epoch, on a log scale (vanishing gradients show as a fan-out). */
export function gradientChart(history: EpochLog[]): ChartSpec | undefined {
  const rows: Row[] = [];
  for (const e of history) {
    for (const d of e.diagnostics) {
      if (finite(d.gradNorm) && d.gradNorm > 0) {
        rows.push({ epoch: e.epoch, value: d.gradNorm, series: `${d.layer + 1}: ${d.name}`, order: d.layer });
      }
    }
  }
  return rows.length
    ? lineChart('gradient-norms', 'Gradient norm per layer', rows, { title: 'gradient L2 norm (log)', log: true }, 'layer')
    : undefined;
}

/**
 * Recurrent layers: the gradient norm reaching each step's hidden state (‖dL/dh_t‖, backpropagation
 * through time), in the first and the last epoch, on a log scale. A line falling towards step 1 is a
 * vanishing gradient (the early steps barely learn); one rising towards it is an exploding one.
 */
export function stepGradientChart(history: EpochLog[]): ChartSpec | undefined {
  const first = history.find((e) => e.diagnostics.some((d) => d.stepGradNorms?.length));
  const last = [...history].reverse().find((e) => e.diagnostics.some((d) => d.stepGradNorms?.length));
  if (!first || !last) return undefined;
  const rows: { step: number; value: number; series: string; order: number }[] = [];
  const epochs = first === last ? [first] : [first, last];
  for (const e of epochs) {
    for (const d of e.diagnostics) {
      d.stepGradNorms?.forEach((v, t) => {
        if (finite(v) && v > 0) rows.push({ step: t + 1, value: v, series: `${d.layer + 1}: ${d.name}, epoch ${e.epoch}`, order: 2 * d.layer + (e === first ? 0 : 1) });
      });
    }
  }
  if (!rows.length) return undefined;
  const title = 'Gradient reaching each step (recurrent layers)';
  return {
    id: 'step-gradient-norms',
    title,
    spec: {
      ...specBase(title, rows),
      mark: { type: 'line', point: rows.length <= 400 ? { size: 18 } : false, strokeWidth: 2 },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'time step', axis: { tickMinStep: 1, format: 'd' } },
        y: { field: 'value', type: 'quantitative', title: 'gradient L2 norm at h_t (log)', scale: { type: 'log' } },
        color: { field: 'series', type: 'nominal', title: 'layer, epoch', sort: seriesOrder(rows.map((r) => ({ ...r, epoch: 0 }))) },
      },
    },
  };
}

/** Fraction of dead relu units and of saturated sigmoid/tanh pre-activations per layer per epoch. */
export function unitHealthChart(history: EpochLog[]): ChartSpec | undefined {
  const rows: Row[] = [];
  for (const e of history) {
    for (const d of e.diagnostics) {
      if (finite(d.deadFraction)) rows.push({ epoch: e.epoch, value: d.deadFraction, series: `${d.layer + 1}: ${d.name} dead`, order: 2 * d.layer });
      if (finite(d.saturatedFraction)) {
        rows.push({ epoch: e.epoch, value: d.saturatedFraction, series: `${d.layer + 1}: ${d.name} saturated`, order: 2 * d.layer + 1 });
      }
    }
  }
  return rows.length
    ? lineChart('unit-health', 'Dead and saturated units', rows, { title: 'fraction of units', domain: [0, 1] }, 'layer')
    : undefined;
}

/** Mean of a per-epoch value over seeds, epoch by epoch (runs may stop early: each epoch averages the runs that reached it). */
function meanCurve(runs: EpochLog[][], pick: (e: EpochLog) => number | undefined): { epoch: number; value: number }[] {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const run of runs) {
    for (const e of run) {
      const v = pick(e);
      if (!finite(v)) continue;
      const s = sums.get(e.epoch) ?? { sum: 0, n: 0 };
      s.sum += v;
      s.n += 1;
      sums.set(e.epoch, s);
    }
  }
  return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([epoch, s]) => ({ epoch, value: s.sum / s.n }));
}

/** The sweep's compared metric per variant: mean with a ±spread error bar, best first. */
export function sweepMetricChart(variants: SweepVariant[]): ChartSpec | undefined {
  if (!variants.length) return undefined;
  const metric = variants[0]!.metric;
  const rows = [...variants]
    .sort((a, b) => a.rank - b.rank)
    .map((v) => ({ variant: v.name, mean: v.mean, low: v.mean - v.spread, high: v.mean + v.spread, rank: v.rank }));
  const title = `${metricTitle(metric)} by activation`;
  return {
    id: 'sweep-metric',
    title,
    spec: {
      ...specBase(title, rows),
      encoding: {
        x: { field: 'variant', type: 'nominal', title: 'activation', sort: rows.map((r) => r.variant), axis: { labelAngle: 0 } },
      },
      layer: [
        {
          mark: { type: 'bar', opacity: 0.85 },
          encoding: {
            y: { field: 'mean', type: 'quantitative', title: metric },
            color: { field: 'variant', type: 'nominal', title: 'activation', legend: null, sort: rows.map((r) => r.variant) },
          },
        },
        {
          mark: { type: 'rule', strokeWidth: 2, color: '#222' },
          encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } },
        },
      ],
    },
  };
}

/** Validation loss per epoch of every variant (mean over seeds), one line per variant. */
export function sweepCurvesChart(variants: SweepVariant[]): ChartSpec | undefined {
  const rows: Row[] = [];
  for (const v of variants) {
    const hasVal = v.runs.some((r) => r.some((e) => finite(e.valLoss)));
    for (const p of meanCurve(v.runs, (e) => (hasVal ? e.valLoss : e.loss))) {
      rows.push({ epoch: p.epoch, value: p.value, series: v.name });
    }
  }
  return rows.length
    ? lineChart('sweep-loss', 'Validation loss by activation', rows, { title: 'loss (mean over seeds)' }, 'activation')
    : undefined;
}

/** Every chart the input has data for, in reading order. */
export function buildCharts(input: ReportInput): ChartSpec[] {
  const charts: (ChartSpec | undefined)[] = [];
  if (input.sweep?.length) {
    charts.push(sweepMetricChart(input.sweep), sweepCurvesChart(input.sweep));
  }
  if (input.history?.length) {
    charts.push(lossChart(input.history), ...metricCharts(input.history));
    charts.push(gradientChart(input.history), stepGradientChart(input.history), unitHealthChart(input.history));
  }
  return charts.filter((c): c is ChartSpec => c !== undefined);
}
