/**
 * Test helper: the data-parallel worker entry bundled from source (src/parallel/node-entry.ts) with
 * esbuild, so the threads run the code under test, not a stale dist/. One bundle per test file.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeSpawner, type SpawnWorker } from '../src/parallel/index.js';

const ENTRY = fileURLToPath(new URL('../src/parallel/node-entry.ts', import.meta.url));

/** Bundles the worker entry into `dir` and returns a spawner for it. */
export async function sourceSpawner(dir: string): Promise<SpawnWorker> {
  const outfile = join(dir, 'parallel-worker.mjs');
  await build({ entryPoints: [ENTRY], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error' });
  return nodeSpawner(outfile);
}
