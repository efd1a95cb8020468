import type { Program } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import type { ResolvedNetwork } from './network.js';

export interface AnalysisResult {
  networks: ResolvedNetwork[];
  diagnostics: Diagnostic[];
}

/** Resolves every network of a parsed program. Never throws. */
export declare function analyze(ast: Program): AnalysisResult;
