/**
 * The Axon grammar (docs/grammar.md): a chevrotain `EmbeddedActionsParser` whose rules build the
 * AST of `ast.ts` directly (no CST), with chevrotain's error recovery on.
 *
 * How a failed rule still yields its partial node: recovery.ts. What errors say: parse-errors.ts.
 * Besides chevrotain's recognition errors the rules check what the grammar alone cannot: separators
 * between entries, misspelt keywords, missing values (`problems`).
 */
import type { IOrAlt, IToken } from 'chevrotain';
import type {
  ArgList,
  Argument,
  BlockDecl,
  BooleanLiteral,
  BranchStmt,
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
  ParallelStmt,
  Position,
  Range,
  RepeatStmt,
  ResidualStmt,
  Setting,
  ShortcutClause,
  TaskDecl,
  TopLevel,
  TrainDecl,
} from '../ast.js';
import { DECLARATIONS, NETWORK_SECTIONS, type Keyword } from '../catalog.js';
import {
  allTokens,
  Block,
  Branch,
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
  Parallel,
  RBracket,
  RCurly,
  Repeat,
  Residual,
  RParen,
  Shortcut,
  StringLit,
  Task,
  Train,
  True,
} from '../lexer.js';
import { isRealToken, lineOf, START, tokenEnd, tokenRange, tokenStart } from '../ranges.js';
import { closestKeyword } from '../syntax-text.js';
import { identNode, numberNode, stringNode } from './nodes.js';
import { EXPECTED, problem, RecognitionMessages, type ParserState, type SyntaxProblem } from './parse-errors.js';
import { LAYER_STMT_KINDS, RecoveringParser, type PartialNode } from './recovery.js';

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
  /** The node kinds that list holds: recovery inside junk may hand back another node it was building. */
  kinds: ReadonlySet<string>;
}

/** What each entry list holds, by its `what`. */
const ENTRY_KINDS: Record<string, ReadonlySet<string>> = {
  members: new Set(['Input', 'Task', 'Layers', 'Train', 'Data']),
  settings: new Set(['Setting']),
  layers: LAYER_STMT_KINDS,
  branches: new Set(['Branch']),
};

const REPEAT = ['repeat'] as const satisfies readonly Keyword[];
/** The keywords a `{` follows directly in a layer list. */
const BRACED = ['residual', 'parallel', 'shortcut', 'branch'] as const satisfies readonly Keyword[];

export class AxonParser extends RecoveringParser implements ParserState {
  /** The parser's own checks' findings (not chevrotain's recognition errors). */
  problems: SyntaxProblem[] = [];
  private readonly messages: RecognitionMessages;

  /**
   * `validate` runs chevrotain's grammar checks (ambiguities, left recursion, …) in
   * `performSelfAnalysis`. The grammar is fixed when the package is built, so the parser every call
   * shares skips them (start-up cost) and a test builds one with them (lexer-validation.test.ts).
   */
  constructor(options: { validate?: boolean } = {}) {
    const messages = new RecognitionMessages();
    super(allTokens, { recoveryEnabled: true, maxLookahead: 2, errorMessageProvider: messages, skipValidations: !options.validate });
    this.messages = messages;
    messages.attach(this);
    this.performSelfAnalysis();
  }

  startParse(tokens: IToken[]): void {
    this.input = tokens;
    this.resetFrames();
    this.problems = [];
    this.messages.reset();
  }

  /** The declarations read so far, when the parse stopped early. */
  programSoFar(): TopLevel[] {
    return (this.frames[0] as { items?: TopLevel[] } | undefined)?.items ?? [];
  }

  /** The code of each of `errors`, in order. */
  get errorCodes(): readonly string[] {
    return this.messages.codes;
  }

  get errorCount(): number {
    return this.errors.length;
  }

  get problemCount(): number {
    return this.problems.length;
  }

  report(p: Omit<SyntaxProblem, 'range'>, range: Range): void {
    this.problems.push({ code: p.code, message: p.message, range });
  }

  // ---- entry lists -------------------------------------------------------------------------

  /** Separator state of the entry list being parsed, by rule depth. */
  seps: EntryState[] = [];

  entries(what: string, expected: string, into: unknown[] | undefined): EntryState {
    const state: EntryState = { line: -1, comma: true, what, expected, into: into ?? [], kinds: ENTRY_KINDS[what] ?? new Set() };
    if (!this.recording) this.seps[this.depth] = state;
    return state;
  }

