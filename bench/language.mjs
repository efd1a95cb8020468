#!/usr/bin/env node
// Times parse, analyze and format of @axon/language on a generated ~1 MB file of 10,000 layers
// (networks using blocks and repeats). Peer measured in the same run: JSON.parse of a JSON text of
// the same program (the parsed tree without ranges), as a yardstick for reading a structured text.
// Then parse + analyze of two real graph networks, examples/resnet50.axon and examples/densenet121.axon
// (target < 20 ms each, median), against JSON.parse of each one's tree the same way.
//
//   npm run build -w @axon/language && node bench/language.mjs [--runs 7]
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = fileURLToPath(new URL('../packages/language/dist/index.js', import.meta.url));
if (!existsSync(dist)) {
  console.error('packages/language/dist is missing: run `npm run build -w @axon/language` first.');
  process.exit(2);
}
const lang = await import(pathToFileURL(dist).href);
const { generate } = await import('./gen-large.mjs');
const { time } = await import('./timing.mjs');

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 7) : 7;

const { text, layers, networks } = generate();
const mb = text.length / 1e6;
// Warm up (JIT) before measuring.
for (let i = 0; i < 3; i++) lang.parse(text);

const parsed = time(() => lang.parse(text), RUNS);
if (parsed.result.diagnostics.length > 0) {
  console.error('benchmark program has parse errors:', parsed.result.diagnostics.slice(0, 3));
  process.exit(1);
}
const hasAnalyze = typeof lang.analyze === 'function';
let analyzed = { ms: NaN, cpuMs: NaN, best: NaN, result: undefined };
let both = { ms: NaN, cpuMs: NaN, best: NaN };
if (hasAnalyze) {
  for (let i = 0; i < 2; i++) lang.analyze(parsed.result.ast);
  analyzed = time(() => lang.analyze(parsed.result.ast), RUNS);
  both = time(() => lang.analyze(lang.parse(text).ast), RUNS);
}
for (let i = 0; i < 2; i++) lang.format(text);
const formatted = time(() => lang.format(text), RUNS);

// The peer reads the same program as JSON: the parsed tree without ranges, compact.
const toJson = (ast) => JSON.stringify(ast.items, (k, v) => (k === 'range' || k === 'keywordRange' || k === 'bodyRange' ? undefined : v));
const jsonText = toJson(parsed.result.ast);
for (let i = 0; i < 3; i++) JSON.parse(jsonText);
const peer = time(() => JSON.parse(jsonText), RUNS);

const row = (name, t, bytes = text.length) =>
  `${name.padEnd(18)} ${t.ms.toFixed(1).padStart(8)} ms ${(bytes / 1e6 / (t.ms / 1000)).toFixed(1).padStart(7)} MB/s ${t.cpuMs.toFixed(1).padStart(8)} cpu-ms ${t.best.toFixed(1).padStart(8)} ms best ${(t.ms / peer.ms).toFixed(1).padStart(6)}x JSON.parse`;

console.log(`input: ${mb.toFixed(2)} MB, ${layers} written layers in ${networks} networks; median of ${RUNS} runs`);
console.log(row('parse', parsed));
if (hasAnalyze) {
  const expanded = analyzed.result.networks.reduce((a, n) => a + n.layers.length, 0);
  console.log(row('analyze', analyzed) + `   (${expanded} expanded layers)`);
  console.log(row('parse + analyze', both) + `   target < 100 ms: ${both.ms < 100 ? 'met' : 'NOT met'} (median), ${both.best < 100 ? 'met' : 'NOT met'} (best run)`);
} else {
  console.log('analyze: not available in this build');
}
console.log(row('format', formatted));
console.log(row('peer: JSON.parse', peer, jsonText.length) + `   (${(jsonText.length / 1e6).toFixed(2)} MB of JSON)`);
// Real graph networks: the examples written after keras.applications.
if (hasAnalyze) {
  const GRAPH_TARGET_MS = 20;
  for (const file of ['resnet50.axon', 'densenet121.axon']) {
    const src = readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8');
    const first = lang.analyze(lang.parse(src).ast);
    const net = first.networks[0];
    if (first.diagnostics.length > 0 || !net) {
      console.error(`examples/${file} does not analyse cleanly:`, first.diagnostics.slice(0, 3));
      process.exit(1);
    }
    for (let i = 0; i < 5; i++) lang.analyze(lang.parse(src).ast);
    const t = time(() => lang.analyze(lang.parse(src).ast), Math.max(RUNS, 21));
    const json = toJson(lang.parse(src).ast);
    for (let i = 0; i < 5; i++) JSON.parse(json);
    const p = time(() => JSON.parse(json), Math.max(RUNS, 21));
    console.log(
      `${('parse + analyze ' + file).padEnd(34)} ${t.ms.toFixed(2).padStart(7)} ms median ${t.best.toFixed(2).padStart(7)} ms best ${(t.ms / p.ms).toFixed(1).padStart(6)}x JSON.parse (${p.ms.toFixed(3)} ms)   ${net.layers.length} layers, ${net.params.total.toLocaleString('en-US')} params   target < ${GRAPH_TARGET_MS} ms: ${t.ms < GRAPH_TARGET_MS ? 'met' : 'NOT met'}`,
    );
  }
}
console.log(`load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).availableParallelism()} cores`);
