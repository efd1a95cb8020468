/**
 * Parse and analyse in one call: what the CLI, the tests and editors usually want.
 */
import type { Program } from './ast.js';
import { analyze } from './analyze.js';
import type { Diagnostic } from './diagnostic.js';
import type { ResolvedNetwork } from './network.js';
import { parse } from './parse.js';

export interface CheckResult {
  ast: Program;
  networks: ResolvedNetwork[];
  /** Parse diagnostics then analysis diagnostics, each in source order. */
  diagnostics: Diagnostic[];
}

/** Parses and analyses Axon source. Never throws. */
export function check(text: string): CheckResult {
  const parsed = parse(text);
  const analysed = analyze(parsed.ast);
  return { ast: parsed.ast, networks: analysed.networks, diagnostics: [...parsed.diagnostics, ...analysed.diagnostics] };
}
