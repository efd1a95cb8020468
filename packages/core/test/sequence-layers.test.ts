/**
 * The sequence layers' engine behaviour beyond the gradient checks: Keras's parameter counts on the
 * Keras examples, the analyzer's shapes against this suite's own, initialisation (unit_forget_bias,
 * orthogonal recurrent kernels, the embedding's ±0.05), dropout only while training, the errors a
 * user meets, and a small recurrent net learning a task that needs order.
 */
import { describe, expect, it } from 'vitest';
import { check, type ResolvedNetwork } from '@axon/language';
import { buildModel, fit, getWeights, ModelError, predict, probeGradients, type Dataset } from '../src/index.js';
import { forwardPass, predictChunk } from '../src/model.js';
import { createRng } from '../src/rng.js';
import type { RecurrentLayer } from '../src/layers/recurrent.js';
import { readFile } from 'node:fs/promises';
import { embedding, denseSpec, rnn, seqNet, sequenceShape, tokenIds } from './seq-nets.js';

function network(source: string): ResolvedNetwork {
  const r = check(source);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.networks[0]!;
}

const examples = new URL('../../../examples/', import.meta.url);
const exampleNetwork = async (file: string) => network(await readFile(new URL(file, examples), 'utf8'));

const engineParams = (n: ResolvedNetwork) => getWeights(buildModel(n)).reduce((a, lw) => a + lw.weights.reduce((b, w) => b + w.values.length, 0), 0);

describe('sequence layers: parameters and shapes', () => {
  it('the Keras examples: Bidirectional LSTM on IMDB has 2,757,761 weights, text classification 2,806,273', async () => {
    const imdb = await exampleNetwork('imdb-bilstm.axon');
    expect(engineParams(imdb)).toBe(2_757_761);
    expect(imdb.params.total).toBe(2_757_761);
    const text = await exampleNetwork('text-classification.axon');
    expect(engineParams(text)).toBe(2_806_273);
  });

  it("the analyzer's shapes and parameter counts equal this suite's Keras formulas, and the engine's weights", () => {
    const n = network(`network S {
      input [20]
      layers {
        embedding(100, 8)
        lstm(6, return_sequences: true, bidirectional: true)
        gru(5, return_sequences: true, use_bias: false)
        gru(3, return_sequences: true, bidirectional: true)
        simple_rnn(4, return_sequences: true)
        conv1d(3, 2, stride: 2, padding: same)
        avg_pool1d(2, padding: same)
        max_pool1d(2, stride: 1)
        lstm(2)
        dense(1)
      }
    }`);
    const model = buildModel(n);
    for (const l of n.layers) {
      const ours = sequenceShape(l, l.inputShape);
      expect({ name: l.name, shape: l.outputShape, params: l.params.trainable }).toEqual({ name: l.name, shape: ours.outputShape, params: ours.params.trainable });
      const engine = model.layers[l.index]!.params.reduce((a, p) => a + p.value.length, 0);
      expect(engine).toBe(l.params.trainable);
    }
    // hand counts: GRU without bias 3·5·(12 + 5) = 255; bidirectional GRU 2·(3·3·(5 + 3) + 2·9) = 180; SimpleRNN 4·(6 + 4) + 4 = 44
    expect(n.layers.map((l) => l.params.trainable)).toEqual([800, 2 * 4 * (6 * 14 + 6), 255, 180, 44, 2 * 4 * 3 + 3, 0, 0, 4 * (2 * 5 + 2), 3]);
  });

  it('weights are named and shaped as Keras, in get_weights() order', () => {
    const n = network(`network W {
      input [5, 3]
      layers { gru(4, bidirectional: true), dense(1) }
    }`);
    const w = getWeights(buildModel(n));
    expect(w[0]!.weights.map((t) => `${t.name}[${t.shape.join(',')}]`)).toEqual([
      'forward_kernel[3,12]', 'forward_recurrent_kernel[4,12]', 'forward_bias[2,12]',
      'backward_kernel[3,12]', 'backward_recurrent_kernel[4,12]', 'backward_bias[2,12]',
    ]);
  });
});

