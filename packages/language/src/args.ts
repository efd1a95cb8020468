/**
 * Matches written arguments to a signature from the catalog and converts them to typed values,
 * reporting unknown, duplicate, surplus and missing arguments, wrong types and out-of-range values.
 */
import type { Range } from './ast.js';
import {
  ACTIVATIONS,
  EARLY_STOPPING,
  FAN_MODES,
  INITIALIZERS,
  LOSSES,
  OPTIMIZERS,
  PADDINGS,
  REGULARIZERS,
  SCALING_DISTRIBUTIONS,
  TASKS,
  describeType,
  inRange,
  isActivationName,
  isInitializerName,
  isLossName,
  isOptimizerName,
  isRegularizerName,
  isTaskName,
  type ArgSpec,
  type OptimizerName,
  type RegularizerName,
  type Signature,
  type TaskName,
  type ValueType,
} from './catalog.js';
import type {
  Activation,
  ActivationName,
  EarlyStopping,
  FanMode,
  Initializer,
  InitializerName,
  Loss,
  LossName,
  Optimizer,
  Padding,
  Padding2D,
  Regularizer,
  ScalingDistribution,
  Task,
} from './network.js';
import type { Reporter } from './report.js';
import { closestName, didYouMean } from './suggest.js';
import { showVal, type ArgVal, type Val } from './values.js';

export interface Ctx {
  r: Reporter;
  /** Block parameter names in scope (for "did you mean" on a misspelt parameter). */
  params: readonly string[];
}

export interface BoundArgs {
  /** The written value of each argument, by its index in the signature's `args`. */
  values: readonly (Val | undefined)[];
  /** False when a required argument is missing (already reported) or a written value was dropped by recovery. */
  complete: boolean;
  /** True when binding reported nothing: no argument misplaced, unknown, repeated, surplus or missing. */
  clean: boolean;
}

/** Did every argument read so far succeed? Readers clear `ok`; one per call being read. */
export interface Reading {
  ok: boolean;
}

/** What binding reads of a parameter: a catalog `ArgSpec`, or a block's parameter. */
export interface Param {
  name: string;
  /** 0-based position when it may be passed positionally; absent for named-only parameters. */
  position?: number;
  required: boolean;
}

/** A callee's parameters: a catalog `Signature`, or a block's. */
export interface Params<P extends Param = Param> {
  name: string;
  args: readonly P[];
}

/** How binding problems are worded for one kind of callee; `callee` is its name as written. */
export interface BindWording<P extends Param> {
  tooMany(callee: string, params: Params<P>, positional: readonly P[]): string;
  unknown(callee: string, arg: string, params: Params<P>): string;
  duplicate(callee: string, param: P): string;
  missing(callee: string, param: P): string;
}

/** The wording for catalog signatures: layers, activations, losses, … */
const CALL_WORDING: BindWording<ArgSpec> = {
  tooMany(callee, sig, positional) {
    const max = positional.length;
    if (max === 0) {
      return sig.args.length === 0
        ? `\`${callee}\` takes no arguments`
        : `\`${callee}\` takes only named arguments (${sig.args.map((a) => a.name).join(', ')})`;
    }
    return `\`${callee}\` takes at most ${max} positional argument${max === 1 ? '' : 's'} (${positional.map((p) => p.name).join(', ')}); name the others`;
  },
  unknown(callee, arg, sig) {
    const names = sig.args.map((a) => a.name);
    return (
      `\`${callee}\` has no argument \`${arg}\`` +
      (didYouMean(arg, names) || (names.length === 0 ? ` (it takes none)` : ` (expected one of: ${names.join(', ')})`))
    );
  },
  duplicate: (callee, spec) => `\`${spec.name}\` of \`${callee}\` is given more than once`,
  missing: (callee, spec) => `\`${callee}\` needs \`${spec.name}\` (${describeType(spec.type, spec.range)})`,
};

/** What is worked out once per parameter list: positional order and the labels messages use. */
interface SigInfo {
  /** Indices into `args` of the arguments that may be passed by position, in position order. */
  positional: number[];
  /** `` `name` of `callee` `` for each argument. */
  labels: string[];
  /** True when no argument is required: an empty argument list binds to {@link EMPTY_BOUND} without a report. */
  noneRequired: boolean;
}

