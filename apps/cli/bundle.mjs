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
import { existsSync, renameSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * ajv (config validation: 60 % of the linter's chunk) is needed only when an axon.config.json gives rule
 * options, but @axon/lint imports it at the top of its config module, so bundled it would load with every
 * `axon lint`. Here its one `new Ajv(…)` becomes a `require` the bundler resolves to the same code,
 * run on first use. If @axon/lint's config module changes shape, it is bundled as it is (and says so).
 */
const deferAjv = {
  name: 'defer-ajv',
  setup(b) {
    b.onLoad({ filter: /[\\/]lint[\\/]dist[\\/]config\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const lazy = text.replace(/^import \{ Ajv \} from 'ajv';$/m, '').replace(/\bnew Ajv\(/g, "new (require('ajv').Ajv)(");
      if (lazy === text || /\bAjv\b(?!\))/.test(lazy.replace(/require\('ajv'\)\.Ajv/g, ''))) {
        return { contents: text, loader: 'js', warnings: [{ text: 'ajv not deferred: @axon/lint config.js changed shape' }] };
      }
      return { contents: lazy, loader: 'js' };
    });
  },
};

// Built beside the old bundle and swapped in, so a CLI started meanwhile (tests, another build) finds one.
const out = join(here, 'dist/bundle');
rmSync(`${out}.next`, { recursive: true, force: true });
await build({
  absWorkingDir: here,
  entryPoints: { main: 'src/main.ts', 'closed-pipe': 'src/closed-pipe.ts' },
  outdir: 'dist/bundle.next',
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
  plugins: [deferAjv],
  logLevel: 'warning',
  metafile: false,
});
rmSync(`${out}.old`, { recursive: true, force: true });
if (existsSync(out)) renameSync(out, `${out}.old`);
renameSync(`${out}.next`, out);
rmSync(`${out}.old`, { recursive: true, force: true });
