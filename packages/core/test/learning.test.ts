/**
 * Learning, end to end and seeded: the shipped examples reach the accuracy the issue asks for.
 * Networks come from the example .axon files (parsed and analysed), data through loadCsvData.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, type ResolvedNetwork } from '@axon/language';
import { buildModel, fit, predict, type Dataset } from '../src/index.js';
import { loadCsvData } from '../src/data/index.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

export async function exampleNetwork(file: string): Promise<ResolvedNetwork> {
  const result = check(await readFile(join(examples, file), 'utf8'));
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.networks[0]!;
}

/** Fraction of rows whose arg-max output is the one-hot target's class. */
export function accuracy(out: Float32Array, data: Dataset): number {
  const k = data.targetSize;
  let right = 0;
  for (let r = 0; r < data.n; r++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (out[r * k + c]! > out[r * k + best]!) best = c;
    if (data.y[r * k + best] === 1) right++;
  }
  return right / data.n;
}

/** Coefficient of determination of a single-output prediction. */
export function r2(out: Float32Array, data: Dataset): number {
  let mean = 0;
  for (let r = 0; r < data.n; r++) mean += data.y[r]!;
  mean /= data.n;
  let ssRes = 0;
  let ssTot = 0;
  for (let r = 0; r < data.n; r++) {
    ssRes += (data.y[r]! - out[r]!) ** 2;
    ssTot += (data.y[r]! - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

describe('learning on the shipped examples', () => {
  it('iris.axon reaches >= 95 % validation accuracy', async () => {
    const network = await exampleNetwork('iris.axon');
    const data = await loadCsvData(network, join(examples, 'iris.axon'));
    const model = buildModel(network);
    const result = await fit(model, data.train, data.validation);
    expect(result.stopReason).toBe('completed');
    const val = accuracy(predict(model, data.validation!.x, data.validation!.n), data.validation!);
    expect(val).toBeGreaterThanOrEqual(0.95);
    expect(result.history.at(-1)!.valMetrics!.accuracy).toBeCloseTo(val, 6);
    expect(accuracy(predict(model, data.train.x, data.train.n), data.train)).toBeGreaterThanOrEqual(0.9);
  });

  it('regression.axon reaches R² >= 0.8 on held-out rows', async () => {
    const network = await exampleNetwork('regression.axon');
    const data = await loadCsvData(network, join(examples, 'regression.axon'));
    const model = buildModel(network);
    const result = await fit(model, data.train, data.validation);
    expect(['completed', 'early_stopping']).toContain(result.stopReason);
    const held = r2(predict(model, data.validation!.x, data.validation!.n), data.validation!);
    expect(data.validation!.n).toBe(100);
    expect(held).toBeGreaterThanOrEqual(0.8);
    expect(held).toBeLessThanOrEqual(1);
  });

  it('binary.axon separates the two moons (>= 90 % validation accuracy)', async () => {
    const network = await exampleNetwork('binary.axon');
    const data = await loadCsvData(network, join(examples, 'binary.axon'));
    const model = buildModel(network);
    await fit(model, data.train, data.validation);
    const out = predict(model, data.validation!.x, data.validation!.n);
    let right = 0;
    for (let r = 0; r < data.validation!.n; r++) if ((out[r]! >= 0.5 ? 1 : 0) === data.validation!.y[r]) right++;
    expect(right / data.validation!.n).toBeGreaterThanOrEqual(0.9);
  });
});
