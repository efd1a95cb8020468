#!/usr/bin/env node
/**
 * Bundles the CLI for a fast start (run by `npm run build` after tsc; docs/cli.md#startup).
 *
 * The parser's dependencies (chevrotain, lodash-es) are hundreds of small ES modules: resolving and
 * compiling them one by one cost `axon lint` most of its start-up. Bundled, the commands that read
 * sources (lint, fmt, summary) load one file of what they use, tree-shaken.
 *
 * Left external, imported only inside the actions of the commands that need them: the trainer, the
 * compiler, diagnose and the report. They start worker threads and load native add-ons relative to
 * their own files (`new URL('./worker.js', import.meta.url)`), which a bundle would break, and they
 * cost nothing until such a command runs.
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

rmSync(join(here, 'dist/bundle'), { recursive: true, force: true });
await build({
  absWorkingDir: here,
  entryPoints: { main: 'src/main.ts', 'closed-pipe': 'src/closed-pipe.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@axon/core', '@axon/compile', '@axon/diagnose', '@axon/report'],
  // commander, picocolors and cli-progress are CommonJS and require Node's built-ins.
  banner: { js: "import { createRequire as __axonCreateRequire } from 'node:module';\nconst require = __axonCreateRequire(import.meta.url);" },
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: false,
});
