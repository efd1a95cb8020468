/**
 * The Axon parser: a chevrotain `EmbeddedActionsParser` that builds the AST of `ast.ts` directly
 * (no CST), with chevrotain's error recovery on.
 *
 * Recovery and partial nodes. Every rule that builds a node registers it in `frames[depth]` when it
 * starts and clears it when it ends. When chevrotain recovers inside a rule (re-syncing to a token
 * that may follow it), the rule's `recoveryValueFunc` returns that partial node, ended at the last
 * token read before the error, and adopts the partial child that failed (so `dense(16` still shows
 * up as a layer). Rules stay small so that recovery happens as close to the error as possible.
 *
 * During chevrotain's grammar-recording phase the rule bodies run once with placeholder tokens:
 * semantic code is skipped there (`this.RECORDING_PHASE`), the DSL calls never are.
 */
import { EmbeddedActionsParser, EOF, tokenMatcher, type IParserErrorMessageProvider, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import type {
  ArgList,
  Argument,
  BlockDecl,
  BooleanLiteral,
  DataDecl,
  Expr,
  Identifier,
  InputDecl,
  LayerCall,
  LayersDecl,
  LayerStmt,
  ListExpr,
  NameExpr,
  NetworkDecl,
  NetworkMember,
  NumberLiteral,
  Position,
  Range,
  RepeatStmt,
  Setting,
  StringLiteral,
  TaskDecl,
  TopLevel,
  TrainDecl,
} from './ast.js';
import {
  allTokens,
  Block,
  Colon,
  Comma,
  Data,
  False,
  Identifier as IdentTok,
  Input,
  Layers,
  LBracket,
  LCurly,
  LParen,
  Network,
  NumberLit,
  RBracket,
  RCurly,
  Repeat,
  RParen,
  StringLit,
  Task,
  Train,
  True,
} from './lexer.js';
import { isRealToken, lineOf, START, tokenEnd, tokenRange, tokenStart } from './ranges.js';
import { describeToken, closestKeyword, unescapeString } from './syntax-text.js';

/** A diagnostic found by the parser's own checks (not a chevrotain recognition error). */
export interface SyntaxProblem {
  code: string;
  message: string;
  range: Range;
}

type AnyNode = { kind: string; range: Range; [k: string]: unknown };

/** Where an entry list (members, layers, settings) stands: for the separator checks. */
interface EntryState {
  /** Line the last entry ended on (-1 before the first). */
  line: number;
  /** A comma came after the last entry (or no entry yet). */
  comma: boolean;
  /** `members`, `layers` or `settings`, for messages. */
  what: string;
  /** What may come here, for the stray-comma message. */
  expected: string;
  /** The last setting was a bare word (`loss mse` is a missing colon, not two settings). */
  bareKey?: string;
  /** The list the entries go into. */
  into: unknown[];
}

const MEMBER_KEYWORDS = ['input', 'task', 'layers', 'train', 'data'] as const;
const TOP_KEYWORDS = ['network', 'block'] as const;

/** Separator between a code and a message inside chevrotain's error strings. */
export const CODE_SEP = '\u0000';

class AxonParser extends EmbeddedActionsParser {
  /** Partial nodes by rule depth (see the file comment). */
  frames: (AnyNode | undefined)[] = [];
  problems: SyntaxProblem[] = [];
  /** Set while chevrotain skips stray tokens inside a repetition, so the message says "unexpected …". */
  stray = false;

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 2, errorMessageProvider: messages });
    this.performSelfAnalysis();
  }

  startParse(tokens: IToken[]): void {
    this.input = tokens;
    this.frames = [];
    this.problems = [];
    this.stray = false;
  }

  // ---- helpers -----------------------------------------------------------------------------

  get depth(): number {
    return (this as unknown as { RULE_STACK_IDX: number }).RULE_STACK_IDX;
  }

  get recording(): boolean {
    return (this as unknown as { RECORDING_PHASE: boolean }).RECORDING_PHASE;
  }

  enter<T extends AnyNode>(node: T): T {
    if (!this.recording) this.frames[this.depth] = node;
    return node;
  }

  /** Ends a node at `last` (its closing token) or at the last token read, and clears its frame. */
  done<T extends AnyNode>(node: T, last?: IToken): T {
    if (this.recording) return node;
    this.frames[this.depth] = undefined;
    node.range.end = isRealToken(last) ? tokenEnd(last) : this.lastEnd(node.range.start);
    return node;
  }

  /** Ends a node at a known position (its last child's end), and clears its frame. */
  doneAt<T extends AnyNode>(node: T, end: Position): T {
    if (this.recording) return node;
    this.frames[this.depth] = undefined;
    node.range.end = end;
    return node;
  }

  /** End of the last token consumed, or `fallback` if that lies before it. */
  lastEnd(fallback: Position): Position {
    const prev = this.LA(0);
    if (isRealToken(prev) && prev.startOffset + prev.image.length >= fallback.offset) return tokenEnd(prev);
    return fallback;
  }

  problem(code: string, message: string, range: Range): void {
    this.problems.push({ code, message, range });
  }

  /** The recovery value of a rule: its partial node, adopting the failed child's partial node. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  recover(e: IRecognitionException): any {
    const d = this.depth;
    const frames = this.frames;
    const prev = (e as unknown as { previousToken?: IToken }).previousToken;
    const finish = (n: AnyNode): AnyNode => {
      if (isRealToken(prev) && prev.startOffset + prev.image.length >= n.range.start.offset && prev.startOffset + prev.image.length > n.range.end.offset) {
        n.range = { start: n.range.start, end: tokenEnd(prev) };
      }
      return n;
    };
    // Assemble the failing path, deepest first: each partial node goes into its partial parent.
    let carry: AnyNode | undefined;
    for (let i = frames.length - 1; i > d; i--) {
      const n = frames[i];
      if (!n) continue;
      frames[i] = undefined;
      if (carry) adopt(n, carry);
      carry = finish(n);
    }
    const own = frames[d];
    frames[d] = undefined;
    if (!own) return carry;
    if (carry) adopt(own, carry);
    return finish(own);
  }

  /** Separator state of the entry list being parsed, by rule depth. */
  seps: EntryState[] = [];

  entries(what: string, expected: string, into: unknown[] | undefined): EntryState {
    const state: EntryState = { line: -1, comma: true, what, expected, into: into ?? [] };
    if (!this.recording) this.seps[this.depth] = state;
    return state;
  }

  /** A comma between entries: one is a separator, a second one (or one before any entry) is a stray. */
  separatorComma(): undefined {
    const c = this.CONSUME(Comma);
    if (this.recording) return undefined;
    const state = this.seps[this.depth];
    if (state) {
      if (state.comma) this.problem('parse/unexpected-token', `unexpected ','; expected ${state.expected}`, tokenRange(c));
      state.comma = true;
    }
    return undefined;
  }

  /** Reports entries written on one line without a comma between them. */
  separatorCheck(state: EntryState): void {
    if (this.recording) return;
    const next = this.LA(1);
    if (next.tokenType === Comma) return;
    if (!state.comma && state.line >= 0 && isRealToken(next) && lineOf(next.startOffset) === state.line) {
      if (state.bareKey !== undefined) {
        this.problem('parse/missing-colon', `expected ':' between \`${state.bareKey}\` and its value`, tokenRange(next));
      } else {
        this.problem('parse/missing-separator', `expected a line break or ',' between ${state.what}`, tokenRange(next));
      }
    }
  }

  afterEntry(state: EntryState): void {
    if (this.recording) return;
    const prev = this.LA(0);
    state.line = isRealToken(prev) ? lineOf(prev.startOffset + prev.image.length - 1) : -1;
    state.comma = false;
  }

  commaCheck(needComma: boolean, what: string): void {
    if (this.recording || !needComma) return;
    this.problem('parse/missing-comma', `expected ',' between ${what}`, tokenRange(this.LA(1)));
  }

  // ---- top level ---------------------------------------------------------------------------

  program = this.RULE(
    'program',
    () => {
      const items: TopLevel[] = [];
      if (!this.recording) this.frames[0] = { kind: 'Program', range: { start: START, end: START }, items };
      this.MANY(() => {
        const item = this.OR(this.topAlts);
        // Recovery inside junk may hand back whatever node it was building (a repeat, a layer):
        // only networks and blocks belong at the top level.
        if (item && !this.recording && (item.kind === 'Network' || item.kind === 'Block')) items.push(item);
      });
      return items;
    },
    { recoveryValueFunc: (e) => ((this.recover(e) as { items?: TopLevel[] } | undefined)?.items ?? []) as TopLevel[] },
  );

  topAlts = [
    {
      ALT: (): TopLevel | undefined => {
        const kw = this.CONSUME(Network);
        return this.SUBRULE(this.networkBody, { ARGS: [kw] });
      },
    },
    {
      ALT: (): TopLevel | undefined => {
        const kw = this.CONSUME(Block);
        return this.SUBRULE(this.blockBody, { ARGS: [kw] });
      },
    },
    {
      ALT: (): TopLevel | undefined => {
        const kw = this.CONSUME(IdentTok);
        return this.SUBRULE(this.misspeltTop, { ARGS: [kw] });
      },
    },
  ];

  /** An identifier where `network` or `block` belongs: a misspelt keyword, or junk. */
  misspeltTop = this.RULE(
    'misspeltTop',
    (kw: IToken): TopLevel | undefined => {
      let guess: string | undefined;
      if (!this.recording) {
        guess = closestKeyword(kw.image, TOP_KEYWORDS);
        if (guess !== undefined) {
          this.problem('parse/unknown-keyword', `unknown keyword \`${kw.image}\`; did you mean \`${guess}\`?`, tokenRange(kw));
        } else {
          this.problem('parse/unexpected-token', `unexpected ${describeToken(kw)}; expected \`network\` or \`block\``, tokenRange(kw));
        }
      }
      return this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { GATE: () => guess === 'network', ALT: () => this.SUBRULE(this.networkBody, { ARGS: [kw] }) as TopLevel | undefined },
          { GATE: () => guess === 'block', ALT: () => this.SUBRULE(this.blockBody, { ARGS: [kw] }) as TopLevel | undefined },
          {
            ALT: () => {
              this.SUBRULE(this.junkRest);
              return undefined;
            },
          },
        ],
      });
    },
    { recoveryValueFunc: (e) => this.recover(e) as TopLevel | undefined },
  );

  networkBody = this.RULE(
    'networkBody',
    (kw: IToken): NetworkDecl => {
      const node = this.enter<NetworkDecl & AnyNode>({ kind: 'Network', range: this.startRange(kw), name: undefined, members: [] });
      const nameTok = this.CONSUME(IdentTok);
      if (!this.recording) node.name = this.ident(nameTok);
      this.CONSUME(LCurly);
      this.entries('members', "`input`, `task`, `layers`, `train`, `data` or '}'", node.members);
      this.MANY(this.memberIteration);
      const close = this.CONSUME(RCurly);
      return this.done(node, close);
    },
    { recoveryValueFunc: (e) => this.recover(e) as NetworkDecl },
  );

  memberIteration = (): void => {
    const sep = this.seps[this.depth] as EntryState;
    this.separatorCheck(sep);
    const m = this.OR(this.memberAlts);
    if (m && !this.recording) {
      (sep.into as NetworkMember[]).push(m);
      this.afterEntry(sep);
    }
  };

  memberAlts = [
    { ALT: (): NetworkMember | undefined => this.SUBRULE(this.inputRest, { ARGS: [this.CONSUME(Input)] }) },
    { ALT: (): NetworkMember | undefined => this.SUBRULE(this.taskRest, { ARGS: [this.CONSUME(Task)] }) },
    { ALT: (): NetworkMember | undefined => this.SUBRULE(this.layersRest, { ARGS: [this.CONSUME(Layers)] }) },
    { ALT: (): NetworkMember | undefined => this.SUBRULE(this.trainRest, { ARGS: [this.CONSUME(Train)] }) },
    { ALT: (): NetworkMember | undefined => this.SUBRULE(this.dataRest, { ARGS: [this.CONSUME(Data)] }) },
    { ALT: (): NetworkMember | undefined => this.SUBRULE(this.misspeltMember, { ARGS: [this.CONSUME2(IdentTok)] }) },
    { ALT: (): undefined => this.separatorComma() },
  ];

  /** An identifier where a network member keyword belongs. */
  misspeltMember = this.RULE(
    'misspeltMember',
    (kw: IToken): NetworkMember | undefined => {
      let guess: string | undefined;
      if (!this.recording) {
        guess = closestKeyword(kw.image, MEMBER_KEYWORDS);
        if (guess !== undefined) {
          this.problem('parse/unknown-keyword', `unknown keyword \`${kw.image}\`; did you mean \`${guess}\`?`, tokenRange(kw));
        } else {
          this.problem(
            'parse/unexpected-token',
            `unexpected ${describeToken(kw)}; expected \`input\`, \`task\`, \`layers\`, \`train\`, \`data\` or '}'`,
            tokenRange(kw),
          );
        }
      }
      return this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { GATE: () => guess === 'input', ALT: () => this.SUBRULE(this.inputRest, { ARGS: [kw] }) as NetworkMember | undefined },
          { GATE: () => guess === 'task', ALT: () => this.SUBRULE(this.taskRest, { ARGS: [kw] }) },
          { GATE: () => guess === 'layers', ALT: () => this.SUBRULE(this.layersRest, { ARGS: [kw] }) },
          { GATE: () => guess === 'train', ALT: () => this.SUBRULE(this.trainRest, { ARGS: [kw] }) },
          { GATE: () => guess === 'data', ALT: () => this.SUBRULE(this.dataRest, { ARGS: [kw] }) },
          {
            ALT: () => {
              this.SUBRULE(this.junkRest);
              return undefined;
            },
          },
        ],
      });
    },
    { recoveryValueFunc: (e) => this.recover(e) as NetworkMember | undefined },
  );

  /** Whatever follows an unknown word, skipped as a unit: `(args)`, `: value`, `{ entries }`. */
  junkRest = this.RULE(
    'junkRest',
    (): void => {
      this.OPTION(() => this.SUBRULE(this.argList));
      this.OPTION2(() => {
        this.CONSUME(Colon);
        this.SUBRULE(this.expr);
      });
      this.OPTION3(() => {
        this.CONSUME(LCurly);
        this.MANY(() => {
          this.OR([
            { ALT: () => this.SUBRULE(this.setting) },
            { ALT: () => this.SUBRULE(this.repeatStmt, { ARGS: [this.CONSUME(Repeat)] }) },
          ]);
          this.OPTION4(() => this.CONSUME(Comma));
        });
        this.CONSUME(RCurly);
      });
    },
    {
      recoveryValueFunc: (e) => {
        this.recover(e);
        return undefined;
      },
    },
  );

  // ---- network members ---------------------------------------------------------------------

  inputRest = this.RULE(
    'inputRest',
    (kw: IToken): InputDecl => {
      const node = this.enter<InputDecl & AnyNode>({ kind: 'Input', range: this.startRange(kw), dims: [] });
      this.CONSUME(LBracket);
      let needComma = false;
      this.MANY(() => {
        this.commaCheck(needComma, 'dimensions');
        const n = this.CONSUME(NumberLit);
        if (!this.recording) node.dims.push(numberNode(n));
        needComma = true;
        this.OPTION(() => {
          this.CONSUME(Comma);
          needComma = false;
        });
      });
      const close = this.CONSUME(RBracket);
      return this.done(node, close);
    },
    { recoveryValueFunc: (e) => this.recover(e) as InputDecl },
  );

  taskRest = this.RULE(
    'taskRest',
    (kw: IToken): TaskDecl => {
      const node = this.enter<TaskDecl & AnyNode>({ kind: 'Task', range: this.startRange(kw), value: undefined });
      this.OPTION(() => {
        const v = this.SUBRULE(this.nameExpr);
        if (!this.recording) node.value = v;
      });
      if (!this.recording && node.value === undefined) {
        const next = this.LA(1);
        this.problem(
          'parse/missing-value',
          `expected the task after \`task\` (\`regression\`, \`binary_classification\`, \`classification\` or \`multilabel\`), found ${describeToken(next)}`,
          isRealToken(next) ? tokenRange(next) : tokenRange(kw),
        );
      }
      return this.done(node);
    },
    { recoveryValueFunc: (e) => this.recover(e) as TaskDecl },
  );

  layersRest = this.RULE(
    'layersRest',
    (kw: IToken): LayersDecl => {
      const node = this.enter<LayersDecl & AnyNode>({ kind: 'Layers', range: this.startRange(kw), items: [] });
      this.CONSUME(LCurly);
      this.layerItems(node.items);
      const close = this.CONSUME(RCurly);
      return this.done(node, close);
    },
    { recoveryValueFunc: (e) => this.recover(e) as LayersDecl },
  );

  trainRest = this.RULE(
    'trainRest',
    (kw: IToken): TrainDecl => {
      const node = this.enter<TrainDecl & AnyNode>({ kind: 'Train', range: this.startRange(kw), settings: [] });
      this.CONSUME(LCurly);
      this.settingItems(node.settings);
      const close = this.CONSUME(RCurly);
      return this.done(node, close);
    },
    { recoveryValueFunc: (e) => this.recover(e) as TrainDecl },
  );

  dataRest = this.RULE(
    'dataRest',
    (kw: IToken): DataDecl => {
      const node = this.enter<DataDecl & AnyNode>({ kind: 'Data', range: this.startRange(kw), settings: [] });
      this.CONSUME(LCurly);
      this.settingItems(node.settings);
      const close = this.CONSUME(RCurly);
      return this.done(node, close);
    },
    { recoveryValueFunc: (e) => this.recover(e) as DataDecl },
  );

  /** Settings of `train { }` / `data { }`; inlined into each rule so recovery can skip stray tokens before `}`. */
  settingItems(into: Setting[]): void {
    this.entries('settings', "a setting (`name: value`) or '}'", into);
    this.MANY(this.settingIteration);
  }

  settingIteration = (): void => {
    const sep = this.seps[this.depth] as EntryState;
    this.separatorCheck(sep);
    const s = this.OR(this.settingEntryAlts);
    if (!this.recording && s) {
      (sep.into as Setting[]).push(s);
      this.afterEntry(sep);
      sep.bareKey = !s.colon && s.value?.kind === 'Name' && s.value.args === undefined ? s.key.name : undefined;
    }
  };

  settingEntryAlts = [{ ALT: (): Setting | undefined => this.SUBRULE(this.setting) }, { ALT: (): undefined => this.separatorComma() }];

  setting = this.RULE(
    'setting',
    (): Setting => {
      const key = this.CONSUME(IdentTok);
      const keyId = this.recording ? (undefined as unknown as Identifier) : identNode(key);
      const node = this.enter<Setting & AnyNode>({ kind: 'Setting', range: this.startRange(key), key: keyId, value: undefined, colon: false });
      this.OR(this.settingAlts);
      return this.done(node);
    },
    { recoveryValueFunc: (e) => this.recover(e) as Setting },
  );

  settingAlts = [
    {
      ALT: () => {
        const colon = this.CONSUME(Colon);
        const node = this.frames[this.depth] as unknown as Setting;
        if (!this.recording) node.colon = true;
        this.OPTION({
          // `key:` with nothing after it on its line, followed by the next `key:`: the value is missing
          GATE: () => !(this.LA(2).tokenType === Colon && isRealToken(this.LA(1)) && lineOf(this.LA(1).startOffset) > lineOf(colon.startOffset)),
          DEF: () => {
            const v = this.SUBRULE(this.expr);
            if (!this.recording) node.value = v;
          },
        });
        if (!this.recording && node.value === undefined) {
          const next = this.LA(1);
          this.problem('parse/missing-value', `expected a value after \`${node.key.name}:\`, found ${describeToken(next)}`, isRealToken(next) ? tokenRange(next) : tokenRange(colon));
        }
      },
    },
    {
      ALT: () => {
        const args = this.SUBRULE2(this.argList);
        if (!this.recording) {
          const node = this.frames[this.depth] as unknown as Setting;
          node.value = { kind: 'Name', name: node.key, args, range: { start: node.key.range.start, end: args.range.end } };
        }
      },
    },
    {
      ALT: () => {
        if (!this.recording) {
          const node = this.frames[this.depth] as unknown as Setting;
          node.value = { kind: 'Name', name: node.key, range: node.key.range };
        }
      },
    },
  ];

  // ---- layers ------------------------------------------------------------------------------

  /** Layer statements of `layers { }`, `repeat { }` and block bodies; inlined into each rule. */
  layerItems(into: LayerStmt[]): void {
    this.entries('layers', "a layer, `repeat` or '}'", into);
    this.MANY(this.layerIteration);
  }

  layerIteration = (): void => {
    const sep = this.seps[this.depth] as EntryState;
    this.separatorCheck(sep);
    const s = this.OR(this.layerAlts);
    if (s && !this.recording) {
      (sep.into as LayerStmt[]).push(s);
      this.afterEntry(sep);
    }
  };

  layerAlts = [
    { ALT: (): LayerStmt | undefined => this.SUBRULE(this.wordThenNumber) },
    { ALT: (): LayerStmt | undefined => this.SUBRULE(this.layerCall) },
    { ALT: (): LayerStmt | undefined => this.SUBRULE(this.repeatStmt, { ARGS: [this.CONSUME(Repeat)] }) },
    { ALT: (): undefined => this.separatorComma() },
  ];

  /** `repaet 2 { … }` (a misspelt `repeat`) or `dense 16` (arguments without parentheses). */
  wordThenNumber = this.RULE(
    'wordThenNumber',
    (): LayerStmt | undefined => {
      const word = this.CONSUME(IdentTok);
      const isRepeat = !this.recording && closestKeyword(word.image, ['repeat']) !== undefined;
      return this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            GATE: () => isRepeat,
            ALT: () => {
              if (!this.recording) {
                this.problem('parse/unknown-keyword', `unknown keyword \`${word.image}\`; did you mean \`repeat\`?`, tokenRange(word));
              }
              return this.SUBRULE(this.repeatStmt, { ARGS: [word] }) as LayerStmt | undefined;
            },
          },
          {
            ALT: () => {
              const n = this.CONSUME(NumberLit);
              if (this.recording) return undefined;
              this.problem(
                'parse/unexpected-token',
                `unexpected number \`${n.image}\` after \`${word.image}\`; arguments go in parentheses: \`${word.image}(${n.image})\``,
                tokenRange(n),
              );
              const id = identNode(word);
              // Keep the number as the call's one argument, so the layer is read as `dense(16)` and
              // analysis does not report the same slip a second time as a missing argument.
              const value = numberNode(n);
              const args: ArgList = { kind: 'ArgList', range: value.range, args: [{ kind: 'Argument', value, range: value.range }] };
              return { kind: 'LayerCall', name: id, args, range: { start: id.range.start, end: tokenEnd(n) } } satisfies LayerCall;
            },
          },
        ],
      });
    },
    { recoveryValueFunc: (e) => this.recover(e) as LayerStmt | undefined },
  );

  layerCall = this.RULE(
    'layerCall',
    (): LayerCall => {
      const name = this.CONSUME(IdentTok);
      const id = this.recording ? (undefined as unknown as Identifier) : identNode(name);
      const node = this.enter<LayerCall & AnyNode>({
        kind: 'LayerCall',
        range: this.recording ? (undefined as unknown as Range) : { start: id.range.start, end: id.range.end },
        name: id,
      });
      this.OPTION(this.layerCallArgs);
      return this.doneAt(node, this.recording ? (undefined as unknown as Position) : (node.args?.range.end ?? id.range.end));
    },
    { recoveryValueFunc: (e) => this.recover(e) as LayerCall },
  );

  layerCallArgs = (): void => {
    const args = this.SUBRULE(this.argList);
    if (!this.recording) (this.frames[this.depth] as unknown as LayerCall).args = args;
  };

  repeatStmt = this.RULE(
    'repeatStmt',
    (kw: IToken): RepeatStmt => {
      const node = this.enter<RepeatStmt & AnyNode>({
        kind: 'Repeat',
        range: this.startRange(kw),
        keywordRange: this.recording ? (undefined as unknown as Range) : tokenRange(kw),
        count: undefined,
        body: [],
      });
      const count = this.CONSUME(NumberLit);
      if (!this.recording && isRealToken(count)) node.count = numberNode(count);
      this.CONSUME(LCurly);
      this.layerItems(node.body);
      const close = this.CONSUME(RCurly);
      return this.done(node, close);
    },
    { recoveryValueFunc: (e) => this.recover(e) as RepeatStmt },
  );

  blockBody = this.RULE(
    'blockBody',
    (kw: IToken): BlockDecl => {
      const node = this.enter<BlockDecl & AnyNode>({ kind: 'Block', range: this.startRange(kw), name: undefined, params: [], body: [] });
      const nameTok = this.CONSUME(IdentTok);
      if (!this.recording) node.name = this.ident(nameTok);
      this.OPTION2(() => {
        this.CONSUME(LParen);
        let needComma = false;
        this.MANY2(() => {
          this.commaCheck(needComma, 'parameters');
          const p = this.CONSUME2(IdentTok);
          if (!this.recording) node.params.push(identNode(p));
          needComma = true;
          this.OPTION3(() => {
            this.CONSUME2(Comma);
            needComma = false;
          });
        });
        this.CONSUME(RParen);
      });
      this.CONSUME(LCurly);
      this.layerItems(node.body);
      const close = this.CONSUME(RCurly);
      return this.done(node, close);
    },
    { recoveryValueFunc: (e) => this.recover(e) as BlockDecl },
  );

  // ---- expressions -------------------------------------------------------------------------

  argList = this.RULE(
    'argList',
    (): ArgList => {
      const open = this.CONSUME(LParen);
      const node = this.enter<ArgList & AnyNode>({ kind: 'ArgList', range: this.startRange(open), args: [] });
      if (!this.recording) this.needComma[this.depth] = false;
      this.MANY(this.argIteration);
      const close = this.CONSUME(RParen);
      return this.done(node, close);
    },
    { recoveryValueFunc: (e) => this.recover(e) as ArgList },
  );

  /** Whether the argument list at a rule depth needs a comma before its next argument. */
  needComma: boolean[] = [];

  // One argument (and its comma). Cached functions rather than closures: argument lists are the
  // hottest path, and a closure per argument was a measurable share of the garbage.
  argIteration = (): void => {
    if (!this.recording && this.needComma[this.depth]) {
      const node = this.frames[this.depth] as unknown as ArgList;
      const last = node.args[node.args.length - 1];
      const v = last?.value;
      if (last && !last.name && v?.kind === 'Name' && !v.args) {
        // `classes 3`: a name then a value, where `name: value` was meant
        this.problem('parse/missing-colon', `expected ':' between \`${v.name.name}\` and its value`, tokenRange(this.LA(1)));
      } else this.commaCheck(true, 'arguments');
    }
    this.OR(this.argumentAlts);
    if (!this.recording) this.needComma[this.depth] = true;
    this.OPTION(this.argComma);
  };

  argComma = (): void => {
    this.CONSUME(Comma);
    if (!this.recording) this.needComma[this.depth] = false;
  };

  /** `name: value` or `value`, pushed straight into the argument list being parsed. */
  argumentAlts = [
    {
      ALT: () => {
        const name = this.CONSUME(IdentTok);
        let arg: Argument | undefined;
        if (!this.recording) {
          const id = identNode(name);
          arg = { kind: 'Argument', range: { start: id.range.start, end: id.range.end }, name: id };
          (this.frames[this.depth] as unknown as ArgList).args.push(arg);
        }
        this.CONSUME(Colon);
        const v = this.SUBRULE(this.expr);
        if (arg) {
          arg.value = v;
          arg.range.end = v ? v.range.end : this.lastEnd(arg.range.start);
        }
      },
    },
    {
      ALT: () => {
        const v = this.SUBRULE2(this.expr);
        if (!this.recording && v) {
          (this.frames[this.depth] as unknown as ArgList).args.push({ kind: 'Argument', range: { start: v.range.start, end: v.range.end }, value: v });
        }
      },
    },
  ];

  expr = this.RULE('expr', (): Expr => this.OR(this.exprAlts), { recoveryValueFunc: (e) => this.recover(e) as Expr });

  exprAlts = [
    { ALT: (): Expr => this.literal(this.CONSUME(NumberLit), 'Number') },
    { ALT: (): Expr => this.literal(this.CONSUME(StringLit), 'String') },
    { ALT: (): Expr => this.literal(this.CONSUME(True), 'Boolean') },
    { ALT: (): Expr => this.literal(this.CONSUME(False), 'Boolean') },
    {
      ALT: (): Expr => {
        // a name, optionally called: inlined here (not a subrule) because values are the hottest path
        const name = this.CONSUME(IdentTok);
        if (this.recording) {
          this.OPTION(this.nameArgs);
          return undefined as unknown as Expr;
        }
        const id = identNode(name);
        const node: NameExpr = { kind: 'Name', range: { start: id.range.start, end: id.range.end }, name: id };
        if (this.LA(1).tokenType === LParen) {
          this.enter(node as NameExpr & AnyNode);
          this.OPTION(this.nameArgs);
          this.frames[this.depth] = undefined;
        }
        return node;
      },
    },
    { ALT: (): Expr => this.SUBRULE(this.listExpr) },
  ];

  nameArgs = (): void => {
    const args = this.SUBRULE(this.argList);
    if (this.recording) return;
    const node = this.frames[this.depth] as unknown as NameExpr;
    node.args = args;
    node.range.end = args.range.end;
  };

  nameExpr = this.RULE(
    'nameExpr',
    (): NameExpr => {
      const name = this.CONSUME(IdentTok);
      const node = this.enter<NameExpr & AnyNode>({
        kind: 'Name',
        range: this.startRange(name),
        name: this.recording ? (undefined as unknown as Identifier) : identNode(name),
      });
      this.OPTION(() => {
        const args = this.SUBRULE(this.argList);
        if (!this.recording) node.args = args;
      });
      return this.done(node);
    },
    { recoveryValueFunc: (e) => this.recover(e) as NameExpr },
  );

  listExpr = this.RULE(
    'listExpr',
    (): ListExpr => {
      const open = this.CONSUME(LBracket);
      const node = this.enter<ListExpr & AnyNode>({ kind: 'List', range: this.startRange(open), items: [] });
      let needComma = false;
      this.MANY(() => {
        this.commaCheck(needComma, 'list items');
        const v = this.SUBRULE(this.expr);
        if (!this.recording) node.items.push(v);
        needComma = true;
        this.OPTION(() => {
          this.CONSUME(Comma);
          needComma = false;
        });
      });
      const close = this.CONSUME(RBracket);
      return this.done(node, close);
    },
    { recoveryValueFunc: (e) => this.recover(e) as ListExpr },
  );

  // ---- node builders -----------------------------------------------------------------------

  startRange(t: IToken): Range {
    if (this.recording) return undefined as unknown as Range;
    const s = tokenStart(t);
    return { start: s, end: s };
  }

  ident(t: IToken): Identifier | undefined {
    return isRealToken(t) ? identNode(t) : undefined;
  }

  literal(t: IToken, kind: 'Number' | 'String' | 'Boolean'): Expr {
    if (this.recording) return undefined as unknown as Expr;
    if (kind === 'Number') return numberNode(t);
    if (kind === 'String') return stringNode(t);
    return { kind: 'Boolean', value: t.image === 'true', range: tokenRange(t) } satisfies BooleanLiteral;
  }
}

