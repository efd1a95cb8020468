/**
 * Expands `repeat` and block uses into the flat list of layer calls, binding block parameters and
 * recording each layer's chain of expansion steps (outermost first).
 */
import type { Argument, BlockDecl, LayerCall, LayerStmt, Range } from './ast.js';
import type { Ctx } from './args.js';
import type { BlockTable } from './blocks.js';
import { LAYERS, isLayerKind } from './catalog.js';
import { resolveLayer } from './layers.js';
import type { BoundValue, ExpansionStep, LayerKind, LayerSpec } from './network.js';
import { span, type Reporter } from './report.js';
import { closestName } from './suggest.js';
import { EMPTY_ENV, applyPlan, planArgs, sameVal, toArgVals, toBound, type ArgPlan, type ArgVal, type Env, type Val } from './values.js';

/** Most layers one network may expand to; beyond it analysis stops with an error instead of running out of memory. */
export const MAX_LAYERS = 50_000;

export interface ExpandedLayer {
  kind: LayerKind;
  call: LayerCall;
  chain: ExpansionStep[];
  /** The checked layer; undefined when the call's arguments were invalid (already reported). */
  spec?: LayerSpec;
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
  /** Statements visited, to bound runaway nested repeats of empty bodies. */
  steps: number;
  stopped: boolean;
  calls: CallCache;
}

/** Per analysis: what is worked out once for each call that repeats or block uses expand more than once. */
export type CallCache = Map<LayerCall, CallInfo>;

export function expandLayers(
  stmts: readonly LayerStmt[],
  blocks: BlockTable,
  r: Reporter,
  calls: CallCache = new Map(),
  env: Env = EMPTY_ENV,
  params: string[] = [],
): ExpandResult {
  const st: State = { r, blocks, out: [], incomplete: false, usedBlocks: new Set(), active: [], steps: 0, stopped: false, calls };
  const saved = r.chain;
  walk(st, stmts, env, { r, params }, []);
  r.chain = saved;
  return { layers: st.out, incomplete: st.incomplete, usedBlocks: st.usedBlocks };
}

/** `ctx` carries the block parameters in scope (for hints); one per block use, shared by its layers. */
function walk(st: State, stmts: readonly LayerStmt[] | undefined, env: Env, ctx: Ctx, chain: ExpansionStep[]): void {
  for (const stmt of stmts ?? []) {
    if (st.stopped) return;
    if (!stmt) continue;
    if (++st.steps > MAX_LAYERS * 5 || st.out.length > MAX_LAYERS) {
      st.r.error('analysis/too-many-layers', stmt.range, `the network expands to more than ${MAX_LAYERS} layers; analysis stopped here`);
      st.stopped = true;
      st.incomplete = true;
      return;
    }
    st.r.chain = chain;
    if (stmt.kind === 'Repeat') walkRepeat(st, stmt, env, ctx, chain);
    else if (stmt.kind === 'LayerCall') walkCall(st, stmt, env, ctx, chain);
  }
}

function walkRepeat(st: State, stmt: Extract<LayerStmt, { kind: 'Repeat' }>, env: Env, ctx: Ctx, chain: ExpansionStep[]): void {
  const count = stmt.count;
  if (!count) {
    st.incomplete = true;
    return;
  }
  if (!Number.isInteger(count.value) || count.value < 1) {
    st.r.error('analysis/out-of-range', count.range, `a repeat count must be a positive integer, got \`${count.raw}\``);
    st.incomplete = true;
    return;
  }
  const headerRange = span(stmt.keywordRange ?? stmt.range, count.range);
  for (let i = 1; i <= count.value && !st.stopped; i++) {
    const step: ExpansionStep = { kind: 'repeat', range: stmt.range, headerRange, count: count.value, iteration: i };
    walk(st, stmt.body, env, ctx, [...chain, step]);
  }
}

/**
 * What is worked out once per written call, however often repeats and block uses expand it: its
 * layer kind, its argument plan, and the last clean resolution (see {@link resolveCall}).
 */
export interface CallInfo {
  /** The layer kind; undefined for a block use or an unknown name. */
  kind: LayerKind | undefined;
  args: readonly Argument[];
  plan: ArgPlan;
  memo?: Memo;
}

/** A resolution that reported nothing, kept to be reused when the same call meets the same values. */
interface Memo {
  args: readonly ArgVal[];
  /** Never handed out: layers get copies (`ExpandedLayer.shared`). */
  spec: LayerSpec;
  argRanges: Record<string, Range>;
  /** The argument name each written argument was bound to, by position (all were bound: nothing was reported). */
  keys: string[];
}

const NO_ARGUMENTS: readonly Argument[] = Object.freeze([]);

function callInfo(calls: CallCache, call: LayerCall, name: string): CallInfo {
  let info = calls.get(call);
  if (!info) {
    const args = call.args?.args ?? NO_ARGUMENTS;
    info = { kind: isLayerKind(name) ? name : undefined, args, plan: planArgs(args) };
    calls.set(call, info);
  }
  return info;
}

