/**
 * Where the cursor is, in Axon's terms, worked out from the language's tokens alone (the text is often
 * broken while the user types, so this does not wait for a parse): which section it is in, which call it is inside, whether it sits at the start of
 * a statement, after `key:`, or where an argument name goes.
 */
import { positionAt } from '@axon/language';
import { firstTokenEndingAtOrAfter, isPunct, isWord, tokenize, type Token } from './tokens.js';

export type Section = 'network' | 'layers' | 'block' | 'repeat' | 'residual' | 'shortcut' | 'parallel' | 'branch' | 'train' | 'data' | 'unknown';

/** The sections whose statements are layers: a layer, a block use, `repeat`, `residual` or `parallel` may start there. */
export type LayerSection = 'layers' | 'block' | 'repeat' | 'residual' | 'shortcut' | 'branch';

export const LAYER_SECTIONS: readonly Section[] = ['layers', 'block', 'repeat', 'residual', 'shortcut', 'branch'];

interface BraceFrame {
  type: 'brace';
  section: Section;
  open: number;
  /** Tokens of the statement being written in this frame. */
  stmt: Token[];
  /** A residual's body was the last thing closed in this frame, with nothing written since: `shortcut` may follow. */
  afterResidual?: boolean;
}

interface ParenFrame {
  type: 'paren';
  callee?: string;
  calleeStart?: number;
  open: number;
  /** 0-based index of the argument being written. */
  argIndex: number;
  /** Named arguments already written (in any argument but the current one). */
  given: string[];
  /** Tokens of the current argument. */
  current: Token[];
  /** Named arguments written so far, with their index. */
  named: Map<number, string>;
}

interface BracketFrame {
  type: 'bracket';
  open: number;
}

type Frame = BraceFrame | ParenFrame | BracketFrame;

export interface CallInfo {
  callee: string;
  calleeStart: number;
  open: number;
  argIndex: number;
  /** Names already given in other arguments. */
  given: string[];
  /** The name of the argument under the cursor, if it is named (`activation:` …). */
  currentName?: string;
  /** The count of positional arguments before the current one. */
  positionalBefore: number;
  /** The enclosing call's section (layers, train, network …). */
  section: Section | 'top';
  /** Statement tokens of the enclosing brace frame before this call (`task`, `loss :` …). */
  statementBefore: string[];
}

export type CursorKind =
  | { kind: 'none' }
  | { kind: 'top' }
  | { kind: 'network-member' }
  /** Where a layer statement starts; `afterResidual` right after a residual's `}` (a `shortcut` may come). */
  | { kind: 'layer-statement'; section: LayerSection; afterResidual?: boolean }
  /** Inside `parallel(…) { }`, where a `branch` goes. */
  | { kind: 'branch-statement' }
  | { kind: 'task-kind' }
  | { kind: 'setting-key'; section: 'train' | 'data' }
  /** After `key:` — in a setting (`loss:`) or a named argument (`activation:`). */
  | { kind: 'value'; key: string; callee?: string; section: Section | 'top' }
  /** Where an argument goes inside `callee( … )`. */
  | { kind: 'argument'; call: CallInfo };

export interface CursorContext {
  context: CursorKind;
  /** The word being typed (possibly empty) and the range it replaces. */
  prefix: string;
  replaceStart: number;
  replaceEnd: number;
  /** The innermost call the cursor is inside, for signature help. */
  call?: CallInfo;
}

function sectionOf(stmt: Token[]): Section {
  const first = stmt[0];
  if (!isWord(first)) return 'unknown';
  switch (first.text) {
    case 'network':
    case 'layers':
    case 'block':
    case 'repeat':
    case 'residual':
    case 'shortcut':
    case 'parallel':
    case 'branch':
    case 'train':
    case 'data':
      return first.text;
    default:
      return 'unknown';
  }
}

