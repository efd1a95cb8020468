/**
 * Axon's tokens and the lexer (chevrotain). One lexer instance, created once, with
 * `ensureOptimizations` on: every token pattern has a known set of first characters, so chevrotain
 * can pick candidate patterns by the next character instead of trying them all.
 *
 * Comments go to the `comments` group (out of the parser's way, into `Program.comments`).
 * Unterminated strings and block comments get their own token types so the parser can keep going
 * and the diagnostics can name the problem precisely.
 */
import { createToken, Lexer, type ILexingError, type IToken, type TokenType } from 'chevrotain';
import { KEYWORDS, type Keyword } from './catalog.js';
import { LineIndex, useLineIndex } from './ranges.js';

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\f\v\uFEFF]+/,
  group: Lexer.SKIPPED,
});

export const LineComment = createToken({
  name: 'LineComment',
  pattern: /\/\/[^\n\r]*/,
  group: 'comments',
});

export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\//,
  group: 'comments',
});

/** `/* …` up to the end of the file with no closing `*\/`. */
export const UnterminatedBlockComment = createToken({
  name: 'UnterminatedBlockComment',
  pattern: /\/\*[\s\S]*/,
  group: 'comments',
});

/** Category shared by terminated and unterminated strings, so the parser accepts both. */
export const StringLit = createToken({
  name: 'StringLit',
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*"/,
});

/** A string whose closing quote is missing: it runs to the end of its line. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*\\?/,
  categories: [StringLit],
});

/** `16`, `0.2`, `1e-3`, `-0.5`, `2.5E+4`. A leading `-` belongs to the number. */
export const NumberLit = createToken({
  name: 'NumberLit',
  pattern: /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/,
});

export const LCurly = createToken({ name: 'LCurly', pattern: '{' });
export const RCurly = createToken({ name: 'RCurly', pattern: '}' });
export const LParen = createToken({ name: 'LParen', pattern: '(' });
export const RParen = createToken({ name: 'RParen', pattern: ')' });
export const LBracket = createToken({ name: 'LBracket', pattern: '[' });
export const RBracket = createToken({ name: 'RBracket', pattern: ']' });
export const Comma = createToken({ name: 'Comma', pattern: ',' });
export const Colon = createToken({ name: 'Colon', pattern: ':' });

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/ });

/** One token type per reserved word (`Kw_network`, …); a longer word is an `Identifier`. */
const KEYWORD_TOKENS = Object.fromEntries(
  KEYWORDS.map((word) => [word, createToken({ name: `Kw_${word}`, pattern: word, longer_alt: Identifier })]),
) as Record<Keyword, TokenType>;

export const {
  network: Network,
  block: Block,
  input: Input,
  task: Task,
  layers: Layers,
  train: Train,
  data: Data,
  repeat: Repeat,
  residual: Residual,
  shortcut: Shortcut,
  parallel: Parallel,
  branch: Branch,
  true: True,
  false: False,
} = KEYWORD_TOKENS;


/** Order matters: the first pattern that matches wins (keywords defer to `Identifier` via `longer_alt`). */
export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  StringLit,
  UnterminatedString,
  NumberLit,
  LCurly,
  RCurly,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Colon,
  ...KEYWORDS.map((word) => KEYWORD_TOKENS[word]),
  Identifier,
];

/**
 * The lexer over Axon's tokens. `validate` runs chevrotain's checks of the token definitions (about
 * 10 ms at start-up): the tokens are fixed when the package is built, so the shipped lexer skips them
 * and a test builds one with them (lexer-validation.test.ts).
 */
export function createLexer(validate = false): Lexer {
  return new Lexer(allTokens, {
    ensureOptimizations: true,
    // Offsets only: lines and columns come from a `LineIndex` (about twice as fast as 'full').
    positionTracking: 'onlyOffset',
    skipValidations: !validate,
  });
}

export const axonLexer = createLexer();

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  errors: ILexingError[];
}

/** Tokenizes `text` and installs its line index, so token positions can be computed. */
export function lex(text: string): LexResult & { lines: LineIndex } {
  const lines = new LineIndex(text);
  useLineIndex(lines);
  const r = axonLexer.tokenize(text);
  return { tokens: r.tokens, comments: (r.groups['comments'] as IToken[] | undefined) ?? [], errors: r.errors, lines };
}
