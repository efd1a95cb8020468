/**
 * Matches written arguments to a signature from the catalog and converts them to typed values,
 * reporting unknown, duplicate, surplus and missing arguments, wrong types and out-of-range values.
 */
import type { Range } from './ast.js';
import {
  ACTIVATIONS,
  EARLY_STOPPING,
  INITIALIZERS,
  LOSSES,
  OPTIMIZERS,
  PADDINGS,
  TASKS,
  describeType,
  inRange,
  isActivationName,
  isInitializerName,
  isLossName,
  isOptimizerName,
  isTaskName,
  type ArgSpec,
  type DefaultValue,
  type Signature,
  type ValueType,
} from './catalog.js';
import type { Activation, EarlyStopping, Initializer, Loss, Optimizer, Padding, Task } from './network.js';
import type { Reporter } from './report.js';
import { closestName, didYouMean } from './suggest.js';
import { showVal, type ArgVal, type Val } from './values.js';

export interface Ctx {
  r: Reporter;
  /** Block parameter names in scope (for "did you mean" on a misspelt parameter). */
  params: readonly string[];
}

/** A call being checked: a layer, an activation, a loss, … */
export interface Call {
  /** What the callee is, for messages: "layer", "activation", "loss", … */
  what: string;
  name: string;
  nameRange: Range;
  args: ArgVal[];
}

export interface BoundArgs {
  values: Map<string, Val>;
  /** False when a required argument is missing (already reported). */
  complete: boolean;
}

const positionalCache = new WeakMap<Signature, ArgSpec[]>();

/** The arguments that may be passed by position, in position order. */
function positionalArgs(sig: Signature): ArgSpec[] {
  let list = positionalCache.get(sig);
  if (!list) {
    list = sig.args.filter((a) => a.position !== undefined).sort((a, b) => a.position! - b.position!);
    positionalCache.set(sig, list);
  }
  return list;
}

/** Assigns positional and named arguments to the signature's parameters. */
export function bindArgs(sig: Signature, call: Call, ctx: Ctx): BoundArgs {
  const values = new Map<string, Val>();
  const positional = positionalArgs(sig);
  let pos = 0;
  let sawNamed = false;
  for (const arg of call.args) {
    if (arg.name === undefined) {
      if (sawNamed) {
        ctx.r.error(
          'analysis/positional-after-named',
          arg.range,
          `a positional argument cannot follow named ones in \`${call.name}(…)\`; name it`,
        );
        continue;
      }
      const spec = positional[pos++];
      if (!spec) {
        const max = positional.length;
        ctx.r.error(
          'analysis/too-many-arguments',
          arg.range,
          max === 0
            ? sig.args.length === 0
              ? `\`${call.name}\` takes no arguments`
              : `\`${call.name}\` takes only named arguments (${sig.args.map((a) => a.name).join(', ')})`
            : `\`${call.name}\` takes at most ${max} positional argument${max === 1 ? '' : 's'} (${positional
                .map((a) => a.name)
                .join(', ')}); name the others`,
        );
        continue;
      }
      if (values.has(spec.name)) {
        ctx.r.error('analysis/duplicate-argument', arg.range, `\`${spec.name}\` of \`${call.name}\` is given more than once`);
        continue;
      }
      values.set(spec.name, arg.value);
    } else {
      sawNamed = true;
      const spec = sig.args.find((a) => a.name === arg.name);
      const nameRange = arg.nameRange ?? arg.range;
      if (!spec) {
        const names = sig.args.map((a) => a.name);
        ctx.r.error(
          'analysis/unknown-argument',
          nameRange,
          `\`${call.name}\` has no argument \`${arg.name}\`` +
            (didYouMean(arg.name, names) ||
              (names.length === 0 ? ` (it takes none)` : ` (expected one of: ${names.join(', ')})`)),
        );
        continue;
      }
      if (values.has(spec.name)) {
        ctx.r.error('analysis/duplicate-argument', nameRange, `\`${spec.name}\` of \`${call.name}\` is given more than once`);
        continue;
      }
      values.set(spec.name, arg.value);
    }
  }
  let complete = true;
  for (const spec of sig.args) {
    if (spec.required && !values.has(spec.name)) {
      complete = false;
      ctx.r.error(
        'analysis/missing-argument',
        call.nameRange,
        `\`${call.name}\` needs \`${spec.name}\` (${describeType(spec.type, spec.range)})`,
      );
    }
  }
  for (const v of values.values()) if (v.t === 'missing') complete = false;
  return { values, complete };
}

