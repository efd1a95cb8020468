/**
 * Word tokens for `data { text: "column", vocabulary: N }`.
 *
 *   words       NFC form, lower-cased, then the matches of WORD_PATTERN: runs of letters and digits,
 *               with an apostrophe inside a word kept ("Don't!" → ["don't"], "'great'" → ["great"])
 *   vocabulary  id 0 = padding (""), id 1 = unknown ("[UNK]"), ids 2… the N − 2 most frequent words of the
 *               training rows, ties broken by code point order: the same rows always give the same ids
 *   encoding    each word's id (1 when not in the vocabulary); the first `length` ids are kept and a
 *               shorter row is padded with 0 at the end (as Keras's TextVectorization with
 *               output_sequence_length); an empty text is all padding
 */
import type { TextTokenizer } from '../types.js';

/** The default word pattern (a RegExp source, read with the `gu` flags). */
export const WORD_PATTERN = "[\\p{L}\\p{N}]+(?:['’][\\p{L}\\p{N}]+)*";
export const PADDING_TOKEN = '';
export const UNKNOWN_TOKEN = '[UNK]';

/** The rule part of a tokenizer: how text becomes words. */
export type WordRule = Pick<TextTokenizer, 'lowercase' | 'pattern'>;

export const DEFAULT_WORD_RULE: WordRule = { lowercase: true, pattern: WORD_PATTERN };

/** The words of `text` under `rule`, in order. */
export function splitWords(text: string, rule: WordRule = DEFAULT_WORD_RULE): string[] {
  const normal = text.normalize('NFC');
  const cased = rule.lowercase ? normal.toLowerCase() : normal;
  return cased.match(new RegExp(rule.pattern, 'gu')) ?? [];
}

/**
 * The vocabulary (id → word) of at most `size` entries built from `texts`: padding, unknown, then the
 * `size − 2` most frequent words (more frequent first; equal counts in code point order).
 */
export function buildVocabulary(texts: Iterable<string>, size: number, rule: WordRule = DEFAULT_WORD_RULE): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of splitWords(text, rule)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const words = [...counts.entries()]
    .sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, Math.max(0, size - 2))
    .map(([word]) => word);
  return [PADDING_TOKEN, UNKNOWN_TOKEN, ...words];
}

/** A reusable encoder for one tokenizer (the word → id map is built once). */
export function textEncoder(tokenizer: TextTokenizer): (text: string, out: Float32Array, offset: number) => void {
  const ids = new Map<string, number>();
  tokenizer.vocabulary.forEach((word, id) => {
    if (id >= 2) ids.set(word, id);
  });
  const rule: WordRule = { lowercase: tokenizer.lowercase, pattern: tokenizer.pattern };
  return (text, out, offset) => {
    const words = splitWords(text, rule);
    const n = Math.min(words.length, tokenizer.length);
    for (let i = 0; i < n; i++) out[offset + i] = ids.get(words[i]!) ?? 1;
    out.fill(0, offset + n, offset + tokenizer.length);
  };
}

/** Token ids of `texts`, `tokenizer.length` per text, row after row. */
export function encodeTexts(texts: readonly string[], tokenizer: TextTokenizer): Float32Array {
  const out = new Float32Array(texts.length * tokenizer.length);
  const encode = textEncoder(tokenizer);
  texts.forEach((text, r) => encode(text, out, r * tokenizer.length));
  return out;
}

/** What is wrong with a tokenizer read from a file, or undefined when it is usable. */
export function tokenizerProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'must be an object';
  const t = raw as Record<string, unknown>;
  if (typeof t.column !== 'string' || t.column === '') return '"column" must be a non-empty string';
  if (typeof t.length !== 'number' || !Number.isInteger(t.length) || t.length < 1) return '"length" must be a positive integer';
  if (typeof t.lowercase !== 'boolean') return '"lowercase" must be true or false';
  if (typeof t.pattern !== 'string' || t.pattern === '') return '"pattern" must be a non-empty string';
  let pattern: RegExp;
  try {
    pattern = new RegExp(t.pattern, 'u');
  } catch (err) {
    return `"pattern" is not a valid regular expression (${(err as Error).message})`;
  }
  if (pattern.test('')) return '"pattern" matches the empty string, so it cannot split words';
  const v = t.vocabulary;
  if (!Array.isArray(v) || !v.every((w) => typeof w === 'string')) return '"vocabulary" must be an array of strings';
  if (v.length < 2) return `"vocabulary" has ${v.length} entr${v.length === 1 ? 'y' : 'ies'}; it needs at least 2 (padding "" and unknown "${UNKNOWN_TOKEN}")`;
  if (v[0] !== PADDING_TOKEN || v[1] !== UNKNOWN_TOKEN) return `"vocabulary" must start with "" (id 0, padding) and "${UNKNOWN_TOKEN}" (id 1, unknown)`;
  const seen = new Map<string, number>();
  const whole = new RegExp(`^(?:${t.pattern})$`, 'u');
  for (let id = 2; id < v.length; id++) {
    const word = v[id] as string;
    const before = seen.get(word);
    if (before !== undefined) return `"vocabulary" holds "${word}" twice (ids ${before} and ${id}); every word needs one id`;
    if (!whole.test(word)) return `"vocabulary" id ${id} is "${word}", which the pattern can never produce as a word`;
    seen.set(word, id);
  }
  return undefined;
}
