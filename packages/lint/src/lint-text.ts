/** Linting source text end to end: parse, analyse, run the rules. */
import { analyze, parse, type Diagnostic, type Program, type ResolvedNetwork } from '@axon/language';
import { defaultConfig, loadConfig } from './config.js';
import { lintDocument } from './engine.js';
import type { Finding, ResolvedConfig } from './types.js';

export interface LintTextOptions {
  /** Used to find `axon.config.json` when `config` is not given. */
  filePath?: string;
  config?: ResolvedConfig;
}

export interface LintResult {
  ast: Program;
  networks: ResolvedNetwork[];
  /** The parser's and analysis's own diagnostics (always errors or warnings of the language, not rules). */
  parseAndAnalysisDiagnostics: Diagnostic[];
  findings: Finding[];
}

/**
 * Parses, analyses and lints a file's text. Rules run on every network analysis could resolve,
 * even when the file has errors elsewhere. Throws ConfigError only when `filePath` leads to a bad config.
 */
export function lintText(text: string, options: LintTextOptions = {}): LintResult {
  const config = options.config ?? (options.filePath ? loadConfig(options.filePath) : defaultConfig());
  const parsed = parse(text);
  const analysis = analyze(parsed.ast);
  const findings = lintDocument({ text, ast: parsed.ast, networks: analysis.networks }, config);
  return {
    ast: parsed.ast,
    networks: analysis.networks,
    parseAndAnalysisDiagnostics: [...parsed.diagnostics, ...analysis.diagnostics],
    findings,
  };
}
