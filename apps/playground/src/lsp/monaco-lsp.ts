/**
 * Monaco ↔ LSP: registers Monaco's language features for `axon` as requests to the language server
 * (hover, completion, signature help, code actions, formatting, symbols, inlay hints, semantic tokens,
 * folding, definition, references, rename) and shows its published diagnostics as markers. The
 * answers are the server's; this module only converts positions, ranges and kinds.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionItemKind as LspCompletionKind,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  type CodeAction,
  type Command,
  type Diagnostic,
  type DocumentSymbol,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/browser';
import type { LanguageClient } from './client.js';
import { markdown, markerSeverity, messageText, toLspPosition, toLspRange, toMonacoRange, toMonacoSymbols } from './convert.js';

export { messageText, toLspRange, toMonacoRange } from './convert.js';

export const LANGUAGE_ID = 'axon';

const completionKinds: Partial<Record<number, monaco.languages.CompletionItemKind>> = {
  [LspCompletionKind.Text]: monaco.languages.CompletionItemKind.Text,
  [LspCompletionKind.Method]: monaco.languages.CompletionItemKind.Method,
  [LspCompletionKind.Function]: monaco.languages.CompletionItemKind.Function,
  [LspCompletionKind.Constructor]: monaco.languages.CompletionItemKind.Constructor,
  [LspCompletionKind.Field]: monaco.languages.CompletionItemKind.Field,
  [LspCompletionKind.Variable]: monaco.languages.CompletionItemKind.Variable,
  [LspCompletionKind.Class]: monaco.languages.CompletionItemKind.Class,
  [LspCompletionKind.Interface]: monaco.languages.CompletionItemKind.Interface,
  [LspCompletionKind.Module]: monaco.languages.CompletionItemKind.Module,
  [LspCompletionKind.Property]: monaco.languages.CompletionItemKind.Property,
  [LspCompletionKind.Unit]: monaco.languages.CompletionItemKind.Unit,
  [LspCompletionKind.Value]: monaco.languages.CompletionItemKind.Value,
  [LspCompletionKind.Enum]: monaco.languages.CompletionItemKind.Enum,
  [LspCompletionKind.Keyword]: monaco.languages.CompletionItemKind.Keyword,
  [LspCompletionKind.Snippet]: monaco.languages.CompletionItemKind.Snippet,
  [LspCompletionKind.Color]: monaco.languages.CompletionItemKind.Color,
  [LspCompletionKind.File]: monaco.languages.CompletionItemKind.File,
  [LspCompletionKind.Reference]: monaco.languages.CompletionItemKind.Reference,
  [LspCompletionKind.Folder]: monaco.languages.CompletionItemKind.Folder,
  [LspCompletionKind.EnumMember]: monaco.languages.CompletionItemKind.EnumMember,
  [LspCompletionKind.Constant]: monaco.languages.CompletionItemKind.Constant,
  [LspCompletionKind.Struct]: monaco.languages.CompletionItemKind.Struct,
  [LspCompletionKind.Event]: monaco.languages.CompletionItemKind.Event,
  [LspCompletionKind.Operator]: monaco.languages.CompletionItemKind.Operator,
  [LspCompletionKind.TypeParameter]: monaco.languages.CompletionItemKind.TypeParameter,
};

function textEdits(model: monaco.editor.ITextModel, edits: TextEdit[] | null | undefined): monaco.languages.TextEdit[] {
  return (edits ?? []).map((e) => ({ range: toMonacoRange(e.range), text: e.newText }));
}

function workspaceEdit(model: monaco.editor.ITextModel, edit: WorkspaceEdit | undefined): monaco.languages.WorkspaceEdit | undefined {
  if (!edit) return undefined;
  const edits: monaco.languages.IWorkspaceTextEdit[] = [];
  const uri = model.uri.toString();
  const add = (list: TextEdit[]) => {
    for (const e of list) edits.push({ resource: model.uri, textEdit: { range: toMonacoRange(e.range), text: e.newText }, versionId: undefined });
  };
  for (const [u, list] of Object.entries(edit.changes ?? {})) if (u === uri) add(list);
  for (const change of edit.documentChanges ?? []) if ('textDocument' in change && change.textDocument.uri === uri) add(change.edits as TextEdit[]);
  return { edits };
}

export interface LspBinding {
  /** The server's latest diagnostics for the model (as LSP data: code actions send them back). */
  diagnostics(): Diagnostic[];
  /** Listeners for each new set of diagnostics (after the markers are set). */
  onDiagnostics(listener: (d: Diagnostic[]) => void): void;
  documentSymbols(): Promise<DocumentSymbol[]>;
  dispose(): void;
}

