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
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { build, transform } from 'esbuild';
import { basename, dirname, join } from 'node:path';
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

/**
 * Two start-up costs of chevrotain's, patched in its copy in the bundle (each left as it is, with a
 * warning, if chevrotain's file changed shape):
 * - the lexer fills a 65 536-entry table (char code → bucket) at construction; only codes ≥ 256 read
 *   it, and .axon files are ASCII: those few compute the same value instead;
 * - every grammar node (thousands, while the parser records its rules) copies its options through
 *   lodash's pickBy, which collects keys, inherited keys and symbols: a for…in over the options
 *   literal copies the same defined values.
 */
const patch = (name, filter, edits) => ({
  name,
  setup(b) {
    b.onLoad({ filter }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      let out = text;
      for (const [from, to] of edits) out = out.split(from).join(to);
      if (edits.some(([from]) => !text.includes(from))) {
        return { contents: text, loader: 'js', warnings: [{ text: `${name} not applied: ${args.path} changed shape` }] };
      }
      return { contents: out, loader: 'js' };
    });
  },
});
const lexerTable = patch('chevrotain-lexer-table', /[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/, [
  ['        : charCodeToOptimizedIdxMap[charCode];', '        : 255 + ~~(charCode / 255);'],
  ['    if (isEmpty(charCodeToOptimizedIdxMap)) {\n        charCodeToOptimizedIdxMap = new Array(65536);', '    if (false) {'],
]);
const gastOptions = patch('chevrotain-gast-options', /[\\/]@chevrotain[\\/]gast[\\/]lib[\\/]src[\\/]model\.js$/, [
  ['assign(this, pickBy(options, (v) => v !== undefined));', 'for (const k in options) if (options[k] !== undefined) this[k] = options[k];'],
]);

/**
 * Two passes. esbuild splits only ES modules, so the first pass bundles them (one chunk per group of
 * commands, as before); the second turns each chunk into a CommonJS function body, which bin/axon.js
 * compiles with `vm.Script` and a V8 code cache (Node 20 has no compile cache for ES modules). Every
 * `import("…")` becomes `__axon_import("…")`: the loader's, which loads a sibling chunk the same way
 * and anything else (the engine packages, `node:` built-ins) with a real `import()`.
 */
const EXTERNAL = ['@axon/core', '@axon/compile', '@axon/diagnose', '@axon/report'];
const esm = await build({
  absWorkingDir: here,
  entryPoints: { main: 'src/main.ts', 'closed-pipe': 'src/closed-pipe.ts' },
  outdir: 'dist/bundle',
  write: false,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  legalComments: 'none',
  plugins: [deferAjv, lexerTable, gastOptions],
  logLevel: 'warning',
});

const chunks = new Map(esm.outputFiles.map((f) => [basename(f.path), f.text]));
const outputs = new Map();
for (const [name, text] of chunks) {
  const cjs = await transform(text, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // commander, picocolors, tinyglobby and cli-progress reach for it; the loader passes the chunk's URL.
    define: { 'import.meta.url': '__axon_meta_url' },
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const code = cjs.code.replace(/\bimport\(("[^"]*")\)/g, (whole, spec) => {
    const s = JSON.parse(spec);
    const known = (s.startsWith('./') && chunks.has(s.slice(2))) || EXTERNAL.includes(s) || s.startsWith('node:');
    if (!known) throw new Error(`bundle.mjs: ${name}: unexpected import(${spec})`);
    return `__axon_import(${spec})`;
  });
  if (/\bimport\s*\(/.test(code.replace(/__axon_import\(/g, ''))) throw new Error(`bundle.mjs: ${name}: an import( left that the loader cannot see`);
  outputs.set(name, code);
}
// The loader keys its code cache on this (V8 itself checks only a script's length).
const hash = createHash('sha256');
for (const [name, code] of [...outputs].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`${name}\0${code}\0`);
const build_id = hash.digest('hex').slice(0, 16);

// Built beside the old bundle and swapped in, so a CLI started meanwhile (tests, another build) finds one.
const out = join(here, 'dist/bundle');
rmSync(`${out}.next`, { recursive: true, force: true });
mkdirSync(`${out}.next`, { recursive: true });
// The chunks are CommonJS function bodies, never ES modules (this package is "type": "module").
writeFileSync(join(`${out}.next`, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
writeFileSync(join(`${out}.next`, 'build.json'), `${JSON.stringify({ id: build_id, entries: ['main.js', 'closed-pipe.js'] })}\n`);
for (const [name, code] of outputs) writeFileSync(join(`${out}.next`, name), code);
rmSync(`${out}.old`, { recursive: true, force: true });
if (existsSync(out)) renameSync(out, `${out}.old`);
renameSync(`${out}.next`, out);
rmSync(`${out}.old`, { recursive: true, force: true });
