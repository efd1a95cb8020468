/**
 * A small, forgiving tokenizer used for cursor context (completion, signature help) and keyword
 * highlighting. It never fails: unknown characters become `unknown` tokens, unterminated strings end
 * at the line end and unterminated block comments at the end of the text. It deliberately does not
 * depend on the parser, so it works on text the parser cannot make sense of while the user types.
 */
export type TokenKind = 'ident' | 'number' | 'string' | 'comment' | 'punct' | 'unknown';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based offsets, end exclusive. */
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
}

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    const startLine = line;
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
      tokens.push({ kind: 'comment', text: text.slice(start, i), start, end: i, line: startLine });
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      i += 2;
      while (i < n && !(text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47)) {
        if (text.charCodeAt(i) === 10) line++;
        i++;
      }
      i = Math.min(n, i + 2);
      tokens.push({ kind: 'comment', text: text.slice(start, i), start, end: i, line: startLine });
      continue;
    }
    if (c === 34) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          i += 2;
          continue;
        }
        if (d === 10) break;
        i++;
        if (d === 34) break;
      }
      i = Math.min(i, n);
      tokens.push({ kind: 'string', text: text.slice(start, i), start, end: i, line: startLine });
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), start, end: i, line: startLine });
      continue;
    }
    if (isDigit(c) || ((c === 45 || c === 46) && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isDigit(d) || d === 46 || d === 95) i++;
        else if ((d === 101 || d === 69) && (isDigit(text.charCodeAt(i + 1)) || ((text.charCodeAt(i + 1) === 45 || text.charCodeAt(i + 1) === 43) && isDigit(text.charCodeAt(i + 2))))) i += 2;
        else break;
      }
      tokens.push({ kind: 'number', text: text.slice(start, i), start, end: i, line: startLine });
      continue;
    }
    i++;
    const kind: TokenKind = '{}()[]:,'.includes(text[start]!) ? 'punct' : 'unknown';
    tokens.push({ kind, text: text[start]!, start, end: i, line: startLine });
  }
  return tokens;
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
