/**
 * Expands `repeat`, block uses, `residual` and `parallel` into the layers of the network's graph, in
 * topological order, binding block parameters and recording each layer's chain of expansion steps
 * (outermost first) and the layers it reads from. A residual's body and shortcut, and each branch of a
 * parallel, read the tensor before the construct (an empty one is that tensor itself); a merge layer
 * joins their ends.
 */
import type { Argument, BlockDecl, LayerCall, LayerStmt, ParallelStmt, Range, ResidualStmt } from './ast.js';
import { bind, type BindWording, type Ctx, type Param, type Params } from './args.js';
import type { BlockTable } from './blocks.js';
import { LAYERS, isLayerKind } from './catalog.js';
import { resolveLayer } from './layers.js';
import { readMergeMode } from './merge-mode.js';
import type { BoundValue, ExpansionStep, LayerCallKind, LayerKind, LayerSpec, MergeMode } from './network.js';
import { amount, Budget, MAX_BLOCK_DEPTH } from './budget.js';
import { span, type Reporter } from './report.js';
import { closestName, didYouMean } from './suggest.js';
import { CleanChecks, rangesFor } from './reuse.js';
import { EMPTY_ENV, toArgVals, toBound, type ArgVal, type Env, type Val } from './values.js';

/** Most layers one network may expand to; beyond it analysis stops with an error instead of running out of memory. */
export { MAX_LAYERS } from './budget.js';

/** In `ExpandedLayer.inputs`: the network's input (graph.ts's `NETWORK_INPUT`). */
export const INPUT_TENSOR = -1;

export interface ExpandedLayer {
  kind: LayerKind;
  /** The call as written; for a merge, a call named by the construct's keyword (its range the keyword's) spanning the statement. */
  call: LayerCall;
  chain: ExpansionStep[];
  /** The expanded layers this one reads, by position in `ExpandResult.layers` (`INPUT_TENSOR` for the network's input). */
  inputs: number[];
  /** A merge's construct. */
  construct?: ResidualStmt | ParallelStmt;
  /** The checked layer; undefined when the call's arguments were invalid (already reported). */
  spec: LayerSpec | undefined;
  /** `spec` is kept for reuse by later expansions: copy it, nested objects included, before handing it out. */
  shared: boolean;
  /** Ranges of the written argument values, by argument name (shape errors point at them). */
  argRanges: Record<string, Range>;
}

export interface ExpandResult {
  layers: ExpandedLayer[];
  /** Something was dropped (unknown name, invalid block use, recursion): later shapes are uncertain. */
  incomplete: boolean;
  /** Blocks entered at least once. */
  usedBlocks: Set<string>;
}

interface State {
  r: Reporter;
  blocks: BlockTable;
  out: ExpandedLayer[];
  incomplete: boolean;
  usedBlocks: Set<string>;
  /** Blocks being expanded right now (recursion guard). */
  active: string[];
  /** The file's work budget: steps for the whole file, layers for this network (budget.ts). */
  budget: Budget;
  /** Checking an unused block: block uses in it are bound (their arguments checked) but not entered. */
  shallow?: boolean;
  /** Inside a repeat refused for its steps, whose body is checked once: nested repeats are walked once, silently. */
  checkingOnce: number;
  stopped: boolean;
  /** Clean layer checks of this analysis, for reuse. */
  checks: CleanChecks;
}

export function expandLayers(
  stmts: readonly LayerStmt[],
  blocks: BlockTable,
  r: Reporter,
  checks: CleanChecks = new CleanChecks(),
  budget: Budget = new Budget(blocks),
  env: Env = EMPTY_ENV,
  params: string[] = [],
): ExpandResult {
  const st: State = { r, blocks, out: [], incomplete: false, usedBlocks: new Set(), active: [], budget, checkingOnce: 0, stopped: false, checks };
  const saved = r.chain;
  walk(st, stmts, env, { r, params }, [], INPUT_TENSOR);
  r.chain = saved;
  return { layers: st.out, incomplete: st.incomplete, usedBlocks: st.usedBlocks };
}

