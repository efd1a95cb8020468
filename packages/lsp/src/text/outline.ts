/**
 * The file's outline from the language's tokens alone: blocks (name, parameters), networks (name, span, task) and
 * their `train`/`data` sections with the keys already written. Completion and signature help use it
 * instead of the parse, so they answer right after an edit without waiting for the document to be
 * parsed, and keep working on text the parser cannot read.
 */
import { catalog } from '@axon/language';
import { isWord, type Token } from './tokens.js';

export interface OutlineBlock {
  name: string;
  params: string[];
}

export interface OutlineSection {
  kind: 'train' | 'data';
  /** Offsets of `{` and of the matching `}` (or the end of the text). */
  start: number;
  end: number;
  keys: string[];
}

export interface OutlineNetwork {
  name: string;
  start: number;
  end: number;
  task?: string;
  /** Member keywords present: input, task, layers, train, data. */
  members: string[];
  sections: OutlineSection[];
}

export interface Outline {
  blocks: OutlineBlock[];
  networks: OutlineNetwork[];
}

const MEMBERS = new Set<string>(catalog.NETWORK_SECTIONS);

export function outline(tokens: readonly Token[], textLength: number): Outline {
  const blocks: OutlineBlock[] = [];
  const networks: OutlineNetwork[] = [];
  let depth = 0;
  let net: OutlineNetwork | undefined;
  let section: OutlineSection | undefined;
  let sectionDepth = -1;
  let lastLine = -1;
  let lineStartDepth = 0;
  const code = tokens.filter((t) => t.kind !== 'comment');
  for (let i = 0; i < code.length; i++) {
    const t = code[i]!;
    const firstOnLine = t.line !== lastLine;
    if (firstOnLine) lineStartDepth = depth;
    lastLine = t.line;
    if (t.kind === 'punctuation') {
      if (t.text === '{' || t.text === '(' || t.text === '[') depth++;
      else if (t.text === '}' || t.text === ')' || t.text === ']') {
        depth = Math.max(0, depth - 1);
        if (t.text === '}' && section && depth === sectionDepth) {
          section.end = t.end;
          section = undefined;
        }
        if (t.text === '}' && net && depth === 0) {
          net.end = t.end;
          net = undefined;
        }
      }
      continue;
    }
    if (!isWord(t)) continue;
    if (depth === 0 && t.text === 'block' && isWord(code[i + 1])) {
      const name = code[i + 1]!.text;
      const params: string[] = [];
      if (code[i + 2]?.text === '(') {
        for (let j = i + 3; j < code.length && code[j]!.text !== ')' && code[j]!.text !== '{'; j++) if (isWord(code[j])) params.push(code[j]!.text);
      }
      blocks.push({ name, params });
      continue;
    }
    if (depth === 0 && t.text === 'network') {
      const name = isWord(code[i + 1]) ? code[i + 1]!.text : '';
      net = { name, start: t.start, end: textLength, members: [], sections: [] };
      networks.push(net);
      continue;
    }
    if (net && depth === 1 && MEMBERS.has(t.text) && (firstOnLine || lineStartDepth === 1)) {
      net.members.push(t.text);
      if (t.text === 'task' && isWord(code[i + 1])) net.task = code[i + 1]!.text;
      if ((t.text === 'train' || t.text === 'data') && code[i + 1]?.text === '{') {
        section = { kind: t.text, start: code[i + 1]!.start, end: textLength, keys: [] };
        sectionDepth = 1;
        net.sections.push(section);
      }
      continue;
    }
    if (section && depth === 2) {
      const next = code[i + 1];
      const prev = code[i - 1];
      const startsSetting = prev && (prev.text === '{' || prev.text === ',' || prev.line !== t.line);
      if (startsSetting && next && (next.text === ':' || next.text === '(')) section.keys.push(t.text);
    }
  }
  return { blocks, networks };
}

export function networkAt(o: Outline, offset: number): OutlineNetwork | undefined {
  return o.networks.find((n) => n.start <= offset && offset <= n.end);
}

export function sectionAt(o: Outline, offset: number): OutlineSection | undefined {
  return networkAt(o, offset)?.sections.find((s) => s.start <= offset && offset <= s.end);
}
