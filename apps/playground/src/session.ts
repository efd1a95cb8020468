/**
 * The language session, started by boot.ts before Monaco and the panels load: the server worker, the
 * LSP handshake and the opened document (the spec from `#code=`, else the first example). The server
 * has analysed and linted the spec by the time the editor is up, which shows its diagnostics at once.
 */
import { EXAMPLES } from './examples.js';
import { startClient, type LanguageClient } from './lsp/client.js';
import ServerWorker from './lsp/server.worker.ts?worker';
import { decodeHash } from './share.js';
import { byId } from './ui/dom.js';
import { renderProblems } from './ui/problems.js';

export const DOC_URI = 'inmemory://playground/spec.axon';

/** Timings the e2e test reads (and a curious visitor can, in the console), in ms since navigation start. */
export const timings: Record<string, number> = { sessionStartMs: performance.now() };
(globalThis as unknown as { axonPlayground: unknown }).axonPlayground = { timings };

let editorReady = false;
let firstDiagnostics: () => void = () => {};
/** Resolves when the first diagnostics arrived (or the session failed). */
export const firstDiagnosticsShown = new Promise<void>((resolve) => (firstDiagnostics = resolve));
/** main.ts says the editor is up (from then on it shows the diagnostics). */
export function markEditorReady(): void {
  editorReady = true;
}

/** The text the page opens with. */
export const initialText: string = decodeHash(location.hash) ?? EXAMPLES[0]!.source;

const worker = new ServerWorker();
worker.addEventListener('message', (e: MessageEvent) => {
  const sent = (e.data as { axonSentAt?: number } | null)?.axonSentAt;
  if (sent !== undefined) timings.serverFirstDiagnosticsMs ??= sent - performance.timeOrigin;
});

export const clientReady: Promise<LanguageClient> = startClient(worker, DOC_URI, initialText).then((client) => {
  timings.serverReadyMs = performance.now();
  client.onDiagnostics((diagnostics) => {
    if (timings.firstDiagnosticsMs !== undefined) return;
    timings.firstDiagnosticsMs = performance.now();
    // Monaco may still be loading: the Problems tab shows the findings already (main.ts takes over).
    if (!editorReady) renderProblems(byId('panel-problems'), byId('problem-count'), diagnostics, () => {});
    firstDiagnostics();
  });
  return client;
});
clientReady.catch(() => firstDiagnostics());
