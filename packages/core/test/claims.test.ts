/**
 * The article's claims, measured with the core (see issue 4):
 *  1. vanishing gradients: in a 20-layer sigmoid stack (glorot) the first hidden layer's gradient norm is
 *     below 1e-3 of the last one's at step 0; with relu (he init) the ratio stays above 0.1;
 *  2. dying relu: trained at a very high learning rate, a relu net ends with most hidden units dead
 *     (the same output, 0, for every training row), while a leaky_relu net trained the same way has none.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { buildModel, fit, getWeights, probeGradients } from '../src/index.js';
import { loadCsvData } from '../src/data/index.js';
import { resolveOne, stackText } from './fixtures/source.js';
import { constantUnits, gaussianBatch, hiddenOutputs, neverPositiveUnits } from './fixtures/probe.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** 20 hidden dense(64) layers of `activation` with `init`, then a 10-way softmax. */
function deepStack(activation: string, init: string) {
  return resolveOne(
    stackText({
      name: 'Deep',
      input: 64,
      task: 'classification(classes: 10)',
      layers: [...Array.from({ length: 20 }, () => ({ units: 64, activation, init })), { units: 10, activation: 'softmax' }],
    }),
  );
}

function firstToLastRatio(activation: string, init: string, seed: number): number {
  const net = deepStack(activation, init);
  expect(net.layers.length).toBe(21);
  const model = buildModel(net, { seed });
  const probe = probeGradients(model, gaussianBatch(32, 64, 10, seed + 100));
  const first = probe.layers[0]!.gradNorm!;
  const last = probe.layers[19]!.gradNorm!;
  expect(Number.isFinite(first) && Number.isFinite(last) && last > 0).toBe(true);
  return first / last;
}

describe('claim: sigmoid stacks vanish, relu stacks do not', () => {
  for (const seed of [1, 2, 3]) {
    it(`20 × 64 sigmoid (glorot_uniform): first/last hidden gradient norm < 1e-3 (seed ${seed})`, () => {
      const ratio = firstToLastRatio('sigmoid', 'glorot_uniform', seed);
      expect(ratio).toBeLessThan(1e-3);
      expect(ratio).toBeGreaterThan(0); // vanishing, not broken
    });
    it(`20 × 64 relu (he_normal): first/last hidden gradient norm > 0.1 (seed ${seed})`, () => {
      const ratio = firstToLastRatio('relu', 'he_normal', seed);
      expect(ratio).toBeGreaterThan(0.1);
      expect(ratio).toBeLessThan(10); // nor exploding
    });
  }
});

describe('claim: a very high learning rate kills relu units, not leaky_relu units', () => {
  const depth = 4;
  const width = 32;

  async function trainAt(activation: string, learningRate: string, seed: number) {
    const net = resolveOne(
      stackText({
        name: 'Dying',
        input: 4,
        task: 'classification(classes: 3)',
        layers: [...Array.from({ length: depth }, () => ({ units: width, activation, init: 'he_normal' })), { units: 3, activation: 'softmax' }],
        train: ['loss: categorical_crossentropy', `optimizer: adam(learning_rate: ${learningRate})`, 'epochs: 20', 'batch_size: 16', `seed: ${seed}`],
        data: ['source: "iris.csv"', 'target: "species"', 'validation_split: 0.2'],
      }),
    );
    const data = await loadCsvData(net, join(examples, 'iris.axon'));
    const model = buildModel(net, { seed });
    const result = await fit(model, data.train, data.validation, { seed });
    const weights = getWeights(model);
    let constant = 0;
    let neverPositive = 0;
    for (let k = 0; k < depth; k++) {
      const out = hiddenOutputs(net, weights, k, data.train.x, data.train.n);
      constant += constantUnits(out, data.train.n, width);
      neverPositive += neverPositiveUnits(out, data.train.n, width);
    }
    return { result, dead: constant / (depth * width), neverPositive: neverPositive / (depth * width) };
  }

  it('relu at Adam learning rate 10: most hidden units are dead; the engine reports the same', async () => {
    const { result, dead, neverPositive } = await trainAt('relu', '10', 1);
    expect(result.stopReason).toBe('completed');
    expect(dead).toBeGreaterThan(0.5);
    expect(neverPositive).toBe(dead); // for relu, dead = never positive
    const reported = result.history.at(-1)!.diagnostics.slice(0, depth).map((d) => d.deadFraction!);
    const mean = reported.reduce((a, b) => a + b, 0) / depth;
    expect(mean).toBeCloseTo(dead, 6);
  });

  it('leaky_relu at the same rate: no dead unit, although some units sit on the negative side', async () => {
    const { result, dead, neverPositive } = await trainAt('leaky_relu(alpha: 0.01)', '10', 1);
    expect(result.stopReason).toBe('completed');
    expect(dead).toBe(0);
    expect(neverPositive).toBeGreaterThan(0); // they keep a slope there, so they are not stuck
  });

  it('relu at the default learning rate (1e-3) keeps nearly all units alive', async () => {
    const { dead } = await trainAt('relu', '1e-3', 1);
    expect(dead).toBeLessThan(0.1);
  });
});

describe('claim, on the shipped example: deep-sigmoid.axon vanishes at step 0', () => {
  it('its first/last hidden gradient-norm ratio on its own data is below 1e-3', async () => {
    const file = join(examples, 'deep-sigmoid.axon');
    const net = resolveOne(await readFile(file, 'utf8'));
    const hidden = net.layers.filter((l) => l.kind === 'dense' && l.activation.name === 'sigmoid');
    expect(hidden.length).toBeGreaterThanOrEqual(19);
    const data = await loadCsvData(net, file);
    const batch = { ...data.train, n: 32, x: data.train.x.subarray(0, 32 * 4), y: data.train.y.subarray(0, 32 * 3) };
    const probe = probeGradients(buildModel(net), batch);
    const first = probe.layers[hidden[0]!.index]!.gradNorm!;
    const last = probe.layers[hidden.at(-1)!.index]!.gradNorm!;
    expect(first / last).toBeLessThan(1e-3);
    expect(first).toBeGreaterThan(0);
  });
});
