/** The recurrent layers' per-step gradient chart, from a real training run of the core. */
import { runTraining } from '@axon/core';
import { analyze, parse } from '@axon/language';
import { buildCharts, renderReport, stepGradientChart } from '@axon/report';
import { describe, expect, it } from 'vitest';

const SOURCE = `network Seq {
  input [6, 2]
  task binary_classification
  layers {
    lstm(4, return_sequences: true)
    gru(3)
    dense(1, activation: sigmoid)
  }
  train { epochs: 3, batch_size: 8 }
}
`;

async function trainSeq() {
  const network = analyze(parse(SOURCE).ast).networks[0]!;
  const n = 32;
  const x = new Float32Array(n * 12).map((_, i) => Math.sin(i * 0.37));
  const y = new Float32Array(n).map((_, i) => i % 2);
  const train = { x, y, n, inputShape: [6, 2], targetSize: 1 };
  return runTraining({ network, data: { train } });
}

describe('per-step gradient norms of recurrent layers', () => {
  it('charts ‖dL/dh_t‖ of every recurrent layer for the first and last epoch, step by step', async () => {
    const run = await trainSeq();
    const history = run.result.history;
    expect(history).toHaveLength(3);
    const chart = stepGradientChart(history)!;
    expect(chart.id).toBe('step-gradient-norms');
    const rows = (chart.spec.data as { values: { step: number; value: number; series: string }[] }).values;
    // lstm and gru each read 6 steps; two epochs (1 and 3) of each: 24 rows, all positive norms.
    expect(rows).toHaveLength(24);
    expect(new Set(rows.map((r) => r.series))).toEqual(new Set(['1: lstm, epoch 1', '1: lstm, epoch 3', '2: gru, epoch 1', '2: gru, epoch 3']));
    expect(rows.filter((r) => r.series === '2: gru, epoch 3').map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const r of rows) expect(r.value).toBeGreaterThan(0);
    // The values are the epoch's averages the core logged, unchanged.
    const gru3 = history[2]!.diagnostics.find((d) => d.name === 'gru')!.stepGradNorms!;
    expect(rows.filter((r) => r.series === '2: gru, epoch 3').map((r) => r.value)).toEqual(gru3);
    expect(buildCharts({ kind: 'train', title: 't', network: run.network, history }).map((c) => c.id)).toContain('step-gradient-norms');
  });

  it('renders to SVG, and a network without recurrent layers has no such chart', async () => {
    const run = await trainSeq();
    const { charts } = await renderReport({ kind: 'train', title: 't', network: run.network, history: run.result.history });
    const svg = charts.find((c) => c.id === 'step-gradient-norms')!.svg;
    expect(svg).toContain('<svg');
    expect(svg).toContain('time step');
    expect(stepGradientChart([{ epoch: 1, loss: 1, metrics: {}, diagnostics: [{ layer: 0, name: 'dense', gradNorm: 0.1 }], ms: 1 }])).toBeUndefined();
  });
});
