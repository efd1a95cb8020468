#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark in turn (after `turbo run build`). Each prints its own figures and
 * its ratio against the peer it names, measured in the same run. Pass `--quick` for shorter runs.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const benches = [
  ['language: parse + analyze + format of a 10,000-layer file (peer: JSON.parse)', 'language.mjs', quick ? ['--runs', '3'] : []],
  ['lint: parse + analyze + all rules on the same file (peer: parse + analyze)', 'lint.mjs', quick ? ['--runs', '3'] : []],
  ['lsp: didChange → publishDiagnostics and completion latency (peer: lintText)', 'lsp.mjs', quick ? ['--edits', '50'] : []],
  ['core: training samples/s (peers: PyTorch, TensorFlow.js cpu and wasm)', 'core-train.mjs', quick ? ['--quick'] : []],
  ['core: matmul GFLOP/s on the nets\' products (peer: torch.mm)', 'gemm.mjs', quick ? ['--quick'] : []],
  ['core: data-parallel training, 2 threads against 1 (same build)', 'core-threads.mjs', quick ? ['--quick'] : []],
  ['core: LSTM training samples/s (peers: TensorFlow.js cpu and wasm)', 'core-sequence.mjs', quick ? ['--quick'] : []],
  ['calibration: saturating-deep-stack depths (peer: TensorFlow.js gradients)', 'calibrate-saturation.mjs', []],
  ['cli: start-up CPU of axon --help, lint, fmt, summary (peer: node -e 0)', 'cli-startup.mjs', quick ? ['--runs', '7'] : []],
];
let failed = 0;
for (const [title, file, args] of benches) {
  process.stdout.write(`\n━━ ${title}\n$ node bench/${file} ${args.join(' ')}\n\n`);
  const r = spawnSync(process.execPath, [join(here, file), ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`bench/${file} exited with ${r.status ?? r.signal}\n`);
  }
}
process.exit(failed ? 1 : 0);
