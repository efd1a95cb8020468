#!/usr/bin/env node
// Bundles the extension (dist/extension.cjs) and the language server (dist/server.cjs) with esbuild:
// CommonJS, Node platform, `vscode` left external (VS Code provides it). The `axon` CLI is not bundled: its
// reports use native add-ons (resvg, onnxruntime); the extension runs the workspace's or the PATH's `axon`.
//
//   node scripts/build.mjs                    extension always; the server when its sources exist
//   node scripts/build.mjs --require-server   fail (exit 1) unless the server could be bundled too
//   node scripts/build.mjs --production       minified, no source maps (what `npm run package` ships)
//   --out-dir DIR, --lsp-entry FILE           another output folder / server entry (tests)
//
// Workspace packages (@axon/*) are bundled from their TypeScript sources, as in the vitest config, so the
// extension never ships stale build output and does not wait for the other packages' `tsc` builds.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const extensionDir = resolve(here, '..');
const repoRoot = resolve(extensionDir, '..', '..');
const argv = process.argv.slice(2);
const args = new Set(argv);
const production = args.has('--production');
const requireServer = args.has('--require-server');
/** `--out-dir DIR` and `--lsp-entry FILE` exist for the build's own tests. */
const valueOf = (flag) => (argv.includes(flag) ? resolve(argv[argv.indexOf(flag) + 1] ?? '') : undefined);
const dist = valueOf('--out-dir') ?? join(extensionDir, 'dist');

// Every packages/<name>/src/index.ts is @axon/<name>.
const alias = Object.fromEntries(
  readdirSync(join(repoRoot, 'packages'))
    .map((name) => [`@axon/${name}`, join(repoRoot, 'packages', name, 'src', 'index.ts')])
    .filter(([, entry]) => existsSync(entry)),
);

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  alias,
  // Packages written in ESM with `.js` specifiers for `.ts` files resolve through esbuild's TS rules.
  resolveExtensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
  // import.meta.url has no CommonJS meaning; give bundled ESM sources the file's own URL.
  define: { 'import.meta.url': '__axon_import_meta_url' },
  banner: { js: 'const __axon_import_meta_url = require("url").pathToFileURL(__filename).href;' },
};

/** Bundles `contents` (a tiny entry module) written as if it lived in `resolveDir`. */
async function bundleEntry(label, contents, resolveDir, outfile) {
  await build({
    ...common,
    stdin: { contents, resolveDir, sourcefile: `${label}-entry.ts`, loader: 'ts' },
    outfile,
  });
}

function fail(message) {
  process.stderr.write(`axon-vscode build: ${message}\n`);
  process.exit(1);
}

mkdirSync(dist, { recursive: true });
const started = Date.now();

// 1. The extension itself: must always build.
try {
  await build({
    ...common,
    entryPoints: [join(extensionDir, 'src', 'extension.ts')],
    outfile: join(dist, 'extension.cjs'),
    external: ['vscode'],
  });
} catch (err) {
  fail(`the extension did not bundle: ${err instanceof Error ? err.message : String(err)}`);
}

// 2. The language server (packages/lsp). Entry: its src/index.ts must export `startServer()`, which reads
//    --node-ipc / --stdio from process.argv like the package's bin `axon-language-server` does.
const lspSrc = valueOf('--lsp-entry') ?? join(repoRoot, 'packages', 'lsp', 'src', 'index.ts');
const serverOut = join(dist, 'server.cjs');
let serverProblem;
if (!existsSync(lspSrc)) {
  serverProblem = `the language server's entry ${lspSrc} does not exist yet (packages/lsp)`;
} else {
  try {
    await bundleEntry(
      'server',
      `import { startServer } from ${JSON.stringify(lspSrc)};\nstartServer();\n`,
      join(repoRoot, 'packages', 'lsp'),
      serverOut,
    );
  } catch (err) {
    serverProblem = `the language server did not bundle: ${err instanceof Error ? err.message : String(err)}`;
  }
}
if (serverProblem) {
  rmSync(serverOut, { force: true });
  if (requireServer) fail(`${serverProblem}. The .vsix needs it; build packages/lsp first.`);
  process.stderr.write(`axon-vscode build: warning: ${serverProblem}; dist/server.cjs not written.\n`);
}

process.stdout.write(`axon-vscode build: done in ${Date.now() - started} ms${production ? ' (production)' : ''}\n`);