const sigInfos = new WeakMap<Params, SigInfo>();

function sigInfo(sig: Params): SigInfo {
  let info = sigInfos.get(sig);
  if (!info) {
    const positional = sig.args
      .map((a, i) => ({ a, i }))
      .filter((x) => x.a.position !== undefined)
      .sort((x, y) => x.a.position! - y.a.position!)
      .map((x) => x.i);
    info = {
      positional,
      labels: sig.args.map((a) => `\`${a.name}\` of \`${sig.name}\``),
      noneRequired: sig.args.every((a) => !a.required),
    };
    sigInfos.set(sig, info);
  }
  return info;
}

/** Index of argument `name` in the signature (-1 when it has none). */
function argIndex(sig: Params, name: string): number {
  const args = sig.args;
  for (let i = 0; i < args.length; i++) if (args[i]!.name === name) return i;
  return -1;
}

/** An empty argument list bound to a signature without required arguments: nothing written, complete. Never mutated. */
const EMPTY_BOUND: BoundArgs = Object.freeze({ values: Object.freeze([]) as readonly (Val | undefined)[], complete: true, clean: true });

/**
 * Assigns positional and named arguments to the signature's parameters (`name`/`nameRange`: the
 * callee as written, for messages). When `ranges` is given, the range of each bound value is
 * recorded in it by argument name, in the order the arguments were written.
 */
export function bindArgs(sig: Signature, name: string, nameRange: Range, args: readonly ArgVal[], ctx: Ctx, ranges?: Record<string, Range>): BoundArgs {
  return bind(sig, name, nameRange, args, ctx, CALL_WORDING, ranges);
}

/** `bindArgs` for any parameter list, with its own wording (block uses bind this way). */
export function bind<P extends Param>(
  sig: Params<P>,
  name: string,
  nameRange: Range,
  args: readonly ArgVal[],
  ctx: Ctx,
  wording: BindWording<P>,
  ranges?: Record<string, Range>,
): BoundArgs {
  const info = sigInfo(sig);
  if (args.length === 0 && info.noneRequired) return EMPTY_BOUND;
  const specs = sig.args;
  const values: (Val | undefined)[] = new Array(specs.length).fill(undefined);
  const positional = info.positional;
  let pos = 0;
  let sawNamed = false;
  let clean = true;
  for (const arg of args) {
    let i: number;
    if (arg.name === undefined) {
      if (sawNamed) {
        clean = false;
        ctx.r.error('analysis/positional-after-named', arg.range, `a positional argument cannot follow named ones in \`${name}(…)\`; name it`);
        continue;
      }
      if (pos >= positional.length) {
        pos++;
        clean = false;
        ctx.r.error('analysis/too-many-arguments', arg.range, wording.tooMany(name, sig, positional.map((p) => specs[p]!)));
        continue;
      }
      i = positional[pos++]!;
      if (values[i] !== undefined) {
        clean = false;
        ctx.r.error('analysis/duplicate-argument', arg.range, wording.duplicate(name, specs[i]!));
        continue;
      }
    } else {
      sawNamed = true;
      i = argIndex(sig, arg.name);
      const nameRangeOfArg = arg.nameRange ?? arg.range;
      if (i < 0) {
        clean = false;
        ctx.r.error('analysis/unknown-argument', nameRangeOfArg, wording.unknown(name, arg.name, sig));
        continue;
      }
      if (values[i] !== undefined) {
        clean = false;
        ctx.r.error('analysis/duplicate-argument', nameRangeOfArg, wording.duplicate(name, specs[i]!));
        continue;
      }
    }
    values[i] = arg.value;
    if (ranges) ranges[specs[i]!.name] = arg.value.range;
  }
  let complete = true;
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    if (spec.required && values[i] === undefined) {
      complete = false;
      clean = false;
      ctx.r.error('analysis/missing-argument', nameRange, wording.missing(name, spec));
    }
  }
  if (complete) for (const v of values) if (v !== undefined && v.t === 'missing') complete = false;
  return { values, complete, clean };
}

