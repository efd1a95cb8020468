/**
 * The playground's build: a static site in dist/ (relative asset paths, so it can be hosted under any
 * folder, e.g. GitHub Pages). The Axon packages are used through their public entries; the few Node
 * built-ins their modules import at top level resolve to small browser stubs in src/shims/ (see there).
 */
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';
import { serviceWorkerSource } from './src/offline/service-worker.js';

const shim = (name: string) => fileURLToPath(new URL(`./src/shims/${name}.ts`, import.meta.url));
const csvParseBrowser = fileURLToPath(new URL('../../node_modules/csv-parse/dist/esm/sync.js', import.meta.url));

/** Node built-ins without a stub of their own resolve to an empty module (see src/shims/unsupported.ts). */
const otherNodeBuiltins: Plugin = {
  name: 'axon-other-node-builtins',
  enforce: 'pre',
  resolveId(id) {
    return id.startsWith('node:') ? shim('unsupported') : null;
  },
};

/** sw.js: the service worker that caches every file of this build (offline once loaded). */
const offline: Plugin = {
  name: 'axon-offline',
  apply: 'build',
  generateBundle(_options, bundle) {
    // diagnose's Node sweep pool is bundled as a worker by Vite's `new Worker(new URL(…))` detection but never started here
    const files = Object.keys(bundle).filter((f) => !f.endsWith('.map') && !/sweep-worker/.test(f)).sort();
    const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
    this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(files, version) });
  },
};

/** A named import a stub lacks is a warning and `undefined`, not a failed build. */
const tolerant = { shimMissingExports: true };

export default defineConfig({
  plugins: [otherNodeBuiltins, offline],
  base: './',
  resolve: {
    alias: [
      { find: /^node:fs\/promises$/, replacement: shim('fs') },
      { find: /^node:fs$/, replacement: shim('fs') },
      { find: /^node:path$/, replacement: shim('path') },
      { find: /^node:url$/, replacement: shim('url') },
      { find: /^node:crypto$/, replacement: shim('crypto') },
      { find: /^node:os$/, replacement: shim('os') },
      { find: /^node:v8$/, replacement: shim('v8') },
      { find: /^node:worker_threads$/, replacement: shim('worker-threads') },
      // the report renders PNGs with a native module; the page draws its charts with vega instead
      { find: /^@resvg\/resvg-js$/, replacement: shim('resvg') },
      // csv-parse's Node build uses Buffer; its browser build carries its own
      { find: /^csv-parse\/sync$/, replacement: csvParseBrowser },
    ],
  },
  worker: { format: 'es', plugins: () => [otherNodeBuiltins], rolldownOptions: tolerant },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
    rolldownOptions: tolerant,
  },
});
