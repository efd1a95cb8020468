/**
 * @axon/language — the public entry. What is not exported here is private.
 *
 *   parse(text)        → { ast, diagnostics }      never throws; recovers from errors
 *   analyze(ast)       → { networks, diagnostics } blocks and repeats expanded, shapes and params inferred
 *   format(text)       → text                      canonical layout, comments kept, idempotent
 */
export type * from './ast.js';
export type * from './diagnostic.js';
export type * from './network.js';
export { parse, type ParseResult } from './parse.js';
export { analyze, type AnalysisResult } from './analyze.js';
export { format } from './format.js';
