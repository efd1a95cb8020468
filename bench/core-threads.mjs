#!/usr/bin/env node
/**
 * Data-parallel training: samples/s of @axon/core on 1 thread against 2 threads (`fit({ threads })`,
 * see docs/core.md "Threads"), the same build in the same run — the ratio is threads against one
 * thread, whatever the single-thread kernels' speed.
 *
 *   npm run build -w @axon/language -w @axon/core && node bench/core-threads.mjs [--quick]
 *
 * (a) 784-256-128-10 relu/softmax, batch 64, Adam          (b) the small CNN, batch 32, Adam
 * (c) the Keras MNIST convnet (dropout), batch 128, Adam   (d) 4-16-16-3, batch 16 (iris-sized), forced
 *     to split (minShardMacs: 0) to show where threads do not pay; the default keeps it on one thread.
 * (a)–(c) skip the run-length check (minRunMacs: 0): these timing runs are shorter than the runs the
 * start-up pays for. Steady state: each run trains EPOCHS epochs, the first (worker start-up, JIT) is not timed; the
 * start-up is printed on its own. Interleaved rounds, best round kept (the machine is shared).
 */
import { buildModel, fit, planThreads } from '../packages/core/dist/index.js';
import { check } from '../packages/language/dist/index.js';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 2 : 3;
const EPOCHS = quick ? 3 : 4;

const train = (batch) => `train {
    loss: categorical_crossentropy
    optimizer: adam(learning_rate: 1e-3)
    epochs: 1
    batch_size: ${batch}
    seed: 42
  }`;
const SOURCES = {
  mlp: `network Mlp {\n  input [784]\n  layers {\n    dense(256, activation: relu)\n    dense(128, activation: relu)\n    dense(10, activation: softmax)\n  }\n  ${train(64)}\n}`,
  cnn: `network SmallCnn {\n  input [28, 28, 1]\n  layers {\n    conv2d(8, kernel: 3, activation: relu, init: he_normal)\n    max_pool2d(2)\n    conv2d(16, kernel: 3, activation: relu, init: he_normal)\n    max_pool2d(2)\n    flatten()\n    dense(10, activation: softmax)\n  }\n  ${train(32)}\n}`,
  keras: `network KerasCnn {\n  input [28, 28, 1]\n  layers {\n    conv2d(32, kernel: 3, activation: relu, init: he_normal)\n    max_pool2d(2)\n    conv2d(64, kernel: 3, activation: relu, init: he_normal)\n    max_pool2d(2)\n    flatten()\n    dropout(0.5)\n    dense(10, activation: softmax)\n  }\n  ${train(128)}\n}`,
  iris: `network Tiny {\n  input [4]\n  layers {\n    dense(16, activation: relu)\n    dense(16, activation: relu)\n    dense(3, activation: softmax)\n  }\n  ${train(16)}\n}`,
};

function network(source) {
  const r = check(source);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors[0].message);
  return r.networks[0];
}

function randomData(n, inSize, classes, seed = 5) {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const x = new Float32Array(n * inSize).map(() => r());
  const y = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) y[i * classes + Math.floor(r() * classes)] = 1;
  return { x, y, n, inputShape: [inSize], targetSize: classes };
}

/** One run: EPOCHS epochs; samples/s over epochs 2…EPOCHS, and the time to the first epoch's end. */
async function run(net, data, threads, extra) {
  const model = buildModel(net, { seed: 1 });
  const ends = [];
  const t0 = performance.now();
  await fit(model, data, undefined, { epochs: EPOCHS, earlyStopping: null, threads, ...extra }, { onEpochEnd: () => void ends.push(performance.now()) });
  const steady = (ends.at(-1) - ends[0]) / 1000;
  return { rate: ((EPOCHS - 1) * data.n) / steady, firstMs: ends[0] - t0 };
}

const cases = [
  { name: '(a) 784-256-128-10, batch 64, Adam', net: network(SOURCES.mlp), data: randomData(quick ? 1024 : 2048, 784, 10), extra: { minRunMacs: 0 } },
  { name: '(b) small CNN (conv 8 → pool → conv 16 → pool → dense 10), batch 32, Adam', net: network(SOURCES.cnn), data: randomData(quick ? 256 : 512, 784, 10), extra: { minRunMacs: 0 } },
  { name: '(c) Keras MNIST convnet (conv 32 → pool → conv 64 → pool → dropout → dense 10), batch 128, Adam', net: network(SOURCES.keras), data: randomData(quick ? 128 : 256, 784, 10), extra: { minRunMacs: 0 } },
  { name: '(d) 4-16-16-3, batch 16, forced onto 2 threads', net: network(SOURCES.iris), data: randomData(4096, 4, 3), extra: { minShardMacs: 0 } },
];

for (const c of cases) {
  const plan = planThreads(buildModel(c.net), c.net.train.batchSize, 2, c.extra?.minShardMacs);
  const best = { 1: { rate: 0, firstMs: Infinity }, 2: { rate: 0, firstMs: Infinity } };
  for (let r = 0; r < ROUNDS; r++) {
    for (const t of [1, 2]) {
      const m = await run(c.net, c.data, t, c.extra ?? {});
      best[t].rate = Math.max(best[t].rate, m.rate);
      best[t].firstMs = Math.min(best[t].firstMs, m.firstMs);
    }
  }
  console.log(c.name);
  console.log(`  1 thread   ${best[1].rate.toFixed(0).padStart(9)} samples/s   first epoch ${best[1].firstMs.toFixed(0)} ms`);
  console.log(`  2 threads  ${best[2].rate.toFixed(0).padStart(9)} samples/s   first epoch ${best[2].firstMs.toFixed(0)} ms (worker start-up included)   [plan: ${plan.threads} thread${plan.threads === 1 ? '' : 's'}${plan.reason ? ` — ${plan.reason}` : ''}]`);
  console.log(`  ratio 2/1  ${(best[2].rate / best[1].rate).toFixed(2)}×\n`);
}
