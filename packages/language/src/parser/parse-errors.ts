/**
 * What syntax errors say, and their codes.
 *
 * Two kinds of error: chevrotain's recognition errors (a token the grammar did not expect), worded
 * by `RecognitionMessages`, and the parser's own checks (a missing separator, a misspelt keyword),
 * worded by `problem`. Each has a stable code; codes travel beside the messages as data, never
 * inside them.
 */
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import type { BlockDecl, NetworkDecl, Range, RepeatStmt } from '../ast.js';
import { DECLARATIONS, NETWORK_SECTIONS, TASKS, sectionKeyword, type Keyword } from '../catalog.js';
import { Identifier, LCurly, NumberLit, RBracket, RCurly, RParen, StringLit } from '../lexer.js';
import { isRealToken } from '../ranges.js';
import { describeToken } from '../syntax-text.js';
import type { PartialNode } from './recovery.js';

/** A syntax error: its code, what it says, and where. */
export interface SyntaxProblem {
  code: string;
  message: string;
  range: Range;
}

type Problem = Omit<SyntaxProblem, 'range'>;

/** Past this many syntax errors the parser stops: the rest would be noise, and slow to produce. */
export const MAX_SYNTAX_ERRORS = 100;

/** Thrown (through chevrotain) when the parse reaches `MAX_SYNTAX_ERRORS`. */
export class TooManyErrors extends Error {}

const quoted = (word: string) => `\`${word}\``;

/** `a, b or c` */
function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? 'something else';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** What may come next in each kind of list, for "expected …" messages. */
export const EXPECTED = {
  declaration: joinOr(DECLARATIONS.map(quoted)),
  member: joinOr([...NETWORK_SECTIONS.map(quoted), "'}'"]),
  layer: `a layer, ${quoted('repeat' satisfies Keyword)} or '}'`,
  branch: `${quoted('branch' satisfies Keyword)} or '}'`,
  setting: "a setting (`name: value`) or '}'",
  argument: "an argument or ')'",
  listItem: "a value or ']'",
  dimension: "a number or ']'",
  parameter: "a parameter name or ')'",
} as const;

const VALUE = 'a value (a number, a string, `true`, `false`, a name or a list)';

/** The parser's own checks. */
export const problem = {
  unknownKeyword: (word: string, meant: string): Problem => ({
    code: 'parse/unknown-keyword',
    message: `unknown keyword \`${word}\`; did you mean \`${meant}\`?`,
  }),
  unexpected: (t: IToken, expected: string): Problem => ({ code: 'parse/unexpected-token', message: `unexpected ${describeToken(t)}; expected ${expected}` }),
  /** `dense 16` */
  argumentsWithoutParentheses: (word: string, number: string): Problem => ({
    code: 'parse/unexpected-token',
    message: `unexpected number \`${number}\` after \`${word}\`; arguments go in parentheses: \`${word}(${number})\``,
  }),
  missingColon: (key: string): Problem => ({ code: 'parse/missing-colon', message: `expected ':' between \`${key}\` and its value` }),
  missingSeparator: (what: string): Problem => ({ code: 'parse/missing-separator', message: `expected a line break or ',' between ${what}` }),
  missingComma: (what: string): Problem => ({ code: 'parse/missing-comma', message: `expected ',' between ${what}` }),
  missingValue: (key: string, found: IToken): Problem => ({
    code: 'parse/missing-value',
    message: `expected a value after \`${key}:\`, found ${describeToken(found)}`,
  }),
  strayShortcut: (): Problem => ({
    code: 'parse/misplaced-clause',
    message: `\`shortcut { … }\` must follow the body of a \`residual { … }\` (write \`residual { … } shortcut { … }\`)`,
  }),
  strayBranch: (): Problem => ({
    code: 'parse/misplaced-clause',
    message: `\`branch { … }\` belongs inside \`parallel { … }\` (write \`parallel { branch { … } branch { … } }\`)`,
  }),
  unclosedBranch: (line: number): Problem => ({
    code: 'parse/missing-brace',
    message: `expected '}' to close \`branch\` opened at line ${line}, found keyword \`branch\``,
  }),
  layerOutsideBranch: (name: string): Problem => ({
    code: 'parse/misplaced-clause',
    message: `\`${name}\` is written straight inside \`parallel { … }\`; put the layers of each path in a \`branch { … }\``,
  }),
  missingTask: (found: IToken): Problem => ({
    code: 'parse/missing-value',
    message: `expected the task after ${quoted('task' satisfies Keyword)} (${joinOr(Object.keys(TASKS).map(quoted))}), found ${describeToken(found)}`,
  }),
};