function wrongType(ctx: Ctx, v: Val, label: string, expected: string): undefined {
  if (v.t === 'missing') return undefined;
  let hint = '';
  if (v.t === 'name' && !v.args && ctx.params.length > 0) {
    const near = closestName(v.name, ctx.params);
    if (near) hint = `; did you mean the block parameter \`${near}\`?`;
  }
  ctx.r.error('analysis/wrong-type', v.range, `${label} must be ${expected}, got \`${showVal(v)}\`${hint}`);
  return undefined;
}

function checkNumber(ctx: Ctx, v: Val, label: string, type: 'int' | 'number', spec: Pick<ArgSpec, 'range'>): number | undefined {
  const expected = describeType(type, spec.range);
  if (v.t !== 'number') return wrongType(ctx, v, label, expected);
  if (type === 'int' && !Number.isInteger(v.value)) return wrongType(ctx, v, label, expected);
  if (!Number.isFinite(v.value) || !inRange(v.value, spec.range) || (type === 'int' && !Number.isSafeInteger(v.value))) {
    ctx.r.error('analysis/out-of-range', v.range, `${label} must be ${expected}, got \`${v.raw}\``);
    return undefined;
  }
  return v.value;
}

/** A name-valued argument (activation, initialiser, …): the callee name and its checked arguments. */
function lookupCall<N extends string>(
  ctx: Ctx,
  v: Val,
  label: string,
  type: ValueType,
  table: Record<N, Signature>,
  isName: (s: string) => s is N,
  what: string,
): { name: N; args: BoundArgs } | undefined {
  if (v.t !== 'name') return wrongType(ctx, v, label, describeType(type));
  if (!isName(v.name)) {
    const known = Object.keys(table);
    const code = `analysis/unknown-${what === 'initialiser' ? 'initializer' : what}`;
    const suggestion = didYouMean(v.name, known);
    ctx.r.error(code, v.nameRange, `unknown ${what} \`${v.name}\`${suggestion || ` (expected one of: ${known.join(', ')})`}`);
    return undefined;
  }
  const sig = table[v.name];
  const args = bindArgs(sig, { what, name: v.name, nameRange: v.nameRange, args: v.args ?? [] }, ctx);
  return { name: v.name, args };
}

/** Reads argument `name` of a bound call: the written value checked, or the catalog default. */
function arg<T>(
  ctx: Ctx,
  sig: Signature,
  bound: BoundArgs,
  name: string,
  read: (ctx: Ctx, v: Val, label: string, spec: ArgSpec) => T | undefined,
  fallback: T,
): { value: T; ok: boolean } {
  const spec = sig.args.find((a) => a.name === name)!;
  const v = bound.values.get(name);
  if (!v) return { value: fallback, ok: spec.required ? false : true };
  const got = read(ctx, v, `\`${name}\` of \`${sig.name}\``, spec);
  return got === undefined ? { value: fallback, ok: false } : { value: got, ok: true };
}

export const readInt = (ctx: Ctx, v: Val, label: string, spec: Pick<ArgSpec, 'range'>) => checkNumber(ctx, v, label, 'int', spec);
export const readNumber = (ctx: Ctx, v: Val, label: string, spec: Pick<ArgSpec, 'range'>) =>
  checkNumber(ctx, v, label, 'number', spec);

export function readBool(ctx: Ctx, v: Val, label: string): boolean | undefined {
  if (v.t !== 'bool') return wrongType(ctx, v, label, describeType('bool'));
  return v.value;
}

export function readString(ctx: Ctx, v: Val, label: string): string | undefined {
  if (v.t !== 'string') return wrongType(ctx, v, label, describeType('string'));
  return v.value;
}

