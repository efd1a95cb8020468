#!/usr/bin/env node
/**
 * Calibrates the linter's `saturating-deep-stack` rule with the training core.
 *
 * For sigmoid and for tanh, and for every depth 1..N (default 20), builds the stack
 *   input [64] → repeat depth { dense(64, activation: f) } → dense(10, activation: softmax)
 * with the default initialiser (glorot_uniform, zero biases), runs one forward + backward pass
 * (`probeGradients`, no update) on a batch of 32 standard-normal rows with random one-hot labels, and
 * takes the ratio of the first to the last hidden layer's kernel-gradient L2 norm. Repeated for several
 * seeds; the median is reported. The crossing depth is the first depth whose median ratio is below 1e-3
 * (AUTOTRAINER's vanishing-gradient threshold).
 *
 * Peer: the same ratio is measured again with TensorFlow.js (cpu backend) on the same weights and batch,
 * so the table shows that the figures are not an artefact of Axon's engine (`--no-peer` skips it).
 *
 * Usage (after `npm run build`):
 *   node bench/calibrate-saturation.mjs [--max-depth 20] [--seeds 5] [--width 64] [--batch 32] [--no-peer] [--json]
 *
 * The networks are written as Axon source and resolved with @axon/language, so the measurement covers
 * exactly what the linter sees.
 */
import { pathToFileURL } from 'node:url';
import { check } from '@axon/language';
import { buildModel, probeGradients, getWeights, mulberry32 } from '@axon/core';

export const THRESHOLD = 1e-3;


/** n standard-normal rows of `features` values and random one-hot labels over `classes`. */
export function gaussianBatch(n, features, classes, seed) {
  const next = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const x = Float32Array.from({ length: n * features }, normal);
  const y = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) y[i * classes + Math.floor(next() * classes)] = 1;
  return { x, y, n, inputShape: [features], targetSize: classes };
}

export function stackSource(activation, depth, width = 64, classes = 10) {
  return [
    `network Stack {`,
    `  input [${width}]`,
    `  task classification(classes: ${classes})`,
    `  layers {`,
    `    repeat ${depth} {`,
    `      dense(${width}, activation: ${activation})`,
    `    }`,
    `    dense(${classes}, activation: softmax)`,
    `  }`,
    `}`,
    ``,
  ].join('\n');
}

/**
 * The same ratio computed by TensorFlow.js: the stack rebuilt from the Axon model's weights, softmax +
 * categorical cross-entropy (mean over the batch), gradients of the first and last hidden kernels.
 */
function tfjsRatio(tf, weights, data, activation, depth, width, classes) {
  return tf.tidy(() => {
    const x = tf.tensor2d(data.x, [data.n, width]);
    const y = tf.tensor2d(data.y, [data.n, classes]);
    const layers = weights.map((lw) => {
      const kernel = lw.weights.find((w) => w.name === 'kernel');
      const bias = lw.weights.find((w) => w.name === 'bias');
      return { kernel: tf.tensor(kernel.values, kernel.shape), bias: tf.tensor(bias.values, bias.shape) };
    });
    const f = activation === 'sigmoid' ? tf.sigmoid : tf.tanh;
    const loss = (first, last) => {
      let h = x;
      layers.forEach((l, i) => {
        const kernel = i === 0 ? first : i === depth - 1 ? last : l.kernel;
        const z = tf.add(tf.matMul(h, kernel), l.bias);
        h = i < depth ? f(z) : tf.softmax(z);
      });
      return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(h)), 1)));
    };
    if (depth === 1) return 1;
    const [gFirst, gLast] = tf.grads(loss)([layers[0].kernel, layers[depth - 1].kernel]);
    return tf.norm(gFirst).dataSync()[0] / tf.norm(gLast).dataSync()[0];
  });
}

