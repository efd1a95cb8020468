import type { Program } from './ast.js';
import type { Diagnostic } from './diagnostic.js';

export interface ParseResult {
  ast: Program;
  diagnostics: Diagnostic[];
}

/** Parses Axon source. Never throws: syntax errors become diagnostics and the tree holds what could be recovered. */
export declare function parse(text: string): ParseResult;
