#!/usr/bin/env node
/**
 * CLI startup cost: the CPU time (user + system) of `axon --help`, `axon lint FILE`, `axon fmt --check
 * FILE` and `axon summary FILE` against `node -e 0` (the peer: Node's own start-up), in the same run,
 * interleaved (one of each per round), median of N rounds. CPU time rather than wall time: the machine
 * is shared, and a process waiting for a core is not charged for it.
 *
 * Each child runs with `--require cpu-probe.cjs`, which writes its `process.cpuUsage()` (µs) to a file at
 * exit — the same probe for the peer and for axon, so it cancels out of the ratios.
 *
 *   node bench/cli-startup.mjs [--runs N] [--strict]   (after `npm run build`)
 *
 * Targets (issue 14): lint and fmt ≤ 3× node -e 0, --help ≤ 2×; the table says MISSED for one that is
 * not met, and `--strict` makes that exit 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './timing.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'apps/cli/bin/axon.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('--runs', 15);

const cases = [
  { name: 'node -e 0', args: ['-e', '0'], target: undefined },
  { name: 'axon --help', args: [bin, '--help'], target: 2 },
  { name: 'axon lint examples/iris.axon', args: [bin, 'lint', 'examples/iris.axon'], target: 3 },
  { name: 'axon fmt --check examples/iris.axon', args: [bin, 'fmt', '--check', 'examples/iris.axon'], target: 3 },
  { name: 'axon summary examples/iris.axon', args: [bin, 'summary', 'examples/iris.axon'], target: undefined },
];

const dir = mkdtempSync(join(tmpdir(), 'axon-cli-startup-'));
const probe = join(dir, 'cpu-probe.cjs');
writeFileSync(
  probe,
  `const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const c = process.cpuUsage();
  writeFileSync(process.env.AXON_BENCH_PROBE, JSON.stringify({ cpuUs: c.user + c.system }));
});
`,
);

function once(c) {
  const out = join(dir, 'probe.json');
  rmSync(out, { force: true });
  const r = spawnSync(process.execPath, ['--require', probe, ...c.args], {
    cwd: root,
    env: { ...process.env, AXON_BENCH_PROBE: out, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  if (r.status !== 0 && !(c.name.includes('lint') && r.status === 1)) {
    throw new Error(`${c.name} exited with ${r.status ?? r.signal}:\n${r.stderr}`);
  }
  return JSON.parse(readFileSync(out, 'utf8')).cpuUs / 1000;
}


const samples = cases.map(() => []);
once(cases[0]); // warm the file cache
for (let round = 0; round < runs; round++) {
  cases.forEach((c, i) => samples[i].push(once(c)));
}
rmSync(dir, { recursive: true, force: true });

const base = median(samples[0]);
let missed = 0;
const rows = cases.map((c, i) => {
  const ms = median(samples[i]);
  const ratio = ms / base;
  const ok = c.target === undefined ? '' : ratio <= c.target ? `≤ ${c.target}× ok` : `≤ ${c.target}× MISSED`;
  if (c.target !== undefined && ratio > c.target) missed++;
  return [c.name, ms.toFixed(1), i === 0 ? '1.00×' : `${ratio.toFixed(2)}×`, ok];
});
const header = ['command', 'CPU ms (median)', 'vs node -e 0', 'target'];
const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
const line = (r) => r.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join('  ');
console.log(`CLI start-up: CPU time (user + system), median of ${runs} interleaved rounds, Node ${process.version}\n`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
process.exit(missed && process.argv.includes('--strict') ? 1 : 0);
