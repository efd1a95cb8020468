#!/usr/bin/env node
// Times linting the 10,000-layer benchmark program (bench/gen-large.mjs, the language benchmark's
// file): parse + analyze + every rule (the `all` preset). Peer measured in the same run: parse +
// analyze alone, so the ratio is what the rules add on top of reading the file.
//
//   npm run build -w @axon/language -w @axon/lint && node bench/lint.mjs [--runs 7]
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from './gen-large.mjs';
import { time } from './timing.mjs';

const dist = (p) => fileURLToPath(new URL(`../packages/${p}/dist/index.js`, import.meta.url));
for (const p of ['language', 'lint']) {
  if (!existsSync(dist(p))) {
    console.error(`packages/${p}/dist is missing: run \`npm run build -w @axon/language -w @axon/lint\` first.`);
    process.exit(2);
  }
}
const lang = await import(pathToFileURL(dist('language')).href);
const lint = await import(pathToFileURL(dist('lint')).href);

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 7) : 7;
const TARGET_MS = 150;

const { text, layers, networks } = generate();
const config = lint.resolveConfig({ presets: ['all'] });

const peer = time(() => lang.analyze(lang.parse(text).ast), RUNS, 2);
const full = time(() => lint.lintText(text, { config }), RUNS, 2);
const parsed = lang.parse(text);
const analysed = lang.analyze(parsed.ast);
const rulesOnly = time(() => lint.lintDocument({ text, ast: parsed.ast, networks: analysed.networks }, config), RUNS, 2);
const recommended = lint.resolveConfig({});
const rulesRecommended = time(() => lint.lintDocument({ text, ast: parsed.ast, networks: analysed.networks }, recommended), RUNS, 2);

const expanded = analysed.networks.reduce((a, n) => a + n.layers.length, 0);
const findings = full.result.findings;
const byRule = {};
for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;

console.log(`input: ${(text.length / 1e6).toFixed(2)} MB, ${layers} written layers (${expanded} expanded) in ${networks} networks; ${lint.rules.length} rules; median of ${RUNS} runs`);
const row = (name, t) =>
  `${name.padEnd(32)} wall ${t.ms.toFixed(1).padStart(7)} ms  cpu ${t.cpuMs.toFixed(1).padStart(7)} ms  ${(t.cpuMs / peer.cpuMs).toFixed(2)}x peer (cpu)`;
console.log(row('peer: parse + analyze', peer));
console.log(row('rules only, all preset', rulesOnly));
console.log(row('rules only, recommended preset', rulesRecommended));
console.log(`${row('parse + analyze + all rules', full)}   target < ${TARGET_MS} ms: ${Math.min(full.ms, full.cpuMs) < TARGET_MS ? 'met' : 'NOT met'}`);
console.log(`findings: ${findings.length} (${Object.entries(byRule).map(([k, v]) => `${k} ${v}`).join(', ')})`);