/** Chevrotain's in-repetition recovery skips stray tokens; flag it so the message can say "unexpected". */
const baseTryInRepetitionRecovery = (EmbeddedActionsParser.prototype as unknown as Record<string, (...a: unknown[]) => unknown>)[
  'tryInRepetitionRecovery'
] as (...a: unknown[]) => unknown;
(AxonParser.prototype as unknown as Record<string, unknown>)['tryInRepetitionRecovery'] = function (this: AxonParser, ...args: unknown[]) {
  this.stray = true;
  try {
    return baseTryInRepetitionRecovery.apply(this, args);
  } finally {
    this.stray = false;
  }
};

function identNode(t: IToken): Identifier {
  return { kind: 'Identifier', name: t.image, range: tokenRange(t) };
}

function numberNode(t: IToken): NumberLiteral {
  return { kind: 'Number', value: numberValue(t.image), raw: t.image, range: tokenRange(t) };
}

/** The value of a number token; short plain integers (most of them) without the general conversion. */
function numberValue(image: string): number {
  const n = image.length;
  if (n <= 9) {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const d = image.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return Number(image);
      v = v * 10 + d;
    }
    return v;
  }
  return Number(image);
}

function stringNode(t: IToken): StringLiteral {
  return { kind: 'String', value: unescapeString(t.image), raw: t.image, range: tokenRange(t) };
}

