/**
 * The rule pages (docs/rules/<id>.md), bundled and shown in the page, so a finding's explanation is one
 * click away, offline too. A small Markdown subset is enough for them: headings, paragraphs, lists,
 * quotes, tables, fenced code, `code`, **bold**, *emphasis* and links. Built as DOM nodes from text
 * (never innerHTML): the pages are the repository's, but a link's target is still checked.
 */
import { el } from './dom.js';

const pages = import.meta.glob<string>('../../../../docs/rules/*.md', { query: '?raw', import: 'default' });

export const RULE_IDS: string[] = Object.keys(pages).map((p) => p.slice(p.lastIndexOf('/') + 1, -3));

export async function rulePageText(id: string): Promise<string | undefined> {
  const load = Object.entries(pages).find(([p]) => p.endsWith(`/${id}.md`))?.[1];
  return load ? load() : undefined;
}

/** Inline Markdown: `code`, **bold**, *emphasis*, [text](link). */
function inline(text: string, onRule: (id: string) => void): Node[] {
  const out: Node[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(document.createTextNode(text.slice(last, m.index)));
    if (m[1] !== undefined) out.push(el('code', {}, m[1]));
    else if (m[2] !== undefined) out.push(el('strong', {}, ...inline(m[2], onRule)));
    else if (m[3] !== undefined) out.push(el('em', {}, ...inline(m[3], onRule)));
    else {
      const href = m[5]!;
      const rule = /^(?:\.\/)?([a-z0-9-]+)\.md(?:#.*)?$/.exec(href)?.[1];
      if (rule && RULE_IDS.includes(rule)) {
        const a = el('a', { href: '#', 'data-rule': rule }, m[4]!);
        a.addEventListener('click', (e) => {
          e.preventDefault();
          onRule(rule);
        });
        out.push(a);
      } else if (/^https?:\/\//.test(href)) out.push(el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, m[4]!));
      else out.push(document.createTextNode(m[4]!));
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

const cells = (row: string) => row.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());

/** The page as DOM nodes. `onRule` opens another rule's page (links between pages). */
export function renderMarkdown(md: string, onRule: (id: string) => void): HTMLElement {
  const root = el('div', { class: 'rule-page' });
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    const fence = /^```(\w*)/.exec(line);
    if (fence) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
      i++;
      root.append(el('pre', {}, el('code', fence[1] ? { 'data-lang': fence[1] } : {}, body.join('\n'))));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, heading[1]!.length + 2) as 3 | 4 | 5 | 6;
      root.append(el(`h${level}`, {}, ...inline(heading[2]!, onRule)));
      i++;
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const block: string[] = [];
    const kind = /^\s*>/.test(line) ? 'quote' : /^\s*([-*]|\d+\.)\s/.test(line) ? 'list' : /^\s*\|/.test(line) ? 'table' : 'p';
    while (i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,6}\s|```)/.test(lines[i]!)) block.push(lines[i++]!);
    if (kind === 'quote') root.append(el('blockquote', {}, ...inline(block.map((l) => l.replace(/^\s*>\s?/, '')).join(' '), onRule)));
    else if (kind === 'list') {
      const items: string[] = [];
      for (const l of block) {
        if (/^\s*([-*]|\d+\.)\s/.test(l)) items.push(l.replace(/^\s*([-*]|\d+\.)\s+/, ''));
        else items[items.length - 1] += ` ${l.trim()}`;
      }
      root.append(el(/^\s*\d/.test(block[0]!) ? 'ol' : 'ul', {}, ...items.map((t) => el('li', {}, ...inline(t, onRule)))));
    } else if (kind === 'table') {
      const rows = block.filter((r) => !/^\s*\|?\s*:?-{3,}/.test(r)).map(cells);
      const [head, ...body] = rows;
      root.append(
        el(
          'table',
          {},
          el('thead', {}, el('tr', {}, ...(head ?? []).map((c) => el('th', {}, ...inline(c, onRule))))),
          el('tbody', {}, ...body.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, ...inline(c, onRule)))))),
        ),
      );
    } else root.append(el('p', {}, ...inline(block.join(' '), onRule)));
  }
  return root;
}