/**
 * Walks statements that read tensor `cur` (a position in `st.out`, or `INPUT_TENSOR`); returns the
 * tensor the last of them produces. `ctx` carries the block parameters in scope (for hints); one per
 * block use, shared by its layers.
 */
function walk(st: State, stmts: readonly LayerStmt[] | undefined, env: Env, ctx: Ctx, chain: ExpansionStep[], cur: number): number {
  for (const stmt of stmts ?? []) {
    if (st.stopped) return cur;
    if (!stmt) continue;
    st.r.chain = chain;
    if (++st.budget.steps > st.budget.maxSteps) {
      stop(st, 'analysis/too-much-expansion', stmt.range, `analysis stopped here: this file's expansion took ${amount(st.budget.maxSteps)} steps, all it may take`);
      return cur;
    }
    if (stmt.kind === 'LayerCall' && isLayerKind(stmt.name?.name ?? '') && st.out.length >= st.budget.maxLayers) {
      stop(st, 'analysis/too-many-layers', stmt.range, `the network expands to more than ${amount(st.budget.maxLayers)} layers; analysis stopped here`);
      return cur;
    }
    if (stmt.kind === 'LayerCall') cur = walkCall(st, stmt, env, ctx, chain, cur);
    else if (stmt.kind === 'Repeat') cur = walkRepeat(st, stmt, env, ctx, chain, cur);
    else if (stmt.kind === 'Residual') cur = walkResidual(st, stmt, env, ctx, chain, cur);
    else if (stmt.kind === 'Parallel') cur = walkParallel(st, stmt, env, ctx, chain, cur);
  }
  return cur;
}

function walkRepeat(st: State, stmt: Extract<LayerStmt, { kind: 'Repeat' }>, env: Env, ctx: Ctx, chain: ExpansionStep[], cur: number): number {
  const count = stmt.count;
  if (!count) {
    st.incomplete = true;
    return cur;
  }
  if (!Number.isInteger(count.value) || count.value < 1) {
    st.r.error('analysis/out-of-range', count.range, `a repeat count must be a positive integer, got \`${count.raw}\``);
    st.incomplete = true;
    return cur;
  }
  const headerRange = span(stmt.keywordRange ?? stmt.range, count.range);
  const n = count.value;
  const b = st.budget;
  const total = b.costOf(stmt);
  const body = b.costOfList(stmt.body);
  const room = b.maxLayers - st.out.length;
  if (st.checkingOnce > 0) {
    // Inside a repeat already refused: check the body once, report nothing more about the budget.
    return walkOnce(st, stmt, env, ctx, chain, cur, headerRange);
  }
  let refusal: [string, string] | undefined;
  if (total.layers > room) {
    refusal = [
      'analysis/too-many-layers',
      `with this repeat the network would have ${amount(st.out.length + total.layers)} layers; ` +
        `a network may have at most ${amount(b.maxLayers)}, so analysis checked the body once and stopped here`,
    ];
  } else if (b.steps + total.steps > b.maxSteps) {
    refusal = [
      'analysis/too-much-expansion',
      `expanding this repeat would take ${amount(total.steps)} steps; analysis takes at most ${amount(b.maxSteps)} per file, ` +
        `so it checked the body once and stopped here`,
    ];
  }
  if (refusal) {
    // Refused up front, in words, before any work: report it, check the body once (its own errors
    // still surface), and stop.
    st.r.error(refusal[0], headerRange, refusal[1]);
    cur = walkOnce(st, stmt, env, ctx, chain, cur, headerRange);
    st.stopped = true;
    st.incomplete = true;
    return cur;
  }
  for (let i = 1; i <= n && !st.stopped; i++) {
    const step: ExpansionStep = { kind: 'repeat', range: stmt.range, headerRange, count: n, iteration: i };
    cur = walk(st, stmt.body, env, ctx, [...chain, step], cur);
    // An empty body still costs its iteration.
    if (body.steps === 0) b.steps++;
  }
  return cur;
}

