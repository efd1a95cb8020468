/**
 * The language-server worker: the Axon server (the same code as in VS Code) on this worker's message port.
 * The port is the worker scope itself, wrapped only to stamp the first diagnostics notification with
 * the time it was sent (`axonSentAt`, epoch ms; JSON-RPC ignores the extra field): the page reports it as
 * the time to first diagnostics, apart from when its own busy main thread gets round to showing them.
 */
import { startBrowserServer } from '@axon/lsp/browser';

const scope = self as unknown as {
  postMessage(m: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  addEventListener(type: string, listener: (e: Event) => void): void;
  removeEventListener(type: string, listener: (e: Event) => void): void;
};
let stamped = false;
const port = {
  postMessage(m: unknown) {
    if (!stamped && (m as { method?: string }).method === 'textDocument/publishDiagnostics') {
      stamped = true;
      (m as { axonSentAt?: number }).axonSentAt = performance.timeOrigin + performance.now();
    }
    scope.postMessage(m);
  },
  set onmessage(f: ((e: MessageEvent) => void) | null) {
    scope.onmessage = f;
  },
  get onmessage() {
    return scope.onmessage;
  },
  addEventListener: (type: string, listener: (e: Event) => void) => scope.addEventListener(type, listener),
  removeEventListener: (type: string, listener: (e: Event) => void) => scope.removeEventListener(type, listener),
  set onerror(f: ((e: ErrorEvent) => void) | null) {
    scope.onerror = f;
  },
  get onerror() {
    return scope.onerror;
  },
};

startBrowserServer({ debounceMs: 50 }, port as never);