/** Tokens to hand to the frame machine, and the word under the cursor. */
function split(tokens: Token[], offset: number): { before: Token[]; word?: Token; inside?: Token } {
  const lo = firstTokenEndingAtOrAfter(tokens, offset);
  const t = tokens[lo];
  if (t && t.start < offset && offset <= t.end) {
    if (isWord(t)) return { before: tokens.slice(0, lo), word: t };
    if (t.kind === 'comment' || t.kind === 'string' || t.kind === 'number') {
      // The cursor right after a finished string/comment-less token is outside it.
      if (t.kind === 'string' && offset === t.end && t.text.length > 1 && t.text.endsWith('"')) return { before: tokens.slice(0, lo + 1) };
      if (t.kind === 'comment' && offset === t.end && t.text.startsWith('/*') && t.text.endsWith('*/') && t.text.length >= 4) return { before: tokens.slice(0, lo + 1) };
      return { before: tokens.slice(0, lo), inside: t };
    }
    return { before: tokens.slice(0, lo + 1) };
  }
  return { before: tokens.slice(0, lo) };
}

/** Runs the frame machine over the tokens before the cursor. */
function frames(before: Token[]): { stack: Frame[]; topLevel: Token[] } {
  const stack: Frame[] = [];
  let topLevelStmt: Token[] = [];
  let prev: Token | undefined;
  let lastLine = -1;
  const top = (): Frame | undefined => stack[stack.length - 1];
  const pushToStatement = (t: Token) => {
    const f = top();
    if (f?.type === 'brace') {
      if (f.stmt.length > 0 && t.line !== lastLine && !endsWithColon(f.stmt)) f.stmt = [];
      f.stmt.push(t);
      f.afterResidual = false;
    } else if (f?.type === 'paren') {
      f.current.push(t);
    }
  };
  for (const t of before) {
    if (t.kind === 'comment') continue;
    const f = top();
    if (t.kind === 'punctuation') {
      switch (t.text) {
        case '{': {
          const stmt = f?.type === 'brace' ? f.stmt : topLevelStmt;
          stack.push({ type: 'brace', section: sectionOf(stmt), open: t.start, stmt: [] });
          if (f?.type === 'brace') f.stmt = [];
          topLevelStmt = [];
          break;
        }
        case '}': {
          // Close the innermost brace, dropping any unclosed parens/brackets inside it.
          while (stack.length && top()!.type !== 'brace') stack.pop();
          const closed = stack.pop();
          const g = top();
          if (g?.type === 'brace') {
            g.stmt = [];
            g.afterResidual = closed?.type === 'brace' && closed.section === 'residual';
          }
          topLevelStmt = [];
          break;
        }
        case '(': {
          const callee = isWord(prev) && prev.end <= t.start ? prev : undefined;
          // the callee token stays in the parent's statement
          stack.push({ type: 'paren', callee: callee?.text, calleeStart: callee?.start, open: t.start, argIndex: 0, given: [], current: [], named: new Map() });
          break;
        }
        case ')': {
          while (stack.length && top()!.type === 'bracket') stack.pop();
          if (top()?.type === 'paren') stack.pop();
          pushToStatementOrTop(t);
          break;
        }
        case '[':
          stack.push({ type: 'bracket', open: t.start });
          break;
        case ']':
          if (top()?.type === 'bracket') stack.pop();
          pushToStatementOrTop(t);
          break;
        case ',':
          if (f?.type === 'paren') {
            const name = namedOf(f.current);
            if (name) f.named.set(f.argIndex, name);
            f.argIndex++;
            f.current = [];
          } else if (f?.type === 'brace') {
            f.stmt = []; // `epochs: 20, batch_size: 32`: a comma also ends a setting
          } else pushToStatementOrTop(t);
          break;
        case ':':
          pushToStatementOrTop(t);
          break;
      }
    } else {
      pushToStatementOrTop(t);
    }
    prev = t;
    lastLine = t.line;
  }
  return { stack, topLevel: topLevelStmt };

  function pushToStatementOrTop(t: Token) {
    if (stack.length === 0) {
      if (topLevelStmt.length > 0 && t.line !== lastLine) topLevelStmt = [];
      topLevelStmt.push(t);
    } else pushToStatement(t);
  }
}
function endsWithColon(stmt: Token[]): boolean {
  const last = stmt[stmt.length - 1];
  return isPunct(last, ':');
}

function namedOf(current: Token[]): string | undefined {
  const [a, b] = current;
  return isWord(a) && isPunct(b, ':') ? a.text : undefined;
}