/** The first iteration of a refused repeat, with nested repeats walked once and silently. */
function walkOnce(st: State, stmt: Extract<LayerStmt, { kind: 'Repeat' }>, env: Env, ctx: Ctx, chain: ExpansionStep[], cur: number, headerRange: Range): number {
  const step: ExpansionStep = { kind: 'repeat', range: stmt.range, headerRange, count: stmt.count!.value, iteration: 1 };
  st.checkingOnce++;
  const out = st.budget.costOfList(stmt.body).layers + st.out.length > st.budget.maxLayers ? cur : walk(st, stmt.body, env, ctx, [...chain, step], cur);
  st.checkingOnce--;
  return out;
}

/** Reports why expansion stops and stops it: the network's layers are incomplete from here on. */
function stop(st: State, code: string, range: Range, message: string): void {
  st.r.error(code, range, message);
  st.stopped = true;
  st.incomplete = true;
}

/** `residual { body } shortcut { … }`: body and shortcut read `cur`; an `add` merge joins them. */
function walkResidual(st: State, stmt: ResidualStmt, env: Env, ctx: Ctx, chain: ExpansionStep[], cur: number): number {
  const body = walk(st, stmt.body, env, ctx, chain, cur);
  const shortcut = walk(st, stmt.shortcut?.items, env, ctx, chain, cur);
  if (st.stopped) return body;
  return pushMerge(st, stmt, 'residual', 'add', undefined, chain, [body, shortcut]);
}

/** `parallel(merge: …) { branch { … } … }`: every branch reads `cur`; a merge of the mode joins them. */
function walkParallel(st: State, stmt: ParallelStmt, env: Env, ctx: Ctx, chain: ExpansionStep[], cur: number): number {
  const merge = readMergeMode(stmt, ctx, env);
  const branches = (stmt.branches ?? []).filter(Boolean);
  if (branches.length < 2) {
    st.r.error(
      'analysis/too-few-branches',
      stmt.keywordRange ?? stmt.range,
      branches.length === 0
        ? '`parallel` has no branch; write two or more `branch { … }` inside it'
        : '`parallel` has one branch; a merge joins two or more (add a `branch { }`, which passes its input through, or drop the `parallel`)',
    );
    st.incomplete = true;
  }
  const outs = branches.map((b) => (st.stopped ? cur : walk(st, b.items, env, ctx, chain, cur)));
  if (st.stopped || outs.length === 0) return cur;
  if (outs.length === 1) return outs[0]!;
  if (!merge) st.incomplete = true;
  st.r.chain = chain;
  return pushMerge(st, stmt, 'parallel', merge?.mode, merge?.range, chain, outs);
}

/** Appends the merge layer of a construct; `mode` undefined when its `merge:` was invalid (reported). */
function pushMerge(
  st: State,
  stmt: ResidualStmt | ParallelStmt,
  keyword: 'residual' | 'parallel',
  mode: MergeMode | undefined,
  modeRange: Range | undefined,
  chain: ExpansionStep[],
  inputs: number[],
): number {
  const kwRange = stmt.keywordRange ?? stmt.range;
  if (st.out.length >= st.budget.maxLayers) {
    stop(st, 'analysis/too-many-layers', kwRange, `the network expands to more than ${amount(st.budget.maxLayers)} layers; analysis stopped here`);
    return inputs[0]!;
  }
  const call: LayerCall = { kind: 'LayerCall', name: { kind: 'Identifier', name: keyword, range: kwRange }, range: stmt.range };
  const argRanges: Record<string, Range> = modeRange ? { merge: modeRange } : {};
  const spec: LayerSpec | undefined = mode ? { kind: 'merge', mode } : undefined;
  st.out.push({ kind: 'merge', call, chain, inputs, construct: stmt, spec, shared: false, argRanges });
  return st.out.length - 1;
}