/** What the message provider reads of the parser. */
export interface ParserState {
  /** The partial node of the rule being parsed. */
  readonly frame: PartialNode | undefined;
  /** Recognition errors chevrotain has saved so far. */
  readonly errorCount: number;
  /** The parser's own problems so far. */
  readonly problemCount: number;
}

/**
 * Words chevrotain's recognition errors, and records each one's code in `codes`. Chevrotain asks for
 * a message just before it saves the error that carries it, so the error being worded is the one at
 * index `errorCount`.
 */
export class RecognitionMessages implements IParserErrorMessageProvider {
  /** The code of each recognition error, by its index in the parser's `errors`. */
  codes: string[] = [];
  private parser: ParserState | undefined;

  /** The parser is made after its message provider (chevrotain takes the provider in the parser's constructor). */
  attach(parser: ParserState): void {
    this.parser = parser;
  }

  reset(): void {
    this.codes = [];
  }

  private worded(code: string, message: string): string {
    this.codes[this.parser!.errorCount] = code;
    return message;
  }

  /** Stops the parse past `MAX_SYNTAX_ERRORS`. */
  private count(): void {
    const p = this.parser!;
    if (p.errorCount + p.problemCount >= MAX_SYNTAX_ERRORS) throw new TooManyErrors('too many syntax errors');
  }

  buildMismatchTokenMessage({ expected, actual, previous, ruleName }: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
    this.count();
    const node = this.parser!.frame;
    // Inside a repetition chevrotain skips stray tokens before asking for the message of the error it
    // recovered from: the token before the stray one is then no longer the one before `actual`.
    if (isRealToken(previous) && isRealToken(actual) && previous.startOffset >= actual.startOffset) {
      return this.worded('parse/unexpected-token', `unexpected ${describeToken(actual)}; expected ${strayExpectation(ruleName === 'program' ? undefined : node, expected)}`);
    }
    const closing = expected === RCurly || expected === RParen || expected === RBracket;
    const ctx = closing ? openerText(node, expected) : expected === LCurly ? headerText(node) : '';
    return this.worded(codeFor(expected), `expected ${expectedText(expected, ruleName)}${ctx}, found ${describeToken(actual)}`);
  }

  buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken; ruleName: string }): string {
    this.count();
    return this.worded('parse/unexpected-token', `unexpected ${describeToken(firstRedundant)}; expected ${EXPECTED.declaration}`);
  }

  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; ruleName: string }): string {
    this.count();
    const firsts: string[] = [];
    for (const alt of expectedPathsPerAlt) {
      for (const path of alt) {
        const t = path[0];
        if (t) {
          const d = expectedText(t, ruleName);
          if (!firsts.includes(d)) firsts.push(d);
        }
      }
    }
    const what = ruleName === 'expr' ? VALUE : joinOr(firsts);
    return this.worded('parse/unexpected-token', `expected ${what}, found ${describeToken(actual[0])}`);
  }

  buildEarlyExitMessage({ actual, ruleName, expectedIterationPaths }: { actual: IToken[]; ruleName: string; expectedIterationPaths: TokenType[][] }): string {
    this.count();
    const firsts = expectedIterationPaths.map((p) => (p[0] ? expectedText(p[0], ruleName) : '')).filter((s) => s);
    return this.worded('parse/unexpected-token', `expected ${joinOr(firsts)}, found ${describeToken(actual[0])}`);
  }
}

function codeFor(expected: TokenType): string {
  if (expected === RCurly || expected === LCurly) return 'parse/missing-brace';
  if (expected === RParen) return 'parse/missing-paren';
  if (expected === RBracket) return 'parse/missing-bracket';
  return 'parse/unexpected-token';
}