describe('sequence layers: predict in memory-bounded chunks', () => {
  it('the IMDB example predicts 9 reviews at a time; a dense net 256', async () => {
    expect(predictChunk(await exampleNetwork('imdb-bilstm.axon'))).toBe(9);
    expect(predictChunk(network(`network M {
      input [4]
      layers { dense(3) }
    }`))).toBe(256);
  });

  it('chunked predictions equal one forward pass over all samples', () => {
    const n = network(`network Long {
      input [400, 8]
      layers { lstm(64), dense(2) }
    }`);
    expect(predictChunk(n)).toBe(20);
    const model = buildModel(n);
    const x = new Float32Array(45 * 400 * 8).map((_, i) => Math.sin(i * 0.37));
    const chunked = predict(model, x, 45);
    const whole = forwardPass(model, x, 45, { training: false, updateStats: false, observe: false, rng: createRng(1) });
    expect(chunked).toHaveLength(90);
    chunked.forEach((v, i) => expect(v).toBeCloseTo(whole[i]!, 6));
  });
});

describe('sequence layers: initialisation', () => {
  const n = network(`network I {
    input [10]
    layers { embedding(40, 6), lstm(5), dense(1) }
  }`);
  const [emb, lstm] = getWeights(buildModel(n));

  it('embedding: uniform in [-0.05, 0.05]', () => {
    const v = emb!.weights[0]!.values;
    expect(Math.max(...v)).toBeLessThanOrEqual(0.05);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-0.05);
    expect(Math.max(...v) - Math.min(...v)).toBeGreaterThan(0.08);
  });

  it('lstm: the forget gate bias starts at 1 (unit_forget_bias), the others at 0', () => {
    expect(Array.from(lstm!.weights[2]!.values)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('lstm: the recurrent kernel [5, 20] has orthonormal rows; the kernel is glorot_uniform', () => {
    const u = lstm!.weights[1]!.values;
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        let dot = 0;
        for (let c = 0; c < 20; c++) dot += u[i * 20 + c]! * u[j * 20 + c]!;
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 5);
      }
    }
    const limit = Math.sqrt(6 / (6 + 20));
    const k = lstm!.weights[0]!.values;
    expect(Math.max(...k.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...k.map(Math.abs))).toBeGreaterThan(limit * 0.8);
  });
});

describe('sequence layers: dropout and the per-step gradient norms', () => {
  it('dropout and recurrent_dropout act only while training', () => {
    const n = network(`network D {
      input [6, 3]
      layers { lstm(4, dropout: 0.5, recurrent_dropout: 0.5, bidirectional: true) }
    }`);
    const model = buildModel(n);
    const x = new Float32Array(4 * 18).map((_, i) => Math.sin(i));
    const a = predict(model, x, 4), b = predict(model, x, 4);
    expect(Array.from(a)).toEqual(Array.from(b));
    const train = forwardPass(model, x, 4, { training: true, updateStats: false, observe: false, rng: createRng(3) });
    const diff = Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - train[i]!)), 0);
    expect(diff).toBeGreaterThan(1e-3);
  });

  it('a recurrent layer records ‖dL/dh_t‖ per step in its backward pass, reported in the diagnostics', async () => {
    const n = network(`network G {
      input [8, 2]
      layers { simple_rnn(4), dense(1) }
      train {
        epochs: 1
        batch_size: 4
      }
    }`);
    const model = buildModel(n);
    const x = new Float32Array(4 * 16).map((_, i) => Math.cos(i));
    const batch = { x, y: new Float32Array([1, 0, 1, 0]), n: 4, inputShape: [8, 2], targetSize: 1 };
    const result = await fit(model, batch, undefined, { shuffle: false });
    const norms = (model.layers[0] as RecurrentLayer).stepGradNorms();
    expect(norms).toHaveLength(8);
    for (const v of norms) expect(v).toBeGreaterThan(0);
    // the last step receives the loss's gradient directly; the earliest only through the chain
    expect(norms[7]!).toBeGreaterThan(norms[0]!);
    // one batch in the epoch: the epoch's diagnostics hold exactly that backward pass's norms
    const d = result.history[0]!.diagnostics;
    expect(d[0]!.stepGradNorms).toEqual(Array.from(norms));
    expect(d[1]!.stepGradNorms).toBeUndefined();
    const probe = probeGradients(model, batch);
    expect(probe.layers[0]!.stepGradNorms).toHaveLength(8);
    expect(probe.layers[0]!.stepGradNorms).toEqual(Array.from((model.layers[0] as RecurrentLayer).stepGradNorms()));
  });
});

