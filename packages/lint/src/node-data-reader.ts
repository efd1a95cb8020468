/**
 * The Node `DataReader` the CLI and the language server give the engine: reads the first rows of a
 * network's `data { source }` (resolved against the spec's folder) and caches the sample by path, size
 * and modification time, so a file is read again only when it changed (the editor lints on every
 * keystroke and sees a rewritten CSV on its next lint).
 *
 * As the core does, a source outside the spec's project (the nearest folder above the spec holding
 * `axon.config.json` or `.git`, else the spec's folder; checked as written and after following links)
 * is not read unless allowed, and only regular files are read (no FIFO, device or folder). Lint says
 * nothing about a file it cannot or may not read: the reader returns undefined.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ResolvedNetwork } from '@axon/language';
import { SAMPLE_ROWS, sampleFromCsv, type DataReader, type DataSample } from './data-sample.js';

export interface NodeDataReaderOptions {
  /** Read a source outside the project too (the CLI's --allow-data-outside). */
  allowOutside?: boolean;
  /** At most this many bytes are read from the start of a file (default 32 MiB). */
  maxBytes?: number;
  /** At most this many data rows are kept (default SAMPLE_ROWS). */
  maxRows?: number;
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

interface CacheEntry {
  size: number;
  mtimeMs: number;
  maxBytes: number;
  maxRows: number;
  sample: DataSample | undefined;
}

const cache = new Map<string, CacheEntry>();

/** Forgets every cached sample (tests). */
export function clearDataSampleCache(): void {
  cache.clear();
}

function projectRoot(specPath: string): string {
  const start = dirname(resolve(specPath));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'axon.config.json')) || existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith('../') && !rel.startsWith('..\\') && !isAbsolute(rel));
}

/** Where the source may be read, or undefined when it is outside the project or does not exist. */
function confine(source: string, specPath: string, allowOutside: boolean): string | undefined {
  const resolved = resolve(dirname(resolve(specPath)), source);
  let real: string;
  try {
    real = realpathSync(resolved);
  } catch {
    return undefined;
  }
  if (allowOutside) return real;
  const root = projectRoot(specPath);
  if (!isInside(resolved, root)) return undefined;
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // keep the root as written
  }
  return isInside(real, realRoot) ? real : undefined;
}

/** The first `maxBytes` of a regular file, opened without blocking and checked on the open descriptor. */
function readHead(path: string, maxBytes: number): { text: string; complete: boolean } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    if (!stats.isFile()) return undefined;
    const length = Math.min(stats.size, maxBytes);
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, read);
      if (n === 0) break;
      read += n;
    }
    const complete = read >= stats.size;
    let text = buffer.subarray(0, read).toString('utf8');
    if (!complete) text = text.slice(0, text.lastIndexOf('\n') + 1); // drop the cut record
    return { text, complete };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A sample of `source` as the spec at `specPath` names it, or undefined. Cached by path, size and mtime. */
export function readDataSample(source: string, specPath: string, options: NodeDataReaderOptions = {}): DataSample | undefined {
  const path = confine(source, specPath, options.allowOutside ?? false);
  if (!path) return undefined;
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined;
  }
  if (!stats.isFile()) return undefined;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRows = options.maxRows ?? SAMPLE_ROWS;
  const hit = cache.get(path);
  if (hit && hit.size === stats.size && hit.mtimeMs === stats.mtimeMs && hit.maxBytes === maxBytes && hit.maxRows === maxRows) {
    return hit.sample && hit.sample.source !== source ? { ...hit.sample, source } : hit.sample;
  }
  const head = readHead(path, maxBytes);
  const parsed = head ? sampleFromCsv(source, head.text, maxRows) : undefined;
  const sample = parsed && head && !head.complete ? { ...parsed, truncated: true } : parsed;
  cache.set(path, { size: stats.size, mtimeMs: stats.mtimeMs, maxBytes, maxRows, sample });
  return sample;
}

/** The reader for one spec file: each network's `data { source }`, relative to the spec's folder. */
export function createNodeDataReader(specPath: string, options: NodeDataReaderOptions = {}): DataReader {
  return (network: ResolvedNetwork) => (network.data ? readDataSample(network.data.source, specPath, options) : undefined);
}