/** Puts a partially parsed child where it belongs in its partially parsed parent. */
function adopt(parent: AnyNode, child: AnyNode): void {
  const p = parent as Record<string, unknown>;
  switch (parent.kind) {
    case 'Program':
      if (child.kind === 'Network' || child.kind === 'Block') (p['items'] as unknown[]).push(child);
      break;
    case 'Network':
      if (['Input', 'Task', 'Layers', 'Train', 'Data'].includes(child.kind)) (p['members'] as unknown[]).push(child);
      break;
    case 'Layers':
      if (child.kind === 'LayerCall' || child.kind === 'Repeat') (p['items'] as unknown[]).push(child);
      break;
    case 'Repeat':
    case 'Block':
      if (child.kind === 'LayerCall' || child.kind === 'Repeat') (p['body'] as unknown[]).push(child);
      break;
    case 'Train':
    case 'Data':
      if (child.kind === 'Setting') (p['settings'] as unknown[]).push(child);
      break;
    case 'ArgList': {
      const args = p['args'] as Argument[];
      const last = args[args.length - 1];
      if (child.kind === 'Argument') args.push(child as unknown as Argument);
      else if (child.kind === 'ArgList') break;
      else if (last && last.name && last.value === undefined) {
        last.value = child as unknown as Expr;
        last.range.end = child.range.end;
      } else args.push({ kind: 'Argument', range: { start: child.range.start, end: child.range.end }, value: child as unknown as Expr });
      break;
    }
    case 'List':
      (p['items'] as unknown[]).push(child);
      break;
    case 'LayerCall':
    case 'Name':
      if (child.kind === 'ArgList' && p['args'] === undefined) p['args'] = child;
      break;
    case 'Task':
      if (child.kind === 'Name' && p['value'] === undefined) p['value'] = child;
      break;
    case 'Setting':
    case 'Argument':
      if (child.kind !== 'ArgList' && p['value'] === undefined) p['value'] = child;
      break;
  }
}

