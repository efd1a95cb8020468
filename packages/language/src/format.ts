/**
 * The formatter: re-emits the token stream (comments included) with canonical whitespace.
 *
 * Layout: two-space indent per `{ }` level; one member, layer or setting per line (entry-separating
 * commas are dropped); a blank line between top-level declarations; at most one blank line kept
 * where the author left one between entries or comments; `name: value`; `, ` between arguments and
 * list items (trailing commas dropped); no space inside `( )` and `[ ]`; numbers and strings kept
 * exactly as written. Comments stay where they were: a comment that followed code on the same line
 * stays at the end of that line (after one space), a comment on its own line stays on its own line.
 *
 * Only whitespace and commas that carry no meaning change, so the parsed tree of the output equals
 * the input's (ranges aside). Text with syntax errors is returned unchanged.
 */
import type { IToken } from 'chevrotain';
import type { LayerStmt, Program, Range } from './ast.js';
import { parseDetailed } from './parse.js';
import { LineIndex, lineOf } from './ranges.js';

/** Formats Axon source into the canonical layout, keeping comments. Never throws. */
export function format(text: string): string {
  try {
    const parsed = parseDetailed(text);
    if (parsed.diagnostics.some((d) => d.severity === 'error')) return text;
    return layout(parsed.ast, parsed.tokens, parsed.commentTokens);
  } catch {
    return text;
  }
}

/** A replacement of `range` (in the original text) by `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * The edits that turn `text` into `format(text)`: none when it is already formatted (or has syntax
 * errors), else one edit covering the span between the first and last differing characters.
 */
export function formatEdits(text: string): TextEdit[] {
  return diffEdit(text, format(text));
}

/**
 * Range formatting: formats the top-level declarations (`network`, `block`) that overlap `range`
 * and leaves the rest of the text alone. Returns the edits (at most one per declaration).
 * Text with syntax errors gets no edits.
 */
export function formatRange(text: string, range: { start: { offset: number }; end: { offset: number } }): TextEdit[] {
  try {
    const parsed = parseDetailed(text);
    if (parsed.diagnostics.some((d) => d.severity === 'error')) return [];
    const edits: TextEdit[] = [];
    const index = new LineIndex(text);
    for (const item of parsed.ast.items) {
      const s = item.range.start.offset;
      const e = item.range.end.offset;
      if (e < range.start.offset || s > range.end.offset) continue;
      const slice = text.slice(s, e);
      const formatted = format(slice).replace(/\n$/, '');
      if (formatted === slice) continue;
      edits.push({ range: { start: index.positionAt(s), end: index.positionAt(e) }, newText: formatted });
    }
    return edits;
  } catch {
    return [];
  }
}

function diffEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  const index = new LineIndex(before);
  return [{ range: { start: index.positionAt(start), end: index.positionAt(endB) }, newText: after.slice(start, endA) }];
}

// ---- layout ------------------------------------------------------------------------------------

interface Item {
  tok: IToken;
  comment: boolean;
  lineComment: boolean;
}

function collectStarts(ast: Program): { entries: Set<number>; tops: Set<number> } {
  const entries = new Set<number>();
  const tops = new Set<number>();
  const layers = (items: LayerStmt[] | undefined): void => {
    for (const s of items ?? []) {
      entries.add(s.range.start.offset);
      if (s.kind === 'Repeat') layers(s.body);
    }
  };
  for (const item of ast.items) {
    entries.add(item.range.start.offset);
    tops.add(item.range.start.offset);
    if (item.kind === 'Block') layers(item.body);
    else {
      for (const m of item.members) {
        entries.add(m.range.start.offset);
        if (m.kind === 'Layers') layers(m.items);
        else if (m.kind === 'Train' || m.kind === 'Data') for (const st of m.settings) entries.add(st.range.start.offset);
      }
    }
  }
  return { entries, tops };
}

function merge(tokens: IToken[], comments: IToken[]): Item[] {
  const out: Item[] = [];
  let i = 0;
  let j = 0;
  while (i < tokens.length || j < comments.length) {
    const t = tokens[i];
    const c = comments[j];
    if (c && (!t || c.startOffset < t.startOffset)) {
      out.push({ tok: c, comment: true, lineComment: c.image.charCodeAt(1) === 47 });
      j++;
    } else if (t) {
      out.push({ tok: t, comment: false, lineComment: false });
      i++;
    }
  }
  return out;
}

