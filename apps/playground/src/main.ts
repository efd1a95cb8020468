/**
 * The playground page: Monaco with the Axon language server in a Web Worker (a real LSP client over
 * the worker's message port), the side panel (summary, problems, train, compile), examples and the
 * `#code=` share link.
 */
import './style.css';
import type { ReportFinding } from '@axon/report';
import type { Diagnostic } from 'vscode-languageserver-protocol/browser';
import { analyzeSource, type Analysis } from './analysis.js';
import { createEditor, monaco } from './editor.js';
import { EXAMPLES } from './examples.js';
import { bindLanguageClient, messageText, toMonacoRange } from './lsp/monaco-lsp.js';
import { clientReady, DOC_URI, initialText, markEditorReady, timings } from './session.js';
import { decodeHash, encodeHash } from './share.js';
import { setupCompile } from './ui/compile.js';
import { byId, el, setupTabs } from './ui/dom.js';
import { renderProblems } from './ui/problems.js';
import { renderSummary } from './ui/summary.js';
import { setupTrain } from './ui/train.js';

const started = performance.now();

timings.scriptStartMs = started;

const status = byId('status');
const examples = byId<HTMLSelectElement>('examples');
const initial = initialText;

examples.append(el('option', { value: '' }, '—'), ...EXAMPLES.map((e) => el('option', { value: e.file }, e.title)));
examples.value = EXAMPLES.find((e) => e.source === initial)?.file ?? '';

const editor = createEditor(byId('editor'), DOC_URI, initial);
const model = editor.getModel()!;
timings.editorMs = performance.now();
markEditorReady();
// For the console and the e2e test: replace the editor's text (as a paste would).
Object.assign((globalThis as unknown as { axonPlayground: object }).axonPlayground, {
  setText: (text: string) => model.setValue(text),
  getText: () => model.getValue(),
});

let diagnostics: Diagnostic[] = [];
const compileView = setupCompile(byId('compile-targets'), byId('compile-output'));
const select = setupTabs((tab) => tab === 'compile' && compileView.show());
const trainView = setupTrain({
  flush: () => {
    if (refreshTimer === undefined) return;
    window.clearTimeout(refreshTimer);
    refresh();
  },
  onTrained: (network, trained) => compileView.update(network, trained),
});

const findingsForDiagram = (): ReportFinding[] =>
  diagnostics
    .filter((d) => typeof d.code === 'string' && d.codeDescription)
    .map((d) => ({ line: d.range.start.line + 1, ruleId: String(d.code), severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info', message: messageText(d) }));

status.textContent = 'Starting the language server…';

/** Everything the page derives from the text itself (the server's answers arrive separately). */
let refreshTimer: number | undefined;
let current: Analysis | undefined;
const showSummary = () => current && renderSummary(byId('panel-summary'), current.networks, findingsForDiagram(), current.problem);
function refresh(): void {
  refreshTimer = undefined;
  const text = model.getValue();
  current = analyzeSource(text);
  const { networks } = current;
  showSummary();
  trainView.setNetworks(networks, text);
  compileView.update(networks[0]);
  history.replaceState(null, '', encodeHash(text));
  examples.value = EXAMPLES.find((e) => e.source === text)?.file ?? '';
}
model.onDidChangeContent(() => {
  window.clearTimeout(refreshTimer);
  refreshTimer = window.setTimeout(refresh, 200);
});

// A pasted link in the same tab changes only the fragment: open its spec.
window.addEventListener('hashchange', () => {
  const text = decodeHash(location.hash);
  if (text !== undefined && text !== model.getValue()) model.setValue(text);
});

examples.addEventListener('change', () => {
  const ex = EXAMPLES.find((e) => e.file === examples.value);
  if (ex) {
    model.setValue(ex.source);
    editor.setScrollTop(0);
  }
});
byId('format').addEventListener('click', () => void editor.getAction('editor.action.formatDocument')?.run());
byId('share').addEventListener('click', () => {
  const url = `${location.origin}${location.pathname}${encodeHash(model.getValue())}`;
  void navigator.clipboard.writeText(url).then(
    () => (status.textContent = 'Link copied: it holds this spec.'),
    () => (status.textContent = url),
  );
});

const client = await clientReady;
// an edit made before the server was ready (the editor opened with the session's text)
if (model.getValue() !== initialText) client.change(model.getValue());
// The server's code lenses (Summary, Train, Compile on each network), run by the page.
const binding = bindLanguageClient(model, client, {
  'axon.summary': (_uri, name) => {
    select('summary');
    document.querySelector(`#panel-summary [data-network="${CSS.escape(String(name))}"]`)?.scrollIntoView();
  },
  'axon.train': (_uri, name) => {
    select('train');
    trainView.train(String(name));
  },
  'axon.compile': (_uri, name) => {
    select('compile');
    compileView.update(current?.networks.find((n) => n.name === name) ?? current?.networks[0]);
  },
});
// The page's own analysis (summary, train, compile) runs once the server has the document: it would
// otherwise hold the main thread while the server's answers wait to be read.
refresh();

const reveal = (d: Diagnostic) => {
  const range = toMonacoRange(d.range);
  editor.revealRangeInCenter(range);
  editor.setSelection(range);
  editor.focus();
};

binding.onDiagnostics((d) => {
  diagnostics = d;
  if (timings.firstMarkersMs === undefined) {
    timings.firstMarkersMs = performance.now();
    status.textContent = `Language server ready · first diagnostics ${Math.round(timings.firstDiagnosticsMs ?? timings.firstMarkersMs)} ms after navigation, in the editor at ${Math.round(timings.firstMarkersMs)} ms`;
  }
  renderProblems(byId('panel-problems'), byId('problem-count'), d, reveal);
  showSummary();
});

// Ctrl+Enter trains, as a Run button would.
editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => {
  select('train');
  trainView.train();
});