function walkCall(st: State, call: LayerCall, env: Env, ctx: Ctx, chain: ExpansionStep[]): void {
  const name = call.name?.name;
  if (!name) {
    st.incomplete = true;
    return;
  }
  // A call outside repeats and blocks is expanded once: nothing worth keeping for it.
  const once = chain.length === 0;
  const info = once ? undefined : callInfo(st.calls, call, name);
  const args = info ? applyPlan(info.plan, info.args, env) : toArgVals(call.args?.args, env);
  const kind = info ? info.kind : isLayerKind(name) ? name : undefined;
  if (kind !== undefined) {
    const layer: ExpandedLayer = { kind, call, chain, argRanges: {}, shared: false };
    const spec = info ? resolveCall(st, info, kind, call, args, ctx, layer) : resolveLayer(kind, call.name.range, args, ctx, layer.argRanges);
    if (spec) layer.spec = spec;
    else st.incomplete = true;
    st.out.push(layer);
    return;
  }
  const block = st.blocks.get(name);
  if (!block) {
    const layerNames = Object.keys(LAYERS);
    const near = closestName(name, [...layerNames, ...st.blocks.keys()]);
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
    return;
  }
  if (st.active.includes(name)) {
    // Reported once per cycle by checkRecursion.
    st.incomplete = true;
    return;
  }
  const bound = bindBlockArgs(st, block, call, args);
  if (!bound) {
    st.incomplete = true;
    return;
  }
  st.usedBlocks.add(name);
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
  walk(st, block.body, bound, { r: st.r, params }, [...chain, step]);
  st.active.pop();
}

/**
 * Checks a layer call's arguments (see `resolveLayer`), filling `layer.argRanges`. Checking is a
 * function of the values' content (ranges and number spellings only reach messages), so when the
 * same call meets values equal to those of its last resolution, and that resolution reported
 * nothing, the result is copied instead of worked out again: same spec, same argument ranges
 * (those of the values given now), and no report is skipped because none would be made.
 */
function resolveCall(st: State, info: CallInfo, kind: LayerKind, call: LayerCall, args: readonly ArgVal[], ctx: Ctx, layer: ExpandedLayer): LayerSpec | undefined {
  const memo = info.memo;
  if (memo !== undefined && sameArgs(memo.args, args)) {
    const ranges = { ...memo.argRanges };
    if (memo.args !== args) {
      for (let i = 0; i < args.length; i++) if (memo.args[i] !== args[i]) ranges[memo.keys[i]!] = args[i]!.value.range;
    }
    layer.argRanges = ranges;
    layer.shared = true;
    return memo.spec;
  }
  const attempts = st.r.attempts;
  const spec = resolveLayer(kind, call.name.range, args, ctx, layer.argRanges);
  if (spec === undefined || st.r.attempts !== attempts) return spec;
  const keys = Object.keys(layer.argRanges);
  if (keys.length !== args.length) return spec;
  info.memo = { args, spec, argRanges: { ...layer.argRanges }, keys };
  layer.shared = true;
  return spec;
}

function sameArgs(a: readonly ArgVal[], b: readonly ArgVal[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.name !== y.name || !sameVal(x.value, y.value))) return false;
  }
  return true;
}

/** Binds a block use's arguments to the block's parameters; undefined when they do not match (reported). */
function bindBlockArgs(st: State, block: BlockDecl, call: LayerCall, args: readonly ArgVal[]): Map<string, Val> | undefined {
  const name = block.name!.name;
  const params = paramNames(block);
  const bound = new Map<string, Val>();
  let ok = true;
  let pos = 0;
  for (const a of args) {
    if (a.name === undefined) {
      const p = params[pos++];
      if (p === undefined) {
        st.r.error(
          'analysis/too-many-arguments',
          a.range,
          `block \`${name}\` takes ${params.length} argument${params.length === 1 ? '' : 's'}${params.length ? ` (${params.join(', ')})` : ''}`,
        );
        ok = false;
        continue;
      }
      bound.set(p, a.value);
    } else {
      if (!params.includes(a.name)) {
        const near = closestName(a.name, params);
        st.r.error(
          'analysis/unknown-argument',
          a.nameRange ?? a.range,
          `block \`${name}\` has no parameter \`${a.name}\`` +
            (near ? `; did you mean \`${near}\`?` : params.length ? ` (expected one of: ${params.join(', ')})` : ' (it takes none)'),
        );
        ok = false;
        continue;
      }
      if (bound.has(a.name)) {
        st.r.error('analysis/duplicate-argument', a.nameRange ?? a.range, `\`${a.name}\` of block \`${name}\` is given more than once`);
        ok = false;
        continue;
      }
      bound.set(a.name, a.value);
    }
  }
  for (const p of params) {
    if (!bound.has(p)) {
      st.r.error('analysis/missing-argument', call.name.range, `block \`${name}\` needs \`${p}\``);
      ok = false;
    }
  }
  return ok ? bound : undefined;
}

const blockParams = new WeakMap<BlockDecl, string[]>();

/** A block's parameter names, in order. */
function paramNames(block: BlockDecl): string[] {
  let names = blockParams.get(block);
  if (!names) {
    names = (block.params ?? []).filter(Boolean).map((p) => p.name);
    blockParams.set(block, names);
  }
  return names;
}

/** Checks a block that no network uses, with its parameters unbound, so errors in its text still surface. */
export function checkUnusedBlock(block: BlockDecl, blocks: BlockTable, r: Reporter, calls: CallCache = new Map()): void {
  const params = (block.params ?? []).filter(Boolean).map((p) => p.name);
  const env = new Map<string, Val>(params.map((p) => [p, { t: 'missing', range: block.range } as Val]));
  const st: State = { r, blocks, out: [], incomplete: false, usedBlocks: new Set(), active: [block.name!.name], steps: 0, stopped: false, calls };
  const saved = r.chain;
  walk(st, block.body, env, { r, params }, []);
  r.chain = saved;
}
