#!/usr/bin/env node
/**
 * LSTM training throughput of @axon/core against TensorFlow.js (cpu and wasm backends), measured in
 * the same run:
 *
 *   npm run build -w @axon/language -w @axon/core && node bench/core-sequence.mjs [--quick]
 *
 * (a) embedding(2000, 32) → lstm(32) → dense(1, sigmoid) on [50] token ids, batch 32, Adam, binary
 *     cross-entropy. tfjs-wasm 4.22 cannot train it (no `UnsortedSegmentSum` kernel, the embedding's
 *     gradient); tfjs-cpu's UnsortedSegmentSum runs once per vocabulary row, which dominates its time.
 * (b) the same LSTM without the embedding, on [50, 32] float inputs, so the recurrent layer itself is
 *     compared, against both backends.
 * Random inputs and labels (throughput does not depend on what is learned). TF.js gets the same layers
 * with `recurrentActivation: 'sigmoid'` (Keras's default; TF.js's own is hard sigmoid). Prints
 * samples/second for each engine and our ratio against each peer; the engines are timed in interleaved
 * rounds and each one's best round is kept, as in core-train.mjs. A TF.js "epoch" is shorter than ours
 * (`peerSamples`) so a slow peer still finishes; samples/s does not depend on the epoch's length.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { activeMatmul, buildModel, fit } from '../packages/core/dist/index.js';
import { check } from '../packages/language/dist/index.js';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const SECONDS = quick ? 1 : 3;
const ROUNDS = quick ? 2 : 3;
const [VOCAB, DIM, STEPS, UNITS, BATCH] = [2000, 32, 50, 32, 32];

const source = (embedding) => `network LstmBench {
  input ${embedding ? `[${STEPS}]` : `[${STEPS}, ${DIM}]`}
  task binary_classification
  layers {
    ${embedding ? `embedding(${VOCAB}, ${DIM})` : ''}
    lstm(${UNITS})
    dense(1, activation: sigmoid)
  }
  train {
    optimizer: adam
    epochs: 1
    batch_size: ${BATCH}
  }
}`;

function network(embedding) {
  const result = check(source(embedding));
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`bench source: ${errors[0].message}`);
  return result.networks[0];
}

function randomData(n, embedding, seed) {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const inShape = embedding ? [STEPS] : [STEPS, DIM];
  const x = new Float32Array(n * STEPS * (embedding ? 1 : DIM)).map(() => (embedding ? Math.floor(r() * VOCAB) : r() * 2 - 1));
  const y = new Float32Array(n).map(() => (r() < 0.5 ? 0 : 1));
  return { x, y, n, inputShape: inShape, targetSize: 1 };
}

/** Samples per second of `epoch()` (one pass over `n` samples), over at least SECONDS and one epoch. */
async function rate(epoch, n) {
  let samples = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < SECONDS * 1000) {
    await epoch();
    samples += n;
  }
  return samples / ((performance.now() - t0) / 1000);
}

async function oursRunner(c) {
  const model = buildModel(network(c.embedding), { seed: 1 });
  const data = randomData(c.samples, c.embedding, 1);
  const epoch = () => fit(model, data, undefined, { epochs: 1 });
  await epoch(); // warm-up (JIT)
  return () => rate(epoch, data.n);
}

async function tfjsRunner(tf, backend, c) {
  await tf.setBackend(backend);
  const model = tf.sequential();
  if (c.embedding) model.add(tf.layers.embedding({ inputDim: VOCAB, outputDim: DIM, inputShape: [STEPS] }));
  model.add(tf.layers.lstm({ units: UNITS, recurrentActivation: 'sigmoid', ...(c.embedding ? {} : { inputShape: [STEPS, DIM] }) }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(1e-3, 0.9, 0.999, 1e-7), loss: 'binaryCrossentropy' });
  const data = randomData(c.peerSamples, c.embedding, 1);
  const xs = tf.tensor(data.x, [data.n, ...data.inputShape]);
  const ys = tf.tensor2d(data.y, [data.n, 1]);
  const epoch = () => model.fit(xs, ys, { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0 });
  await epoch(); // warm-up
  return async () => {
    await tf.setBackend(backend);
    return rate(epoch, data.n);
  };
}

const fmt = (v) => (v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US')).padStart(9);

async function main() {
  const tf = await import('@tensorflow/tfjs');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep);
  console.log(`node ${process.version}, ${SECONDS}s per measurement${quick ? ' (quick)' : ''}, axon matmul: ${activeMatmul}`);
  const cases = [
    { name: `(a) embedding(${VOCAB}, ${DIM}) → lstm(${UNITS}) → dense(1, sigmoid), input [${STEPS}], batch ${BATCH}, Adam`, embedding: true, samples: 256, peerSamples: BATCH },
    { name: `(b) lstm(${UNITS}) → dense(1, sigmoid), input [${STEPS}, ${DIM}], batch ${BATCH}, Adam`, embedding: false, samples: 256, peerSamples: 4 * BATCH },
  ];
  for (const c of cases) {
    const runners = { ours: await oursRunner(c), cpu: await tfjsRunner(tf, 'cpu', c) };
    let wasmError;
    try {
      runners.wasm = await tfjsRunner(tf, 'wasm', c);
    } catch (e) {
      wasmError = e.message.split('\n')[0];
    }
    const best = { ours: 0, cpu: 0, wasm: 0 };
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, run] of Object.entries(runners)) best[name] = Math.max(best[name], await run());
    }
    console.log(`\n${c.name}`);
    console.log(`  axon core    ${fmt(best.ours)} samples/s`);
    console.log(`  tfjs cpu     ${fmt(best.cpu)} samples/s   axon/tfjs-cpu  = ${(best.ours / best.cpu).toFixed(1)}x`);
    if (runners.wasm) console.log(`  tfjs wasm    ${fmt(best.wasm)} samples/s   axon/tfjs-wasm = ${(best.ours / best.wasm).toFixed(1)}x`);
    else console.log(`  tfjs wasm          n/a   (cannot train this net: ${wasmError})`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
