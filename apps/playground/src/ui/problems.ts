/** The Problems tab: the server's diagnostics (the same list the editor marks), each linking to its rule page. */
import type { Diagnostic } from 'vscode-languageserver-protocol/browser';
import { messageText } from '../lsp/convert.js';
import { el } from './dom.js';
import { renderMarkdown, RULE_IDS, rulePageText } from './rule-page.js';

/** Rules whose page is open: they stay open when the list is redrawn after an edit. */
const openPages = new Set<string>();

/** Shows a rule's page (bundled) in `box`, replacing what was there; links to other rules open in place. */
async function showRulePage(box: HTMLElement, id: string): Promise<void> {
  const text = await rulePageText(id);
  box.replaceChildren(text ? renderMarkdown(text, (other) => void showRulePage(box, other)) : el('p', { class: 'muted' }, `No page for ${id}.`));
  box.dataset.rule = id;
  box.hidden = false;
}

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
      ? el('a', { href: d.codeDescription.href, target: '_blank', rel: 'noopener noreferrer', title: `The ${code} rule page in the repository` }, code)
      : el('span', {}, code);
    const page = el('div', { class: 'rule-box', hidden: 'true' });
    const about = RULE_IDS.includes(code) ? el('button', { type: 'button', class: 'about', 'data-about': code, 'aria-expanded': 'false' }, 'Why?') : undefined;
    about?.addEventListener('click', () => {
      const open = page.hidden;
      about.setAttribute('aria-expanded', String(open));
      if (open) {
        openPages.add(code);
        void showRulePage(page, code);
      } else {
        openPages.delete(code);
        page.hidden = true;
      }
    });
    if (about && openPages.has(code)) {
      about.setAttribute('aria-expanded', 'true');
      void showRulePage(page, code);
    }
    const row = el(
      'div',
      { class: 'problem', 'data-code': code, role: 'button', tabindex: '0' },
      el('span', { class: `sev ${sev}`, title: sev }, ICON[sev] ?? 'ℹ'),
      el(
        'div',
        {},
        el('div', {}, messageText(d)),
        el('div', { class: 'where' }, `line ${d.range.start.line + 1}, column ${d.range.start.character + 1} · `, rule, ...(about ? [' ', about] : [])),
        page,
      ),
    );
    row.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('a, button, .rule-box')) return;
      reveal(d);
    });
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.target === row) reveal(d);
    });
    panel.append(row);
  }
}