describe('sequence layers: errors', () => {
  const model = buildModel(network(`network E {
    input [4]
    layers { embedding(10, 2), global_avg_pool1d(), dense(1) }
  }`));

  it('an id outside [0, input_dim) names the id, its sample and step, and the layer', () => {
    const x = new Float32Array([1, 2, 3, 4, 5, 6, 12, 0]);
    expect(() => predict(model, x, 2)).toThrow(ModelError);
    expect(() => predict(model, x, 2)).toThrow('layer 0 (embedding): token id 12 (sample 1, step 2) is outside [0, 10)');
    expect(() => predict(model, new Float32Array([0, -1, 0, 0]), 1)).toThrow('token id -1 (sample 0, step 1) is outside [0, 10)');
  });

  it('a fractional id is refused too', () => {
    expect(() => predict(model, new Float32Array([0, 1, 2.5, 0]), 1)).toThrow('token id 2.5 (sample 0, step 2) is not a whole number in [0, 10)');
  });

  it("an embedding that does not read the network's input, and a recurrent layer on a rank-1 input, are refused by buildModel", () => {
    const offInput = seqNet([4], [denseSpec(4), embedding(10, 2)]);
    expect(() => buildModel(offInput)).toThrow("layer 1 (embedding): an embedding reads token ids, so it must read the network's input, not layer 0");
    const flat = seqNet([4], [denseSpec(3)]);
    flat.layers.push({ ...rnn('lstm', 2), index: 1, inputs: [0], name: 'lstm', inputShape: [3], outputShape: [2], params: { trainable: 48, nonTrainable: 0 }, origin: flat.layers[0]!.origin } as ResolvedNetwork['layers'][number]);
    expect(() => buildModel(flat)).toThrow('layer 1 (lstm): lstm needs [steps, features] input, got [3]');
  });
});

/** Tokens 4…7 with one marker 2 and one marker 3 in random places; label 1 when 2 comes first. */
function orderTask(n: number, steps: number, seed: number): Dataset {
  const r = createRng(seed);
  const x = Float32Array.from(tokenIds(n, steps, 4, seed).map((v) => v + 4));
  const y = new Float32Array(n);
  for (let s = 0; s < n; s++) {
    const a = r.int(steps);
    let b = r.int(steps - 1);
    if (b >= a) b++;
    x[s * steps + a] = 2;
    x[s * steps + b] = 3;
    y[s] = a < b ? 1 : 0;
  }
  return { x, y, n, inputShape: [steps], targetSize: 1 };
}

describe('sequence layers: learning', () => {
  it('embedding → lstm → dense learns which of two markers comes first (chance is 50 %)', async () => {
    const n = network(`network Order {
      input [10]
      task binary_classification
      layers { embedding(8, 8), lstm(16), dense(1, activation: sigmoid) }
      train {
        optimizer: adam(learning_rate: 0.01, clipnorm: 1)
        epochs: 20
        batch_size: 32
      }
    }`);
    const model = buildModel(n);
    const train = orderTask(600, 10, 1), val = orderTask(300, 10, 2);
    const result = await fit(model, train, val);
    expect(result.history.at(-1)!.valMetrics!.accuracy).toBeGreaterThan(0.9);
    expect(result.history[0]!.loss).toBeGreaterThan(result.history.at(-1)!.loss * 2);
  }, 60_000);
});
