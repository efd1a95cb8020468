/**
 * The Axon extension: starts the language server (bundled beside this file as dist/server.cjs, or the
 * one named by `axon.server.path`), and registers the commands the server's code lenses call.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerCliCommands } from './cli-commands.js';
import { AxonClient } from './language-client.js';
import { ReportPanels } from './report-panel.js';

let client: AxonClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverLog = vscode.window.createOutputChannel('Axon Language Server', { log: true });
  const serverTrace = vscode.window.createOutputChannel('Axon Language Server Trace', { log: true });
  const cliLog = vscode.window.createOutputChannel('Axon');
  const reports = new ReportPanels(cliLog);
  const diagnostics = vscode.languages.createDiagnosticCollection('axon-diagnose');
  client = new AxonClient(context, serverLog, serverTrace);
  context.subscriptions.push(serverLog, serverTrace, cliLog, reports, diagnostics, client);

  context.subscriptions.push(
    ...registerCliCommands({ log: cliLog, reports, diagnostics }),
    vscode.commands.registerCommand('axon.showReport', async (arg?: unknown) => {
      const reportPath = await pickReport(arg);
      if (reportPath) reports.show(reportPath);
    }),
    vscode.commands.registerCommand('axon.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('axon.showServerLog', () => serverLog.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Rule severities reach the running server through didChangeConfiguration; a new server path needs a restart.
      if (e.affectsConfiguration('axon.server.path')) void client?.restart();
    }),
  );

  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** `axon.showReport [path|uri]`: a given report, an open report.html, or one picked from the workspace. */
async function pickReport(arg: unknown): Promise<string | undefined> {
  if (typeof arg === 'string' && arg !== '') return arg.startsWith('file:') ? vscode.Uri.parse(arg).fsPath : arg;
  if (arg instanceof vscode.Uri) return arg.fsPath;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && path.basename(active.fsPath) === 'report.html') return active.fsPath;
  const found = await vscode.workspace.findFiles('**/report.html', '**/node_modules/**', 50);
  if (found.length === 1) return found[0]!.fsPath;
  if (found.length > 1) {
    const pick = await vscode.window.showQuickPick(
      found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
      { placeHolder: 'Which training report?' },
    );
    return pick?.uri.fsPath;
  }
  const chosen = await vscode.window.showOpenDialog({ filters: { 'HTML report': ['html'] }, canSelectMany: false });
  const file = chosen?.[0]?.fsPath;
  return file && fs.existsSync(file) ? file : undefined;
}