export function readStrings(ctx: Ctx, v: Val, label: string): string[] | undefined {
  if (v.t !== 'list' || v.items.some((i) => i.t !== 'string' && i.t !== 'missing')) {
    return wrongType(ctx, v, label, describeType('strings'));
  }
  return v.items.flatMap((i) => (i.t === 'string' ? [i.value] : []));
}

export function readInt2(ctx: Ctx, v: Val, label: string, spec: Pick<ArgSpec, 'range'>): [number, number] | undefined {
  if (v.t === 'number') {
    const n = checkNumber(ctx, v, label, 'int', spec);
    return n === undefined ? undefined : [n, n];
  }
  if (v.t === 'list' && v.items.length === 2) {
    const a = checkNumber(ctx, v.items[0]!, label, 'int', spec);
    const b = checkNumber(ctx, v.items[1]!, label, 'int', spec);
    return a === undefined || b === undefined ? undefined : [a, b];
  }
  return wrongType(ctx, v, label, describeType('int2', spec.range));
}

export function readPadding(ctx: Ctx, v: Val, label: string): Padding | undefined {
  if (v.t === 'name' && !v.args && (PADDINGS as readonly string[]).includes(v.name)) return v.name as Padding;
  if (v.t === 'name' && !v.args) {
    ctx.r.error('analysis/wrong-type', v.range, `${label} must be \`valid\` or \`same\`, got \`${v.name}\`${didYouMean(v.name, PADDINGS)}`);
    return undefined;
  }
  return wrongType(ctx, v, label, describeType('padding'));
}

export function readActivation(ctx: Ctx, v: Val, label: string): Activation | undefined {
  const c = lookupCall(ctx, v, label, 'activation', ACTIVATIONS, isActivationName, 'activation');
  if (!c) return undefined;
  const sig = ACTIVATIONS[c.name];
  switch (c.name) {
    case 'leaky_relu': {
      const alpha = arg(ctx, sig, c.args, 'alpha', readNumber, 0.01);
      return alpha.ok ? { name: 'leaky_relu', alpha: alpha.value } : undefined;
    }
    case 'prelu': {
      const init = arg(ctx, sig, c.args, 'init', readNumber, 0.25);
      return init.ok ? { name: 'prelu', init: init.value } : undefined;
    }
    case 'elu': {
      const alpha = arg(ctx, sig, c.args, 'alpha', readNumber, 1.0);
      return alpha.ok ? { name: 'elu', alpha: alpha.value } : undefined;
    }
    default:
      return c.args.complete ? { name: c.name } : undefined;
  }
}

export function readInitializer(ctx: Ctx, v: Val, label: string): Initializer | undefined {
  const c = lookupCall(ctx, v, label, 'initializer', INITIALIZERS, isInitializerName, 'initialiser');
  if (!c) return undefined;
  if (c.name === 'constant') {
    const value = arg(ctx, INITIALIZERS.constant, c.args, 'value', readNumber, 0);
    return value.ok && c.args.complete ? { name: 'constant', value: value.value } : undefined;
  }
  return c.args.complete ? { name: c.name } : undefined;
}

export function readLoss(ctx: Ctx, v: Val, label: string): Loss | undefined {
  const c = lookupCall(ctx, v, label, 'loss', LOSSES, isLossName, 'loss');
  if (!c) return undefined;
  const sig = LOSSES[c.name];
  if (c.name === 'huber') {
    const delta = arg(ctx, sig, c.args, 'delta', readNumber, 1.0);
    return delta.ok ? { name: 'huber', fromLogits: false, delta: delta.value } : undefined;
  }
  if (c.name === 'binary_crossentropy' || c.name === 'categorical_crossentropy') {
    const fl = arg(ctx, sig, c.args, 'from_logits', readBool, false);
    return fl.ok ? { name: c.name, fromLogits: fl.value } : undefined;
  }
  return { name: c.name, fromLogits: false };
}

