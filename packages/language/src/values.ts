/**
 * Argument values after block parameters are substituted.
 *
 * A value remembers the range where it was written: for a block parameter that is the argument at
 * the block's use site, so a bad value passed into a block is reported where the user wrote it.
 */
import type { Argument, Expr, Range } from './ast.js';
import type { BoundValue } from './network.js';

export type Val =
  | { t: 'number'; value: number; raw: string; range: Range }
  | { t: 'string'; value: string; range: Range }
  | { t: 'bool'; value: boolean; range: Range }
  | { t: 'name'; name: string; nameRange: Range; args?: ArgVal[]; argsRange?: Range; range: Range }
  | { t: 'list'; items: Val[]; range: Range }
  /** Recovery dropped the value; the parser already reported it. */
  | { t: 'missing'; range: Range };

export interface ArgVal {
  name?: string;
  nameRange?: Range;
  value: Val;
  range: Range;
}

/** Block parameters in scope: name → the value bound at the use site. */
export type Env = ReadonlyMap<string, Val>;

export const EMPTY_ENV: Env = new Map();

/** Evaluates an expression, replacing bare names that are block parameters by their bound values. */
export function toVal(expr: Expr | undefined, env: Env, fallback: Range): Val {
  if (!expr) return { t: 'missing', range: fallback };
  switch (expr.kind) {
    case 'Number':
      return { t: 'number', value: expr.value, raw: expr.raw, range: expr.range };
    case 'String':
      return { t: 'string', value: expr.value, range: expr.range };
    case 'Boolean':
      return { t: 'bool', value: expr.value, range: expr.range };
    case 'List':
      return { t: 'list', items: (expr.items ?? []).map((e) => toVal(e, env, expr.range)), range: expr.range };
    case 'Name': {
      const name = expr.name?.name ?? '';
      if (!expr.args) {
        const bound = env.get(name);
        if (bound) return bound;
      }
      const v: Val = { t: 'name', name, nameRange: expr.name?.range ?? expr.range, range: expr.range };
      if (expr.args) {
        v.args = toArgVals(expr.args.args, env);
        v.argsRange = expr.args.range;
      }
      return v;
    }
    default:
      return { t: 'missing', range: fallback };
  }
}

export function toArgVals(args: Argument[] | undefined, env: Env): ArgVal[] {
  return (args ?? []).map((a) => toArgVal(a, env));
}

function toArgVal(a: Argument, env: Env): ArgVal {
  const out: ArgVal = { value: toVal(a.value, env, a.range), range: a.range };
  if (a.name) {
    out.name = a.name.name;
    out.nameRange = a.name.range;
  }
  return out;
}

/**
 * Whether two values are the same as far as checking them goes: same kind, numbers, strings,
 * names, arguments and items (ranges and spellings of numbers aside, which only messages use).
 */
export function sameVal(a: Val, b: Val): boolean {
  if (a === b) return true;
  switch (a.t) {
    case 'number':
      return b.t === 'number' && Object.is(a.value, b.value);
    case 'string':
      return b.t === 'string' && a.value === b.value;
    case 'bool':
      return b.t === 'bool' && a.value === b.value;
    case 'missing':
      return b.t === 'missing';
    case 'list': {
      if (b.t !== 'list' || a.items.length !== b.items.length) return false;
      for (let i = 0; i < a.items.length; i++) if (!sameVal(a.items[i]!, b.items[i]!)) return false;
      return true;
    }
    case 'name': {
      if (b.t !== 'name' || a.name !== b.name) return false;
      if (a.args === undefined || b.args === undefined) return a.args === b.args;
      if (a.args.length !== b.args.length) return false;
      for (let i = 0; i < a.args.length; i++) {
        const x = a.args[i]!;
        const y = b.args[i]!;
        if (x.name !== y.name || !sameVal(x.value, y.value)) return false;
      }
      return true;
    }
  }
}

/** Plain data for `ExpansionStep.bindings`. */
export function toBound(v: Val): BoundValue {
  switch (v.t) {
    case 'number':
    case 'string':
    case 'bool':
      return v.value;
    case 'list':
      return v.items.map(toBound);
    case 'name': {
      if (!v.args) return { name: v.name };
      const args: Record<string, BoundValue> = {};
      v.args.forEach((a, i) => {
        args[a.name ?? String(i)] = toBound(a.value);
      });
      return { name: v.name, args };
    }
    case 'missing':
      return '';
  }
}

/** The value as the user would write it, for messages: `1.5`, `"x"`, `relu`, `[3, 3]`. */
export function showVal(v: Val): string {
  switch (v.t) {
    case 'number':
      return v.raw;
    case 'string':
      return JSON.stringify(v.value);
    case 'bool':
      return String(v.value);
    case 'list':
      return `[${v.items.map(showVal).join(', ')}]`;
    case 'name':
      return v.args ? `${v.name}(${v.args.map((a) => (a.name ? `${a.name}: ` : '') + showVal(a.value)).join(', ')})` : v.name;
    case 'missing':
      return '(nothing)';
  }
}
