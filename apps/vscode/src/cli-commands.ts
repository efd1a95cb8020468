/**
 * The commands the server's code lenses invoke with `[uri, networkName]` (and the palette invokes with
 * nothing: the active editor's spec): Summary, Train, Compile, Diagnose. Each runs the `axon` CLI.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  chooseCli,
  cliArguments,
  shellQuote,
  onPath,
  trainOutDir,
  STDOUT_TARGETS,
  type CliAction,
  type CliProgram,
  type CliRequest,
} from './cli-invocation.js';
import { parseDiagnoseOutput, type EditorFinding } from './diagnose-findings.js';
import type { ReportPanels } from './report-panel.js';

const COMPILE_TARGETS = [
  { label: 'json', description: 'the resolved network as JSON (opens in an editor)' },
  { label: 'pytorch', description: 'a PyTorch module (a folder beside the spec)' },
  { label: 'keras', description: 'Keras code (opens in an editor)' },
  { label: 'tfjs', description: 'a TensorFlow.js model (a folder beside the spec)' },
  { label: 'onnx', description: 'an ONNX model of the trained weights (train first)' },
];

export interface CommandDeps {
  /** The "Axon" output channel: the CLI's command lines and output. */
  log: vscode.OutputChannel;
  reports: ReportPanels;
  diagnostics: vscode.DiagnosticCollection;
}

/** The spec a command acts on: the code lens's URI (a string over LSP), or the active Axon editor. */
async function targetDocument(uriArg: unknown): Promise<vscode.TextDocument | undefined> {
  let uri: vscode.Uri | undefined;
  if (typeof uriArg === 'string' && uriArg !== '') uri = vscode.Uri.parse(uriArg);
  else if (uriArg instanceof vscode.Uri) uri = uriArg;
  else if (vscode.window.activeTextEditor?.document.languageId === 'axon') uri = vscode.window.activeTextEditor.document.uri;
  if (!uri) {
    void vscode.window.showWarningMessage('Axon: open an .axon file first.');
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage('Axon: save the spec to a file first; the CLI reads it from disk.');
    return undefined;
  }
  if (doc.isDirty) await doc.save();
  return doc;
}

/** Thrown when no `axon` CLI can be found; the command handler shows the message. */
class NoCliError extends Error {}

function cliFor(): CliProgram {
  const setting = vscode.workspace.getConfiguration('axon').get<string>('cliPath');
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const cli = chooseCli(setting, { workspaceFolders: folders }, fs.existsSync);
  const found = cli.source === 'path' ? onPath(cli.path, process.env.PATH, fs.existsSync) : fs.existsSync(cli.path);
  if (!found) {
    throw new NoCliError(
      cli.source === 'setting'
        ? `the "axon.cliPath" setting points at ${cli.path}, which does not exist.`
        : 'the axon CLI was not found in this workspace (node_modules/.bin/axon) nor on the PATH. Install @axon/cli or set "axon.cliPath".',
    );
  }
  return cli;
}

/**
 * The network a command acts on: the code lens names it; otherwise the one under the cursor, the only
 * one in the file, or one the user picks (from the server's document symbols: networks are classes).
 */
async function chooseNetwork(doc: vscode.TextDocument, given: unknown): Promise<string | undefined | null> {
  if (typeof given === 'string' && given !== '') return given;
  const symbols =
    (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
  const networks = symbols.filter((s) => s.kind === vscode.SymbolKind.Class);
  if (networks.length <= 1) return networks[0]?.name;
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.uri.toString() === doc.uri.toString()) {
    const here = networks.find((n) => n.range.contains(editor.selection.active));
    if (here) return here.name;
  }
  const pick = await vscode.window.showQuickPick(networks.map((n) => n.name), { placeHolder: 'Which network?' });
  return pick ?? null; // null: the user cancelled
}

/** The program and arguments to spawn (a Node script runs on VS Code's own Node). */
function spawnable(cli: CliProgram, args: string[]): { command: string; args: string[]; env: Record<string, string> } {
  if (cli.kind === 'node-script') {
    return { command: process.execPath, args: [cli.path, ...args], env: { ELECTRON_RUN_AS_NODE: '1' } };
  }
  return { command: cli.path, args, env: {} };
}

/** The CLI runs in the spec's folder, so its relative paths (`runs/<network>`, data files) mean what they mean there. */
function specDir(doc: vscode.TextDocument): string {
  return path.dirname(doc.uri.fsPath);
}

