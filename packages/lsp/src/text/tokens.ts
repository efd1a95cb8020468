/**
 * The server's view of the token stream: `@axon/language`'s own `tokenize()` (the parser's lexer,
 * comments included), with offsets and a 0-based line for quick scans. There is no second lexer: a
 * character the language's lexer cannot read (`?`, the `.` of `.5`, a lone `-`) is not a token of the
 * language, and shows up here only as an `unknown` token over exactly the characters the lexer
 * skipped, so the cursor context knows something unreadable was written.
 */
import { tokenize as languageTokens, type SyntaxTokenKind } from '@axon/language';

export type TokenKind = SyntaxTokenKind | 'unknown';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based offsets, end exclusive. */
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
}

/** A word the user types: an identifier, a keyword or `true`/`false`. */
export function isWord(t: Token | undefined): t is Token & { kind: 'identifier' | 'keyword' | 'boolean' } {
  return t !== undefined && (t.kind === 'identifier' || t.kind === 'keyword' || t.kind === 'boolean');
}

export function isPunct(t: Token | undefined, text?: string): t is Token & { kind: 'punctuation' } {
  return t !== undefined && t.kind === 'punctuation' && (text === undefined || t.text === text);
}

/** What the lexer skips between tokens (its `WhiteSpace` token). */
const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xfeff;

function unknownTokens(text: string, from: number, to: number, line: number, out: Token[]): void {
  let l = line;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) l++;
    if (isBlank(c)) continue;
    out.push({ kind: 'unknown', text: text[i]!, start: i, end: i + 1, line: l });
  }
}

/** Every token of `text` in source order, from the language's lexer. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  let line = 0;
  for (const t of languageTokens(text)) {
    const start = t.range.start.offset;
    if (start > at) unknownTokens(text, at, start, line, out);
    line = t.range.start.line - 1;
    out.push({ kind: t.kind, text: t.text, start, end: t.range.end.offset, line });
    at = t.range.end.offset;
    line = t.range.end.line - 1;
  }
  if (at < text.length) unknownTokens(text, at, text.length, line, out);
  return out;
}

/** The index of the first token ending at or after `offset` (tokens.length when none does). */
export function firstTokenEndingAtOrAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