  /** A comma between entries: one is a separator, a second one (or one before any entry) is a stray. */
  separatorComma(): undefined {
    const c = this.CONSUME(Comma);
    if (this.recording) return undefined;
    const state = this.seps[this.depth];
    if (state) {
      if (state.comma) this.report(problem.unexpected(c, state.expected), tokenRange(c));
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
      if (state.bareKey !== undefined) this.report(problem.missingColon(state.bareKey), tokenRange(next));
      else this.report(problem.missingSeparator(state.what), tokenRange(next));
    }
  }

  afterEntry(state: EntryState): void {
    if (this.recording) return;
    const prev = this.LA(0);
    state.line = isRealToken(prev) ? lineOf(prev.startOffset + prev.image.length - 1) : -1;
    state.comma = false;
  }

  /** One entry of the list being parsed (a member, a setting, a layer): separator check, entry, into the list. */
  nextEntry<T extends { kind: string }>(alts: IOrAlt<T | undefined>[]): T | undefined {
    const sep = this.seps[this.depth] as EntryState;
    this.separatorCheck(sep);
    const entry = this.OR(alts);
    if (entry && !this.recording && sep.kinds.has(entry.kind)) {
      sep.into.push(entry);
      this.afterEntry(sep);
      return entry;
    }
    return undefined;
  }

  commaCheck(needComma: boolean, what: string): void {
    if (this.recording || !needComma) return;
    this.report(problem.missingComma(what), tokenRange(this.LA(1)));
  }

  // ---- top level ---------------------------------------------------------------------------

