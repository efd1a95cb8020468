/** Linting source text end to end: parse, analyse, run the rules. */
import { analyze, parse, type Diagnostic, type Program, type ResolvedNetwork } from '@axon/language';
import { defaultConfig, loadConfig } from './config.js';
import { lintDocument } from './engine.js';
import { applyFixesDetailed, vetFixes, type WithheldFix } from './fixes.js';
import type { Finding, ResolvedConfig } from './types.js';
import type { DataReader } from './data-sample.js';
import { createNodeDataReader } from './node-data-reader.js';

export interface LintTextOptions {
  /** Used to find `axon.config.json` when `config` is not given. */
  filePath?: string;
  config?: ResolvedConfig;
  /** Reads the networks' data samples (data rules); defaults to the Node reader next to `filePath`, if given. */
  readData?: DataReader;
}

export interface LintResult {
  ast: Program;
  networks: ResolvedNetwork[];
  /** The parser's and analysis's own diagnostics (always errors or warnings of the language, not rules). */
  parseAndAnalysisDiagnostics: Diagnostic[];
  /** The rule findings; a fix that would introduce an error is taken off its finding and listed in `withheldFixes`. */
  findings: Finding[];
  /** Fixes not offered because applying them would introduce an error, with why (`vetFixes`). */
  withheldFixes: WithheldFix[];
}

/**
 * Parses, analyses and lints a file's text. Rules run on every network analysis could resolve,
 * even when the file has errors elsewhere. Throws ConfigError only when `filePath` leads to a bad config.
 */
export function lintText(text: string, options: LintTextOptions = {}): LintResult {
  const config = options.config ?? (options.filePath ? loadConfig(options.filePath) : defaultConfig());
  const parsed = parse(text);
  const analysis = analyze(parsed.ast);
  const readData = options.readData ?? (options.filePath ? createNodeDataReader(options.filePath) : undefined);
  const vetted = vetFixes(text, lintDocument({ text, ast: parsed.ast, networks: analysis.networks, readData }, config));
  return {
    ast: parsed.ast,
    networks: analysis.networks,
    parseAndAnalysisDiagnostics: [...parsed.diagnostics, ...analysis.diagnostics],
    findings: vetted.findings,
    withheldFixes: vetted.withheld,
  };
}

export interface FixTextResult {
  /** The text after every pass (the input when nothing applied). */
  text: string;
  /** The lint result of `text`. */
  result: LintResult;
  /** How many fixes were applied, of the language's diagnostics and of the rules. */
  fixed: { diagnostics: number; findings: number };
}

const errorCount = (r: LintResult) => r.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error').length;

/**
 * `--fix`: applies fixes pass by pass until none applies (at most `maxPasses`). While the file has
 * errors, only the language's own fixes are tried (`Diagnostic.fix`, e.g. a projection shortcut for a
 * residual whose shapes differ), and a pass is kept only when it leaves fewer errors. Once there are
 * none, the rules' fixes are applied, and a pass is kept only when it introduces no error. A pass that
 * would break the file is dropped, keeping the last good text.
 */
export function fixText(text: string, options: LintTextOptions & { maxPasses?: number } = {}): FixTextResult {
  const config = options.config ?? (options.filePath ? loadConfig(options.filePath) : defaultConfig());
  let current = text;
  const readData = options.readData ?? (options.filePath ? createNodeDataReader(options.filePath) : undefined);
  let result = lintText(text, { config, readData });
  const fixed = { diagnostics: 0, findings: 0 };
  for (let pass = 0; pass < (options.maxPasses ?? 10); pass++) {
    const errors = errorCount(result);
    const fromLanguage = errors > 0;
    const applied = fromLanguage ? applyFixesDetailed(current, result.parseAndAnalysisDiagnostics) : applyFixesDetailed(current, result.findings);
    if (applied.fixed.length === 0) break;
    const next = lintText(applied.text, { config, readData });
    if (fromLanguage ? errorCount(next) >= errors : errorCount(next) > 0) break;
    current = applied.text;
    result = next;
    if (fromLanguage) fixed.diagnostics += applied.fixed.length;
    else fixed.findings += applied.fixed.length;
  }
  return { text: current, result, fixed };
}
