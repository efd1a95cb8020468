#!/usr/bin/env node
/**
 * GFLOP/s of the matmul kernel alone on the products the bench nets train with, against torch.mm
 * (OpenBLAS; best of 1 and 2 threads) in the same run, interleaved rounds, best round kept.
 *
 *   npm run build -w @axon/core && node bench/gemm.mjs [--quick]
 *
 * Each shape is C[m×n] = op(A)·op(B) with op(A) m×k; tA/tB say which operand is stored transposed —
 * the three products of a layer's step: forward (x·W), input gradient (dz·Wᵀ), kernel gradient (xᵀ·dz).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { kernels as K, activeMatmul } from '../packages/core/dist/index.js';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 0.3 : 0.7;
const ROUNDS = quick ? 2 : 3;
const shapes = [
  ['mlp dense 784→256 forward', 64, 784, 256, false, false],
  ['mlp dense 784→256 kernel grad', 784, 64, 256, true, false],
  ['mlp dense 256→128 input grad', 64, 128, 256, false, true],
  ['keras conv1 forward (im2col)', 86528, 9, 32, false, false],
  ['keras conv2 forward (im2col)', 15488, 288, 64, false, false],
  ['keras conv2 input grad (col)', 15488, 64, 288, false, true],
  ['keras conv2 kernel grad', 288, 15488, 64, true, false],
];

function ours([, m, k, n, tA, tB]) {
  const a = new Float32Array(m * k).map(() => Math.random() - 0.5);
  const b = new Float32Array(k * n).map(() => Math.random() - 0.5);
  const c = new Float32Array(m * n);
  K.matmul(a, b, c, m, k, n, tA, tB, false);
  return () => {
    let reps = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < SECONDS * 1000) {
      K.matmul(a, b, c, m, k, n, tA, tB, false);
      reps++;
    }
    return (2 * m * k * n * reps) / ((performance.now() - t0) / 1000) / 1e9;
  };
}

const PY = `
import json, sys, time, torch
print(json.dumps({'torch': torch.__version__}), flush=True)
for line in sys.stdin:
    m, k, n, ta, tb, threads, secs = json.loads(line)
    torch.set_num_threads(threads)
    a = torch.rand(k, m).t() if ta else torch.rand(m, k)
    b = torch.rand(n, k).t() if tb else torch.rand(k, n)
    torch.mm(a, b)
    reps, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < secs:
        torch.mm(a, b); reps += 1
    print(json.dumps(2 * m * k * n * reps / (time.perf_counter() - t0) / 1e9), flush=True)
`;

async function startTorch() {
  if (!existsSync('/usr/bin/python3')) return null;
  const child = spawn('/usr/bin/python3', ['-c', PY], { stdio: ['pipe', 'pipe', 'ignore'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const r = await lines.next();
    if (r.done) throw new Error('python3 -c exited (torch missing?)');
    return JSON.parse(r.value);
  };
  try {
    await next();
  } catch {
    return null;
  }
  return {
    ask: (req) => (child.stdin.write(JSON.stringify(req) + '\n'), next()),
    close: () => child.stdin.end(),
  };
}

const torch = await startTorch();
console.log(`axon matmul: ${activeMatmul}; GFLOP/s, best of ${ROUNDS} interleaved rounds${torch ? '' : ' (torch column skipped: /usr/bin/python3 with torch not found)'}`);
console.log(`${'product'.padEnd(34)} ${'m×k×n'.padEnd(16)} axon   torch(1t) torch(2t)  axon/torch-best`);
for (const s of shapes) {
  const run = ours(s);
  const best = { ours: 0, t1: 0, t2: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    best.ours = Math.max(best.ours, run());
    if (torch) {
      best.t1 = Math.max(best.t1, await torch.ask([s[1], s[2], s[3], s[4], s[5], 1, SECONDS]));
      best.t2 = Math.max(best.t2, await torch.ask([s[1], s[2], s[3], s[4], s[5], 2, SECONDS]));
    }
  }
  const t = Math.max(best.t1, best.t2);
  const f = (v) => v.toFixed(1).padStart(6);
  console.log(`${s[0].padEnd(34)} ${`${s[1]}×${s[2]}×${s[3]}`.padEnd(16)} ${f(best.ours)} ${torch ? `${f(best.t1)}    ${f(best.t2)}     ${(best.ours / t).toFixed(2)}x` : ''}`);
}
torch?.close();