/** The middle value (the upper of the two middle ones for an even count). */
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Median first/last hidden gradient-norm ratio (and min, max) over `seeds` seeds; `tf` adds the peer's median. */
export function measureRatio(activation, depth, { seeds = 5, width = 64, batch = 32, classes = 10, tf } = {}) {
  const result = check(stackSource(activation, depth, width, classes));
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.networks.length !== 1) {
    throw new Error(`the generated stack does not analyse: ${errors.map((e) => e.message).join('; ')}`);
  }
  const network = result.networks[0];
  const ratios = [];
  const peer = [];
  for (let s = 1; s <= seeds; s++) {
    const model = buildModel(network, { seed: s });
    const data = gaussianBatch(batch, width, classes, 1000 + s);
    const probe = probeGradients(model, data);
    ratios.push(probe.layers[0].gradNorm / probe.layers[depth - 1].gradNorm);
    if (tf) peer.push(tfjsRatio(tf, getWeights(model), data, activation, depth, width, classes));
  }
  const summary = { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
  if (tf) summary.tfjs = median(peer);
  return summary;
}

/** Measures depths 1..maxDepth; the crossing depth is the first with median < THRESHOLD (or null). */
export function calibrate(activation, { maxDepth = 20, ...options } = {}) {
  const rows = [];
  let crossing = null;
  for (let depth = 1; depth <= maxDepth; depth++) {
    const r = measureRatio(activation, depth, options);
    rows.push({ depth, ...r });
    if (crossing === null && r.median < THRESHOLD) crossing = depth;
  }
  return { activation, rows, crossing };
}

function parseArgs(argv) {
  const o = { maxDepth: 20, seeds: 5, width: 64, batch: 32, json: false, peer: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} expects a positive integer`);
      return v;
    };
    if (a === '--max-depth') o.maxDepth = num();
    else if (a === '--seeds') o.seeds = num();
    else if (a === '--width') o.width = num();
    else if (a === '--batch') o.batch = num();
    else if (a === '--json') o.json = true;
    else if (a === '--no-peer') o.peer = false;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

async function loadTfjs() {
  // tfjs greets Node users on stderr (at its first operation) and suggests tfjs-node, which cannot be installed here.
  console.warn = () => {};
  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  return tf;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const tf = o.peer ? await loadTfjs() : undefined;
  const results = ['sigmoid', 'tanh'].map((f) => calibrate(f, { ...o, tf }));
  if (o.json) {
    const { peer, ...settings } = o;
    process.stdout.write(`${JSON.stringify({ threshold: THRESHOLD, peer: peer ? 'tfjs-cpu' : null, ...settings, results }, null, 2)}\n`);
    return;
  }
  const e = (v) => v.toExponential(2);
  console.log(
    `first/last hidden-layer gradient-norm ratio at step 0: ${o.width} units per layer, glorot_uniform, batch ${o.batch}, ` +
      `median of ${o.seeds} seeds [min, max]${tf ? '; peer: TensorFlow.js (cpu) on the same weights and batches, median' : ''}\n`,
  );
  console.log(tf ? '| depth | sigmoid (axon) | sigmoid (tfjs) | tanh (axon) | tanh (tfjs) |' : '| depth | sigmoid | tanh |');
  console.log(tf ? '| ---: | --- | --- | --- | --- |' : '| ---: | --- | --- |');
  let worst = 0;
  for (let i = 0; i < o.maxDepth; i++) {
    const [s, t] = results.map((r) => r.rows[i]);
    const cell = (r) => `${e(r.median)} [${e(r.min)}, ${e(r.max)}]${r.median < THRESHOLD ? ' **< 1e-3**' : ''}`;
    if (tf) {
      for (const r of [s, t]) worst = Math.max(worst, Math.abs(r.median / r.tfjs - 1));
      console.log(`| ${i + 1} | ${cell(s)} | ${e(s.tfjs)} | ${cell(t)} | ${e(t.tfjs)} |`);
    } else {
      console.log(`| ${i + 1} | ${cell(s)} | ${cell(t)} |`);
    }
  }
  console.log('');
  for (const r of results) {
    console.log(`${r.activation}: ${r.crossing === null ? `the ratio stays above 1e-3 up to depth ${o.maxDepth}` : `crosses 1e-3 at depth ${r.crossing}`}`);
  }
  if (tf) console.log(`axon vs tfjs: the medians differ by at most ${e(worst)} (relative) at any depth`);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await main();
  } catch (err) {
    process.stderr.write(`calibrate-saturation: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
}
