/**
 * The language session, started by boot.ts before Monaco and the panels load: the server worker, the
 * LSP handshake and the opened document (the spec from `#code=`, else the first example). The server
 * has analysed and linted the spec by the time the editor is up, which shows its diagnostics at once.
 */
import { EXAMPLES } from './examples.js';
import { startClient, type LanguageClient } from './lsp/client.js';
import ServerWorker from './lsp/server.worker.ts?worker';
import { decodeHash } from './share.js';

export const DOC_URI = 'inmemory://playground/spec.axon';

/** Timings the e2e test reads (and a curious visitor can, in the console), in ms since navigation start. */
export const timings: Record<string, number> = { sessionStartMs: performance.now() };
(globalThis as unknown as { axonPlayground: unknown }).axonPlayground = { timings };

/** The text the page opens with. */
export const initialText: string = decodeHash(location.hash) ?? EXAMPLES[0]!.source;

const worker = new ServerWorker();
worker.addEventListener('message', (e: MessageEvent) => {
  const sent = (e.data as { axonSentAt?: number } | null)?.axonSentAt;
  if (sent !== undefined) timings.serverFirstDiagnosticsMs ??= sent - performance.timeOrigin;
});

export const clientReady: Promise<LanguageClient> = startClient(worker, DOC_URI, initialText).then((client) => {
  timings.serverReadyMs = performance.now();
  client.onDiagnostics(() => {
    timings.firstDiagnosticsMs ??= performance.now();
  });
  return client;
});