/** Runs the CLI and captures its output (for results the extension shows itself). */
async function runCaptured(
  deps: CommandDeps,
  doc: vscode.TextDocument,
  req: CliRequest,
  title: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const cli = cliFor();
  const { command, args, env } = spawnable(cli, cliArguments(req));
  deps.log.appendLine(`[${req.action}] (${cli.source} CLI) ${[command, ...args].map(shellQuote).join(' ')}`);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        command,
        args,
        { cwd: specDir(doc), env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
        (err, out, errOut) => {
          const errCode = (err as { code?: unknown } | null)?.code;
          const exit = typeof errCode === 'number' ? errCode : err ? 2 : 0;
          if (err && typeof errCode === 'string') errOut = `${errOut}${err.message}`; // ENOENT: no such CLI
          resolve({ code: exit, stdout: String(out), stderr: String(errOut) });
        },
      );
    }),
  );
  if (result.stderr.trim()) deps.log.appendLine(result.stderr.trimEnd());
  deps.log.appendLine(`[${req.action}] exited with code ${result.code}`);
  return result;
}

/** Runs the CLI as a VS Code task (its output shows in the terminal panel); resolves with the exit code. */
async function runAsTask(deps: CommandDeps, doc: vscode.TextDocument, req: CliRequest): Promise<number | undefined> {
  const cli = cliFor();
  const { command, args, env } = spawnable(cli, cliArguments(req));
  const cwd = specDir(doc);
  deps.log.appendLine(`[${req.action}] (${cli.source} CLI) ${[command, ...args].map(shellQuote).join(' ')}`);
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  const label = `${req.action} ${req.network ?? path.basename(doc.uri.fsPath)}`;
  const task = new vscode.Task(
    { type: 'axon', action: req.action, file: doc.uri.fsPath, network: req.network },
    folder ?? vscode.TaskScope.Workspace,
    label,
    'axon',
    new vscode.ProcessExecution(command, args, { cwd, env }),
    [],
  );
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  const execution = await vscode.tasks.executeTask(task);
  return new Promise((resolve) => {
    const sub = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution === execution) {
        sub.dispose();
        deps.log.appendLine(`[${req.action}] exited with code ${e.exitCode ?? 'unknown'}`);
        resolve(e.exitCode);
      }
    });
  });
}

async function summary(deps: CommandDeps, uriArg: unknown, network: unknown): Promise<void> {
  const doc = await targetDocument(uriArg);
  if (!doc) return;
  await runAsTask(deps, doc, { action: 'summary', file: doc.uri.fsPath, network: asName(network) });
}

async function train(deps: CommandDeps, uriArg: unknown, network: unknown): Promise<void> {
  const doc = await targetDocument(uriArg);
  if (!doc) return;
  const name = await chooseNetwork(doc, network);
  if (name === null) return;
  const outSetting = vscode.workspace.getConfiguration('axon').get<string>('train.outDir', 'runs');
  const outDir = trainOutDir(specDir(doc), outSetting, doc.uri.fsPath, name);
  fs.mkdirSync(outDir, { recursive: true });
  // Open the report first: it draws the run's curves from metrics.jsonl as epochs finish, then shows
  // report.html once the CLI writes it (and again whenever it is rewritten).
  const reportPath = path.join(outDir, 'report.html');
  deps.reports.show(reportPath, { liveSince: Date.now() });
  const code = await runAsTask(deps, doc, { action: 'train', file: doc.uri.fsPath, network: name, outDir });
  deps.reports.show(reportPath);
  if (code === 0) void vscode.window.showInformationMessage(`Axon: training finished; report at ${reportPath}`);
  else void vscode.window.showWarningMessage(`Axon: training ended with exit code ${code ?? 'unknown'}; see the terminal.`);
}