/** Whether argument `name` was written in the bound call. */
export function written(sig: Signature, bound: BoundArgs, name: string): boolean {
  return bound.values[argIndex(sig, name)] !== undefined;
}

/** The written value of argument `name`, if any. */
export function writtenValue(sig: Signature, bound: BoundArgs, name: string): Val | undefined {
  return bound.values[argIndex(sig, name)];
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
  // The expected type is described only when a message needs it.
  if (v.t !== 'number' || (type === 'int' && !Number.isInteger(v.value))) {
    return wrongType(ctx, v, label, describeType(type, spec.range));
  }
  if (!Number.isFinite(v.value) || !inRange(v.value, spec.range) || (type === 'int' && !Number.isSafeInteger(v.value))) {
    ctx.r.error('analysis/out-of-range', v.range, `${label} must be ${describeType(type, spec.range)}, got \`${v.raw}\``);
    return undefined;
  }
  return v.value;
}

/**
 * A name-valued argument (activation, initialiser, …): checks the callee name (`v.name`, then
 * narrowed to a name of `table`) and binds its arguments; undefined when it is not a known name (reported).
 */
function lookupCall<N extends string>(
  ctx: Ctx,
  v: Val,
  label: string,
  type: ValueType,
  table: Record<N, Signature>,
  isName: (s: string) => s is N,
  what: string,
): BoundArgs | undefined {
  if (v.t !== 'name') return wrongType(ctx, v, label, describeType(type));
  if (!isName(v.name)) {
    const known = Object.keys(table);
    const code = `analysis/unknown-${what === 'initialiser' ? 'initializer' : what}`;
    const suggestion = didYouMean(v.name, known);
    ctx.r.error(code, v.nameRange, `unknown ${what} \`${v.name}\`${suggestion || ` (expected one of: ${known.join(', ')})`}`);
    return undefined;
  }
  return bindArgs(table[v.name], v.name, v.nameRange, v.args ?? NO_ARGS, ctx);
}

const NO_ARGS: readonly ArgVal[] = Object.freeze([]);

/** The callee name of a value `lookupCall` accepted. */
const calleeName = <N extends string>(v: Val): N => (v as Extract<Val, { t: 'name' }>).name as N;

/**
 * Reads argument `name` of a bound call: the written value checked by `read`; when not written,
 * `computed` if given (a default that depends on other arguments, such as a pool's stride) or else
 * the catalog default, made fresh for each call. Clears `reading.ok` when the value is invalid
 * (reported) or a required argument is missing: what it returns then is a placeholder, not to be used.
 */
export function take<T>(
  ctx: Ctx,
  sig: Signature,
  bound: BoundArgs,
  name: string,
  read: (ctx: Ctx, v: Val, label: string, spec: ArgSpec) => T | undefined,
  reading: Reading,
  computed?: T,
): T {
  const i = argIndex(sig, name);
  const spec = sig.args[i]!;
  const v = bound.values[i];
  if (!v) {
    if (spec.required) reading.ok = false;
    return computed ?? (catalogDefault(spec) as T);
  }
  const got = read(ctx, v, sigInfo(sig).labels[i]!, spec);
  if (got === undefined) {
    reading.ok = false;
    return computed ?? (catalogDefault(spec) as T);
  }
  return got;
}

