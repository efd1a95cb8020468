/** The Problems tab: the server's diagnostics (the same list the editor marks), each linking to its rule page. */
import type { Diagnostic } from 'vscode-languageserver-protocol/browser';
import { messageText } from '../lsp/monaco-lsp.js';
import { el } from './dom.js';

const SEVERITY = ['', 'error', 'warning', 'info', 'info'] as const;
const ICON: Record<string, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

export function renderProblems(panel: HTMLElement, counter: HTMLElement, diagnostics: Diagnostic[], reveal: (d: Diagnostic) => void): void {
  counter.textContent = String(diagnostics.length);
  panel.replaceChildren();
  if (diagnostics.length === 0) {
    panel.append(el('p', { class: 'muted', 'data-empty': 'true' }, 'No problems: the parser, the analysis and every lint rule are happy.'));
    return;
  }
  const sorted = [...diagnostics].sort((a, b) => (a.severity ?? 4) - (b.severity ?? 4) || a.range.start.line - b.range.start.line);
  for (const d of sorted) {
    const sev = SEVERITY[d.severity ?? 3] ?? 'info';
    const code = d.code === undefined ? '' : String(d.code);
    const rule = d.codeDescription
      ? el('a', { href: d.codeDescription.href, target: '_blank', rel: 'noopener noreferrer', title: `The ${code} rule page` }, code)
      : el('span', {}, code);
    const row = el(
      'div',
      { class: 'problem', 'data-code': code, role: 'button', tabindex: '0' },
      el('span', { class: `sev ${sev}`, title: sev }, ICON[sev] ?? 'ℹ'),
      el('div', {}, el('div', {}, messageText(d)), el('div', { class: 'where' }, `line ${d.range.start.line + 1}, column ${d.range.start.character + 1} · `, rule)),
    );
    row.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('a')) return;
      reveal(d);
    });
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') reveal(d);
    });
    panel.append(row);
  }
}
