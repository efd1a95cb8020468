/**
 * A real LSP client for tests: JSON-RPC over streams to the server, either in-process (the same
 * startServer → createConnection path the bin uses, over a pair of PassThrough streams) or as a
 * spawned `axon-language-server --stdio` process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Position, PublishDiagnosticsParams, TextDocumentContentChangeEvent, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits as applyOffsetEdits, LineIndex } from '@axon/language';
import { startServer, type AxonServer } from '../src/index.js';
import { lspOffset } from '../src/util/ranges.js';

export const BIN = fileURLToPath(new URL('../bin/axon-language-server.js', import.meta.url));

export interface ClientOptions {
  /** Spawn the built bin over stdio instead of running in-process. */
  spawn?: boolean;
  /** Sent as initializationOptions. */
  initializationOptions?: Record<string, unknown>;
  /** Answered to workspace/configuration requests (section `axon`); when absent the client does not advertise the capability. */
  settings?: Record<string, unknown>;
  /** Advertise dynamic registration of watched files. */
  watchFiles?: boolean;
  /** Advertise completion snippet support (default true, as VS Code does). */
  snippets?: boolean;
}

export class TestClient {
  private published: PublishDiagnosticsParams[] = [];
  private waiters: { uri: string; version: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private nextWaiters: { uri: string; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  readonly docs = new Map<string, TextDocument>();
  readonly registrations: unknown[] = [];
  configurationRequests = 0;
  /** The in-process server (undefined when spawned). */
  server: AxonServer | undefined;
  /** window/logMessage lines from the server (a handler that failed logs here). */
  readonly logs: string[] = [];
  settings: Record<string, unknown> | undefined;

  constructor(
    readonly connection: MessageConnection,
    private readonly child?: ChildProcess,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.nextWaiters = this.nextWaiters.filter((w) => {
        if (w.uri !== p.uri) return true;
        w.resolve(p);
        return false;
      });
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && (p.version ?? 0) >= w.version) {
          w.resolve(p);
          return false;
        }
        return true;
      });
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => {
      this.configurationRequests++;
      return p.items.map(() => this.settings ?? null);
    });
    connection.onRequest('client/registerCapability', (p: { registrations: unknown[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p.message);
    });
    connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    let connection: MessageConnection;
    let child: ChildProcess | undefined;
    let server: AxonServer | undefined;
    if (options.spawn) {
      child = spawn(process.execPath, [BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    } else {
      const toServer = new PassThrough();
      const toClient = new PassThrough();
      server = startServer(undefined, { input: toServer, output: toClient });
      connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    }
    const client = new TestClient(connection, child);
    client.settings = options.settings;
    client.server = server;
    await connection.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {
        workspace: {
          configuration: options.settings !== undefined,
          didChangeWatchedFiles: { dynamicRegistration: !!options.watchFiles },
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          completion: { completionItem: { snippetSupport: options.snippets ?? true } },
        },
      },
      initializationOptions: options.initializationOptions ?? { debounceMs: 0 },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    const wait = this.diagnostics(uri, 1);
    await this.openOnly(uri, text);
    return wait;
  }

  /** Opens without waiting for diagnostics. */
  async openOnly(uri: string, text: string): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, 'axon', 1, text));
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'axon', version: 1, text } });
  }

  /** Sends incremental changes; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const doc = this.docs.get(uri)!;
    const next = TextDocument.update(doc, changes, doc.version + 1);
    this.docs.set(uri, next);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: changes });
    return next.version;
  }

  /** Resolves with the first diagnostics published for `uri` at `version` or later. */
  diagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    const done = this.published.find((p) => p.uri === uri && (p.version ?? 0) >= version);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  /** Resolves with the next diagnostics published for `uri` after this call. */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.nextWaiters.push({ uri, resolve }));
  }

  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  position(uri: string, offset: number): Position {
    return this.docs.get(uri)!.positionAt(offset);
  }

  offset(uri: string, position: Position): number {
    return this.docs.get(uri)!.offsetAt(position);
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  async stop(): Promise<void> {
    if (this.child) {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
      await new Promise<void>((resolve) => {
        if (this.child!.exitCode !== null) resolve();
        else this.child!.once('exit', () => resolve());
      });
    }
    this.server?.dispose();
    this.connection.dispose();
  }

  get exitCode(): number | null | undefined {
    return this.child?.exitCode;
  }
}

/** Splits `<|>` out of a text: the text without it and the marker's offset. */
export function marked(text: string): { text: string; offset: number } {
  const offset = text.indexOf('<|>');
  if (offset < 0) throw new Error('no <|> marker in the text');
  return { text: text.slice(0, offset) + text.slice(offset + 3), offset };
}

/** Applies LSP text edits to a text (edits must not overlap): `@axon/language`'s `applyEdits`, positions → offsets by its `LineIndex`. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const at = (p: Position) => ({ offset: lspOffset(lines, p) });
  return applyOffsetEdits(
    text,
    edits.map((e) => ({ range: { start: at(e.range.start), end: at(e.range.end) }, newText: e.newText })),
  );
}

export function summarize(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
}

let counter = 0;
export function uniqueUri(name = 'spec'): string {
  return `file:///tmp/axon-lsp-test/${name}-${++counter}.axon`;
}
