#!/usr/bin/env node
/**
 * Does an identity shortcut around a saturating body change `saturating-deep-stack`'s verdict?
 *
 * For sigmoid and tanh, and for every depth N in 4..20 (step 2), measures the same first/last hidden
 * layer gradient-norm ratio as bench/calibrate-saturation.mjs (step 0, 64 units, glorot_uniform, zero
 * biases, batch 32 of standard-normal rows, random one-hot labels, median of 5 seeds) on
 *
 *   plain:      input [64] → N × dense(64, f)                               → dense(10, softmax)
 *   residual k: input [64] → N/k × residual { k × dense(64, f) } (identity) → dense(10, softmax)
 *
 * for blocks of k = 1 and k = 2 layers, and with one identity shortcut around all N layers (k = N). The weights are drawn in the same order, so a seed gives the
 * plain and the residual network the same kernels. It also reports the fraction of the first hidden
 * layer's pre-activations with |x| ≥ 5 (saturated) over the batch, and the deepest run of saturating
 * layers the lint rule counts on the gradient path (`deepestGradientPath`).
 *
 * The residual networks are written as Axon source (`residual { … }`).
 *
 * Usage (after `npm run build`):
 *   node bench/calibrate-residual.mjs [--max-depth 20] [--seeds 5] [--json]
 */
import { pathToFileURL } from 'node:url';
import { check } from '@axon/language';
import { buildModel, probeGradients } from '@axon/core';
import { deepestGradientPath } from '@axon/lint';
import { THRESHOLD, gaussianBatch, median, stackSource } from './calibrate-saturation.mjs';

const WIDTH = 64;
const CLASSES = 10;
const BATCH = 32;

export function residualSource(activation, depth, block) {
  const body = Array.from({ length: block }, () => `        dense(${WIDTH}, activation: ${activation})`);
  return [
    `network Stack {`,
    `  input [${WIDTH}]`,
    `  task classification(classes: ${CLASSES})`,
    `  layers {`,
    `    repeat ${depth / block} {`,
    `      residual {`,
    ...body,
    `      }`,
    `    }`,
    `    dense(${CLASSES}, activation: softmax)`,
    `  }`,
    `}`,
    ``,
  ].join('\n');
}

function resolve(source) {
  const result = check(source);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.networks.length !== 1) return { errors };
  return { network: result.networks[0] };
}

/** The network for `variant` ('plain' | 1 | 2 …), from its source. */
export function stackNetwork(activation, depth, variant) {
  const source = variant === 'plain' ? stackSource(activation, depth, WIDTH, CLASSES) : residualSource(activation, depth, variant);
  const { network, errors } = resolve(source);
  if (!network) throw new Error(`the ${variant === 'plain' ? 'plain' : 'residual'} stack does not analyse: ${errors.map((e) => e.message).join('; ')}`);
  return network;
}

/** First/last hidden kernel-gradient ratio, first layer's saturated fraction, and the rule's path length. */
export function measure(activation, depth, variant, { seeds = 5 } = {}) {
  const network = stackNetwork(activation, depth, variant);
  const weighted = network.layers.filter((l) => l.kind === 'dense');
  const first = weighted[0].index;
  const last = weighted[weighted.length - 2].index;
  const ratios = [];
  const saturated = [];
  for (let s = 1; s <= seeds; s++) {
    const model = buildModel(network, { seed: s });
    const probe = probeGradients(model, gaussianBatch(BATCH, WIDTH, CLASSES, 1000 + s));
    ratios.push(probe.layers[first].gradNorm / probe.layers[last].gradNorm);
    saturated.push(Math.max(...weighted.slice(0, -1).map((l) => probe.layers[l.index].saturatedFraction ?? 0)));
  }
  const marked = new Set(weighted.slice(0, -1));
  return { ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), saturated: median(saturated), path: deepestGradientPath(network, marked).length };
}

function parseArgs(argv) {
  const o = { maxDepth: 20, seeds: 5, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--max-depth') o.maxDepth = Number(argv[++i]);
    else if (a === '--seeds') o.seeds = Number(argv[++i]);
    else if (a === '--json') o.json = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const rows = [];
  for (const activation of ['sigmoid', 'tanh']) {
    for (let depth = 4; depth <= o.maxDepth; depth += 2) {
      const m = (variant) => measure(activation, depth, variant, o);
      rows.push({ activation, depth, plain: m('plain'), residual1: m(1), residual2: m(2), around: m(depth) });
    }
  }
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ threshold: THRESHOLD, ...o, rows }, null, 2)}\n`);
    return;
  }
  const e = (v) => v.toExponential(2);
  const cell = (r) => `${e(r.ratio)}${r.ratio < THRESHOLD ? ' **< 1e-3**' : ''} · ${(100 * r.saturated).toFixed(0)}% · ${r.path}`;
  console.log(`first/last hidden gradient-norm ratio at step 0 (median of ${o.seeds} seeds) · most saturated hidden layer's |x| ≥ 5 share · saturating layers on the rule's gradient path`);
  console.log('residual networks written as `residual { }` source\n');
  console.log('| f | N | plain | residual, 1 layer per block | residual, 2 layers per block | one shortcut around all N |');
  console.log('| --- | ---: | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.activation} | ${r.depth} | ${cell(r.plain)} | ${cell(r.residual1)} | ${cell(r.residual2)} | ${cell(r.around)} |`);
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`calibrate-residual: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(2);
  }
}