  program = this.rule(
    'program',
    (): TopLevel[] => {
      const items: TopLevel[] = [];
      this.enter({ kind: 'Program', range: { start: START, end: START }, items });
      this.MANY(() => {
        const item = this.OR(this.topAlts);
        // Recovery inside junk may hand back whatever node it was building (a repeat, a layer):
        // only networks and blocks belong at the top level.
        if (item && !this.recording && (item.kind === 'Network' || item.kind === 'Block')) items.push(item);
      });
      return items;
    },
    (partial) => ((partial as { items?: TopLevel[] } | undefined)?.items ?? []) as TopLevel[],
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
  misspeltTop = this.rule('misspeltTop', (kw: IToken): TopLevel | undefined => {
    const guess = this.misspelt(kw, DECLARATIONS, EXPECTED.declaration);
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => guess === 'network', ALT: () => this.SUBRULE(this.networkBody, { ARGS: [kw] }) as TopLevel | undefined },
        { GATE: () => guess === 'block', ALT: () => this.SUBRULE(this.blockBody, { ARGS: [kw] }) as TopLevel | undefined },
        this.junkAlt,
      ],
    });
  });

  /**
   * A word where one of `keywords` belongs: reported as that keyword misspelt (and returned, so the
   * caller parses on as if it had been written), or as an unexpected token.
   */
  misspelt<K extends string>(kw: IToken, keywords: readonly K[], expected: string): K | undefined {
    if (this.recording) return undefined;
    const guess = closestKeyword(kw.image, keywords);
    this.report(guess !== undefined ? problem.unknownKeyword(kw.image, guess) : problem.unexpected(kw, expected), tokenRange(kw));
    return guess;
  }

  /** The last choice after a misspelt keyword: skip what follows it as a unit. */
  junkAlt = {
    ALT: (): undefined => {
      this.SUBRULE(this.junkRest);
      return undefined;
    },
  };

  networkBody = this.rule('networkBody', (kw: IToken): NetworkDecl => {
    const node = this.enter<NetworkDecl & PartialNode>({ kind: 'Network', range: this.startRange(kw), name: undefined, members: [] });
    const nameTok = this.CONSUME(IdentTok);
    if (!this.recording) node.name = this.ident(nameTok);
    this.CONSUME(LCurly);
    this.entries('members', EXPECTED.member, node.members);
    this.MANY(this.memberIteration);
    const close = this.CONSUME(RCurly);
    return this.done(node, close);
  });

  memberIteration = (): void => {
    this.nextEntry(this.memberAlts);
  };

  memberAlts = [
    { ALT: (): NetworkMember | undefined => this.SUBRULE(this.inputRest, { ARGS: [this.CONSUME(Input)] }) },
    { ALT: (): NetworkMember | undefined => this.SUBRULE(this.taskRest, { ARGS: [this.CONSUME(Task)] }) },
    { ALT: (): NetworkMember | undefined => this.SUBRULE(this.layersRest, { ARGS: [this.CONSUME(Layers)] }) },
    { ALT: (): NetworkMember | undefined => this.SUBRULE(this.settingsSection, { ARGS: [this.CONSUME(Train), 'Train'] }) },
    { ALT: (): NetworkMember | undefined => this.SUBRULE2(this.settingsSection, { ARGS: [this.CONSUME(Data), 'Data'] }) },
    { ALT: (): NetworkMember | undefined => this.SUBRULE(this.misspeltMember, { ARGS: [this.CONSUME2(IdentTok)] }) },
    { ALT: (): undefined => this.separatorComma() },
  ];

  /** An identifier where a network section keyword belongs. */
  misspeltMember = this.rule('misspeltMember', (kw: IToken): NetworkMember | undefined => {
    const guess = this.misspelt(kw, NETWORK_SECTIONS, EXPECTED.member);
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => guess === 'input', ALT: () => this.SUBRULE(this.inputRest, { ARGS: [kw] }) as NetworkMember | undefined },
        { GATE: () => guess === 'task', ALT: () => this.SUBRULE(this.taskRest, { ARGS: [kw] }) },
        { GATE: () => guess === 'layers', ALT: () => this.SUBRULE(this.layersRest, { ARGS: [kw] }) },
        { GATE: () => guess === 'train', ALT: () => this.SUBRULE(this.settingsSection, { ARGS: [kw, 'Train'] }) },
        { GATE: () => guess === 'data', ALT: () => this.SUBRULE2(this.settingsSection, { ARGS: [kw, 'Data'] }) },
        this.junkAlt,
      ],
    });
  });

  /** Whatever follows an unknown word, skipped as a unit: `(args)`, `: value`, `{ entries }`. */
  junkRest = this.rule(
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
    () => undefined,
  );

  // ---- network sections --------------------------------------------------------------------

  inputRest = this.rule('inputRest', (kw: IToken): InputDecl => {
    const node = this.enter<InputDecl & PartialNode>({ kind: 'Input', range: this.startRange(kw), dims: [] });
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
  });

  taskRest = this.rule('taskRest', (kw: IToken): TaskDecl => {
    const node = this.enter<TaskDecl & PartialNode>({ kind: 'Task', range: this.startRange(kw), value: undefined });
    this.OPTION(() => {
      const v = this.SUBRULE(this.nameExpr);
      if (!this.recording) node.value = v;
    });
    if (!this.recording && node.value === undefined) {
      const next = this.LA(1);
      this.report(problem.missingTask(next), isRealToken(next) ? tokenRange(next) : tokenRange(kw));
    }
    return this.done(node);
  });

  layersRest = this.rule('layersRest', (kw: IToken): LayersDecl => {
    const keywordRange = this.recording ? undefined : tokenRange(kw);
    const node = this.enter<LayersDecl & PartialNode>({ kind: 'Layers', range: this.startRange(kw), keywordRange, items: [] });
    this.CONSUME(LCurly);
    this.layerItems(node.items);
    const close = this.CONSUME(RCurly);
    return this.done(node, close);
  });

  /** `train { … }` or `data { … }`: a list of settings. */
  settingsSection = this.rule('settingsSection', (kw: IToken, kind: 'Train' | 'Data'): TrainDecl | DataDecl => {
    const node = this.enter<(TrainDecl | DataDecl) & PartialNode>({ kind, range: this.startRange(kw), settings: [] });
    this.CONSUME(LCurly);
    this.entries('settings', EXPECTED.setting, node.settings);
    this.MANY(this.settingIteration);
    const close = this.CONSUME(RCurly);
    return this.done(node, close);
  });

  settingIteration = (): void => {
    const s = this.nextEntry(this.settingEntryAlts);
    if (!this.recording && s) {
      (this.seps[this.depth] as EntryState).bareKey = !s.colon && s.value?.kind === 'Name' && s.value.args === undefined ? s.key.name : undefined;
    }
  };

  settingEntryAlts = [{ ALT: (): Setting | undefined => this.SUBRULE(this.setting) }, { ALT: (): undefined => this.separatorComma() }];

  setting = this.rule('setting', (): Setting => {
    const key = this.CONSUME(IdentTok);
    const keyId = this.recording ? (undefined as unknown as Identifier) : identNode(key);
    const node = this.enter<Setting & PartialNode>({ kind: 'Setting', range: this.startRange(key), key: keyId, value: undefined, colon: false });
    this.OR(this.settingAlts);
    return this.done(node);
  });

  settingAlts = [
    {
      ALT: () => {
        const colon = this.CONSUME(Colon);
        const node = this.frame as unknown as Setting;
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
          this.report(problem.missingValue(node.key.name, next), isRealToken(next) ? tokenRange(next) : tokenRange(colon));
        }
      },
    },
    {
      ALT: () => {
        const args = this.SUBRULE2(this.argList);
        if (!this.recording) {
          const node = this.frame as unknown as Setting;
          node.value = { kind: 'Name', name: node.key, args, range: { start: node.key.range.start, end: args.range.end } };
        }
      },
    },
    {
      ALT: () => {
        if (!this.recording) {
          const node = this.frame as unknown as Setting;
          node.value = { kind: 'Name', name: node.key, range: node.key.range };
        }
      },
    },
  ];

  // ---- layers ------------------------------------------------------------------------------

  /** Layer statements of `layers { }`, `repeat { }` and block bodies; inlined into each rule so recovery can skip stray tokens before `}`. */
  layerItems(into: LayerStmt[]): void {
    this.entries('layers', EXPECTED.layer, into);
    this.MANY(this.layerIteration);
  }

  layerIteration = (): void => {
    this.nextEntry(this.layerAlts);
  };

  layerAlts = [
    { ALT: (): LayerStmt | undefined => this.SUBRULE(this.wordThenNumber) },
    {
      // only a word directly followed by `{` (the rule could go on into `paralel(…)`'s arguments, which a layer call reads)
      GATE: () => this.LA(2).tokenType === LCurly,
      IGNORE_AMBIGUITIES: true,
      ALT: (): LayerStmt | undefined => this.SUBRULE(this.wordThenBrace),
    },
    { ALT: (): LayerStmt | undefined => this.SUBRULE(this.layerCall) },
    { ALT: (): LayerStmt | undefined => this.SUBRULE(this.repeatStmt, { ARGS: [this.CONSUME(Repeat)] }) },
    { ALT: (): LayerStmt | undefined => this.SUBRULE(this.residualStmt, { ARGS: [this.CONSUME(Residual)] }) },
    { ALT: (): LayerStmt | undefined => this.SUBRULE(this.parallelStmt, { ARGS: [this.CONSUME(Parallel)] }) },
    { ALT: (): undefined => this.SUBRULE(this.strayClause, { ARGS: [this.CONSUME(Shortcut), 'Shortcut'] }) },
    { ALT: (): undefined => this.SUBRULE2(this.strayClause, { ARGS: [this.CONSUME(Branch), 'Branch'] }) },
    { ALT: (): undefined => this.separatorComma() },
  ];

  /** `residaul { … }`, `paralel { … }`: a misspelt construct keyword, parsed as the construct; any other word before `{` is skipped with its body. */
  wordThenBrace = this.rule('wordThenBrace', (): LayerStmt | undefined => {
    const word = this.CONSUME(IdentTok);
    const guess = this.recording ? undefined : closestKeyword(word.image, BRACED);
    if (!this.recording) this.report(guess ? problem.unknownKeyword(word.image, guess) : problem.unexpected(this.LA(1), EXPECTED.layer), tokenRange(guess ? word : this.LA(1)));
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => guess === 'residual', ALT: () => this.SUBRULE(this.residualStmt, { ARGS: [word] }) as LayerStmt | undefined },
        { GATE: () => guess === 'parallel', ALT: () => this.SUBRULE(this.parallelStmt, { ARGS: [word] }) as LayerStmt | undefined },
        {
          ALT: (): undefined => {
            this.SUBRULE(this.clause, { ARGS: [word, guess === 'shortcut' ? 'Shortcut' : 'Branch'] });
            return undefined;
          },
        },
      ],
    });
  });

  /** `repaet 2 { … }` (a misspelt `repeat`) or `dense 16` (arguments without parentheses). */
  wordThenNumber = this.rule('wordThenNumber', (): LayerStmt | undefined => {
    const word = this.CONSUME(IdentTok);
    const isRepeat = !this.recording && closestKeyword(word.image, REPEAT) !== undefined;
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => isRepeat,
          ALT: () => {
            if (!this.recording) this.report(problem.unknownKeyword(word.image, REPEAT[0]), tokenRange(word));
            return this.SUBRULE(this.repeatStmt, { ARGS: [word] }) as LayerStmt | undefined;
          },
        },
        {
          ALT: () => {
            const n = this.CONSUME(NumberLit);
            if (this.recording) return undefined;
            this.report(problem.argumentsWithoutParentheses(word.image, n.image), tokenRange(n));
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
  });

  layerCall = this.rule('layerCall', (): LayerCall => {
    const name = this.CONSUME(IdentTok);
    const id = this.recording ? (undefined as unknown as Identifier) : identNode(name);
    const node = this.enter<LayerCall & PartialNode>({
      kind: 'LayerCall',
      range: this.recording ? (undefined as unknown as Range) : { start: id.range.start, end: id.range.end },
      name: id,
    });
    this.OPTION(this.layerCallArgs);
    return this.doneAt(node, this.recording ? (undefined as unknown as Position) : (node.args?.range.end ?? id.range.end));
  });

  layerCallArgs = (): void => {
    const args = this.SUBRULE(this.argList);
    if (!this.recording) (this.frame as unknown as LayerCall).args = args;
  };

  repeatStmt = this.rule('repeatStmt', (kw: IToken): RepeatStmt => {
    const node = this.enter<RepeatStmt & PartialNode>({
      kind: 'Repeat',
      range: this.startRange(kw),
      keywordRange: this.tokenRangeOf(kw),
      count: undefined,
      body: [],
    });
    const count = this.CONSUME(NumberLit);
    if (!this.recording && isRealToken(count)) node.count = numberNode(count);
    this.CONSUME(LCurly);
    this.layerItems(node.body);
    const close = this.CONSUME(RCurly);
    return this.done(node, close);
  });

  /** `residual { … }`, optionally followed by `shortcut { … }`. */
  residualStmt = this.rule('residualStmt', (kw: IToken): ResidualStmt => {
    const node = this.enter<ResidualStmt & PartialNode>({
      kind: 'Residual',
      range: this.startRange(kw),
      keywordRange: this.tokenRangeOf(kw),
      body: [],
      bodyRange: this.startRange(kw),
    });
    const open = this.CONSUME(LCurly);
    if (!this.recording && isRealToken(open)) node.bodyRange = tokenRange(open);
    this.layerItems(node.body);
    const close = this.CONSUME(RCurly);
    if (!this.recording && isRealToken(close)) node.bodyRange = { start: node.bodyRange.start, end: tokenEnd(close) };
    this.OPTION(this.shortcutOption);
    return this.done(node);
  });

  shortcutOption = (): void => {
    const clause = this.SUBRULE(this.clause, { ARGS: [this.CONSUME2(Shortcut), 'Shortcut'] });
    if (!this.recording && clause) (this.frame as unknown as ResidualStmt).shortcut = clause as ShortcutClause;
  };

  /** `parallel(merge: …) { branch { … } … }` */
  parallelStmt = this.rule('parallelStmt', (kw: IToken): ParallelStmt => {
    const node = this.enter<ParallelStmt & PartialNode>({
      kind: 'Parallel',
      range: this.startRange(kw),
      keywordRange: this.tokenRangeOf(kw),
      args: undefined,
      branches: [],
    });
    this.OPTION(() => {
      const args = this.SUBRULE(this.argList);
      if (!this.recording) node.args = args;
    });
    this.CONSUME(LCurly);
    this.entries('branches', EXPECTED.branch, node.branches);
    this.MANY(this.branchIteration);
    const close = this.CONSUME(RCurly);
    return this.done(node, close);
  });

  // Branches need no separator between them (`branch { } branch { }` reads as two); a stray comma is still reported.
  branchIteration = (): void => {
    const b = this.OR(this.branchAlts);
    const sep = this.seps[this.depth] as EntryState;
    if (b && !this.recording && sep.kinds.has(b.kind)) {
      sep.into.push(b);
      sep.comma = false;
    }
  };

  branchAlts = [
    { ALT: (): BranchStmt | undefined => this.SUBRULE(this.clause, { ARGS: [this.CONSUME(Branch), 'Branch'] }) as BranchStmt | undefined },
    {
      // a layer written straight inside `parallel { }`: reported, skipped as a unit
      ALT: (): undefined => {
        const call = this.SUBRULE(this.layerCall);
        if (!this.recording && call?.name) {
          this.report(problem.layerOutsideBranch(call.name.name), call.range);
          (this.seps[this.depth] as EntryState).comma = false;
        }
        return undefined;
      },
    },
    { ALT: (): undefined => this.separatorComma() },
  ];

  /** `shortcut { … }` or `branch { … }`: a keyword and a layer list. */
  clause = this.rule('clause', (kw: IToken, kind: 'Shortcut' | 'Branch'): ShortcutClause | BranchStmt => {
    const node = this.enter<(ShortcutClause | BranchStmt) & PartialNode>({
      kind,
      range: this.startRange(kw),
      keywordRange: this.tokenRangeOf(kw),
      items: [],
    });
    this.CONSUME(LCurly);
    this.layerItems(node.items);
    const close = this.CONSUME(RCurly);
    return this.done(node, close);
  });

  /** `shortcut { … }` not right after a residual's body, or `branch { … }` outside `parallel { }`: reported, its layers skipped. */
  strayClause = this.rule('strayClause', (kw: IToken, kind: 'Shortcut' | 'Branch'): undefined => {
    if (!this.recording) {
      // `branch` inside a branch: most likely the branch before it was left open
      const outer = this.frames[this.depth - 1];
      if (kind === 'Branch' && outer?.kind === 'Branch') this.report(problem.unclosedBranch(outer.range.start.line), tokenRange(kw));
      else this.report(kind === 'Shortcut' ? problem.strayShortcut() : problem.strayBranch(), tokenRange(kw));
    }
    this.SUBRULE(this.clause, { ARGS: [kw, kind] });
    return undefined;
  }, () => undefined);

  blockBody = this.rule('blockBody', (kw: IToken): BlockDecl => {
    const node = this.enter<BlockDecl & PartialNode>({ kind: 'Block', range: this.startRange(kw), name: undefined, params: [], body: [] });
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
  });

  // ---- expressions -------------------------------------------------------------------------

  argList = this.rule('argList', (): ArgList => {
    const open = this.CONSUME(LParen);
    const node = this.enter<ArgList & PartialNode>({ kind: 'ArgList', range: this.startRange(open), args: [] });
    if (!this.recording) this.needComma[this.depth] = false;
    this.MANY(this.argIteration);
    const close = this.CONSUME(RParen);
    return this.done(node, close);
  });

  /** Whether the argument list at a rule depth needs a comma before its next argument. */
  needComma: boolean[] = [];

  // One argument (and its comma). Cached functions rather than closures: argument lists are the
  // hottest path, and a closure per argument was a measurable share of the garbage.
  argIteration = (): void => {
    if (!this.recording && this.needComma[this.depth]) {
      const node = this.frame as unknown as ArgList;
      const last = node.args[node.args.length - 1];
      const v = last?.value;
      if (last && !last.name && v?.kind === 'Name' && !v.args) {
        // `classes 3`: a name then a value, where `name: value` was meant
        this.report(problem.missingColon(v.name.name), tokenRange(this.LA(1)));
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
          (this.frame as unknown as ArgList).args.push(arg);
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
          (this.frame as unknown as ArgList).args.push({ kind: 'Argument', range: { start: v.range.start, end: v.range.end }, value: v });
        }
      },
    },
  ];

  expr = this.rule('expr', (): Expr => this.OR(this.exprAlts));

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
          this.enter(node as NameExpr & PartialNode);
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
    const node = this.frame as unknown as NameExpr;
    node.args = args;
    node.range.end = args.range.end;
  };

  nameExpr = this.rule('nameExpr', (): NameExpr => {
    const name = this.CONSUME(IdentTok);
    const node = this.enter<NameExpr & PartialNode>({
      kind: 'Name',
      range: this.startRange(name),
      name: this.recording ? (undefined as unknown as Identifier) : identNode(name),
    });
    this.OPTION(() => {
      const args = this.SUBRULE(this.argList);
      if (!this.recording) node.args = args;
    });
    return this.done(node);
  });

  listExpr = this.rule('listExpr', (): ListExpr => {
    const open = this.CONSUME(LBracket);
    const node = this.enter<ListExpr & PartialNode>({ kind: 'List', range: this.startRange(open), items: [] });
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
  });

  // ---- node builders -----------------------------------------------------------------------

  startRange(t: IToken): Range {
    if (this.recording) return undefined as unknown as Range;
    const s = tokenStart(t);
    return { start: s, end: s };
  }

  /** `tokenRange(t)`, skipped while recording (like `startRange`). */
  tokenRangeOf(t: IToken): Range {
    return this.recording ? (undefined as unknown as Range) : tokenRange(t);
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
