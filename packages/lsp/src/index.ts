/**
 * @axon/lsp — the Axon language server.
 *
 *   startServer(connection?, options?)  → AxonServer   creates the connection (stdio / IPC from argv, or given streams) and listens
 *   createServer(connection, options?)  → AxonServer   wires every feature onto an existing connection (not yet listening)
 */
export { startServer, type StartOptions } from './start.js';
export { createServer, SERVER_NAME, SERVER_VERSION, type AxonServer, type ServerOptions } from './server.js';
export { AxonDocument, DocumentState } from './workspace/document.js';
export { defaultSettings, readSettings, DEFAULT_DOCS_BASE_URL, type AxonSettings, type RuleSeverity } from './workspace/settings.js';
export { semanticTokensLegend } from './features/semantic-tokens.js';
export { LENS_COMMANDS } from './features/code-lens.js';
export { FIX_ALL_KIND } from './features/code-actions.js';
export { cursorContext, type CursorContext, type CursorKind } from './text/context.js';
export { tokenize, type Token, type TokenKind } from './text/tokens.js';
