/**
 * Reuse of clean layer checks. Checking a layer call's arguments (`resolveLayer`) is a function of
 * the layer kind, how each argument is written (positional or by which name) and the content of
 * the values: numbers, strings, names, nested arguments and list items. Ranges and the spelling of
 * numbers only reach messages and `argRanges`. So when a check made no report at all, any later
 * call of the same kind written with the same argument names and equal values would check the same
 * way and report nothing: its spec can be copied from the first, with `argRanges` rebuilt from the
 * ranges of its own values. Programs repeat the same few layer calls many times (repeats, block
 * bodies, copied lines), and this skips converting and checking all but the first of each.
 *
 * The values of a new call are compared straight from the syntax tree (with block parameters
 * looked up in the bindings), so a reused call allocates nothing until its layer is built.
 */
import type { Argument, Expr, Range } from './ast.js';
import type { LayerCallKind, LayerSpec } from './network.js';
import { sameVal, type ArgVal, type Env, type Val } from './values.js';

/** A check that reported nothing. Its spec is never handed out as is: layers get copies. */
export interface CleanCheck {
  spec: LayerSpec;
  /** `argRanges` of the first call: the keys, in written order, one per argument. */
  argRanges: Record<string, Range>;
  /** The argument name each written argument was bound to, by position. */
  keys: string[];
  /** How each argument was written: its name, or undefined for a positional one. */
  names: (string | undefined)[];
  values: Val[];
}

/** Clean checks seen so far in one analysis, the most recent first, a few per layer kind. */
export class CleanChecks {
  private readonly byKind = new Map<LayerCallKind, CleanCheck[]>();

  /** `perKind`: how many clean checks to keep per layer kind (0: none, every call is checked afresh). */
  constructor(private readonly perKind = 8) {}

  /** A clean check made for a call with the same argument names and equal values, if any. */
  find(kind: LayerCallKind, args: readonly Argument[], env: Env): CleanCheck | undefined {
    const list = this.byKind.get(kind);
    if (list === undefined) return undefined;
    for (const c of list) if (matches(c, args, env)) return c;
    return undefined;
  }

  /**
   * Keeps a check that made no report. `args` are the values it checked and `argRanges` what it
   * recorded; a check that did not bind every argument (which would have been reported) is not kept.
   */
  remember(kind: LayerCallKind, args: readonly ArgVal[], spec: LayerSpec, argRanges: Record<string, Range>): void {
    const keys = Object.keys(argRanges);
    if (keys.length !== args.length) return;
    const check: CleanCheck = {
      spec,
      argRanges: { ...argRanges },
      keys,
      names: args.map((a) => a.name),
      values: args.map((a) => a.value),
    };
    if (this.perKind === 0) return;
    let list = this.byKind.get(kind);
    if (list === undefined) this.byKind.set(kind, (list = []));
    list.unshift(check);
    if (list.length > this.perKind) list.pop();
  }
}

/** `argRanges` for a call that matched `check`: the same keys in the same order, with the call's own value ranges. */
export function rangesFor(check: CleanCheck, args: readonly Argument[], env: Env): Record<string, Range> {
  const ranges = { ...check.argRanges };
  for (let i = 0; i < args.length; i++) ranges[check.keys[i]!] = valueRange(args[i]!, env);
  return ranges;
}

function matches(check: CleanCheck, args: readonly Argument[], env: Env): boolean {
  if (args.length !== check.values.length) return false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if ((a.name ? a.name.name : undefined) !== check.names[i]) return false;
    if (!sameExpr(a.value, env, check.values[i]!)) return false;
  }
  return true;
}

/** Whether `expr` under `env` gives a value equal to `v` (`sameVal` of `toVal(expr, env, …)` and `v`, without making the value). */
function sameExpr(expr: Expr | undefined, env: Env, v: Val): boolean {
  if (!expr) return v.t === 'missing';
  switch (expr.kind) {
    case 'Number':
      return v.t === 'number' && Object.is(v.value, expr.value);
    case 'String':
      return v.t === 'string' && v.value === expr.value;
    case 'Boolean':
      return v.t === 'bool' && v.value === expr.value;
    case 'List': {
      const items = expr.items ?? [];
      if (v.t !== 'list' || v.items.length !== items.length) return false;
      for (let i = 0; i < items.length; i++) if (!sameExpr(items[i], env, v.items[i]!)) return false;
      return true;
    }
    case 'Name': {
      const name = expr.name?.name ?? '';
      if (!expr.args) {
        const bound = env.get(name);
        if (bound) return sameVal(bound, v);
        return v.t === 'name' && v.name === name && v.args === undefined;
      }
      if (v.t !== 'name' || v.name !== name || v.args === undefined) return false;
      const args = expr.args.args ?? [];
      if (args.length !== v.args.length) return false;
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        const w = v.args[i]!;
        if ((a.name ? a.name.name : undefined) !== w.name || !sameExpr(a.value, env, w.value)) return false;
      }
      return true;
    }
    default:
      return v.t === 'missing';
  }
}

/** The range `toVal` gives the value of an argument: where it was written, or for a block parameter where its value was written. */
function valueRange(a: Argument, env: Env): Range {
  const expr = a.value;
  if (!expr) return a.range;
  switch (expr.kind) {
    case 'Name':
      if (!expr.args) {
        const bound = env.get(expr.name?.name ?? '');
        if (bound) return bound.range;
      }
      return expr.range;
    case 'Number':
    case 'String':
    case 'Boolean':
    case 'List':
      return expr.range;
    default:
      return a.range;
  }
}
