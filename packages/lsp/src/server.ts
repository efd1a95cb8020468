/**
 * The Axon language server: wires documents, configuration and features onto an LSP connection.
 * Every handler runs through `safely`, so a failure answers with an empty result and a log line.
 */
import { clearConfigCache } from '@axon/lint';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, FIX_ALL_KIND } from './features/code-actions.js';
import { codeLenses } from './features/code-lens.js';
import { completion } from './features/completion.js';
import { withoutSnippets } from './features/plain-snippets.js';
import { documentDiagnostics } from './features/diagnostics.js';
import { formatEdits } from './features/formatting.js';
import { hover } from './features/hover.js';
import { inlayHints } from './features/inlay-hints.js';
import { definition, prepareRename, references, rename, RenameError } from './features/navigation.js';
import { selectionRanges } from './features/selection-ranges.js';
import { semanticTokens, semanticTokensLegend } from './features/semantic-tokens.js';
import { signatureHelp } from './features/signature-help.js';
import { documentSymbols, foldingRanges } from './features/symbols.js';
import { guarded, safely } from './util/safe.js';
import { AxonDocument, DocumentState } from './workspace/document.js';
import { ConfigResolver, runLint, type LintOutcome } from './workspace/lint.js';
import { defaultSettings, readSettings, type AxonSettings } from './workspace/settings.js';
import { ValidationScheduler } from './workspace/validation.js';

export interface ServerOptions {
  /** Overrides the settings' debounce (the benchmark uses 0). */
  debounceMs?: number;
}

export interface AxonServer {
  connection: Connection;
  /** The current snapshot of an open document (undefined when it is not open). */
  document(uri: string): AxonDocument | undefined;
  /** Validates now and publishes; resolves when published (or skipped as outdated). */
  validate(uri: string): Promise<void>;
  dispose(): void;
}

export const SERVER_NAME = 'axon-language-server';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
export const SERVER_VERSION = '0.1.0';

