/**
 * The LSP client side: a JSON-RPC protocol connection to the server worker (vscode-languageserver-protocol's
 * browser transport), the initialize handshake, and document sync for the editor's one model.
 */
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol/browser';

export interface LanguageClient {
  connection: ProtocolConnection;
  capabilities: ServerCapabilities;
  /** Tells the server the document changed (full text: the documents are small). */
  change(text: string): void;
  /** Called with every diagnostics notification for the document. */
  onDiagnostics(listener: (diagnostics: Diagnostic[], version: number | undefined) => void): void;
  dispose(): void;
}

const capabilities: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
    signatureHelp: { signatureInformation: { documentationFormat: ['markdown', 'plaintext'], parameterInformation: { labelOffsetSupport: true } } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    formatting: {},
    rangeFormatting: {},
    inlayHint: {},
    semanticTokens: {
      requests: { full: true },
      tokenTypes: [],
      tokenModifiers: [],
      formats: ['relative'],
    },
    foldingRange: {},
    definition: {},
    references: {},
    rename: { prepareSupport: true },
  },
  workspace: {},
};

/** Starts the server worker, initialises it and opens the document. */
export async function startClient(worker: Worker, uri: string, text: string): Promise<LanguageClient> {
  const connection = createProtocolConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
  const listeners: Array<(d: Diagnostic[], v: number | undefined) => void> = [];
  /** The latest notification, replayed to a listener that subscribes after it arrived. */
  let last: { diagnostics: Diagnostic[]; version: number | undefined } | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    if (p.uri !== uri) return;
    last = { diagnostics: p.diagnostics, version: p.version };
    for (const l of listeners) l(p.diagnostics, p.version);
  });
  connection.listen();
  const init = await connection.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: null,
    capabilities,
    clientInfo: { name: 'axon-playground' },
    initializationOptions: { debounceMs: 50 },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  let version = 1;
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'axon', version, text } });
  return {
    connection,
    capabilities: init.capabilities,
    change(next: string) {
      version++;
      void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: next }] });
    },
    onDiagnostics(listener) {
      listeners.push(listener);
      if (last) listener(last.diagnostics, last.version);
    },
    dispose() {
      connection.dispose();
      worker.terminate();
    },
  };
}
