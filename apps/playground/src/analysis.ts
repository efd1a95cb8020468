/** The page's own read of the spec (for the summary, training and compiling): the language package's parse and analyze. */
import { analyze, parse, type ResolvedNetwork } from '@axon/language';

export interface Analysis {
  networks: ResolvedNetwork[];
  /** The first error, when there are networks missing because of it. */
  problem?: string;
}

export function analyzeSource(text: string): Analysis {
  const { ast, diagnostics: parseDiagnostics } = parse(text);
  const { networks, diagnostics } = analyze(ast);
  const error = [...parseDiagnostics, ...diagnostics].find((d) => d.severity === 'error');
  return error ? { networks, problem: `line ${error.range.start.line}: ${error.message}` } : { networks };
}
