#!/usr/bin/env node
/**
 * LSTM training throughput of @axon/core against TensorFlow.js (cpu and wasm backends), measured in
 * the same run:
 *
 *   npm run build -w @axon/language -w @axon/core && node bench/core-sequence.mjs [--quick]
 *
 * embedding(2000, 32) → lstm(32) → dense(1, sigmoid) on [50] token ids, batch 32, Adam, binary
 * cross-entropy, random ids and labels (throughput does not depend on what is learned). TF.js gets
 * the same layers (`recurrentActivation: 'sigmoid'`, Keras's default; TF.js's own is hard sigmoid).
 * Prints samples/second for each engine and our ratio against each peer; the engines are timed in
 * interleaved rounds and each one's best round is kept, as in core-train.mjs.
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
const N = quick ? 256 : 512;

const SOURCE = `network LstmBench {
  input [${STEPS}]
  task binary_classification
  layers {
    embedding(${VOCAB}, ${DIM})
    lstm(${UNITS})
    dense(1, activation: sigmoid)
  }
  train {
    optimizer: adam
    epochs: 1
    batch_size: ${BATCH}
  }
}`;

function network() {
  const result = check(SOURCE);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`bench source: ${errors[0].message}`);
  return result.networks[0];
}

function randomData(n, seed) {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const x = new Float32Array(n * STEPS).map(() => Math.floor(r() * VOCAB));
  const y = new Float32Array(n).map(() => (r() < 0.5 ? 0 : 1));
  return { x, y, n, inputShape: [STEPS], targetSize: 1 };
}

/** Samples per second of `epoch()` (one pass over `n` samples), over SECONDS. */
async function rate(epoch, n) {
  let samples = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < SECONDS * 1000) {
    await epoch();
    samples += n;
  }
  return samples / ((performance.now() - t0) / 1000);
}

async function oursRunner(data) {
  const model = buildModel(network(), { seed: 1 });
  const epoch = () => fit(model, data, undefined, { epochs: 1 });
  await epoch(); // warm-up (JIT)
  return () => rate(epoch, data.n);
}

async function tfjsRunner(tf, backend, data) {
  await tf.setBackend(backend);
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: VOCAB, outputDim: DIM, inputShape: [STEPS] }));
  model.add(tf.layers.lstm({ units: UNITS, recurrentActivation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(1e-3, 0.9, 0.999, 1e-7), loss: 'binaryCrossentropy' });
  const xs = tf.tensor2d(data.x, [data.n, STEPS]);
  const ys = tf.tensor2d(data.y, [data.n, 1]);
  const epoch = () => model.fit(xs, ys, { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0 });
  await epoch(); // warm-up
  return async () => {
    await tf.setBackend(backend);
    return rate(epoch, data.n);
  };
}

const fmt = (v) => Math.round(v).toLocaleString('en-US').padStart(9);

async function main() {
  const tf = await import('@tensorflow/tfjs');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep);
  const data = randomData(N, 1);
  console.log(`node ${process.version}, ${SECONDS}s per measurement${quick ? ' (quick)' : ''}, axon matmul: ${activeMatmul}`);
  console.log(`embedding(${VOCAB}, ${DIM}) → lstm(${UNITS}) → dense(1, sigmoid), input [${STEPS}], batch ${BATCH}, Adam, ${N} samples per epoch`);
  const runners = { ours: await oursRunner(data), cpu: await tfjsRunner(tf, 'cpu', data) };
  let wasmError;
  try {
    runners.wasm = await tfjsRunner(tf, 'wasm', data);
  } catch (e) {
    wasmError = e.message.split('\n')[0];
  }
  const best = { ours: 0, cpu: 0, wasm: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, run] of Object.entries(runners)) best[name] = Math.max(best[name], await run());
  }
  console.log(`  axon core    ${fmt(best.ours)} samples/s`);
  console.log(`  tfjs cpu     ${fmt(best.cpu)} samples/s   axon/tfjs-cpu  = ${(best.ours / best.cpu).toFixed(2)}x`);
  if (runners.wasm) console.log(`  tfjs wasm    ${fmt(best.wasm)} samples/s   axon/tfjs-wasm = ${(best.ours / best.wasm).toFixed(2)}x`);
  else console.log(`  tfjs wasm          n/a   (cannot train this net: ${wasmError})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
