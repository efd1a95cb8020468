/**
 * The formatter: re-emits the token stream (comments included) with canonical whitespace.
 *
 * Layout: two-space indent per `{ }` level; one member, layer, branch or setting per line (entry-separating
 * commas are dropped); a blank line between top-level declarations; at most one blank line kept
 * where the author left one between entries or comments; `name: value`; `, ` between arguments and
 * list items (trailing commas dropped); no space inside `( )` and `[ ]`; numbers and strings kept
 * exactly as written. Comments stay where they were: a comment that followed code on the same line
 * stays at the end of that line (after one space; such comments on consecutive lines are aligned in
 * one column), a comment on its own line stays on its own line. Graph constructs: `residual {` … `} shortcut {`
 * … `}`, `parallel(merge: concat) {`, each `branch {` on its own line, `branch { }` when empty.
 *
 * Only whitespace and commas that carry no meaning change, so the parsed tree of the output equals
 * the input's (ranges aside). Text with syntax errors is returned unchanged.
 */
import type { IToken } from 'chevrotain';
import type { LayerStmt, Program } from './ast.js';
import { innerStatements } from './blocks.js';
import { parseDetailed } from './parse.js';
import { LineIndex, lineOf } from './ranges.js';
import type { TextEdit } from './text-edits.js';

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

function collectStarts(ast: Program): { entries: Set<number>; tops: Set<number> } {
  const entries = new Set<number>();
  const tops = new Set<number>();
  const layers = (items: readonly LayerStmt[] | undefined): void => {
    for (const s of items ?? []) {
      entries.add(s.range.start.offset);
      if (s.kind === 'Parallel') for (const b of s.branches) entries.add(b.range.start.offset);
      for (const inner of innerStatements(s)) layers(inner);
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

function layout(ast: Program, tokens: IToken[], comments: IToken[]): string {
  const { entries } = collectStarts(ast);
  const lines: string[] = [];
  let line = '';
  let braceDepth = 0;
  /** Innermost-last stack of open brackets: '{', '(' or '['. */
  const stack: string[] = [];
  /** For each open '{', the token before it (`branch { }` keeps a space inside when empty). */
  const openers: string[] = [];
  // the last emitted token or comment
  let prevImage = '';
  let prevComment = false;
  let prevLineComment = false;
  let prevIdentifier = false;
  let prevEndLine = 0; // original end line of the last item read (emitted or dropped)
  let afterTop = false; // a top-level declaration just closed: the next own-line item gets a blank line
  let started = false;
  /** Output line index → length of its code, for lines that end in a trailing `//` comment. */
  const trailing = new Map<number, number>();

  const newline = (blank: boolean, indent: number): void => {
    lines.push(line);
    if (blank) lines.push('');
    line = indent > 0 ? '  '.repeat(indent) : '';
  };

  // Walk tokens and comments together, in source order.
  let i = 0;
  let j = 0;
  while (i < tokens.length || j < comments.length) {
    const a = tokens[i];
    const c = comments[j];
    let t: IToken;
    let comment: boolean;
    if (c !== undefined && (a === undefined || c.startOffset < a.startOffset)) {
      t = c;
      comment = true;
      j++;
    } else {
      t = a as IToken;
      comment = false;
      i++;
    }
    const img = t.image;
    const lineComment = comment && img.charCodeAt(1) === 47; // '//'
    const startLine = lineOf(t.startOffset);
    const origBlank = started && startLine - prevEndLine >= 2;

    if (!comment && img === ',') {
      const top = stack[stack.length - 1];
      const next = tokens[i]; // the next significant token
      if (top === '{' || top === undefined || (next && (next.image === ')' || next.image === ']'))) {
        prevEndLine = lineOf(t.startOffset); // dropped: entry separator or trailing comma
        continue;
      }
    }

    if (!started) {
      started = true;
    } else if (comment) {
      if (startLine === prevEndLine && !prevLineComment) {
        if (lineComment && !prevComment) trailing.set(lines.length, line.length);
        line += lineComment || prevComment || (prevImage !== '(' && prevImage !== '[') ? ' ' : '';
      } else {
        const inner = stack.length > 0 && stack[stack.length - 1] !== '{';
        const blank = (origBlank || afterTop) && !(prevImage === '{' && !prevComment);
        newline(blank, braceDepth + (inner ? 1 : 0));
        afterTop = false;
      }
    } else if (img === '}') {
      if (!(prevImage === '{' && !prevComment)) newline(false, braceDepth - 1);
      else if (SPACED_EMPTY.has(openers[openers.length - 1]!)) line += ' '; // `branch { }`
      // else `{}`
    } else if (entries.has(t.startOffset)) {
      const blank = (afterTop || (origBlank && !(prevImage === '{' && !prevComment))) && lines.length + line.length > 0;
      newline(blank, braceDepth);
      afterTop = false;
    } else if (prevLineComment) {
      // a line comment ended the line in the middle of an entry: continue one level deeper
      newline(false, braceDepth + 1);
    } else if (prevImage === '{' && !prevComment) {
      newline(false, braceDepth);
    } else {
      line += spaceBetween(prevImage, prevComment, prevIdentifier, img);
    }

    line += img;
    const before = prevImage;
    prevImage = img;
    prevComment = comment;
    prevLineComment = lineComment;
    prevIdentifier = !comment && (t.tokenType.name === 'Identifier' || img === 'parallel');
    prevEndLine = lineOf(t.startOffset + img.length - 1);
    if (!comment) {
      if (img === '{') {
        stack.push('{');
        openers.push(before);
        braceDepth++;
      } else if (img === '(' || img === '[') {
        stack.push(img);
      } else if (img === '}') {
        stack.pop();
        openers.pop();
        braceDepth--;
        if (braceDepth === 0) afterTop = true;
      } else if (img === ')' || img === ']') {
        stack.pop();
      }
    }
  }
  if (line.length > 0 || lines.length > 0) lines.push(line);
  alignTrailingComments(lines, trailing);
  const out = lines.join('\n');
  return out.length > 0 ? `${out}\n` : '';
}

/**
 * Trailing `//` comments on consecutive lines start in one column (one space after the longest
 * code of the run), as gofmt does; a line without one ends the run.
 */
function alignTrailingComments(lines: string[], trailing: Map<number, number>): void {
  let i = 0;
  while (i < lines.length) {
    if (!trailing.has(i) || lines[i]!.includes('\n')) {
      i++;
      continue;
    }
    let end = i;
    while (trailing.has(end + 1) && !lines[end + 1]!.includes('\n')) end++;
    if (end > i) {
      let column = 0;
      for (let k = i; k <= end; k++) column = Math.max(column, trailing.get(k)!);
      for (let k = i; k <= end; k++) {
        const code = trailing.get(k)!;
        const text = lines[k]!;
        lines[k] = text.slice(0, code).padEnd(column) + text.slice(code);
      }
    }
    i = end + 1;
  }
}

/** Keywords whose empty body is written `{ }`: an empty branch or shortcut is the identity, worth seeing. */
const SPACED_EMPTY: ReadonlySet<string> = new Set(['branch', 'shortcut', 'residual']);

/** The space between two tokens of one line (comments handled by the caller). */
function spaceBetween(prev: string, prevComment: boolean, prevIdentifier: boolean, next: string): string {
  if (next === ')' || next === ']' || next === ',' || next === ':') return '';
  if (!prevComment && (prev === '(' || prev === '[')) return '';
  if (next === '(' && prevIdentifier) return '';
  return ' ';
}
