/**
 * How the data-parallel fit starts a worker: an injectable function, so the core itself never imports
 * `node:worker_threads` (the playground runs it in a Web Worker). `nodeSpawner` is the Node one; it
 * loads `node:worker_threads` only when called.
 */

/** What the trainer needs of a worker: send it its init message, hear back once, stop it. */
export interface WorkerHandle {
  postMessage(message: unknown): void;
  /** `ready` or `error` (with a message), once, after the init message. */
  onMessage(listener: (message: { type: 'ready' } | { type: 'error'; message: string }) => void): void;
  /** The worker died (crash, out of memory) or failed to load. */
  onExit(listener: (reason: string) => void): void;
  terminate(): Promise<unknown>;
}

export type SpawnWorker = () => WorkerHandle | Promise<WorkerHandle>;

/**
 * Node worker threads running `entry` (default: the compiled `node-entry.js` next to this module).
 * Tests running from source pass a bundled entry instead.
 */
export function nodeSpawner(entry: string | URL = new URL('./node-entry.js', import.meta.url)): SpawnWorker {
  let mod: Promise<typeof import('node:worker_threads')> | undefined;
  return async () => {
    const { Worker } = await (mod ??= import('node:worker_threads'));
    const w = new Worker(entry);
    return {
      postMessage: (m) => w.postMessage(m),
      onMessage: (listener) => void w.on('message', listener),
      onExit: (listener) => {
        w.on('error', (err) => listener(err instanceof Error ? err.message : String(err)));
        w.on('exit', (code) => listener(`exit code ${code}`));
      },
      terminate: () => w.terminate(),
    };
  };
}

/** The default spawner: Node's worker threads under compiled Node code, none elsewhere (a browser passes its own). */
export function defaultSpawner(): SpawnWorker | undefined {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  // Run from the TypeScript sources (vitest), there is no compiled node-entry.js to start: one thread.
  if (import.meta.url.endsWith('.ts')) return undefined;
  return p?.versions?.node ? nodeSpawner() : undefined;
}