/** `network Iris`, `block b`, `repeat 3`: how a declaration is named in a message. */
function declared(node: PartialNode): string {
  switch (node.kind) {
    case 'Network': {
      const n = (node as unknown as NetworkDecl).name?.name;
      return `network${n ? ' ' + n : ''}`;
    }
    case 'Block': {
      const n = (node as unknown as BlockDecl).name?.name;
      return `block${n ? ' ' + n : ''}`;
    }
    case 'Repeat': {
      const c = (node as unknown as RepeatStmt).count?.raw;
      return `repeat${c ? ' ' + c : ''}`;
    }
    case 'Residual':
    case 'Shortcut':
    case 'Parallel':
    case 'Branch':
      return node.kind.toLowerCase();
    default:
      return sectionKeyword(node.kind as 'Layers' | 'Train' | 'Data');
  }
}

/** ` to close \`layers\` opened at line 3`: what a missing closing bracket would have closed. */
function openerText(node: PartialNode | undefined, expected: TokenType): string {
  if (!node) return '';
  const line = node.range.start.line;
  const col = node.range.start.column;
  switch (node.kind) {
    case 'Network':
    case 'Layers':
    case 'Train':
    case 'Data':
      return ` to close \`${declared(node)}\` opened at line ${line}`;
    case 'Repeat':
      return ` to close \`repeat\` opened at line ${line}`;
    case 'Residual':
    case 'Shortcut':
    case 'Parallel':
    case 'Branch':
      return ` to close \`${declared(node)}\` opened at line ${line}`;
    case 'Block':
      if (expected === RParen) return ` to close the parameters of \`${declared(node)}\` at line ${line}`;
      return ` to close \`${declared(node)}\` opened at line ${line}`;
    case 'ArgList':
      return ` to close the argument list opened at line ${line}, column ${col}`;
    case 'List':
      return ` to close the list opened at line ${line}, column ${col}`;
    case 'Input':
      return ` to close the \`input\` shape opened at line ${line}`;
    default:
      return '';
  }
}

/** ` after \`layers\``: where a missing '{' belonged. */
function headerText(node: PartialNode | undefined): string {
  if (!node) return '';
  switch (node.kind) {
    case 'Network':
    case 'Block':
    case 'Repeat':
    case 'Residual':
    case 'Shortcut':
    case 'Parallel':
    case 'Branch':
    case 'Layers':
    case 'Train':
    case 'Data':
      return ` after \`${declared(node)}\``;
    default:
      return '';
  }
}

/** What may come where chevrotain skipped a stray token. */
function strayExpectation(node: PartialNode | undefined, expected: TokenType): string {
  if (expected === EOF || !node) return EXPECTED.declaration;
  switch (node.kind) {
    case 'Network':
      return EXPECTED.member;
    case 'Layers':
    case 'Repeat':
    case 'Residual':
    case 'Shortcut':
    case 'Branch':
      return EXPECTED.layer;
    case 'Parallel':
      return expected === RParen ? EXPECTED.argument : EXPECTED.branch;
    case 'Block':
      return expected === RParen ? EXPECTED.parameter : EXPECTED.layer;
    case 'Train':
    case 'Data':
      return EXPECTED.setting;
    case 'ArgList':
      return EXPECTED.argument;
    case 'List':
      return EXPECTED.listItem;
    case 'Input':
      return EXPECTED.dimension;
    default:
      return `'${tokenLabel(expected)}'`;
  }
}

function tokenLabel(t: TokenType): string {
  const p = t.PATTERN;
  return typeof p === 'string' ? p : t.name;
}

function expectedText(t: TokenType, ruleName: string): string {
  if (t === Identifier) {
    if (ruleName === 'networkBody') return "the network's name";
    if (ruleName === 'blockBody') return "the block's name";
    return 'a name';
  }
  if (t === NumberLit) return ruleName === 'repeatStmt' ? 'the repeat count (a number)' : 'a number';
  if (t === StringLit) return 'a string';
  if (t === EOF) return 'end of file';
  const p = t.PATTERN;
  if (typeof p === 'string') return /^[a-z]/.test(p) ? `\`${p}\`` : `'${p}'`;
  return t.name;
}
