/**
 * The Axon syntax tree. Plain data: no parent pointers, no methods.
 *
 * Every node carries the source range it was parsed from. After error recovery a node may miss
 * children: every child that the grammar makes optional, or that recovery can drop, is typed
 * optional here, and consumers must not assume it is present.
 */

/** A point in the source. `offset` is 0-based (UTF-16 code units); `line` and `column` are 1-based. */
export interface Position {
  offset: number;
  line: number;
  column: number;
}

/** A half-open source range: `start` is the first character, `end` is just past the last one. */
export interface Range {
  start: Position;
  end: Position;
}

export interface NodeBase {
  range: Range;
}

export interface Identifier extends NodeBase {
  kind: 'Identifier';
  name: string;
}

export interface Comment extends NodeBase {
  kind: 'Comment';
  /** The full comment text including its delimiters (`// …` or `/* … *\/`). */
  text: string;
  block: boolean;
}

export interface NumberLiteral extends NodeBase {
  kind: 'Number';
  value: number;
  /** The text as written (`1e-3`, `0.20`), kept so the formatter never changes a number's spelling. */
  raw: string;
}

export interface StringLiteral extends NodeBase {
  kind: 'String';
  /** The unescaped value. */
  value: string;
  /** The text as written, quotes included. */
  raw: string;
}

export interface BooleanLiteral extends NodeBase {
  kind: 'Boolean';
  value: boolean;
}

/** A parenthesised argument list `( … )`; its range includes the parentheses. */
export interface ArgList extends NodeBase {
  kind: 'ArgList';
  args: Argument[];
}

/** `value` (positional) or `name: value` (named). Either side may be missing after recovery. */
export interface Argument extends NodeBase {
  kind: 'Argument';
  name?: Identifier;
  value?: Expr;
}

/**
 * A name, optionally called: `relu`, `elu(alpha: 1.0)`, `he_normal`, `constant(0.1)`, `same`,
 * `adam(learning_rate: 1e-3)`, or a block parameter reference such as `width`.
 */
export interface NameExpr extends NodeBase {
  kind: 'Name';
  name: Identifier;
  args?: ArgList;
}

/** `[a, b, c]` */
export interface ListExpr extends NodeBase {
  kind: 'List';
  items: Expr[];
}

export type Expr = NumberLiteral | StringLiteral | BooleanLiteral | NameExpr | ListExpr;

/** A layer or a block use inside `layers { }`, a block body or a `repeat`: `dense(16, activation: relu)`. */
export interface LayerCall extends NodeBase {
  kind: 'LayerCall';
  name: Identifier;
  args?: ArgList;
}

/** `repeat N { … }` */
export interface RepeatStmt extends NodeBase {
  kind: 'Repeat';
  /** The range of the `repeat` keyword. */
  keywordRange: Range;
  count?: NumberLiteral;
  body: LayerStmt[];
}

/**
 * `residual { body } shortcut { items }`: the body and the shortcut both read the current tensor and
 * are added (a `merge` layer, mode `add`). Without `shortcut` the shortcut is the identity.
 */
export interface ResidualStmt extends NodeBase {
  kind: 'Residual';
  /** The range of the `residual` keyword. */
  keywordRange: Range;
  body: LayerStmt[];
  /** From the `{` to the `}` of the body (the whole statement's end after recovery without a `}`). */
  bodyRange: Range;
  shortcut?: ShortcutClause;
}

/** `shortcut { … }` after a residual's body; its range runs from the keyword to its `}`. */
export interface ShortcutClause extends NodeBase {
  kind: 'Shortcut';
  keywordRange: Range;
  items: LayerStmt[];
}

/**
 * `parallel(merge: concat) { branch { … } branch { } }`: every branch reads the current tensor; their
 * outputs are joined by a `merge` layer of the `merge:` mode (default `concat`). An empty branch is the identity.
 */
export interface ParallelStmt extends NodeBase {
  kind: 'Parallel';
  keywordRange: Range;
  args?: ArgList;
  branches: BranchStmt[];
}

/** `branch { … }` inside a `parallel`. */
export interface BranchStmt extends NodeBase {
  kind: 'Branch';
  keywordRange: Range;
  items: LayerStmt[];
}

export type LayerStmt = LayerCall | RepeatStmt | ResidualStmt | ParallelStmt;

/** `input [28, 28, 1]` */
export interface InputDecl extends NodeBase {
  kind: 'Input';
  dims: NumberLiteral[];
}

/** `task classification(classes: 3)` or `task binary_classification` */
export interface TaskDecl extends NodeBase {
  kind: 'Task';
  value?: NameExpr;
}

/** `layers { … }` */
export interface LayersDecl extends NodeBase {
  kind: 'Layers';
  /** The keyword as written (a misspelt one included). */
  keywordRange?: Range;
  items: LayerStmt[];
}

/**
 * One entry of `train { }` or `data { }`: `key: value`, or a bare call used as a statement
 * (`early_stopping(patience: 10)`), in which case `value` is that call and `colon` is false.
 */
export interface Setting extends NodeBase {
  kind: 'Setting';
  key: Identifier;
  value?: Expr;
  colon: boolean;
}

/** `train { … }` */
export interface TrainDecl extends NodeBase {
  kind: 'Train';
  settings: Setting[];
}

/** `data { … }` */
export interface DataDecl extends NodeBase {
  kind: 'Data';
  settings: Setting[];
}

export type NetworkMember = InputDecl | TaskDecl | LayersDecl | TrainDecl | DataDecl;

/** `network Name { … }` */
export interface NetworkDecl extends NodeBase {
  kind: 'Network';
  name?: Identifier;
  /** Members in source order (duplicates kept, so analysis can report them). */
  members: NetworkMember[];
}

/** `block name(param, …) { … }` */
export interface BlockDecl extends NodeBase {
  kind: 'Block';
  name?: Identifier;
  params: Identifier[];
  body: LayerStmt[];
}

export type TopLevel = NetworkDecl | BlockDecl;

export interface Program extends NodeBase {
  kind: 'Program';
  /** Networks and blocks in source order. */
  items: TopLevel[];
  /** Every comment in the file, in source order (the formatter re-attaches them). */
  comments: Comment[];
}

export type AstNode =
  | Program
  | NetworkDecl
  | BlockDecl
  | InputDecl
  | TaskDecl
  | LayersDecl
  | TrainDecl
  | DataDecl
  | Setting
  | LayerCall
  | RepeatStmt
  | ResidualStmt
  | ShortcutClause
  | ParallelStmt
  | BranchStmt
  | ArgList
  | Argument
  | NameExpr
  | ListExpr
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | Identifier
  | Comment;
