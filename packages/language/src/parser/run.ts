/** Running the parser: one instance for every parse (building one analyses the grammar), its results as data. */
import { EOF, tokenMatcher, type IRecognitionException, type IToken } from 'chevrotain';
import type { Position, Range, TopLevel } from '../ast.js';
import { tokenRange } from '../ranges.js';
import { AxonParser } from './grammar.js';
import { TooManyErrors, type SyntaxProblem } from './parse-errors.js';

export { MAX_SYNTAX_ERRORS, type SyntaxProblem } from './parse-errors.js';

let shared: AxonParser | undefined;

export interface RawParse {
  items: TopLevel[];
  /** Chevrotain's recognition errors (tokens the grammar did not expect), in the order found. */
  errors: SyntaxProblem[];
  /** The parser's own checks: separators, misspelt keywords, missing values. */
  problems: SyntaxProblem[];
  /** True when the parser gave up after `MAX_SYNTAX_ERRORS` errors. */
  stopped: boolean;
}

/** Runs the parser over a token vector; `end` is where the text ends. May throw only on internal bugs (callers guard). */
export function runParser(tokens: IToken[], end: Position): RawParse {
  const p = (shared ??= new AxonParser());
  p.startParse(tokens);
  // Recognition errors are exceptions inside chevrotain; their stack traces are never used.
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let items: TopLevel[];
  let stopped = false;
  try {
    items = p.program() ?? [];
  } catch (e) {
    if (!(e instanceof TooManyErrors)) throw e;
    // keep what was parsed before giving up
    items = p.programSoFar();
    stopped = true;
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
  const codes = p.errorCodes;
  const errors = p.errors.map((e, i) => ({ code: codes[i] ?? 'parse/unexpected-token', message: e.message, range: errorRange(e, end) }));
  const result = { items, errors, problems: p.problems, stopped };
  // let go of this file's tokens and partial nodes (a language server parses many files)
  p.startParse([]);
  return result;
}

function errorRange(e: IRecognitionException, end: Position): Range {
  const t = e.token;
  if (!t || tokenMatcher(t, EOF) || !(t.startOffset >= 0)) return { start: { ...end }, end: { ...end } };
  return tokenRange(t);
}