const NO_ARGUMENTS: readonly Argument[] = Object.freeze([]);

function walkCall(st: State, call: LayerCall, env: Env, ctx: Ctx, chain: ExpansionStep[], cur: number): number {
  const name = call.name?.name;
  if (!name) {
    st.incomplete = true;
    return cur;
  }
  if (isLayerKind(name)) {
    st.out.push(checkLayer(st, name, call, env, ctx, chain, cur));
    return st.out.length - 1;
  }
  const block = st.blocks.get(name);
  if (!block) {
    // Reported once: later expansions of the same call (a repeat's iterations) skip straight past it.
    st.incomplete = true;
    if (st.budget.unknownCalls.has(call)) return cur;
    st.budget.unknownCalls.add(call);
    const layerNames = Object.keys(LAYERS);
    // Computed once per file: a misspelt name inside a large repeat is looked up once.
    let near = st.budget.suggestions.get(name);
    if (near === undefined && !st.budget.suggestions.has(name)) {
      near = closestName(name, [...layerNames, ...st.blocks.keys()]);
      st.budget.suggestions.set(name, near);
    }
    if (near && st.blocks.has(near)) {
      st.r.error('analysis/unknown-block', call.name.range, `unknown block \`${name}\`; did you mean \`${near}\`?`);
    } else {
      st.r.error(
        'analysis/unknown-layer',
        call.name.range,
        near
          ? `unknown layer \`${name}\`; did you mean \`${near}\`?`
          : `unknown layer \`${name}\` (expected a layer — ${layerNames.join(', ')} — or a block defined in this file)`,
      );
    }
    st.incomplete = true;
    return cur;
  }
  if (st.active.length >= MAX_BLOCK_DEPTH) {
    // Said once per file; every network that goes as deep stops there too.
    if (!st.budget.tooDeepReported) {
      st.budget.tooDeepReported = true;
      st.r.error(
        'analysis/too-deep',
        call.name.range,
        `blocks are used inside each other more than ${MAX_BLOCK_DEPTH} levels deep here; analysis stopped (write the layers out, or use a repeat)`,
      );
    }
    st.stopped = true;
    st.incomplete = true;
    return cur;
  }
  const args = toArgVals(call.args?.args, env);
  if (st.active.includes(name)) {
    // Reported once per cycle by checkRecursion.
    st.incomplete = true;
    return cur;
  }
  const bound = bindBlockArgs(block, call, args, ctx);
  if (!bound) {
    st.incomplete = true;
    return cur;
  }
  st.usedBlocks.add(name);
  // Checking a block no network uses: its own text is what matters; the blocks it uses are checked on their own.
  if (st.shallow) return cur;
  const entries: [string, BoundValue][] = [];
  const params: string[] = [];
  for (const [k, v] of bound) {
    entries.push([k, toBound(v)]);
    params.push(k);
  }
  const step: ExpansionStep = {
    kind: 'block',
    block: name,
    useRange: call.range,
    definitionRange: block.name!.range,
    bindings: Object.fromEntries(entries) as Record<string, BoundValue>,
  };
  st.active.push(name);
  const out = walk(st, block.body, bound, { r: st.r, params }, [...chain, step], cur);
  st.active.pop();
  return out;
}

/**
 * Checks a layer call (see `resolveLayer`), or copies an earlier check of an equal call that
 * reported nothing (see reuse.ts); a new clean check is remembered for later calls.
 */
