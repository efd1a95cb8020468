/**
 * The work budget of one analysis. Expansion is measured before it is done: every statement knows
 * how many layers it expands to and how many steps walking it takes (a repeat's iterations count
 * even when its body is empty), so a `repeat 1000000000 { }` is refused up front, in words, instead
 * of being walked. Steps are counted once per file (ten networks share one budget); layers once per
 * network. Results computed for a name that is not a layer ("did you mean …?") are kept for the file.
 */
import type { BlockDecl, LayerCall, LayerStmt, Range } from './ast.js';
import type { BlockTable } from './blocks.js';
import { isLayerKind } from './catalog.js';
import type { LayerSpec } from './network.js';

/** Most layers one network may expand to. */
export const MAX_LAYERS = 50_000;
/** Most levels of block uses inside block uses (a deeper chain is reported, not expanded). */
export const MAX_BLOCK_DEPTH = 128;
/** Most expansion steps (statements visited, repeat iterations included) one file may take. */
export const MAX_STEPS = 500_000;

/** What walking a statement costs: the layers it adds and the steps it takes. */
export interface Cost {
  layers: number;
  steps: number;
}

const NONE: Cost = Object.freeze({ layers: 0, steps: 0 });

/** The budget of one file's analysis. */
export class Budget {
  /** Steps taken so far. */
  steps = 0;
  /** Suggestions for names that are neither a layer nor a block, by name (computed once per file). */
  readonly suggestions = new Map<string, string | undefined>();
  /** `analysis/too-deep` was reported (once per file). */
  tooDeepReported = false;
  /** Calls of a name that is neither a layer nor a block, already reported. */
  readonly unknownCalls = new WeakSet<LayerCall>();
  /** Checks of calls outside blocks that reported something, by call: a repeat's later iterations reuse them. */
  readonly failedChecks = new WeakMap<LayerCall, { spec: LayerSpec | undefined; argRanges: Record<string, Range> }>();
  private readonly costs = new WeakMap<object, Cost>();

  constructor(
    readonly blocks: BlockTable,
    /** Blocks on a cycle of uses (see `checkRecursion`). */
    readonly recursive: ReadonlySet<string> = new Set(),
    readonly maxSteps = MAX_STEPS,
    readonly maxLayers = MAX_LAYERS,
  ) {}

  /** The cost of a list of statements (a block body, a repeat body). */
  costOfList(stmts: readonly LayerStmt[] | undefined): Cost {
    let layers = 0;
    let steps = 0;
    for (const s of stmts ?? []) {
      if (!s) continue;
      const c = this.costOf(s);
      layers += c.layers;
      steps += c.steps;
    }
    return { layers, steps };
  }

  /** The cost of one statement (computed once per statement: it depends on the source alone). */
  costOf(stmt: LayerStmt): Cost {
    let c = this.costs.get(stmt);
    if (!c) this.costs.set(stmt, (c = this.compute(stmt)));
    return c;
  }

  /** Block uses being costed (a chain deeper than MAX_BLOCK_DEPTH is not followed: expansion reports it). */
  private depth = 0;

  /** The cost of a block's body, once per block. */
  private blockCost(block: BlockDecl): Cost {
    let c = this.costs.get(block);
    if (c) return c;
    if (this.depth >= MAX_BLOCK_DEPTH) return { layers: 0, steps: 1 };
    this.depth++;
    try {
      c = this.costOfList(block.body);
    } finally {
      this.depth--;
    }
    this.costs.set(block, c);
    return c;
  }

  private compute(stmt: LayerStmt): Cost {
    switch (stmt.kind) {
      case 'LayerCall': {
        const name = stmt.name?.name;
        if (!name) return { layers: 0, steps: 1 };
        if (isLayerKind(name)) return { layers: 1, steps: 1 };
        const block = this.blocks.get(name);
        // A block on a cycle is counted as one step (the cycle is an error; the walk's own guard bounds it).
        if (!block || this.recursive.has(name)) return { layers: 0, steps: 1 };
        const body = this.blockCost(block);
        return { layers: body.layers, steps: 1 + body.steps };
      }
      case 'Repeat': {
        const n = stmt.count && Number.isInteger(stmt.count.value) && stmt.count.value >= 1 ? stmt.count.value : 0;
        const body = this.costOfList(stmt.body);
        return { layers: n * body.layers, steps: 1 + n * Math.max(1, body.steps) };
      }
      case 'Residual': {
        const body = this.costOfList(stmt.body);
        const short = this.costOfList(stmt.shortcut?.items);
        return { layers: body.layers + short.layers + 1, steps: 1 + body.steps + short.steps };
      }
      case 'Parallel': {
        const branches = (stmt.branches ?? []).filter(Boolean);
        let layers = branches.length >= 2 ? 1 : 0;
        let steps = 1;
        for (const b of branches) {
          const c = this.costOfList(b.items);
          layers += c.layers;
          steps += c.steps;
        }
        return { layers, steps };
      }
      default:
        return NONE;
    }
  }
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * A count in words a reader takes in at a glance: `50,001`, `10⁹`, `2.5 × 10¹²`. Counts below a
 * million are written out in full.
 */
export function amount(n: number): string {
  if (!Number.isFinite(n)) return 'more than 10³⁰⁸';
  if (n < 1_000_000) return Math.round(n).toLocaleString('en-US');
  let e = Math.floor(Math.log10(n));
  let m = Math.round((n / 10 ** e) * 10) / 10;
  if (m >= 10) {
    m /= 10;
    e += 1;
  }
  const power = `10${[...String(e)].map((d) => SUPERSCRIPT[Number(d)]).join('')}`;
  return m === 1 ? power : `${m} × ${power}`;
}
