/**
 * Shows a training report (`report.html`, written by `axon train`/`diagnose`/`sweep`) in a webview, and
 * reloads it whenever the file changes. While a Train started from the editor runs, and until the CLI
 * writes the new report, the view draws the curves so far from the run's `metrics.jsonl` (one line per
 * epoch), so they update live.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { htmlForWebview, waitingHtml } from './report-html.js';
import { liveProgressHtml, parseMetricsJsonl } from './live-progress.js';

const POLL_MS = 1000;
const DEBOUNCE_MS = 150;

/** Files older than this before the run started belong to an earlier run (allows for coarse mtimes). */
const CLOCK_SLACK_MS = 1000;

class ReportView implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly metricsPath: string;
  private timer: NodeJS.Timeout | undefined;
  private readonly poll = () => this.scheduleReload();
  /** When set: a run started at this time (ms); older files are an earlier run's. */
  liveSince: number | undefined;

  constructor(
    readonly reportPath: string,
    private readonly log: vscode.OutputChannel,
    onDispose: () => void,
  ) {
    const dir = path.dirname(reportPath);
    this.metricsPath = path.join(dir, 'metrics.jsonl');
    this.panel = vscode.window.createWebviewPanel(
      'axon.report',
      `Axon report: ${path.basename(dir)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [vscode.Uri.file(dir)] },
    );
    // A file-system watcher gives prompt updates; polling covers folders outside the workspace.
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(dir), `{${path.basename(reportPath)},metrics.jsonl}`),
    );
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.scheduleReload()),
      watcher.onDidChange(() => this.scheduleReload()),
    );
    fs.watchFile(reportPath, { interval: POLL_MS, persistent: false }, this.poll);
    fs.watchFile(this.metricsPath, { interval: POLL_MS, persistent: false }, this.poll);
    this.panel.onDidDispose(() => {
      this.dispose();
      onDispose();
    });
  }

  scheduleReload(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reload(), DEBOUNCE_MS);
  }

  private fresh(file: string): boolean {
    try {
      const mtime = fs.statSync(file).mtimeMs;
      return this.liveSince === undefined || mtime >= this.liveSince - CLOCK_SLACK_MS;
    } catch {
      return false;
    }
  }

  reload(): void {
    const webview = this.panel.webview;
    if (this.fresh(this.reportPath)) {
      let html: string;
      try {
        html = fs.readFileSync(this.reportPath, 'utf8');
      } catch {
        return; // replaced between stat and read; the watcher fires again
      }
      // The CLI writes report.html atomically (rename), so a read never sees half a file.
      const base = webview.asWebviewUri(vscode.Uri.file(path.dirname(this.reportPath))).toString();
      webview.html = htmlForWebview(html, webview.cspSource, base);
      this.log.appendLine(`Report loaded: ${this.reportPath}`);
      return;
    }
    if (this.liveSince !== undefined && this.fresh(this.metricsPath)) {
      let text = '';
      try {
        text = fs.readFileSync(this.metricsPath, 'utf8');
      } catch {
        return;
      }
      webview.html = liveProgressHtml(parseMetricsJsonl(text), {
        title: path.basename(path.dirname(this.reportPath)),
        cspSource: webview.cspSource,
      });
      return;
    }
    webview.html = waitingHtml(this.reportPath, webview.cspSource);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    fs.unwatchFile(this.reportPath, this.poll);
    fs.unwatchFile(this.metricsPath, this.poll);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** One webview per report file; showing a report that is already open reveals and refreshes it. */
export class ReportPanels implements vscode.Disposable {
  private readonly views = new Map<string, ReportView>();

  constructor(private readonly log: vscode.OutputChannel) {}

  /**
   * Shows `reportPath`. `liveSince` (ms since the epoch) marks a run that just started: files older than
   * that are ignored, and the run's metrics.jsonl is drawn until its report.html is written.
   */
  show(reportPath: string, options: { liveSince?: number } = {}): vscode.WebviewPanel {
    const key = path.resolve(reportPath);
    let view = this.views.get(key);
    if (view) view.panel.reveal(undefined, true);
    else {
      view = new ReportView(key, this.log, () => this.views.delete(key));
      this.views.set(key, view);
    }
    if (options.liveSince !== undefined) view.liveSince = options.liveSince;
    view.reload();
    return view.panel;
  }

  dispose(): void {
    for (const view of this.views.values()) view.panel.dispose();
    this.views.clear();
  }
}