// ---- error messages --------------------------------------------------------------------------

let current: AxonParser | undefined;

function openerText(node: AnyNode | undefined, expected: TokenType): string {
  if (!node) return '';
  const line = node.range.start.line;
  const col = node.range.start.column;
  switch (node.kind) {
    case 'Network': {
      const n = (node as unknown as NetworkDecl).name?.name;
      return ` to close \`network${n ? ' ' + n : ''}\` opened at line ${line}`;
    }
    case 'Block': {
      const n = (node as unknown as BlockDecl).name?.name;
      if (expected === RParen) return ` to close the parameters of \`block${n ? ' ' + n : ''}\` at line ${line}`;
      return ` to close \`block${n ? ' ' + n : ''}\` opened at line ${line}`;
    }
    case 'Layers':
      return ` to close \`layers\` opened at line ${line}`;
    case 'Repeat':
      return ` to close \`repeat\` opened at line ${line}`;
    case 'Train':
      return ` to close \`train\` opened at line ${line}`;
    case 'Data':
      return ` to close \`data\` opened at line ${line}`;
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

/** `after \`layers\``: where a missing '{' belonged. */
function headerText(node: AnyNode | undefined): string {
  if (!node) return '';
  switch (node.kind) {
    case 'Network': {
      const n = (node as unknown as NetworkDecl).name?.name;
      return ` after \`network${n ? ' ' + n : ''}\``;
    }
    case 'Block': {
      const n = (node as unknown as BlockDecl).name?.name;
      return ` after \`block${n ? ' ' + n : ''}\``;
    }
    case 'Repeat': {
      const c = (node as unknown as RepeatStmt).count?.raw;
      return ` after \`repeat${c ? ' ' + c : ''}\``;
    }
    case 'Layers':
      return ' after `layers`';
    case 'Train':
      return ' after `train`';
    case 'Data':
      return ' after `data`';
    default:
      return '';
  }
}

function strayExpectation(node: AnyNode | undefined, expected: TokenType): string {
  if (expected === EOF || !node) return '`network` or `block`';
  switch (node.kind) {
    case 'Network':
      return "`input`, `task`, `layers`, `train`, `data` or '}'";
    case 'Layers':
    case 'Repeat':
      return "a layer, `repeat` or '}'";
    case 'Block':
      return expected === RParen ? "a parameter name or ')'" : "a layer, `repeat` or '}'";
    case 'Train':
    case 'Data':
      return "a setting (`name: value`) or '}'";
    case 'ArgList':
      return "an argument or ')'";
    case 'List':
      return "a value or ']'";
    case 'Input':
      return "a number or ']'";
    default:
      return `'${tokenLabel(expected)}'`;
  }
}

function tokenLabel(t: TokenType): string {
  const p = t.PATTERN;
  return typeof p === 'string' ? p : t.name;
}

function expectedText(t: TokenType, ruleName: string): string {
  if (t === IdentTok) {
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

function codeFor(expected: TokenType): string {
  if (expected === RCurly || expected === LCurly) return 'parse/missing-brace';
  if (expected === RParen) return 'parse/missing-paren';
  if (expected === RBracket) return 'parse/missing-bracket';
  return 'parse/unexpected-token';
}

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    countError();
    const p = current;
    const node = p ? (p.frames[p.depth] as AnyNode | undefined) : undefined;
    if (p?.stray) {
      p.stray = false;
      return `parse/unexpected-token${CODE_SEP}unexpected ${describeToken(actual)}; expected ${strayExpectation(ruleName === 'program' ? undefined : node, expected)}`;
    }
    const closing = expected === RCurly || expected === RParen || expected === RBracket;
    const ctx = closing ? openerText(node, expected) : expected === LCurly ? headerText(node) : '';
    return `${codeFor(expected)}${CODE_SEP}expected ${expectedText(expected, ruleName)}${ctx}, found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    countError();
    return `parse/unexpected-token${CODE_SEP}unexpected ${describeToken(firstRedundant)}; expected \`network\` or \`block\``;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    countError();
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
    const what = ruleName === 'expr' || ruleName === 'argument' ? 'a value (a number, a string, `true`, `false`, a name or a list)' : joinOr(firsts);
    return `parse/unexpected-token${CODE_SEP}expected ${what}, found ${describeToken(actual[0] as IToken)}`;
  },
  buildEarlyExitMessage({ actual, ruleName, expectedIterationPaths }) {
    countError();
    const firsts = expectedIterationPaths.map((p) => (p[0] ? expectedText(p[0], ruleName) : '')).filter((s) => s);
    return `parse/unexpected-token${CODE_SEP}expected ${joinOr(firsts)}, found ${describeToken(actual[0] as IToken)}`;
  },
};

function joinOr(items: string[]): string {
  if (items.length <= 1) return items[0] ?? 'something else';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

// ---- the one parser instance ------------------------------------------------------------------

let instance: AxonParser | undefined;

export interface RawParse {
  items: TopLevel[];
  errors: IRecognitionException[];
  problems: SyntaxProblem[];
  /** True when the parser gave up after `MAX_SYNTAX_ERRORS` errors. */
  stopped: boolean;
}

/** Runs the parser over a token vector. May throw only on internal bugs (callers guard). */
export function runParser(tokens: IToken[]): RawParse {
  instance ??= new AxonParser();
  const p = instance;
  current = p;
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
    const program = p.frames[0] as { items?: TopLevel[] } | undefined;
    items = program?.items ?? [];
    stopped = true;
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
  const result = { items, errors: p.errors, problems: p.problems, stopped };
  // let go of this file's tokens and partial nodes (a language server parses many files)
  p.startParse([]);
  return result;
}

/** Past this many syntax errors the parser stops: the rest would be noise, and slow to produce. */
export const MAX_SYNTAX_ERRORS = 100;

class TooManyErrors extends Error {}

function countError(): void {
  const p = current;
  if (p && p.errors.length + p.problems.length >= MAX_SYNTAX_ERRORS) throw new TooManyErrors('too many syntax errors');
}

export function isEofToken(t: IToken): boolean {
  return tokenMatcher(t, EOF) || !(t.startOffset >= 0);
}
