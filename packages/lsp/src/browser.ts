/**
 * @axon/lsp/browser — the language server in a Web Worker (the playground).
 *
 *   startBrowserServer(options?) → AxonServer   listens on the worker's own message port
 *
 * The same `createServer` as the Node entry, over `BrowserMessageReader/Writer` on the worker scope.
 * Documents should use a non-`file:` URI: the server then lints with the default configuration and never
 * looks for an axon.config.json (there is no file system in a browser).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { createServer, type AxonServer, type ServerOptions } from './server.js';

export { createServer, SERVER_NAME, SERVER_VERSION, type AxonServer, type ServerOptions } from './server.js';

/** The worker scope as far as this module uses it. */
type WorkerScope = ConstructorParameters<typeof BrowserMessageReader>[0];

/** Node's `setImmediate` (the server yields between validation steps with it), on a MessageChannel: no 4 ms timer clamp. */
function ensureSetImmediate(): void {
  const g = globalThis as unknown as { setImmediate?: (f: () => void) => unknown; MessageChannel?: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(m: unknown): void } } };
  if (typeof g.setImmediate === 'function') return;
  if (!g.MessageChannel) {
    g.setImmediate = (f) => setTimeout(f, 0);
    return;
  }
  const queue: Array<() => void> = [];
  const channel = new g.MessageChannel();
  channel.port1.onmessage = () => queue.shift()?.();
  g.setImmediate = (f) => {
    queue.push(f);
    channel.port2.postMessage(0);
  };
}

/** Creates the server on the worker's message port and starts listening. */
export function startBrowserServer(options: ServerOptions = {}, scope: WorkerScope = globalThis as unknown as WorkerScope): AxonServer {
  ensureSetImmediate();
  const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
  const server = createServer(connection, options);
  connection.listen();
  return server;
}
