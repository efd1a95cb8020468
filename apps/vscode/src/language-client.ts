/** Starts and restarts the Axon language client (vscode-languageclient) against the chosen server. */
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { chooseServer, describeServer, type ServerChoice } from './server-choice.js';

export function serverOptionsFor(choice: ServerChoice): ServerOptions {
  if (choice.kind === 'executable') {
    return { command: choice.command, transport: TransportKind.stdio };
  }
  return {
    run: { module: choice.module, transport: TransportKind.ipc },
    debug: {
      module: choice.module,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };
}

/** The settings the server reads at start-up (it also pulls `axon` through workspace/configuration). */
function initializationOptions(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('axon');
  return {
    rules: config.get<Record<string, string>>('rules', {}),
    lint: config.get<boolean>('lint', true),
    inlayHints: config.get<boolean>('inlayHints', true),
    debounceMs: config.get<number>('debounceMs', 150),
  };
}

export class AxonClient implements vscode.Disposable {
  private client: LanguageClient | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    /** LSP message traces: shown when this channel's log level is Trace; `axon.trace.server` sets the detail. */
    private readonly trace: vscode.LogOutputChannel,
  ) {}

  get current(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    const config = vscode.workspace.getConfiguration('axon');
    const choice = chooseServer(config.get<string>('server.path'), this.context.asAbsolutePath('dist/server.cjs'), {
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      home: os.homedir(),
    });
    const location = choice.kind === 'node-module' ? choice.module : choice.command;
    if ((choice.kind === 'node-module' || location.includes('/') || location.includes('\\')) && !fs.existsSync(location)) {
      const msg = `Axon: the language server was not found at ${location}. ${
        choice.kind === 'node-module' && choice.bundled
          ? 'This build of the extension was packaged without its server.'
          : 'Check the "axon.server.path" setting.'
      }`;
      this.log.appendLine(msg);
      void vscode.window.showErrorMessage(msg);
      return;
    }
    this.log.appendLine(`Starting the Axon language server: ${describeServer(choice)}`);
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'axon' },
        { scheme: 'untitled', language: 'axon' },
        { scheme: 'vscode-remote', language: 'axon' },
      ],
      synchronize: {
        configurationSection: 'axon',
        fileEvents: vscode.workspace.createFileSystemWatcher('**/axon.config.json'),
      },
      initializationOptions: initializationOptions(),
      outputChannel: this.log,
      traceOutputChannel: this.trace,
    };
    this.client = new LanguageClient('axon', 'Axon Language Server', serverOptionsFor(choice), clientOptions);
    try {
      await this.client.start();
      this.log.appendLine('The Axon language server is running.');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.appendLine(`The Axon language server did not start: ${message}`);
      void vscode.window.showErrorMessage(`Axon: the language server did not start (${message}). See the "Axon Language Server" output.`);
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop();
      } catch (err) {
        this.log.appendLine(`Stopping the server: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  dispose(): void {
    void this.stop();
  }
}