function layout(ast: Program, tokens: IToken[], comments: IToken[]): string {
  const { entries } = collectStarts(ast);
  const items = merge(tokens, comments);
  const lines: string[] = [];
  let line = '';
  let braceDepth = 0;
  /** Innermost-last stack of open brackets: '{', '(' or '['. */
  const stack: string[] = [];
  let prev: Item | undefined; // last emitted item
  let prevEndLine = 0; // original end line of the last item read (emitted or dropped)
  let afterTop = false; // a top-level declaration just closed: the next own-line item gets a blank line
  let started = false;

  const newline = (blank: boolean, indent: number): void => {
    lines.push(line.replace(/\s+$/, ''));
    if (blank) lines.push('');
    line = '  '.repeat(Math.max(0, indent));
  };

  for (let k = 0; k < items.length; k++) {
    const it = items[k] as Item;
    const t = it.tok;
    const img = t.image;
    const startLine = lineOf(t.startOffset);
    const origBlank = started && startLine - prevEndLine >= 2;

    if (!it.comment && img === ',') {
      const top = stack[stack.length - 1];
      const next = nextSignificant(items, k);
      if (top === '{' || top === undefined || (next && (next.image === ')' || next.image === ']'))) {
        prevEndLine = lineOf(t.startOffset + t.image.length - 1); // dropped: entry separator or trailing comma
        continue;
      }
    }

    if (!started) {
      started = true;
    } else if (it.comment) {
      const sameLine = startLine === prevEndLine;
      if (sameLine && !(prev?.lineComment ?? false)) {
        line += spaceBetween(prev, it);
      } else {
        const inner = stack.length > 0 && stack[stack.length - 1] !== '{';
        const blank = (origBlank || afterTop) && prev?.tok.image !== '{';
        newline(blank, braceDepth + (inner ? 1 : 0));
        afterTop = false;
      }
    } else if (img === '}') {
      if (prev && !prev.comment && prev.tok.image === '{') {
        // `{}`
      } else {
        newline(false, braceDepth - 1);
      }
    } else if (entries.has(t.startOffset)) {
      const blank = (afterTop || (origBlank && prev?.tok.image !== '{')) && lines.length + line.length > 0;
      newline(blank, braceDepth);
      afterTop = false;
    } else if (prev?.lineComment) {
      // a line comment ended the line in the middle of an entry: continue one level deeper
      newline(false, braceDepth + 1);
    } else if (prev && !prev.comment && prev.tok.image === '{') {
      newline(false, braceDepth);
    } else {
      line += spaceBetween(prev, it);
    }

    line += img;
    prev = it;
    prevEndLine = lineOf(t.startOffset + t.image.length - 1);
    if (!it.comment) {
      if (img === '{') {
        stack.push('{');
        braceDepth++;
      } else if (img === '(' || img === '[') {
        stack.push(img);
      } else if (img === '}') {
        stack.pop();
        braceDepth--;
        if (braceDepth === 0) afterTop = true;
      } else if (img === ')' || img === ']') {
        stack.pop();
      }
    }
  }
  if (line.length > 0 || lines.length > 0) lines.push(line.replace(/\s+$/, ''));
  const out = lines.join('\n');
  return out.length > 0 ? `${out}\n` : '';
}

function nextSignificant(items: Item[], k: number): IToken | undefined {
  for (let i = k + 1; i < items.length; i++) {
    const it = items[i] as Item;
    if (!it.comment) return it.tok;
  }
  return undefined;
}

function spaceBetween(prev: Item | undefined, it: Item): string {
  if (!prev) return '';
  const a = prev.tok.image;
  const b = it.tok.image;
  if (it.comment) return it.lineComment || (a !== '(' && a !== '[') ? ' ' : '';
  if (b === ')' || b === ']' || b === ',' || b === ':') return '';
  if (!prev.comment && (a === '(' || a === '[')) return '';
  if (b === '(' && !prev.comment && prev.tok.tokenType.name === 'Identifier') return '';
  return ' ';
}
