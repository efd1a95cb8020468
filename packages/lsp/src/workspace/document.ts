/**
 * One open document and its states, Langium-style: Changed → Parsed → Analyzed → Linted.
 * Each feature asks for the state it needs (formatting and symbols: parsed; hover and inlay hints:
 * analyzed; code actions: linted) and only that much work is done, once per document version.
 * Results are cached for the version they were computed for; a new version starts from Changed.
 */
import { analyze, LineIndex, parse, type AnalysisResult, type ParseResult, type Range as AstRange } from '@axon/language';
import type { Position, Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { outline, type Outline } from '../text/outline.js';
import { tokenize, type Token } from '../text/tokens.js';
import type { LintOutcome } from './lint.js';
import { lspOffset, lspPosition, offsetRange, toLspRange } from '../util/ranges.js';

export enum DocumentState {
  Changed = 0,
  Parsed = 1,
  Analyzed = 2,
  Linted = 3,
}

export class AxonDocument {
  private parseResult?: ParseResult;
  private analysisResult?: AnalysisResult;
  private tokenList?: Token[];
  private outlineData?: Outline;
  private lintResult?: { key: number; outcome: LintOutcome };
  private lineIndex?: LineIndex;
  readonly text: string;
  readonly version: number;

  /** `live` is the editor's document (updated in place on every change); this snapshot copies its text. */
  constructor(private readonly live: TextDocument) {
    this.text = live.getText();
    this.version = live.version;
  }

  get uri(): string {
    return this.live.uri;
  }

  get state(): DocumentState {
    if (this.lintResult) return DocumentState.Linted;
    if (this.analysisResult) return DocumentState.Analyzed;
    if (this.parseResult) return DocumentState.Parsed;
    return DocumentState.Changed;
  }

  /** True while the editor's document is still at the version this snapshot was taken at. */
  get current(): boolean {
    return this.live.version === this.version;
  }

  /** The text's line table (the language's `LineIndex`), for offset ↔ position conversion. */
  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  /** The LSP position (0-based line, UTF-16 character) of an offset. */
  positionAt(offset: number): Position {
    return lspPosition(this.lines, offset);
  }

  /** The offset of an LSP position, clamped to its line. */
  offsetAt(position: Position): number {
    return lspOffset(this.lines, position);
  }

  /** An AST range (offsets) as an LSP range. */
  range(range: AstRange): LspRange {
    return toLspRange(this.lines, range);
  }

  /** Offsets as an LSP range. */
  offsetRange(start: number, end: number): LspRange {
    return offsetRange(this.lines, start, end);
  }

  /** The text of an LSP range. */
  textIn(range: LspRange): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  tokens(): Token[] {
    return (this.tokenList ??= tokenize(this.text));
  }

  /** Blocks, networks and sections from tokens (no parse needed). */
  outline(): Outline {
    return (this.outlineData ??= outline(this.tokens(), this.text.length));
  }

  parsed(): ParseResult {
    return (this.parseResult ??= parse(this.text));
  }

  analyzed(): AnalysisResult {
    return (this.analysisResult ??= analyze(this.parsed().ast));
  }

  /** This version's analysis if a request or validation already made it; never analyses (for token-only features that can use it when it is there). */
  analysisIfReady(): AnalysisResult | undefined {
    return this.analysisResult;
  }

  /**
   * Lint findings under a configuration. `key` identifies the configuration (it changes when
   * axon.config.json or the client settings change), so a cached result is reused only under the same one.
   */
  linted(key: number, run: (doc: AxonDocument) => LintOutcome): LintOutcome {
    if (this.lintResult?.key !== key) this.lintResult = { key, outcome: run(this) };
    return this.lintResult.outcome;
  }
}
