/** Helpers for the syntax tests: strip ranges, walk every node, check ranges against the text. */
import { expect } from 'vitest';
import { parse, type Diagnostic, type Program, type Range } from '../src/index.js';
import { positionAt } from '../src/ranges.js';

/** The tree without `range` / `keywordRange` / `bodyRange`, for comparing shapes of trees. */
export function strip<T>(node: T): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === 'range' || k === 'keywordRange' || k === 'bodyRange' || v === undefined) continue;
      out[k] = strip(v);
    }
    return out;
  }
  return node;
}

/** Every object in the tree that has a `kind` (every AST node), depth first. */
export function nodes(root: unknown): { kind: string; range: Range }[] {
  const out: { kind: string; range: Range }[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) {
      n.forEach(walk);
      return;
    }
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o['kind'] === 'string' && o['range']) out.push(o as unknown as { kind: string; range: Range });
    for (const [k, v] of Object.entries(o)) if (k !== 'range' && k !== 'keywordRange' && k !== 'bodyRange') walk(v);
  };
  walk(root);
  return out;
}

/** Asserts every node's range: line/column agree with the offset, start ≤ end, inside the text. */
export function expectConsistentRanges(src: string, ast: Program): void {
  for (const n of nodes(ast)) {
    for (const p of [n.range.start, n.range.end]) {
      expect(p.offset, `${n.kind} offset`).toBeGreaterThanOrEqual(0);
      expect(p.offset, `${n.kind} offset`).toBeLessThanOrEqual(src.length);
      expect(positionAt(src, p.offset), `${n.kind} position of ${p.offset}`).toEqual(p);
    }
    expect(n.range.start.offset, `${n.kind} start <= end`).toBeLessThanOrEqual(n.range.end.offset);
  }
}

export function textAt(src: string, range: Range): string {
  return src.slice(range.start.offset, range.end.offset);
}

/** A diagnostic reduced to what the tests look at. */
export function diag(src: string, d: Diagnostic) {
  return {
    code: d.code,
    at: `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}`,
    text: textAt(src, d.range),
    message: d.message,
  };
}

export function diags(src: string) {
  return parse(src).diagnostics.map((d) => diag(src, d));
}

/** Parses text that must have no syntax errors. */
export function ok(src: string): Program {
  const r = parse(src);
  expect(r.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expectConsistentRanges(src, r.ast);
  return r.ast;
}

/** Builders for expected trees (ranges left out). */
export const id = (name: string) => ({ kind: 'Identifier', name });
export const num = (raw: string) => ({ kind: 'Number', value: Number(raw), raw });
export const str = (raw: string, value: string) => ({ kind: 'String', value, raw });
export const bool = (value: boolean) => ({ kind: 'Boolean', value });
export const name = (n: string, ...args: unknown[]) => (args.length ? { kind: 'Name', name: id(n), args: argList(...args) } : { kind: 'Name', name: id(n) });
export const nameCall = (n: string, ...args: unknown[]) => ({ kind: 'Name', name: id(n), args: argList(...args) });
export const list = (...items: unknown[]) => ({ kind: 'List', items });
export const pos = (value: unknown) => ({ kind: 'Argument', value });
export const named = (n: string, value: unknown) => ({ kind: 'Argument', name: id(n), value });
export function argList(...args: unknown[]) {
  return { kind: 'ArgList', args: args.map((a) => (a && typeof a === 'object' && (a as { kind?: string }).kind === 'Argument' ? a : pos(a))) };
}
export const layer = (n: string, ...args: unknown[]) => ({ kind: 'LayerCall', name: id(n), args: argList(...args) });
export const bare = (n: string) => ({ kind: 'LayerCall', name: id(n) });
export const repeat = (count: string, ...body: unknown[]) => ({ kind: 'Repeat', count: num(count), body });
export const setting = (key: string, value: unknown) => ({ kind: 'Setting', key: id(key), value, colon: true });
export const callSetting = (key: string, ...args: unknown[]) => ({
  kind: 'Setting',
  key: id(key),
  value: { kind: 'Name', name: id(key), args: argList(...args) },
  colon: false,
});