/** What the page runs for a server command (a code lens): its arguments as the server sent them. */
export type PageCommands = Record<string, (...args: unknown[]) => void>;

/**
 * Wires the editor's model to the client: sync, markers, and every provider. Code lenses are shown for
 * the commands the page can run (`commands`); the others (the CLI's, in VS Code) are left out.
 */
export function bindLanguageClient(model: monaco.editor.ITextModel, client: LanguageClient, commands: PageCommands = {}): LspBinding {
  const { connection } = client;
  const uri = model.uri.toString();
  const doc = { uri };
  const mine = (m: monaco.editor.ITextModel) => m.uri.toString() === uri;
  let latest: Diagnostic[] = [];
  let received = false;
  const listeners: Array<(d: Diagnostic[]) => void> = [];
  const disposables: monaco.IDisposable[] = [];

  disposables.push(model.onDidChangeContent(() => client.change(model.getValue())));
  client.onDiagnostics((diagnostics) => {
    latest = diagnostics;
    received = true;
    monaco.editor.setModelMarkers(
      model,
      'axon',
      diagnostics.map((d) => ({
        ...toMonacoRange(d.range),
        severity: markerSeverity(d.severity),
        message: messageText(d),
        source: d.source ?? 'axon',
        ...(d.code !== undefined
          ? { code: d.codeDescription ? { value: String(d.code), target: monaco.Uri.parse(d.codeDescription.href) } : String(d.code) }
          : {}),
        relatedInformation: (d.relatedInformation ?? []).map((r) => ({ resource: model.uri, message: r.message, ...toMonacoRange(r.location.range) })),
      })),
    );
    for (const l of listeners) l(diagnostics);
  });

  const L = monaco.languages;
  disposables.push(
    L.registerHoverProvider(LANGUAGE_ID, {
      async provideHover(m, position) {
        if (!mine(m)) return null;
        const h = await connection.sendRequest(HoverRequest.type, { textDocument: doc, position: toLspPosition(position) });
        if (!h) return null;
        const contents = Array.isArray(h.contents) ? h.contents.map(markdown) : [markdown(h.contents)];
        return { contents, ...(h.range ? { range: toMonacoRange(h.range) } : {}) };
      },
    }),
    L.registerCompletionItemProvider(LANGUAGE_ID, {
      triggerCharacters: client.capabilities.completionProvider?.triggerCharacters ?? [],
      async provideCompletionItems(m, position, context) {
        if (!mine(m)) return { suggestions: [] };
        const r = await connection.sendRequest(CompletionRequest.type, {
          textDocument: doc,
          position: toLspPosition(position),
          context: {
            triggerKind: (context.triggerKind + 1) as 1 | 2 | 3,
            ...(context.triggerCharacter ? { triggerCharacter: context.triggerCharacter } : {}),
          },
        });
        const items = Array.isArray(r) ? r : (r?.items ?? []);
        const word = m.getWordUntilPosition(position);
        const fallback = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
        return {
          incomplete: !Array.isArray(r) && !!r?.isIncomplete,
          suggestions: items.map((it) => {
            const edit = it.textEdit;
            const range = edit ? ('range' in edit ? toMonacoRange(edit.range) : { insert: toMonacoRange(edit.insert), replace: toMonacoRange(edit.replace) }) : fallback;
            return {
              label: it.label,
              kind: completionKinds[it.kind ?? LspCompletionKind.Text] ?? L.CompletionItemKind.Text,
              ...(it.detail ? { detail: it.detail } : {}),
              ...(it.documentation ? { documentation: markdown(it.documentation) } : {}),
              ...(it.sortText ? { sortText: it.sortText } : {}),
              ...(it.filterText ? { filterText: it.filterText } : {}),
              insertText: edit?.newText ?? it.insertText ?? it.label,
              ...(it.insertTextFormat === 2 ? { insertTextRules: L.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
              range,
            };
          }),
        };
      },
    }),
    L.registerSignatureHelpProvider(LANGUAGE_ID, {
      signatureHelpTriggerCharacters: client.capabilities.signatureHelpProvider?.triggerCharacters ?? [],
      signatureHelpRetriggerCharacters: client.capabilities.signatureHelpProvider?.retriggerCharacters ?? [],
      async provideSignatureHelp(m, position) {
        if (!mine(m)) return null;
        const s = await connection.sendRequest(SignatureHelpRequest.type, { textDocument: doc, position: toLspPosition(position) });
        if (!s || s.signatures.length === 0) return null;
        return {
          value: {
            activeSignature: s.activeSignature ?? 0,
            activeParameter: s.activeParameter ?? 0,
            signatures: s.signatures.map((sig) => ({
              label: sig.label,
              ...(sig.documentation ? { documentation: markdown(sig.documentation) } : {}),
              parameters: (sig.parameters ?? []).map((p) => ({ label: p.label, ...(p.documentation ? { documentation: markdown(p.documentation) } : {}) })),
              ...(sig.activeParameter !== undefined && sig.activeParameter !== null ? { activeParameter: sig.activeParameter } : {}),
            })),
          },
          dispose() {},
        };
      },
    }),
    L.registerCodeActionProvider(
      LANGUAGE_ID,
      {
        async provideCodeActions(m, range) {
          if (!mine(m)) return { actions: [], dispose() {} };
          const r = toLspRange(range);
          const within = latest.filter((d) => d.range.start.line <= r.end.line && d.range.end.line >= r.start.line);
          const result = await connection.sendRequest(CodeActionRequest.type, { textDocument: doc, range: r, context: { diagnostics: within, triggerKind: 1 } });
          const actions = (result ?? []).filter((a): a is CodeAction => !('command' in a && typeof (a as Command).command === 'string'));
          return {
            actions: actions.map((a) => {
              const edit = workspaceEdit(m, a.edit);
              return {
                title: a.title,
                ...(a.kind ? { kind: a.kind } : {}),
                ...(a.isPreferred ? { isPreferred: true } : {}),
                ...(edit ? { edit } : {}),
                ...(a.diagnostics
                  ? { diagnostics: a.diagnostics.map((d) => ({ ...toMonacoRange(d.range), severity: markerSeverity(d.severity), message: messageText(d) })) }
                  : {}),
              };
            }),
            dispose() {},
          };
        },
      },
      { providedCodeActionKinds: ['quickfix', 'source.fixAll'] },
    ),
    L.registerDocumentFormattingEditProvider(LANGUAGE_ID, {
      async provideDocumentFormattingEdits(m, options) {
        if (!mine(m)) return [];
        return textEdits(m, await connection.sendRequest(DocumentFormattingRequest.type, { textDocument: doc, options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces } }));
      },
    }),
    L.registerDocumentRangeFormattingEditProvider(LANGUAGE_ID, {
      async provideDocumentRangeFormattingEdits(m, range, options) {
        if (!mine(m)) return [];
        return textEdits(m, await connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument: doc, range: toLspRange(range), options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces } }));
      },
    }),
    L.registerDocumentSymbolProvider(LANGUAGE_ID, {
      async provideDocumentSymbols(m) {
        if (!mine(m)) return [];
        const r = await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: doc });
        return toMonacoSymbols((r ?? []).filter((s): s is DocumentSymbol => 'selectionRange' in s));
      },
    }),
    L.registerInlayHintsProvider(LANGUAGE_ID, {
      async provideInlayHints(m, range) {
        if (!mine(m)) return { hints: [], dispose() {} };
        const r = await connection.sendRequest(InlayHintRequest.type, { textDocument: doc, range: toLspRange(range) });
        return {
          hints: (r ?? []).map((h) => ({
            label: typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''),
            position: { lineNumber: h.position.line + 1, column: h.position.character + 1 },
            ...(h.kind ? { kind: h.kind as monaco.languages.InlayHintKind } : {}),
            ...(h.paddingLeft ? { paddingLeft: true } : {}),
            ...(h.paddingRight ? { paddingRight: true } : {}),
            ...(h.tooltip ? { tooltip: typeof h.tooltip === 'string' ? h.tooltip : markdown(h.tooltip) } : {}),
          })),
          dispose() {},
        };
      },
    }),
    L.registerFoldingRangeProvider(LANGUAGE_ID, {
      async provideFoldingRanges(m) {
        if (!mine(m)) return [];
        const r = await connection.sendRequest(FoldingRangeRequest.type, { textDocument: doc });
        return (r ?? []).map((f) => ({ start: f.startLine + 1, end: f.endLine + 1 }));
      },
    }),
    L.registerDefinitionProvider(LANGUAGE_ID, {
      async provideDefinition(m, position) {
        if (!mine(m)) return null;
        const r = await connection.sendRequest(DefinitionRequest.type, { textDocument: doc, position: toLspPosition(position) });
        const list = r ? (Array.isArray(r) ? r : [r]) : [];
        return list.map((l) => ('targetUri' in l ? { uri: m.uri, range: toMonacoRange(l.targetSelectionRange) } : { uri: m.uri, range: toMonacoRange(l.range) }));
      },
    }),
    L.registerReferenceProvider(LANGUAGE_ID, {
      async provideReferences(m, position, context) {
        if (!mine(m)) return [];
        const r = await connection.sendRequest(ReferencesRequest.type, { textDocument: doc, position: toLspPosition(position), context });
        return (r ?? []).map((l) => ({ uri: m.uri, range: toMonacoRange(l.range) }));
      },
    }),
    L.registerRenameProvider(LANGUAGE_ID, {
      async provideRenameEdits(m, position, newName) {
        try {
          const r = await connection.sendRequest(RenameRequest.type, { textDocument: doc, position: toLspPosition(position), newName });
          return workspaceEdit(m, r ?? undefined) ?? { edits: [] };
        } catch (error) {
          return { edits: [], rejectReason: error instanceof Error ? error.message : String(error) };
        }
      },
      async resolveRenameLocation(m, position) {
        const r = await connection.sendRequest(PrepareRenameRequest.type, { textDocument: doc, position: toLspPosition(position) });
        if (!r) return { range: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 }, text: '', rejectReason: 'nothing to rename here' };
        if ('range' in r) return { range: toMonacoRange(r.range), text: r.placeholder };
        if ('start' in r) return { range: toMonacoRange(r), text: m.getValueInRange(toMonacoRange(r)) };
        const w = m.getWordAtPosition(position);
        return { range: { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: w?.startColumn ?? position.column, endColumn: w?.endColumn ?? position.column }, text: w?.word ?? '' };
      },
    }),
  );

  for (const [id, run] of Object.entries(commands)) disposables.push(monaco.editor.registerCommand(id, (_accessor, ...args: unknown[]) => run(...args)));
  if (client.capabilities.codeLensProvider && Object.keys(commands).length > 0) {
    disposables.push(
      L.registerCodeLensProvider(LANGUAGE_ID, {
        async provideCodeLenses(m) {
          if (!mine(m)) return { lenses: [], dispose() {} };
          const r = await connection.sendRequest(CodeLensRequest.type, { textDocument: doc });
          const lenses = (r ?? [])
            .filter((l) => l.command && l.command.command in commands)
            .map((l) => ({ range: toMonacoRange(l.range), command: { id: l.command!.command, title: l.command!.title, arguments: l.command!.arguments ?? [] } }));
          return { lenses, dispose() {} };
        },
      }),
    );
  }

  const legend = client.capabilities.semanticTokensProvider?.legend;
  if (legend) {
    disposables.push(
      L.registerDocumentSemanticTokensProvider(LANGUAGE_ID, {
        getLegend: () => legend,
        async provideDocumentSemanticTokens(m) {
          if (!mine(m)) return null;
          const r = await connection.sendRequest(SemanticTokensRequest.type, { textDocument: doc });
          return r ? { data: new Uint32Array(r.data), ...(r.resultId ? { resultId: r.resultId } : {}) } : null;
        },
        releaseDocumentSemanticTokens() {},
      }),
    );
  }

  return {
    diagnostics: () => latest,
    onDiagnostics: (l) => {
      listeners.push(l);
      if (received) l(latest); // diagnostics that arrived before this listener (the server is often first)
    },
    async documentSymbols() {
      const r = await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: doc });
      return (r ?? []).filter((s): s is DocumentSymbol => 'selectionRange' in s);
    },
    dispose() {
      for (const d of disposables) d.dispose();
    },
  };
}
