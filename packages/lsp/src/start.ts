/** Starting the server: over IPC or stdio (chosen from the command line by vscode-languageserver), or on given streams. */
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { createServer, type AxonServer, type ServerOptions } from './server.js';

export interface StartOptions extends ServerOptions {
  /** Streams to talk over instead of the process's (tests, embedding). */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/**
 * Creates the connection (unless one is given), the server on it, and starts listening.
 * With no streams and no connection, `--stdio`, `--node-ipc` or `--socket=N` on the command line
 * pick the transport (the VS Code extension starts the server with IPC).
 */
export function startServer(connection?: Connection, options: StartOptions = {}): AxonServer {
  const conn =
    connection ??
    (options.input && options.output ? createConnection(ProposedFeatures.all, options.input, options.output) : createConnection(ProposedFeatures.all));
  const server = createServer(conn, options);
  if (!connection && !(options.input && options.output)) {
    // The server owns this process: a stray exception is logged, never fatal.
    const report = (what: string) => (error: unknown) =>
      conn.console.error(`[axon] ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.on('uncaughtException', report('uncaught exception'));
    process.on('unhandledRejection', report('unhandled rejection'));
  }
  conn.listen();
  return server;
}