export function createServer(connection: Connection, options: ServerOptions = {}): AxonServer {
  const documents = new TextDocuments(TextDocument);
  const snapshots = new Map<string, AxonDocument>();
  const resolver = new ConfigResolver();
  let settings: AxonSettings = { ...defaultSettings };
  /** Settings per document (from workspace/configuration), cleared when the client says they changed. */
  const documentSettings = new Map<string, Promise<AxonSettings>>();
  /** Bumped whenever lint configuration may have changed; cached lint results carry it. */
  let configGeneration = 0;
  let canPullConfiguration = false;
  let canRegisterWatchers = false;
  let canRegisterConfiguration = false;
  let canRefreshInlayHints = false;
  let canInsertSnippets = false;
  const log = (message: string) => connection.console.error(message);

  const snapshot = (uri: string): AxonDocument | undefined => {
    const live = documents.get(uri);
    if (!live) return undefined;
    let s = snapshots.get(uri);
    if (!s || s.version !== live.version) {
      s = new AxonDocument(live);
      snapshots.set(uri, s);
    }
    return s;
  };

  const settingsFor = (uri: string): Promise<AxonSettings> => {
    if (!canPullConfiguration) return Promise.resolve(settings);
    let p = documentSettings.get(uri);
    if (!p) {
      p = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'axon' })
        .then((raw: unknown) => {
          const pulled = readSettings(raw, settings);
          settings.debounceMs = pulled.debounceMs; // the debounce is per server, not per document
          return pulled;
        })
        .catch(() => settings);
      documentSettings.set(uri, p);
    }
    return p;
  };

  const lintOf = (doc: AxonDocument, s: AxonSettings): LintOutcome => doc.linted(configGeneration, (d) => runLint(d, resolver, s));

  const debounce = () => options.debounceMs ?? settings.debounceMs;

  const validate = async (uri: string, version?: number): Promise<void> => {
    const doc = snapshot(uri);
    if (!doc || (version !== undefined && doc.version !== version)) return;
    const s = await settingsFor(uri);
    if (!doc.current) return; // a newer edit arrived while the settings were fetched
    if (!canRegisterWatchers && resolver.changedOnDisk(uri)) {
      // no file watcher (the client cannot register one): notice an edited axon.config.json on the next validation
      clearConfigCache();
      resolver.clear();
      configGeneration++;
    }
    // One state at a time, yielding in between: requests queued meanwhile (completion, hover) are
    // answered, and a newer edit stops this outdated validation at the next step.
    doc.parsed();
    await yieldToEventLoop();
    if (!doc.current) return;
    doc.analyzed();
    await yieldToEventLoop();
    if (!doc.current) return;
    let lint: LintOutcome | undefined;
    try {
      lint = lintOf(doc, s);
    } catch (error) {
      log(`[axon] lint failed on ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    const diagnostics = documentDiagnostics(doc, lint, s.docsBaseUrl);
    if (!doc.current) return;
    await connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  };

  const scheduler = new ValidationScheduler(debounce, (uri, version) =>
    validate(uri, version).catch((error: unknown) => log(`[axon] validation failed on ${uri}: ${String(error)}`)),
  );

  const revalidateAll = () => {
    for (const d of documents.all()) scheduler.schedule(d.uri, d.version);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    canPullConfiguration = !!caps.workspace?.configuration;
    canRegisterWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canRegisterConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    canRefreshInlayHints = !!caps.workspace?.inlayHint?.refreshSupport;
    canInsertSnippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    settings = readSettings(params.initializationOptions, defaultSettings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', '(', ',', ' '], resolveProvider: false },
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [',', ':'] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: true },
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(
    guarded('initialized', log, async () => {
      if (canRegisterConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'axon' });
      if (canRegisterWatchers) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/axon.config.json' }, { globPattern: '**/*.csv' }] });
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guarded('didChangeConfiguration', log, (change: { settings?: unknown }) => {
      const raw = change.settings && typeof change.settings === 'object' ? (change.settings as Record<string, unknown>).axon : undefined;
      if (raw !== undefined) settings = readSettings(raw, settings);
      documentSettings.clear();
      configGeneration++;
      revalidateAll();
      if (canRefreshInlayHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
    }),
  );

  connection.onDidChangeWatchedFiles(
    guarded('didChangeWatchedFiles', log, () => {
      clearConfigCache();
      resolver.clear();
      configGeneration++;
      revalidateAll();
    }),
  );

  documents.onDidChangeContent(
    guarded('didChangeContent', log, (e: { document: TextDocument }) => {
      scheduler.schedule(e.document.uri, e.document.version);
    }),
  );
  documents.onDidClose(
    guarded('didClose', log, (e: { document: TextDocument }) => {
      scheduler.cancel(e.document.uri);
      snapshots.delete(e.document.uri);
      documentSettings.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }),
  );

  /** Runs a feature on the document at the state it needs; undefined (→ the empty answer) if it is not open or the request was cancelled. */
  const withDoc = async <R>(uri: string, state: DocumentState, token: CancellationToken | undefined, f: (doc: AxonDocument) => R): Promise<R | undefined> => {
    // Yield first: requests and notifications that arrived meanwhile (a cancellation, a hover) are
    // read and served in turn, so one long request cannot starve the others.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (token?.isCancellationRequested) return undefined;
    const doc = snapshot(uri);
    if (!doc) return undefined;
    if (state >= DocumentState.Parsed) doc.parsed();
    if (state >= DocumentState.Analyzed) doc.analyzed();
    return f(doc);
  };
  const offsetOf = (doc: AxonDocument, p: { line: number; character: number }) => doc.offsetAt(p);

  connection.onHover(
    safely('hover', null, log, (p, token) => withDoc(p.textDocument.uri, DocumentState.Analyzed, token, (d) => hover(d, offsetOf(d, p.position))) ?? null),
  );
  connection.onCompletion(
    safely('completion', { isIncomplete: false, items: [] }, log, (p, token) =>
      // Completion and signature help read tokens only: they never wait for a parse.
      withDoc(p.textDocument.uri, DocumentState.Changed, token, (d) => {
        const list = completion(d, offsetOf(d, p.position));
        return canInsertSnippets ? list : withoutSnippets(list); // never send snippets a client cannot expand
      }),
    ),
  );
  connection.onSignatureHelp(
    safely('signatureHelp', null, log, (p, token) => withDoc(p.textDocument.uri, DocumentState.Changed, token, (d) => signatureHelp(d, offsetOf(d, p.position))) ?? null),
  );
  connection.onDocumentSymbol(safely('documentSymbol', [], log, (p, token) => withDoc(p.textDocument.uri, DocumentState.Parsed, token, documentSymbols)));
  connection.onFoldingRanges(safely('foldingRange', [], log, (p, token) => withDoc(p.textDocument.uri, DocumentState.Parsed, token, foldingRanges)));
  connection.onSelectionRanges(
    safely('selectionRange', [], log, (p, token) => withDoc(p.textDocument.uri, DocumentState.Parsed, token, (d) => selectionRanges(d, p.positions.map((q) => offsetOf(d, q)))) ?? []),
  );
  connection.onDocumentFormatting(safely('formatting', [], log, (p, token) => withDoc(p.textDocument.uri, DocumentState.Parsed, token, (d) => formatEdits(d))));
  connection.onDocumentRangeFormatting(
    safely('rangeFormatting', [], log, (p, token) => withDoc(p.textDocument.uri, DocumentState.Parsed, token, (d) => formatEdits(d, p.range))),
  );
  connection.languages.semanticTokens.on(
    safely('semanticTokens', { data: [] }, log, (p, token) => withDoc(p.textDocument.uri, DocumentState.Parsed, token, semanticTokens)),
  );
  connection.languages.inlayHint.on(
    safely('inlayHint', [], log, async (p, token) => {
      const s = await settingsFor(p.textDocument.uri);
      if (!s.inlayHints) return [];
      return withDoc(p.textDocument.uri, DocumentState.Analyzed, token, (d) => inlayHints(d, p.range));
    }),
  );
  connection.onCodeLens(safely('codeLens', [], log, (p, token) => withDoc(p.textDocument.uri, DocumentState.Parsed, token, codeLenses)));
  connection.onDefinition(safely('definition', null, log, (p, token) => withDoc(p.textDocument.uri, DocumentState.Parsed, token, (d) => definition(d, offsetOf(d, p.position))) ?? null));
  connection.onReferences(
    safely('references', [], log, (p, token) =>
      withDoc(p.textDocument.uri, DocumentState.Parsed, token, (d) => references(d, offsetOf(d, p.position), p.context.includeDeclaration)),
    ),
  );
  connection.onPrepareRename(
    safely('prepareRename', null, log, (p, token) => withDoc(p.textDocument.uri, DocumentState.Parsed, token, (d) => prepareRename(d, offsetOf(d, p.position))) ?? null),
  );
  connection.onRenameRequest(async (p, token) => {
    try {
      return (await withDoc(p.textDocument.uri, DocumentState.Parsed, token, (d) => rename(d, offsetOf(d, p.position), p.newName))) ?? null;
    } catch (error) {
      if (error instanceof RenameError) return new ResponseError(ErrorCodes.InvalidParams, error.message);
      log(`[axon] rename failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return null;
    }
  });
  connection.onCodeAction(
    safely('codeAction', [], log, async (p, token) => {
      const s = await settingsFor(p.textDocument.uri);
      return withDoc(p.textDocument.uri, DocumentState.Linted, token, (d) => codeActions(d, p.range, p.context, lintOf(d, s)));
    }),
  );

  documents.listen(connection);

  return {
    connection,
    document: snapshot,
    validate: (uri) => validate(uri),
    dispose: () => scheduler.dispose(),
  };
}