/** The optimizer, plus the range of its `learning_rate` argument when written. */
export function readOptimizer(ctx: Ctx, v: Val, label: string): { optimizer: Optimizer; learningRateRange?: Range } | undefined {
  const c = lookupCall(ctx, v, label, 'optimizer', OPTIMIZERS, isOptimizerName, 'optimizer');
  if (!c) return undefined;
  const sig = OPTIMIZERS[c.name];
  const lrSpec = sig.args[0]!;
  const lr = arg(ctx, sig, c.args, 'learning_rate', readNumber, lrSpec.default as number);
  const lrVal = c.args.values.get('learning_rate');
  const extra = lrVal ? { learningRateRange: lrVal.range } : {};
  const num = (name: string) => arg(ctx, sig, c.args, name, readNumber, sig.args.find((a) => a.name === name)!.default as number);
  let optimizer: Optimizer;
  let ok = lr.ok;
  switch (c.name) {
    case 'sgd': {
      const momentum = num('momentum');
      const nesterov = arg(ctx, sig, c.args, 'nesterov', readBool, false);
      ok &&= momentum.ok && nesterov.ok;
      optimizer = { name: 'sgd', learningRate: lr.value, momentum: momentum.value, nesterov: nesterov.value };
      break;
    }
    case 'adam': {
      const beta1 = num('beta1');
      const beta2 = num('beta2');
      const epsilon = num('epsilon');
      ok &&= beta1.ok && beta2.ok && epsilon.ok;
      optimizer = { name: 'adam', learningRate: lr.value, beta1: beta1.value, beta2: beta2.value, epsilon: epsilon.value };
      break;
    }
    case 'rmsprop': {
      const rho = num('rho');
      const epsilon = num('epsilon');
      ok &&= rho.ok && epsilon.ok;
      optimizer = { name: 'rmsprop', learningRate: lr.value, rho: rho.value, epsilon: epsilon.value };
      break;
    }
  }
  return ok ? { optimizer, ...extra } : undefined;
}

export function readTask(ctx: Ctx, v: Val, label: string): Task | undefined {
  const c = lookupCall(ctx, v, label, 'task', TASKS, isTaskName, 'task');
  if (!c) return undefined;
  const sig = TASKS[c.name];
  switch (c.name) {
    case 'regression': {
      const outputs = arg(ctx, sig, c.args, 'outputs', readInt, 1);
      return outputs.ok ? { kind: 'regression', outputs: outputs.value } : undefined;
    }
    case 'binary_classification':
      return c.args.complete ? { kind: 'binary_classification' } : undefined;
    case 'classification': {
      const classes = arg(ctx, sig, c.args, 'classes', readInt, 0);
      return classes.ok ? { kind: 'classification', classes: classes.value } : undefined;
    }
    case 'multilabel': {
      const labels = arg(ctx, sig, c.args, 'labels', readInt, 0);
      return labels.ok ? { kind: 'multilabel', labels: labels.value } : undefined;
    }
  }
}

export function readEarlyStopping(ctx: Ctx, v: Val, label: string): EarlyStopping | undefined {
  if (v.t !== 'name' || v.name !== 'early_stopping') return wrongType(ctx, v, label, describeType('early_stopping'));
  const bound = bindArgs(EARLY_STOPPING, { what: 'setting', name: v.name, nameRange: v.nameRange, args: v.args ?? [] }, ctx);
  const patience = arg(ctx, EARLY_STOPPING, bound, 'patience', readInt, 0);
  const minDelta = arg(ctx, EARLY_STOPPING, bound, 'min_delta', readNumber, 0);
  return patience.ok && minDelta.ok && bound.complete ? { patience: patience.value, minDelta: minDelta.value } : undefined;
}

/** Reads a bound argument of a layer signature with its type's reader; missing → the catalog default. */
export function readArg<T>(
  ctx: Ctx,
  sig: Signature,
  bound: BoundArgs,
  name: string,
  read: (ctx: Ctx, v: Val, label: string, spec: ArgSpec) => T | undefined,
  fallback: T,
): { value: T; ok: boolean; written: boolean; range?: Range } {
  const r = arg(ctx, sig, bound, name, read, fallback);
  const v = bound.values.get(name);
  return v ? { value: r.value, ok: r.ok, written: true, range: v.range } : { value: r.value, ok: r.ok, written: false };
}

/** A catalog default as a number (int2 defaults are one number for both axes). */
export function defaultNumber(sig: Signature, name: string): number {
  const d: DefaultValue | undefined = sig.args.find((a) => a.name === name)?.default;
  return typeof d === 'number' ? d : 0;
}
