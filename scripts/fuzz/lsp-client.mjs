/** A minimal in-process client of the Axon language server, for edit storms (scripts/fuzz). */
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export async function startClient(startServer) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = startServer(undefined, { input: toServer, output: toClient });
  const connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const versions = new Map();
  const latest = new Map();
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    latest.set(p.uri, p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.uri === p.uri && (p.version ?? 0) >= w.version) {
        waiters.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: { debounceMs: 0 },
  });
  await connection.sendNotification('initialized', {});
  const wait = (uri, version) =>
    new Promise((resolve) => {
      const p = latest.get(uri);
      if (p && (p.version ?? 0) >= version) resolve(p.diagnostics);
      else waiters.push({ uri, version, resolve });
    });
  return {
    async open(uri, text) {
      versions.set(uri, 1);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'axon', version: 1, text } });
      return wait(uri, 1);
    },
    async replace(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    settled(uri) {
      return wait(uri, versions.get(uri) ?? 1);
    },
    request(method, params) {
      return connection.sendRequest(method, params);
    },
    stop() {
      server.dispose?.();
      connection.dispose();
    },
  };
}
