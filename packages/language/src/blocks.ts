/**
 * The block table: every `block name(params) { … }` of a program, checked for duplicate names,
 * duplicate parameters, names taken by built-in layers, and recursion (reported once per cycle,
 * naming it: `a → b → a`).
 */
import type { BlockDecl, LayerCall, LayerStmt, Program } from './ast.js';
import { isLayerKind } from './catalog.js';
import type { Reporter } from './report.js';

export type BlockTable = ReadonlyMap<string, BlockDecl>;

/** The statement lists written directly inside a statement: a repeat's body, a residual's body and shortcut, each branch of a parallel. */
export function innerStatements(s: LayerStmt): (readonly LayerStmt[] | undefined)[] {
  switch (s.kind) {
    case 'LayerCall':
      return [];
    case 'Repeat':
      return [s.body];
    case 'Residual':
      return s.shortcut ? [s.body, s.shortcut.items] : [s.body];
    case 'Parallel':
      return (s.branches ?? []).map((b) => b?.items);
  }
}

/** Calls written in a list of layer statements, repeats, residuals and branches included (not expanded). */
export function* layerCalls(stmts: readonly LayerStmt[] | undefined): Generator<LayerCall> {
  for (const s of stmts ?? []) {
    if (!s) continue;
    if (s.kind === 'LayerCall') yield s;
    else for (const inner of innerStatements(s)) yield* layerCalls(inner);
  }
}

export function collectBlocks(program: Program, r: Reporter): BlockTable {
  const blocks = new Map<string, BlockDecl>();
  for (const item of program.items ?? []) {
    if (item?.kind !== 'Block' || !item.name) continue;
    const name = item.name.name;
    if (isLayerKind(name)) {
      r.error('analysis/reserved-name', item.name.range, `\`${name}\` is a built-in layer; give the block another name`);
      continue;
    }
    const previous = blocks.get(name);
    if (previous) {
      r.error(
        'analysis/duplicate-block',
        item.name.range,
        `block \`${name}\` is already defined at line ${previous.name!.range.start.line}`,
      );
      continue;
    }
    const seen = new Set<string>();
    for (const p of item.params ?? []) {
      if (!p) continue;
      if (seen.has(p.name)) r.error('analysis/duplicate-parameter', p.range, `block \`${name}\` has two parameters named \`${p.name}\``);
      seen.add(p.name);
    }
    blocks.set(name, item);
  }
  return blocks;
}

/**
 * Reports every cycle of block uses once, at the use that closes it, and returns the blocks that
 * are part of a cycle (expansion refuses to enter them).
 */
export function checkRecursion(blocks: BlockTable, r: Reporter): Set<string> {
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const recursive = new Set<string>();
  // Depth-first, with an explicit stack: a chain of thousands of blocks must not overflow the call stack.
  const frames: Iterator<LayerCall>[] = [];
  const enter = (name: string): void => {
    state.set(name, 'active');
    stack.push(name);
    frames.push(layerCalls(blocks.get(name)!.body));
  };
  for (const root of blocks.keys()) {
    if (state.has(root)) continue;
    enter(root);
    while (frames.length > 0) {
      const next = frames[frames.length - 1]!.next();
      if (next.done) {
        frames.pop();
        state.set(stack.pop()!, 'done');
        continue;
      }
      const call = next.value;
      const callee = call.name?.name;
      if (!callee || isLayerKind(callee) || !blocks.has(callee)) continue;
      const s = state.get(callee);
      if (s === 'active') {
        const cycle = [...stack.slice(stack.indexOf(callee)), callee];
        cycle.slice(0, -1).forEach((b) => recursive.add(b));
        r.error(
          'analysis/recursive-block',
          call.name.range,
          cycle.length === 2
            ? `block \`${callee}\` uses itself: ${cycle.join(' → ')}`
            : `blocks use each other in a cycle: ${cycleText(cycle)}`,
        );
      } else if (s === undefined) {
        enter(callee);
      }
    }
  }
  return recursive;
}

/** `a → b → a`; a long cycle keeps its first three and last two names and says how many blocks it has. */
function cycleText(cycle: readonly string[]): string {
  if (cycle.length <= 10) return cycle.join(' → ');
  return `${[...cycle.slice(0, 3), '…', ...cycle.slice(-2)].join(' → ')} (${(cycle.length - 1).toLocaleString('en-US')} blocks)`;
}
