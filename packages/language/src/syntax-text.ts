/**
 * Words the parser uses in messages, and small text utilities: describing a token for a user,
 * guessing the keyword a misspelt word meant, and unescaping string literals.
 */
import type { IToken } from 'chevrotain';
import { editDistance } from './suggest.js';

/** How a token is named in a message: `dense`, number `16`, string "x", '}', end of file. */
export function describeToken(t: IToken | undefined): string {
  if (!t || t.tokenType?.name === 'EOF' || !(t.startOffset >= 0)) return 'end of file';
  const name = t.tokenType.name;
  const image = t.image.length > 24 ? `${t.image.slice(0, 21)}...` : t.image;
  if (name === 'Identifier') return `\`${image}\``;
  if (name.startsWith('Kw_')) return `keyword \`${image}\``;
  if (name === 'NumberLit') return `number \`${image}\``;
  if (name === 'StringLit' || name === 'UnterminatedString') return `string ${image}`;
  return `'${image}'`;
}

/**
 * The keyword `word` most likely meant, if it is close enough: at most two edits (one for words of
 * up to four letters), compared case-insensitively. Ties go to the earlier keyword.
 */
export function closestKeyword<K extends string>(word: string, keywords: readonly K[]): K | undefined {
  const w = word.toLowerCase();
  let best: K | undefined;
  let bestD = Infinity;
  for (const k of keywords) {
    const d = editDistance(w, k);
    const limit = k.length <= 4 ? 1 : 2;
    if (d <= limit && d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

export interface EscapeProblem {
  /** Offset of the backslash inside the raw literal. */
  index: number;
  length: number;
  text: string;
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r' };

/**
 * The value of a string literal as written (quotes included; the closing quote may be missing).
 * Escapes: \" \\ \/ \n \t \r and \uXXXX. An unknown escape keeps the escaped character.
 */
export function unescapeString(raw: string, problems?: EscapeProblem[]): string {
  let end = raw.length;
  if (end >= 2 && raw.endsWith('"') && !isEscapedAt(raw, end - 1)) end -= 1;
  const body = raw.slice(1, end);
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) {
      problems?.push({ index: i + 1, length: 1, text: '\\' });
      break;
    }
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i++;
    } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
    } else {
      problems?.push({ index: i + 1, length: 2, text: `\\${e}` });
      out += e;
      i++;
    }
  }
  return out;
}

/** True when the character at `index` is preceded by an odd number of backslashes. */
function isEscapedAt(s: string, index: number): boolean {
  let n = 0;
  for (let i = index - 1; i >= 1 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}
