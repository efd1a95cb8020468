/** The Summary tab: each network's layers, shapes and parameters (the language's `summarize`) and the report's graph diagram. */
import { groupDigits, showShape, summarize, type ResolvedNetwork } from '@axon/language';
import { networkDiagramSvg, type ReportFinding } from '@axon/report';
import { el } from './dom.js';

export function renderSummary(panel: HTMLElement, networks: ResolvedNetwork[], findings: ReportFinding[], problem?: string): void {
  panel.replaceChildren();
  if (networks.length === 0) {
    panel.append(el('p', { class: 'muted' }, problem ?? 'No network yet: write `network Name { … }`.'));
    return;
  }
  for (const network of networks) {
    const s = summarize(network);
    const table = el(
      'table',
      { class: 'summary' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Layer'), el('th', {}, 'Activation'), el('th', {}, 'Output shape'), el('th', { class: 'num' }, 'Params'), el('th', { class: 'num' }, 'Line'))),
      el(
        'tbody',
        {},
        el('tr', {}, el('td', {}, 'input'), el('td', {}), el('td', {}, showShape(network.input)), el('td', { class: 'num' }, '0'), el('td', {})),
        ...s.rows.map((r) => el('tr', {}, el('td', {}, r.layer), el('td', {}, r.activation), el('td', {}, r.outputShape), el('td', { class: 'num' }, groupDigits(r.params)), el('td', { class: 'num' }, String(r.line)))),
      ),
    );
    const totals = el(
      'p',
      {},
      el('strong', {}, `${groupDigits(s.total)} parameters`),
      ` (${groupDigits(s.trainable)} trainable, ${groupDigits(s.nonTrainable)} non-trainable) · input ${showShape(network.input)} → output ${showShape(network.outputShape)}`,
      network.task ? ` · ${network.task.kind.replace('_', ' ')}` : '',
    );
    const diagram = el('div', { class: 'diagram', 'aria-label': `Diagram of ${network.name}` });
    const mine = findings.filter((f) => f.line >= network.range.start.line && f.line <= network.range.end.line);
    try {
      diagram.innerHTML = networkDiagramSvg(network, mine);
    } catch (error) {
      diagram.textContent = `No diagram: ${error instanceof Error ? error.message : String(error)}`;
    }
    panel.append(el('section', { class: 'network', 'data-network': network.name }, el('h3', {}, `network ${network.name}`), totals, table, diagram));
  }
}