function callInfo(stack: Frame[], index: number): CallInfo | undefined {
  const f = stack[index];
  if (f?.type !== 'paren' || f.callee === undefined || f.calleeStart === undefined) return undefined;
  let section: Section | 'top' = 'top';
  let statementBefore: string[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const g = stack[i]!;
    if (g.type === 'brace') {
      section = g.section;
      statementBefore = g.stmt.filter((t) => t.start < f.calleeStart!).map((t) => t.text);
      break;
    }
    if (g.type === 'paren') {
      // A call nested in another call's argument: `activation: leaky_relu(`.
      section = 'unknown';
      statementBefore = g.current.filter((t) => t.start < f.calleeStart!).map((t) => t.text);
      break;
    }
  }
  const currentName = namedOf(f.current);
  let positionalBefore = 0;
  for (let i = 0; i < f.argIndex; i++) if (!f.named.has(i)) positionalBefore++;
  return {
    callee: f.callee,
    calleeStart: f.calleeStart,
    open: f.open,
    argIndex: f.argIndex,
    given: [...f.named.values()],
    currentName,
    positionalBefore,
    section,
    statementBefore,
  };
}

/** The cursor context at `offset` (0-based) in `text`. Pass pre-computed tokens to save work. */
export function cursorContext(text: string, offset: number, tokens: Token[] = tokenize(text)): CursorContext {
  const { before, word, inside } = split(tokens, offset);
  const prefix = word ? text.slice(word.start, offset) : '';
  const replaceStart = word ? word.start : offset;
  const replaceEnd = word ? word.end : offset;
  const base = { prefix, replaceStart, replaceEnd };
  if (inside?.kind === 'comment') return { context: { kind: 'none' }, ...base };
  const { stack, topLevel } = frames(before);
  let call: CallInfo | undefined;
  for (let i = stack.length - 1; i >= 0; i--) {
    if (stack[i]!.type === 'paren') {
      call = callInfo(stack, i);
      if (call) break;
    }
  }
  // Inside a number or string nothing completes, but signature help still knows the call.
  if (inside) return { context: { kind: 'none' }, ...base, ...(call ? { call } : {}) };
  const f = stack[stack.length - 1];
  // A statement ends at a line break: on a fresh line the cursor starts a new one (unless the last token is `key:`).
  const cursorLine = positionAt(text, replaceStart).line - 1;
  const fresh = (stmt: Token[]) => stmt.length > 0 && stmt[stmt.length - 1]!.line < cursorLine && !endsWithColon(stmt);
  if (f?.type === 'brace' && fresh(f.stmt)) f.stmt = [];
  const context = kindOf(f, stack, fresh(topLevel) ? [] : topLevel);
  return { context, ...base, ...(call ? { call } : {}) };
}

function kindOf(f: Frame | undefined, stack: Frame[], top: Token[]): CursorKind {
  if (!f) return top.length === 0 ? { kind: 'top' } : { kind: 'none' };
  if (f.type === 'bracket') return { kind: 'none' };
  if (f.type === 'paren') {
    const info = callInfo(stack, stack.length - 1);
    if (!info) return { kind: 'none' };
    if (f.current.length === 0) return { kind: 'argument', call: info };
    const name = namedOf(f.current);
    if (name && f.current.length === 2) return { kind: 'value', key: name, callee: info.callee, section: info.section };
    return { kind: 'none' };
  }
  const stmt = f.stmt.map((t) => t.text);
  switch (f.section) {
    case 'network':
      if (stmt.length === 0) return { kind: 'network-member' };
      if (stmt.length === 1 && stmt[0] === 'task') return { kind: 'task-kind' };
      return { kind: 'none' };
    case 'layers':
    case 'block':
    case 'repeat':
    case 'residual':
    case 'shortcut':
    case 'branch':
      if (stmt.length > 0) return { kind: 'none' };
      return f.afterResidual ? { kind: 'layer-statement', section: f.section, afterResidual: true } : { kind: 'layer-statement', section: f.section };
    case 'parallel':
      return stmt.length === 0 ? { kind: 'branch-statement' } : { kind: 'none' };
    case 'train':
    case 'data':
      if (stmt.length === 0) return { kind: 'setting-key', section: f.section };
      if (stmt.length === 2 && stmt[1] === ':' && isWord(f.stmt[0])) return { kind: 'value', key: stmt[0]!, section: f.section };
      return { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}