function checkLayer(st: State, kind: LayerCallKind, call: LayerCall, env: Env, ctx: Ctx, chain: ExpansionStep[], cur: number): ExpandedLayer {
  const written = call.args?.args ?? NO_ARGUMENTS;
  const inputs = [cur];
  const clean = st.checks.find(kind, written, env);
  if (clean !== undefined) {
    return { kind, call, chain, inputs, spec: clean.spec, argRanges: rangesFor(clean, written, env), shared: true };
  }
  // A call outside any block that reported something: its reports are made (and kept) once; later
  // expansions of it (a repeat's iterations) reuse the result instead of checking it again.
  const unbound = env.size === 0;
  const failed = unbound ? st.budget.failedChecks.get(call) : undefined;
  if (failed) {
    if (failed.spec === undefined) st.incomplete = true;
    return { kind, call, chain, inputs, spec: failed.spec, argRanges: failed.argRanges, shared: failed.spec !== undefined };
  }
  const args = toArgVals(call.args?.args, env);
  const argRanges: Record<string, Range> = {};
  const attempts = st.r.attempts;
  const spec = resolveLayer(kind, call.name.range, args, ctx, argRanges);
  if (spec === undefined) {
    st.incomplete = true;
    if (unbound) st.budget.failedChecks.set(call, { spec, argRanges });
    return { kind, call, chain, inputs, spec, argRanges, shared: false };
  }
  if (st.r.attempts !== attempts) {
    if (unbound) st.budget.failedChecks.set(call, { spec, argRanges });
    return { kind, call, chain, inputs, spec, argRanges, shared: unbound };
  }
  st.checks.remember(kind, args, spec, argRanges);
  return { kind, call, chain, inputs, spec, argRanges, shared: true };
}

/** A block's parameters, as `bind` reads them: every one positional and required. */
type BlockParam = Param & { position: number };

const blockParamLists = new WeakMap<BlockDecl, Params<BlockParam>>();

function blockParams(block: BlockDecl): Params<BlockParam> {
  let params = blockParamLists.get(block);
  if (!params) {
    const args = (block.params ?? []).filter(Boolean).map((p, i): BlockParam => ({ name: p.name, position: i, required: true }));
    params = { name: block.name!.name, args };
    blockParamLists.set(block, params);
  }
  return params;
}

const list = (params: Params) => params.args.map((p) => p.name).join(', ');

const BLOCK_WORDING: BindWording<BlockParam> = {
  tooMany(block, params) {
    const n = params.args.length;
    return `block \`${block}\` takes ${n} argument${n === 1 ? '' : 's'}${n ? ` (${list(params)})` : ''}`;
  },
  unknown(block, arg, params) {
    const names = params.args.map((p) => p.name);
    return (
      `block \`${block}\` has no parameter \`${arg}\`` +
      (didYouMean(arg, names) || (names.length ? ` (expected one of: ${names.join(', ')})` : ' (it takes none)'))
    );
  },
  duplicate: (block, param) => `\`${param.name}\` of block \`${block}\` is given more than once`,
  missing: (block, param) => `block \`${block}\` needs \`${param.name}\``,
};

/** Binds a block use's arguments to the block's parameters, in parameter order; undefined when they do not match (reported). */
function bindBlockArgs(block: BlockDecl, call: LayerCall, args: readonly ArgVal[], ctx: Ctx): Map<string, Val> | undefined {
  const params = blockParams(block);
  const bound = bind(params, params.name, call.name.range, args, ctx, BLOCK_WORDING);
  if (!bound.clean) return undefined;
  return new Map(params.args.map((p, i) => [p.name, bound.values[i]!]));
}

/** Checks a block that no network uses, with its parameters unbound, so errors in its text still surface. */
export function checkUnusedBlock(
  block: BlockDecl,
  blocks: BlockTable,
  r: Reporter,
  checks: CleanChecks = new CleanChecks(),
  budget: Budget = new Budget(blocks),
): void {
  const params = blockParams(block).args.map((p) => p.name);
  const env = new Map<string, Val>(params.map((p) => [p, { t: 'missing', range: block.range } as Val]));
  const st: State = { r, blocks, out: [], incomplete: false, usedBlocks: new Set(), active: [block.name!.name], budget, checkingOnce: 0, stopped: false, checks, shallow: true };
  const saved = r.chain;
  walk(st, block.body, env, { r, params }, [], INPUT_TENSOR);
  r.chain = saved;
}
