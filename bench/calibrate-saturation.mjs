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
 * Usage (after `npm run build`):
 *   node bench/calibrate-saturation.mjs [--max-depth 20] [--seeds 5] [--width 64] [--batch 32] [--json]
 *
 * The networks are written as Axon source and resolved with @axon/language, so the measurement covers
 * exactly what the linter sees.
 */
import { pathToFileURL } from 'node:url';
import { check } from '@axon/language';
import { buildModel, probeGradients } from '@axon/core';

export const THRESHOLD = 1e-3;

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

/** Median first/last hidden gradient-norm ratio (and min, max) over `seeds` seeds. */
export function measureRatio(activation, depth, { seeds = 5, width = 64, batch = 32, classes = 10 } = {}) {
  const result = check(stackSource(activation, depth, width, classes));
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.networks.length !== 1) {
    throw new Error(`the generated stack does not analyse: ${errors.map((e) => e.message).join('; ')}`);
  }
  const network = result.networks[0];
  const ratios = [];
  for (let s = 1; s <= seeds; s++) {
    const model = buildModel(network, { seed: s });
    const probe = probeGradients(model, gaussianBatch(batch, width, classes, 1000 + s));
    ratios.push(probe.layers[0].gradNorm / probe.layers[depth - 1].gradNorm);
  }
  ratios.sort((a, b) => a - b);
  return { median: ratios[Math.floor(ratios.length / 2)], min: ratios[0], max: ratios[ratios.length - 1] };
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
  const o = { maxDepth: 20, seeds: 5, width: 64, batch: 32, json: false };
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
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const results = ['sigmoid', 'tanh'].map((f) => calibrate(f, o));
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ threshold: THRESHOLD, ...o, results }, null, 2)}\n`);
    return;
  }
  const e = (v) => v.toExponential(2);
  console.log(`first/last hidden-layer gradient-norm ratio at step 0: ${o.width} units per layer, glorot_uniform, batch ${o.batch}, median of ${o.seeds} seeds [min, max]\n`);
  console.log(`| depth | sigmoid | tanh |`);
  console.log(`| ---: | --- | --- |`);
  for (let i = 0; i < o.maxDepth; i++) {
    const [s, t] = results.map((r) => r.rows[i]);
    const cell = (r) => `${e(r.median)} [${e(r.min)}, ${e(r.max)}]${r.median < THRESHOLD ? ' **< 1e-3**' : ''}`;
    console.log(`| ${i + 1} | ${cell(s)} | ${cell(t)} |`);
  }
  console.log('');
  for (const r of results) {
    console.log(`${r.activation}: ${r.crossing === null ? `the ratio stays above 1e-3 up to depth ${o.maxDepth}` : `crosses 1e-3 at depth ${r.crossing}`}`);
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`calibrate-saturation: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
}
