/**
 * Shows a training report (`report.html`, written by `axon train`/`diagnose`/`sweep`) in a webview, and
 * reloads it whenever the file changes, so a report the CLI rewrites each epoch updates live.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { htmlForWebview, waitingHtml } from './report-html.js';

const POLL_MS = 1000;
const DEBOUNCE_MS = 150;

class ReportView implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastMtime = -1;
  private readonly poll: (curr: fs.Stats) => void;

  constructor(
    readonly reportPath: string,
    private readonly log: vscode.OutputChannel,
    onDispose: () => void,
  ) {
    const dir = path.dirname(reportPath);
    this.panel = vscode.window.createWebviewPanel(
      'axon.report',
      `Axon report: ${path.basename(dir)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [vscode.Uri.file(dir)] },
    );
    // A file-system watcher gives prompt updates; polling covers folders outside the workspace.
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(dir), path.basename(reportPath)),
    );
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.scheduleReload()),
      watcher.onDidChange(() => this.scheduleReload()),
    );
    this.poll = (curr) => {
      if (curr.mtimeMs !== this.lastMtime) this.scheduleReload();
    };
    fs.watchFile(reportPath, { interval: POLL_MS, persistent: false }, this.poll);
    this.panel.onDidDispose(() => {
      this.dispose();
      onDispose();
    });
    this.reload();
  }

  scheduleReload(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reload(), DEBOUNCE_MS);
  }

  reload(): void {
    const webview = this.panel.webview;
    let html: string;
    try {
      const stat = fs.statSync(this.reportPath);
      this.lastMtime = stat.mtimeMs;
      html = fs.readFileSync(this.reportPath, 'utf8');
    } catch {
      webview.html = waitingHtml(this.reportPath, webview.cspSource);
      return;
    }
    // A report being rewritten may be caught half-written; the next change event reloads it again.
    const base = webview.asWebviewUri(vscode.Uri.file(path.dirname(this.reportPath))).toString();
    webview.html = htmlForWebview(html, webview.cspSource, base);
    this.log.appendLine(`Report reloaded: ${this.reportPath}`);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    fs.unwatchFile(this.reportPath, this.poll);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** One webview per report file; showing a report that is already open reveals and refreshes it. */
export class ReportPanels implements vscode.Disposable {
  private readonly views = new Map<string, ReportView>();

  constructor(private readonly log: vscode.OutputChannel) {}

  show(reportPath: string): vscode.WebviewPanel {
    const key = path.resolve(reportPath);
    const existing = this.views.get(key);
    if (existing) {
      existing.panel.reveal(undefined, true);
      existing.reload();
      return existing.panel;
    }
    const view = new ReportView(key, this.log, () => this.views.delete(key));
    this.views.set(key, view);
    return view.panel;
  }

  dispose(): void {
    for (const view of this.views.values()) view.panel.dispose();
    this.views.clear();
  }
}
