#!/usr/bin/env node
'use strict';
/**
 * Loads the bundle (dist/bundle/, built by bundle.mjs) through a V8 code cache (docs/cli.md#startup).
 *
 * Each chunk of the bundle is a CommonJS function body, compiled here with `vm.Script`. After a command
 * has run, the code V8 compiled for it (the functions that ran, not only the top level) is written to
 * one cache file per command (`lint`, `fmt`, …), and the next start reads it instead of compiling
 * again. The cache is only an optimisation: it is keyed by the bundle's build id, this Node's version
 * and architecture, V8 rejects what does not fit it, and every failure to read or write it (no home,
 * a read-only disk, a damaged file: it is checked before V8 sees it) is silent. AXON_NO_COMPILE_CACHE=1 turns it off;
 * AXON_COMPILE_CACHE=<dir> puts it elsewhere (default: $XDG_CACHE_HOME/axon, ~/.cache/axon, or the
 * temporary directory).
 *
 * This directory is CommonJS (bin/package.json): no ES module loader to start for the entry.
 */
const { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { homedir, tmpdir } = require('node:os');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { createRequire } = require('node:module');
const { Script } = require('node:vm');

const dir = join(__dirname, '../dist/bundle');
const build = JSON.parse(readFileSync(join(dir, 'build.json'), 'utf8'));
const requireFromBundle = createRequire(join(dir, 'main.js'));

/** The command argv runs (the cache file it uses): the first operand, or the one after `help`. */
function commandOf(args) {
  const words = args.filter((a) => !a.startsWith('-'));
  const word = words[0] === 'help' && words.length > 1 ? `help-${words[1]}` : (words[0] ?? 'none');
  return /^[a-z][a-z-]{0,24}$/.test(word) ? word : 'other';
}

function cacheDirectory() {
  if (process.env.AXON_COMPILE_CACHE) return process.env.AXON_COMPILE_CACHE;
  if (process.env.XDG_CACHE_HOME) return join(process.env.XDG_CACHE_HOME, 'axon');
  try {
    const home = homedir();
    if (home) return join(home, '.cache', 'axon');
  } catch {
    // no home directory: below
  }
  return join(tmpdir(), `axon-${process.getuid?.() ?? 'user'}`);
}

const cacheOn = process.env.AXON_NO_COMPILE_CACHE !== '1' && !!Script.prototype.createCachedData;
/** Where this bundle (one path per checkout or install) keeps a command's cache. */
const cacheFile = cacheOn ? join(cacheDirectory(), `cli-${commandOf(process.argv.slice(2))}-${fnv1a(dir)}.v8`) : '';
const cacheKey = `${build.id} ${process.version} ${process.arch}`;

function sha1(data) {
  return require('node:crypto').createHash('sha1').update(data).digest('hex');
}

/** mkdir -p for the last `levels` parts of `path` (`{ recursive: true }` loops forever under /proc in Node 20). */
function makeDirectory(path, levels) {
  try {
    mkdirSync(path);
  } catch (err) {
    if (err.code === 'EEXIST') return;
    if (err.code !== 'ENOENT' || levels <= 1) throw err;
    makeDirectory(dirname(path), levels - 1);
    mkdirSync(path);
  }
}

function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * The cache file: a line of JSON (`key`, and each chunk's name and byte length, in order), then the
 * chunks' code cache data one after another. Returns chunk name → data.
 */
function readCache() {
  const cached = new Map();
  if (!cacheOn) return cached;
  try {
    const buf = readFileSync(cacheFile);
    const nl = buf.indexOf(10);
    const head = JSON.parse(buf.toString('utf8', 0, nl));
    // V8 does not check the data itself: a damaged file would crash it, not be rejected.
    if (head.key !== cacheKey || head.sha1 !== sha1(buf.subarray(nl + 1))) return cached;
    let at = nl + 1;
    for (const [name, length] of head.chunks) {
      if (at + length > buf.length) return new Map();
      cached.set(name, buf.subarray(at, at + length));
      at += length;
    }
  } catch {
    // no cache yet, or not one this bundle can use
  }
  return cached;
}

const cached = readCache();
/** Chunk name → { exports, script, fromCache }. */
const loaded = new Map();

/** Loads a chunk (`./chunk-X.js`) of the bundle; what it requires or imports of its siblings comes through here too. */
function load(spec) {
  const name = spec.startsWith('./') ? spec.slice(2) : spec;
  const done = loaded.get(name);
  if (done) return done.module.exports;
  const file = join(dir, name);
  const source = readFileSync(file, 'utf8');
  const cachedData = cached.get(name);
  // The wrapper keeps the chunk's line numbers (stack traces with AXON_DEBUG).
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __axon_import, __axon_meta_url) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} };
  loaded.set(name, { module, script, fromCache: cachedData !== undefined && !script.cachedDataRejected });
  const require = (s) => (s.startsWith('./') ? load(s) : requireFromBundle(s));
  script.runInThisContext()(module.exports, require, module, file, dir, importFromBundle, pathToFileURL(file).href);
  return module.exports;
}

/** `import()` in the bundle: a sibling chunk through `load`, anything else (the engine packages, built-ins) as itself. */
function importFromBundle(spec) {
  if (spec.startsWith('./')) return new Promise((resolve) => resolve(load(spec)));
  // Resolved from bin/, in the same package as dist/bundle/: the same node_modules.
  return import(spec);
}

/** Writes the cache when this run compiled a chunk it did not have (keeping the others it had). */
function writeCache() {
  if (!cacheOn || [...loaded.values()].every((c) => c.fromCache)) return;
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    const chunks = new Map(cached);
    for (const [name, c] of loaded) chunks.set(name, c.script.createCachedData());
    const data = Buffer.concat([...chunks.values()]);
    const head = JSON.stringify({ key: cacheKey, sha1: sha1(data), chunks: [...chunks].map(([name, d]) => [name, d.length]) });
    makeDirectory(dirname(cacheFile), 2);
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${head}\n`), data]));
    // A start that reads meanwhile sees the old file or the new one, never half of one.
    renameSync(tmp, cacheFile);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was written
    }
  }
}

const { dropOutputAfterClosedPipe } = load('closed-pipe.js');
const { main } = load('main.js');

// `axon … | head`: the reader went away. Keep working (a training run still saves its model), drop the output.
const output = dropOutputAfterClosedPipe();

main(process.argv).then(async (code) => {
  // A write error (a full disk, /dev/full) is reported a tick after the write: wait for it, then exit 2.
  await output.settled();
  process.exitCode = output.failure() ? 2 : code;
  // Not after a usage error (a misspelt command), so a typo leaves no cache file behind.
  if (code !== 2) writeCache();
});
