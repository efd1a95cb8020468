/**
 * Plain data the linter works with: rule metadata, findings, fixes, configuration.
 * Behaviour lives in functions elsewhere (engine, config, suppressions, fixes, formatters).
 */
import type {
  Program,
  Range,
  RelatedLocation,
  ResolvedLayer,
  ResolvedNetwork,
  Severity,
} from '@axon/language';

/** A severity as configured: `off` turns a rule off. */
export type RuleSeverity = 'off' | Severity;

/** Replace the text in `range` (offsets are what count; start === end inserts): the language's type. */
export type { TextEdit } from '@axon/language';
import type { TextEdit } from '@axon/language';
import type { DataSample } from './data-sample.js';

/** A safe, mechanical fix: apply every edit or none. */
export interface Fix {
  /** What the fix does, in a few words ("remove the output activation"). */
  description: string;
  edits: TextEdit[];
}

/** Which expansions of a `repeat` or block a finding came from. */
export interface ExpansionInfo {
  /** 1-based positions in the flat layer list of `network`. */
  layers: number[];
  /** How many layers the network has after expansion. */
  total: number;
  network: string;
  /** "layers 3–20 of 20, from `repeat 18` at line 9" */
  text: string;
}

/** One problem a rule found, at one source range. Plain data (JSON-serialisable). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  messageId: string;
  /** The full message, including the expansion note when the range sits in a repeat or block. */
  message: string;
  range: Range;
  /** The network the finding belongs to (absent for file-level findings such as suppressions). */
  network?: string;
  expansion?: ExpansionInfo;
  related?: RelatedLocation[];
  fix?: Fix;
}

/** A JSON-schema-like description of a rule's options object (validated with ajv). */
export type OptionsSchema = {
  type: 'object';
  properties: Record<string, unknown>;
  additionalProperties: false;
  [key: string]: unknown;
};

/**
 * A rule's description. `M` is the union of its message ids: `messages` must define each, and
 * `context.report` accepts only those (a misspelt id does not compile).
 */
export interface RuleMeta<O extends object = object, M extends string = string> {
  /** kebab-case, stable: config, suppressions and docs key on it. */
  id: string;
  /** `problem`: the network will train badly or not at all. `suggestion`: a better choice exists. */
  type: 'problem' | 'suggestion';
  /** One line, shown in SARIF and on hover. */
  description: string;
  defaultSeverity: Severity;
  /** In the `recommended` preset (every rule is in `all`). */
  recommended: boolean;
  /** Message templates by id; `{{name}}` placeholders are filled from the descriptor's `data`. */
  messages: Record<M, string>;
  schema: OptionsSchema;
  defaultOptions: O;
  fixable: boolean;
  /** Repository-relative path of the rule's documentation page. */
  docs: string;
}

/** What a rule passes to `context.report`; the engine turns it into a Finding. */
export interface ReportDescriptor<M extends string = string> {
  messageId: M;
  data?: Record<string, string | number>;
  /** Defaults to the range of `layer` (or of the first of `layers`). */
  range?: Range;
  /** The layer(s) the finding is about; when the range is theirs, the engine adds the expansion note. */
  layer?: ResolvedLayer;
  layers?: ResolvedLayer[];
  related?: RelatedLocation[];
  fix?: Fix;
  /** A per-message default severity, used only when the configuration does not set the rule's severity. */
  severity?: Severity;
}

export interface RuleContext<O extends object = object, M extends string = string> {
  network: ResolvedNetwork;
  /** Every network of the file (some rules need to know a block is used elsewhere). */
  networks: readonly ResolvedNetwork[];
  ast: Program;
  text: string;
  options: O;
  /** A bounded sample of the network's `data { source }`, when the caller provided a reader and the file could be read. */
  data?: DataSample;
  /** Reports a finding (ESLint's verb). */
  report(descriptor: ReportDescriptor<M>): void;
}

export interface Rule<O extends object = object, M extends string = string> {
  meta: RuleMeta<O, M>;
  /** Runs once per resolved network. Rules computed by the engine itself (suppressions) have a no-op check. */
  check(context: RuleContext<O, M>): void;
}

/** One rule as configured. */
export interface RuleSetting {
  severity: RuleSeverity;
  /** True when the configuration named the rule's severity (then a descriptor's own severity does not apply). */
  explicit: boolean;
  options: object;
}

/** A configuration with presets expanded and options defaulted and validated. */
export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  /** The config file it came from, if any. */
  filePath?: string;
}