/** An argument's catalog default as its reader returns values: `int2` for both axes, a name as `{ name }`. */
function catalogDefault(spec: ArgSpec): unknown {
  const d = spec.default;
  if (d === undefined) return undefined;
  switch (spec.type) {
    case 'int2':
      return [d, d];
    case 'padding2d':
      return [
        [d, d],
        [d, d],
      ];
    case 'activation':
    case 'initializer':
    case 'regularizer':
      return { name: d };
    default:
      return d;
  }
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

/**
 * Zero padding (`zero_padding2d`): `p` for every side, `[h, w]` for both sides of each axis, or
 * `[[top, bottom], [left, right]]`; every number a non-negative integer (the argument's range).
 */
export function readPadding2D(ctx: Ctx, v: Val, label: string, spec: Pick<ArgSpec, 'range'>): Padding2D | undefined {
  const int = (item: Val) => checkNumber(ctx, item, label, 'int', spec);
  if (v.t === 'number') {
    const n = int(v);
    return n === undefined ? undefined : [
      [n, n],
      [n, n],
    ];
  }
  // A value recovery dropped (already reported) stands in for the number or pair it should be.
  const num = (x: Val) => x.t === 'number' || x.t === 'missing';
  const pair = (x: Val) => x.t === 'missing' || (x.t === 'list' && x.items.length === 2 && x.items.every(num));
  if (v.t === 'list' && v.items.length === 2) {
    const [a, b] = v.items as [Val, Val];
    if (num(a) && num(b)) {
      const h = int(a);
      const w = int(b);
      return h === undefined || w === undefined ? undefined : [
        [h, h],
        [w, w],
      ];
    }
    if (pair(a) && pair(b) && (a.t === 'list' || b.t === 'list')) {
      const sides = (x: Val): Val[] => (x.t === 'list' ? x.items : [x, x]);
      const [t, bo, l, r] = [...sides(a), ...sides(b)].map(int);
      return t === undefined || bo === undefined || l === undefined || r === undefined ? undefined : [
        [t, bo],
        [l, r],
      ];
    }
  }
  return wrongType(ctx, v, label, describeType('padding2d', spec.range));
}

/** A bare name from a fixed list (`valid`, `fan_in`, …), with did-you-mean when misspelt. */
function readChoice<N extends string>(ctx: Ctx, v: Val, label: string, type: ValueType, choices: readonly N[]): N | undefined {
  if (v.t === 'name' && !v.args && (choices as readonly string[]).includes(v.name)) return v.name as N;
  if (v.t === 'name' && !v.args) {
    ctx.r.error('analysis/wrong-type', v.range, `${label} must be ${describeType(type)}, got \`${v.name}\`${didYouMean(v.name, choices)}`);
    return undefined;
  }
  return wrongType(ctx, v, label, describeType(type));
}

export const readPadding = (ctx: Ctx, v: Val, label: string): Padding | undefined => readChoice(ctx, v, label, 'padding', PADDINGS);

export const readFanMode = (ctx: Ctx, v: Val, label: string): FanMode | undefined => readChoice(ctx, v, label, 'fan_mode', FAN_MODES);

export function readScalingDistribution(ctx: Ctx, v: Val, label: string): ScalingDistribution | undefined {
  if (v.t === 'name' && !v.args && v.name === 'normal') {
    // Keras accepts `normal` as an old alias of truncated_normal; Axon asks for the explicit name.
    ctx.r.error(
      'analysis/wrong-type',
      v.range,
      `${label} must be ${describeType('scaling_distribution')}, got \`normal\`: write \`truncated_normal\` (what Keras reads \`normal\` as) or \`untruncated_normal\``,
    );
    return undefined;
  }
  return readChoice(ctx, v, label, 'scaling_distribution', SCALING_DISTRIBUTIONS);
}

export function readActivation(ctx: Ctx, v: Val, label: string): Activation | undefined {
  const bound = lookupCall(ctx, v, label, 'activation', ACTIVATIONS, isActivationName, 'activation');
  if (!bound) return undefined;
  const name = calleeName<ActivationName>(v);
  const sig = ACTIVATIONS[name];
  switch (name) {
    case 'leaky_relu': {
      const reading = { ok: true };
      const alpha = take(ctx, sig, bound, 'alpha', readNumber, reading);
      return reading.ok ? { name: 'leaky_relu', alpha } : undefined;
    }
    case 'prelu': {
      const reading = { ok: true };
      const init = take(ctx, sig, bound, 'init', readNumber, reading);
      return reading.ok ? { name: 'prelu', init } : undefined;
    }
    case 'elu': {
      const reading = { ok: true };
      const alpha = take(ctx, sig, bound, 'alpha', readNumber, reading);
      return reading.ok ? { name: 'elu', alpha } : undefined;
    }
    default:
      return bound.complete ? { name } : undefined;
  }
}

export function readInitializer(ctx: Ctx, v: Val, label: string): Initializer | undefined {
  const bound = lookupCall(ctx, v, label, 'initializer', INITIALIZERS, isInitializerName, 'initialiser');
  if (!bound) return undefined;
  const name = calleeName<InitializerName>(v);
  const sig = INITIALIZERS[name];
  const reading = { ok: bound.complete };
  const num = (arg: string) => take(ctx, sig, bound, arg, readNumber, reading);
  let init: Initializer;
  switch (name) {
    case 'constant':
      init = { name, value: num('value') };
      break;
    case 'random_uniform': {
      init = { name, minval: num('minval'), maxval: num('maxval') };
      if (reading.ok && init.minval >= init.maxval) {
        const at = writtenValue(sig, bound, 'minval') ?? writtenValue(sig, bound, 'maxval');
        ctx.r.error(
          'analysis/out-of-range',
          at?.range ?? (v as Extract<Val, { t: 'name' }>).nameRange,
          `\`minval\` of \`random_uniform\` must be below \`maxval\`, got minval ${init.minval} and maxval ${init.maxval}`,
        );
        reading.ok = false;
      }
      break;
    }
    case 'random_normal':
    case 'truncated_normal':
      init = { name, mean: num('mean'), stddev: num('stddev') };
      break;
    case 'orthogonal':
      init = { name, gain: num('gain') };
      break;
    case 'variance_scaling':
      init = {
        name,
        scale: num('scale'),
        mode: take(ctx, sig, bound, 'mode', readFanMode, reading),
        distribution: take(ctx, sig, bound, 'distribution', readScalingDistribution, reading),
      };
      break;
    default:
      init = { name };
  }
  return reading.ok ? init : undefined;
}

/** A kernel penalty: `l1(0.01)`, `l2(0.01)`, `l1_l2(l1: 0.01, l2: 0.01)`. */
export function readRegularizer(ctx: Ctx, v: Val, label: string): Regularizer | undefined {
  const bound = lookupCall(ctx, v, label, 'regularizer', REGULARIZERS, isRegularizerName, 'regularizer');
  if (!bound) return undefined;
  const name = calleeName<RegularizerName>(v);
  const sig = REGULARIZERS[name];
  const reading = { ok: bound.complete };
  const num = (arg: string) => take(ctx, sig, bound, arg, readNumber, reading);
  let reg: Regularizer;
  switch (name) {
    case 'l1':
      reg = { name, l1: num('l1') };
      break;
    case 'l2':
      reg = { name, l2: num('l2') };
      break;
    case 'l1_l2':
      reg = { name, l1: num('l1'), l2: num('l2') };
      break;
  }
  return reading.ok ? reg : undefined;
}

export function readLoss(ctx: Ctx, v: Val, label: string): Loss | undefined {
  const bound = lookupCall(ctx, v, label, 'loss', LOSSES, isLossName, 'loss');
  if (!bound) return undefined;
  const name = calleeName<LossName>(v);
  const sig = LOSSES[name];
  const reading = { ok: true };
  if (name === 'huber') {
    const delta = take(ctx, sig, bound, 'delta', readNumber, reading);
    return reading.ok ? { name: 'huber', fromLogits: false, delta } : undefined;
  }
  if (name === 'binary_crossentropy' || name === 'categorical_crossentropy' || name === 'sparse_categorical_crossentropy') {
    const fromLogits = take(ctx, sig, bound, 'from_logits', readBool, reading);
    return reading.ok ? { name, fromLogits } : undefined;
  }
  return bound.complete ? { name, fromLogits: false } : undefined;
}

/**
 * The optimizer, plus the ranges of its written `learning_rate`, `clipnorm`, `clipvalue` and
 * `weight_decay` arguments by name (the train section records them).
 */
export function readOptimizer(ctx: Ctx, v: Val, label: string): { optimizer: Optimizer; ranges: Partial<Record<string, Range>> } | undefined {
  const bound = lookupCall(ctx, v, label, 'optimizer', OPTIMIZERS, isOptimizerName, 'optimizer');
  if (!bound) return undefined;
  const name = calleeName<OptimizerName>(v);
  const sig = OPTIMIZERS[name];
  const reading = { ok: true };
  const num = (arg: string) => take(ctx, sig, bound, arg, readNumber, reading);
  const learningRate = num('learning_rate');
  let optimizer: Optimizer;
  switch (name) {
    case 'sgd': {
      const momentum = num('momentum');
      const nesterov = take(ctx, sig, bound, 'nesterov', readBool, reading);
      optimizer = { name: 'sgd', learningRate, momentum, nesterov };
      break;
    }
    case 'adam': {
      const beta1 = num('beta1');
      const beta2 = num('beta2');
      const epsilon = num('epsilon');
      optimizer = { name: 'adam', learningRate, beta1, beta2, epsilon };
      break;
    }
    case 'rmsprop':
    case 'adadelta': {
      const rho = num('rho');
      const epsilon = num('epsilon');
      optimizer = { name, learningRate, rho, epsilon };
      break;
    }
    case 'adagrad': {
      const initialAccumulator = num('initial_accumulator_value');
      const epsilon = num('epsilon');
      optimizer = { name: 'adagrad', learningRate, initialAccumulator, epsilon };
      break;
    }
    case 'adamw': {
      const beta1 = num('beta1');
      const beta2 = num('beta2');
      const epsilon = num('epsilon');
      optimizer = { name: 'adamw', learningRate, beta1, beta2, epsilon, weightDecay: num('weight_decay') };
      break;
    }
    case 'nadam': {
      const beta1 = num('beta1');
      const beta2 = num('beta2');
      const epsilon = num('epsilon');
      optimizer = { name: 'nadam', learningRate, beta1, beta2, epsilon };
      break;
    }
  }
  // Clipping and (but for adamw) weight decay have no default: absent unless written.
  if (written(sig, bound, 'clipnorm')) optimizer.clipNorm = num('clipnorm');
  if (written(sig, bound, 'clipvalue')) optimizer.clipValue = num('clipvalue');
  if (name !== 'adamw' && written(sig, bound, 'weight_decay')) optimizer.weightDecay = num('weight_decay');
  if (!reading.ok || !bound.complete) return undefined;
  const ranges: Partial<Record<string, Range>> = {};
  for (const arg of ['learning_rate', 'clipnorm', 'clipvalue', 'weight_decay']) {
    const value = writtenValue(sig, bound, arg);
    if (value) ranges[arg] = value.range;
  }
  return { optimizer, ranges };
}

export function readTask(ctx: Ctx, v: Val, label: string): Task | undefined {
  const bound = lookupCall(ctx, v, label, 'task', TASKS, isTaskName, 'task');
  if (!bound) return undefined;
  const name = calleeName<TaskName>(v);
  const sig = TASKS[name];
  const reading = { ok: true };
  switch (name) {
    case 'regression': {
      const outputs = take(ctx, sig, bound, 'outputs', readInt, reading);
      return reading.ok ? { kind: 'regression', outputs } : undefined;
    }
    case 'binary_classification':
      return bound.complete ? { kind: 'binary_classification' } : undefined;
    case 'classification': {
      const classes = take(ctx, sig, bound, 'classes', readInt, reading);
      return reading.ok ? { kind: 'classification', classes } : undefined;
    }
    case 'multilabel': {
      const labels = take(ctx, sig, bound, 'labels', readInt, reading);
      return reading.ok ? { kind: 'multilabel', labels } : undefined;
    }
  }
}

export function readEarlyStopping(ctx: Ctx, v: Val, label: string): EarlyStopping | undefined {
  if (v.t !== 'name' || v.name !== 'early_stopping') return wrongType(ctx, v, label, describeType('early_stopping'));
  const bound = bindArgs(EARLY_STOPPING, v.name, v.nameRange, v.args ?? NO_ARGS, ctx);
  const reading = { ok: true };
  const patience = take(ctx, EARLY_STOPPING, bound, 'patience', readInt, reading);
  const minDelta = take(ctx, EARLY_STOPPING, bound, 'min_delta', readNumber, reading);
  return reading.ok && bound.complete ? { patience, minDelta } : undefined;
}