async function compile(deps: CommandDeps, uriArg: unknown, network: unknown): Promise<void> {
  const doc = await targetDocument(uriArg);
  if (!doc) return;
  const pick = await vscode.window.showQuickPick(COMPILE_TARGETS, { placeHolder: 'Compile to…' });
  if (!pick) return;
  const target = pick.label;
  const name = await chooseNetwork(doc, network);
  if (name === null) return;
  const req: CliRequest = { action: 'compile', file: doc.uri.fsPath, network: name, target };
  if (target === 'onnx') {
    const outSetting = vscode.workspace.getConfiguration('axon').get<string>('train.outDir', 'runs');
    const weights = trainOutDir(specDir(doc), outSetting, doc.uri.fsPath, name);
    if (!fs.existsSync(weights)) {
      void vscode.window.showWarningMessage(`Axon: ONNX export needs trained weights; run Train first (expected ${weights}).`);
      return;
    }
    req.weights = weights;
  }
  if (STDOUT_TARGETS.has(target)) {
    // These targets print one file: show it in an editor rather than in a terminal.
    const { code, stdout, stderr } = await runCaptured(deps, doc, req, `Axon: compiling to ${target}…`);
    if (code !== 0) {
      void vscode.window.showErrorMessage(`Axon compile failed (exit ${code}): ${firstLine(stderr)}`);
      return;
    }
    const shown = await vscode.workspace.openTextDocument({ content: stdout, language: target === 'json' ? 'json' : 'python' });
    await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    return;
  }
  const code = await runAsTask(deps, doc, req);
  if (code === 0) void vscode.window.showInformationMessage(`Axon: compiled to ${target}; see the terminal for the files written.`);
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

function toDiagnostic(f: EditorFinding, uri: vscode.Uri): vscode.Diagnostic {
  const range = new vscode.Range(f.startLine, f.startCharacter, f.endLine, f.endCharacter);
  const severity =
    f.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : f.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information;
  const d = new vscode.Diagnostic(range, f.message, severity);
  d.source = 'axon-diagnose';
  if (f.code) d.code = f.code;
  if (f.related) {
    d.relatedInformation = f.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(uri, new vscode.Range(r.startLine, r.startCharacter, r.endLine, r.endCharacter)),
          r.message,
        ),
    );
  }
  return d;
}

/** Runs `axon diagnose --format json` and shows its findings as diagnostics until the document changes. */
async function diagnose(deps: CommandDeps, uriArg: unknown, network: unknown): Promise<void> {
  const doc = await targetDocument(uriArg);
  if (!doc) return;
  const name = await chooseNetwork(doc, network);
  if (name === null) return;
  const req: CliRequest = { action: 'diagnose', file: doc.uri.fsPath, network: name };
  const { code, stdout, stderr } = await runCaptured(deps, doc, req, `Axon: diagnosing ${req.network ?? path.basename(doc.uri.fsPath)}…`);
  // Exit code 1 means findings; 2 means the run itself failed (usage, config, internal).
  if (code >= 2) {
    void vscode.window.showErrorMessage(`Axon: diagnose failed (exit ${code}): ${firstLine(stderr)}`);
    return;
  }
  let findings: EditorFinding[];
  try {
    findings = parseDiagnoseOutput(stdout);
  } catch (err) {
    deps.log.appendLine(stdout);
    void vscode.window.showErrorMessage(`Axon: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const mine = findings.filter((f) => !f.file || path.resolve(path.dirname(doc.uri.fsPath), f.file) === doc.uri.fsPath);
  deps.diagnostics.set(doc.uri, mine.map((f) => toDiagnostic(f, doc.uri)));
  for (const f of mine) deps.log.appendLine(`  ${f.startLine + 1}:${f.startCharacter + 1} ${f.severity} ${f.message}${f.code ? ` [${f.code}]` : ''}`);
  // The CLI names the report it wrote on stderr ("report   runs/<network>-diagnose/report.html").
  const written = /^report\s+(.+\.html)\s*$/m.exec(stderr)?.[1];
  const reportPath = written ? path.resolve(specDir(doc), written) : undefined;
  const summary =
    mine.length === 0 ? 'Axon: diagnose found no training problems.' : `Axon: diagnose found ${mine.length} problem(s); see the Problems panel.`;
  const choice = await vscode.window.showInformationMessage(summary, ...(reportPath ? ['Show Report'] : []));
  if (choice === 'Show Report' && reportPath) deps.reports.show(reportPath);
}

function asName(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function registerCliCommands(deps: CommandDeps): vscode.Disposable[] {
  const handlers: Record<CliAction, (uri: unknown, network: unknown) => Promise<void>> = {
    summary: (u, n) => summary(deps, u, n),
    train: (u, n) => train(deps, u, n),
    compile: (u, n) => compile(deps, u, n),
    diagnose: (u, n) => diagnose(deps, u, n),
  };
  const disposables = (Object.keys(handlers) as CliAction[]).map((action) =>
    vscode.commands.registerCommand(`axon.${action}`, async (uri?: unknown, network?: unknown) => {
      try {
        await handlers[action](uri, network);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        deps.log.appendLine(`[${action}] ${message}`);
        if (err instanceof NoCliError) {
          const choice = await vscode.window.showErrorMessage(`Axon ${action}: ${message}`, 'Open Settings');
          if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'axon.cliPath');
        } else void vscode.window.showErrorMessage(`Axon ${action}: ${message}`);
      }
    }),
  );
  // Diagnose findings describe the file as it was; drop them once it changes.
  disposables.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && deps.diagnostics.has(e.document.uri)) deps.diagnostics.delete(e.document.uri);
    }),
  );
  return disposables;
}
