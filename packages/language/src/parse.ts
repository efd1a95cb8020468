import type { IToken } from 'chevrotain';
import type { Comment, Program, Range } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { Block, lex, Network, StringLit, UnterminatedBlockComment, UnterminatedString } from './lexer.js';
import { MAX_SYNTAX_ERRORS, runParser } from './parser/run.js';
import { advancePosition, START, tokenRange, tokenStart } from './ranges.js';
import { unescapeString } from './syntax-text.js';

export interface ParseResult {
  ast: Program;
  diagnostics: Diagnostic[];
}

/** A parse plus the token streams, for the formatter and editor features. */
export interface DetailedParse extends ParseResult {
  /** Significant tokens (no whitespace, no comments), in source order. */
  tokens: IToken[];
  /** Comment tokens, in source order. */
  commentTokens: IToken[];
}

/** Parses Axon source. Never throws: syntax errors become diagnostics and the tree holds what could be recovered. */
export function parse(text: string): ParseResult {
  const { ast, diagnostics } = parseDetailed(text);
  return { ast, diagnostics };
}

export function parseDetailed(text: string): DetailedParse {
  const source = typeof text === 'string' ? text : String(text ?? '');
  try {
    return parseUnsafe(source);
  } catch (err) {
    const end = advancePosition(source, START, source.length);
    const range: Range = { start: { ...START }, end };
    return {
      ast: { kind: 'Program', range, items: [], comments: [] },
      diagnostics: [
        {
          range: { start: { ...START }, end: { ...START } },
          severity: 'error',
          code: 'parse/internal-error',
          message: `internal parser error (please report it): ${err instanceof Error ? err.message : String(err)}`,
        },
      ],
      tokens: [],
      commentTokens: [],
    };
  }
}

function parseUnsafe(text: string): DetailedParse {
  const lexed = lex(text);
  const diagnostics: Diagnostic[] = [];

  const lines = lexed.lines;
  for (const e of lexed.errors) {
    const bad = text.slice(e.offset, e.offset + e.length);
    diagnostics.push({
      range: { start: lines.positionAt(e.offset), end: lines.positionAt(e.offset + e.length) },
      severity: 'error',
      code: 'parse/invalid-character',
      message: `invalid character${e.length > 1 ? 's' : ''} ${JSON.stringify(bad)}`,
    });
  }

  const hasBackslash = text.includes('\\');
  const toks = lexed.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as IToken;
    if (t.tokenType !== StringLit && t.tokenType !== UnterminatedString) continue;
    if (t.tokenType === UnterminatedString) {
      diagnostics.push({
        range: tokenRange(t),
        severity: 'error',
        code: 'parse/unterminated-string',
        message: 'unterminated string: expected a closing \'"\' before the end of the line',
      });
    }
    if (hasBackslash && t.image.includes('\\')) {
      const problems: { index: number; length: number; text: string }[] = [];
      unescapeString(t.image, problems);
      for (const p of problems) {
        const at = t.startOffset + p.index;
        diagnostics.push({
          range: { start: lines.positionAt(at), end: lines.positionAt(at + p.length) },
          severity: 'error',
          code: 'parse/invalid-escape',
          message: `invalid escape ${JSON.stringify(p.text)} in a string; use \\", \\\\, \\n, \\t, \\r or \\uXXXX`,
        });
      }
    }
  }

  const comments: Comment[] = [];
  for (const c of lexed.comments) {
    const block = c.image.charCodeAt(1) === 42; // '*'
    comments.push({ kind: 'Comment', text: c.image, block, range: tokenRange(c) });
    if (c.tokenType === UnterminatedBlockComment) {
      diagnostics.push({
        range: { start: tokenStart(c), end: lines.positionAt(c.startOffset + 2) },
        severity: 'error',
        code: 'parse/unterminated-comment',
        message: "unterminated block comment: expected '*/' before the end of the file",
      });
    }
  }

  const end = lines.positionAt(text.length);
  const tooDeep = nestingTooDeep(lexed.tokens);
  if (tooDeep) {
    diagnostics.push({
      range: tokenRange(tooDeep),
      severity: 'error',
      code: 'parse/too-deep',
      message: `brackets nested more than ${MAX_NESTING} levels deep; the file is not parsed`,
    });
    diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
    return { ast: { kind: 'Program', range: { start: { ...START }, end }, items: [], comments }, diagnostics, tokens: lexed.tokens, commentTokens: lexed.comments };
  }
  let raw: ReturnType<typeof runParser>;
  try {
    raw = runParser(lexed.tokens, end);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // the recursion ran out of stack despite the nesting check: report it like too-deep nesting
    diagnostics.push({
      range: { start: { ...START }, end: { ...START } },
      severity: 'error',
      code: 'parse/too-deep',
      message: 'the file is nested too deeply to parse',
    });
    return { ast: { kind: 'Program', range: { start: { ...START }, end }, items: [], comments }, diagnostics, tokens: lexed.tokens, commentTokens: lexed.comments };
  }

  const seen = new Set<number>();
  for (const e of raw.errors) {
    if (seen.has(e.range.start.offset)) continue;
    seen.add(e.range.start.offset);
    diagnostics.push({ range: e.range, severity: 'error', code: e.code, message: e.message });
  }
  for (const p of raw.problems) {
    if (seen.has(p.range.start.offset) && p.code !== 'parse/unknown-keyword') continue;
    seen.add(p.range.start.offset);
    diagnostics.push({ range: p.range, severity: 'error', code: p.code, message: p.message });
  }
  if (raw.stopped) {
    const last = raw.errors[raw.errors.length - 1];
    const at = last ? last.range : { start: end, end };
    const range = { start: { ...at.start }, end: { ...at.end } };
    diagnostics.push({
      range,
      severity: 'error',
      code: 'parse/too-many-errors',
      message: `${MAX_SYNTAX_ERRORS} syntax errors: the parser stopped here; fix these and parse again`,
    });
  }
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);

  const ast: Program = { kind: 'Program', range: { start: { ...START }, end }, items: raw.items, comments };
  return { ast, diagnostics, tokens: lexed.tokens, commentTokens: lexed.comments };
}

/** Deeper nesting than this is refused (the parser is recursive; real files nest a few levels). */
export const MAX_NESTING = 128;

/** The first bracket that opens a level deeper than `MAX_NESTING`, if any. */
function nestingTooDeep(tokens: IToken[]): IToken | undefined {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as IToken;
    if (t.tokenType === Network || t.tokenType === Block) {
      depth = 0; // a declaration starts afresh: the parser recovers there whatever was left open
      continue;
    }
    const c = t.image.length === 1 ? t.image.charCodeAt(0) : 0;
    if (c === 123 || c === 40 || c === 91) {
      if (++depth > MAX_NESTING) return t;
    } else if (c === 125 || c === 41 || c === 93) {
      if (depth > 0) depth--;
    }
  }
  return undefined;
}
