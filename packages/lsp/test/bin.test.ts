/**
 * The server as users run it: the built `axon-language-server --stdio`, spawned, driven by a real
 * JSON-RPC client over its stdin/stdout. (Builds the three packages first if their dist is missing.)
 */
import { type ChildProcess, execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageConnection } from 'vscode-jsonrpc';
import type { CompletionList, Hover, InitializeResult } from 'vscode-languageserver-protocol';
import { REGRESSION_BAD } from './fixtures.js';
import { BIN, TestClient, uniqueUri } from './harness.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The LSP's shutdown handshake: `shutdown`, then `exit`; resolves with the process's exit code. */
async function shutDown(conn: MessageConnection, child: ChildProcess): Promise<number | null> {
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  conn.dispose();
  return code;
}

beforeAll(() => {
  for (const pkg of ['language', 'lint', 'lsp']) {
    if (!existsSync(`${root}packages/${pkg}/dist/index.js`)) {
      execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}packages/${pkg}/tsconfig.build.json`], { stdio: 'inherit' });
    }
  }
}, 120_000);

describe('axon-language-server (built bin over stdio)', () => {
  it('publishes diagnostics, answers hover and completion, and exits 0 after shutdown', async () => {
    const client = await TestClient.start({ spawn: true });
    const uri = uniqueUri('bin');
    const { diagnostics } = await client.open(uri, REGRESSION_BAD);
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([['regression-output-linear', 6, 13]]);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 26 } });
    expect((hover.contents as { value: string }).value).toContain('**sigmoid** (activation)');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 25 } });
    expect(list.items.map((i) => i.label)).toContain('relu');
    await client.stop();
    expect(client.exitCode).toBe(0);
  }, 60_000);

  it('reports its capabilities on initialize', async () => {
    const { spawn } = await import('node:child_process');
    const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-jsonrpc/node');
    const child = spawn(process.execPath, [BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    conn.listen();
    const result = await conn.sendRequest<InitializeResult>('initialize', { processId: null, rootUri: null, capabilities: {} });
    expect(result.serverInfo).toEqual({ name: 'axon-language-server', version: '0.1.0' });
    expect(result.capabilities.textDocumentSync).toEqual({ openClose: true, change: 2 });
    expect(Object.keys(result.capabilities).sort()).toEqual([
      'codeActionProvider',
      'codeLensProvider',
      'completionProvider',
      'definitionProvider',
      'documentFormattingProvider',
      'documentRangeFormattingProvider',
      'documentSymbolProvider',
      'foldingRangeProvider',
      'hoverProvider',
      'inlayHintProvider',
      'referencesProvider',
      'renameProvider',
      'selectionRangeProvider',
      'semanticTokensProvider',
      'signatureHelpProvider',
      'textDocumentSync',
    ]);
    expect(result.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.axon'] });
    expect(await shutDown(conn, child)).toBe(0);
  }, 60_000);

  it('speaks over Node IPC when started with --node-ipc (as the VS Code extension starts it)', async () => {
    const { fork } = await import('node:child_process');
    const { createMessageConnection, IPCMessageReader, IPCMessageWriter } = await import('vscode-jsonrpc/node');
    const child = fork(BIN, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published = new Promise<{ uri: string; diagnostics: { code: string }[] }>((resolve) => conn.onNotification('textDocument/publishDiagnostics', resolve));
    conn.listen();
    const result = await conn.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
    expect(result.serverInfo?.name).toBe('axon-language-server');
    await conn.sendNotification('initialized', {});
    const uri = uniqueUri('ipc');
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'axon', version: 1, text: REGRESSION_BAD } });
    expect((await published).diagnostics.map((d) => d.code)).toEqual(['regression-output-linear']);
    expect(await shutDown(conn, child)).toBe(0);
  }, 60_000);

  it('refuses to start without a transport (exit 2) and prints usage with --help', () => {
    const none = spawnSync(process.execPath, [BIN], { encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('axon-language-server: choose a transport: --stdio (any editor), --node-ipc (VS Code) or --socket=<port>\n');
    const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout.startsWith('Usage: axon-language-server --stdio | --node-ipc | --socket=<port>')).toBe(true);
  }, 60_000);
});
