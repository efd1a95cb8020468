/** Helpers for the analysis tests: check a source text and look at what came out. */
import { expect } from 'vitest';
import { check, type Diagnostic, type Range, type ResolvedNetwork } from '../src/index.js';

/** The source text a range covers. */
export function textAt(src: string, range: Range): string {
  return src.slice(range.start.offset, range.end.offset);
}

/** 1-based line and column of the `nth` occurrence of `needle` in `src`. */
export function where(src: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = src.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} not in source`);
  }
  const before = src.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

/** A diagnostic as `{ code, text, line, column, message }`, where `text` is the source it points at. */
export function shown(src: string, d: Diagnostic) {
  return { code: d.code, text: textAt(src, d.range), line: d.range.start.line, column: d.range.start.column, message: d.message };
}

/** Checks a program that must have no diagnostics and returns its networks. */
export function clean(src: string): ResolvedNetwork[] {
  const r = check(src);
  expect(r.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  return r.networks;
}

/** The diagnostics of a program, shown with their source text. */
export function problems(src: string) {
  return check(src).diagnostics.map((d) => shown(src, d));
}

/** Wraps layer lines in a network with the given input. */
export function net(input: string, layers: string, extra = ''): string {
  return `network N {\n  input ${input}\n  layers {\n${layers
    .trim()
    .split('\n')
    .map((l) => `    ${l.trim()}`)
    .join('\n')}\n  }\n${extra}}\n`;
}

/** `[shape, params]` per layer, the compact form the shape tests compare. */
export function table(n: ResolvedNetwork): [string, number[], number, number][] {
  return n.layers.map((l) => [l.name, l.outputShape, l.params.trainable, l.params.nonTrainable]);
}
