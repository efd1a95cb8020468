/**
 * Words the parser uses in messages, and small text utilities: describing a token for a user,
 * guessing the keyword a misspelt word meant, and unescaping string literals.
 */
import type { IToken } from 'chevrotain';

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

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = [];
  for (let i = 0; i <= m; i++) {
    d.push(new Array<number>(n + 1).fill(0));
    (d[i] as number[])[0] = i;
  }
  for (let j = 0; j <= n; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= m; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
    }
  }
  return (d[m] as number[])[n] as number;
}

/**
 * The keyword `word` most likely meant, if it is close enough: at most two edits (one for words of
 * up to four letters), compared case-insensitively. Ties go to the earlier keyword.
 */
export function closestKeyword(word: string, keywords: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
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
