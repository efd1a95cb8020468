/**
 * Partial nodes: what a rule that fails hands back, so a file with mistakes keeps the rest of its tree.
 *
 * Every rule that builds a node registers it in `frames[depth]` when it starts (`enter`) and clears
 * it when it ends (`done`). When chevrotain recovers inside a rule (re-syncing to a token that may
 * follow it), the rule's recovery value is that partial node, ended at the last token read before
 * the error, with the partial child that failed adopted into it (so `dense(16` still shows up as a
 * layer). Rules stay small so that recovery happens as close to the error as possible.
 *
 * `depth` is this parser's own count of the rules being parsed, kept by `rule()`: chevrotain asks a
 * rule for its recovery value after the rule's body has thrown, once the count is back at the caller's.
 */
import { EmbeddedActionsParser, type IRecognitionException, type IToken } from 'chevrotain';
import type { Argument, Expr, Position, Range } from '../ast.js';
import { NETWORK_SECTIONS } from '../catalog.js';
import { isRealToken, tokenEnd } from '../ranges.js';

/** A node being built: the AST node types, seen generically. */
export type PartialNode = { kind: string; range: Range; [k: string]: unknown };

export abstract class RecoveringParser extends EmbeddedActionsParser {
  /** Which rule is being parsed, by nesting: 0 inside the first rule, -1 outside any. */
  protected depth = -1;
  /** The partial node of each rule being parsed, by depth. */
  protected frames: (PartialNode | undefined)[] = [];

  /** Forgets the previous file's partial nodes. */
  protected resetFrames(): void {
    this.frames = [];
    this.depth = -1;
  }

  /**
   * A grammar rule whose recovery value is its partial node, or what `recovered` makes of it.
   * During chevrotain's grammar-recording phase rule bodies run once with placeholder tokens:
   * semantic code checks `this.recording` and is skipped there; the DSL calls never are.
   */
  protected rule<A extends [] | [unknown] | [unknown, unknown], R>(
    name: string,
    body: (...args: A) => R,
    recovered: (partial: PartialNode | undefined) => R = (n) => n as R,
  ) {
    const call = body as (a?: unknown, b?: unknown) => R;
    // Two fixed parameters rather than `...args`: rules run once per node, and an array per call is garbage.
    const counted = (a?: unknown, b?: unknown): R => {
      const depth = ++this.depth;
      try {
        return call(a, b);
      } finally {
        this.depth = depth - 1;
      }
    };
    return this.RULE(name, counted as (...args: A) => R, { recoveryValueFunc: (e) => recovered(this.recover(e, this.depth + 1)) });
  }

  protected get recording(): boolean {
    return this.RECORDING_PHASE;
  }

  /** The partial node of the rule being parsed. */
  get frame(): PartialNode | undefined {
    return this.frames[this.depth];
  }

  protected enter<T extends PartialNode>(node: T): T {
    if (!this.recording) this.frames[this.depth] = node;
    return node;
  }

  /** Ends a node at `last` (its closing token) or at the last token read, and clears its frame. */
  protected done<T extends PartialNode>(node: T, last?: IToken): T {
    if (this.recording) return node;
    this.frames[this.depth] = undefined;
    node.range.end = isRealToken(last) ? tokenEnd(last) : this.lastEnd(node.range.start);
    return node;
  }

  /** Ends a node at a known position (its last child's end), and clears its frame. */
  protected doneAt<T extends PartialNode>(node: T, end: Position): T {
    if (this.recording) return node;
    this.frames[this.depth] = undefined;
    node.range.end = end;
    return node;
  }

  /** End of the last token consumed, or `fallback` if that lies before it. */
  protected lastEnd(fallback: Position): Position {
    const prev = this.LA(0);
    if (isRealToken(prev) && prev.startOffset + prev.image.length >= fallback.offset) return tokenEnd(prev);
    return fallback;
  }

  /** The partial node of the rule at `depth`, with the failed path below it assembled into it. */
  private recover(e: IRecognitionException, depth: number): PartialNode | undefined {
    const frames = this.frames;
    const prev = (e as { previousToken?: IToken }).previousToken;
    const finish = (n: PartialNode): PartialNode => {
      if (isRealToken(prev) && prev.startOffset + prev.image.length >= n.range.start.offset && prev.startOffset + prev.image.length > n.range.end.offset) {
        n.range = { start: n.range.start, end: tokenEnd(prev) };
      }
      if (n.kind === 'Residual' && n['shortcut'] === undefined) {
        // the body was left open: it runs as far as the statement got
        const body = n['bodyRange'] as Range;
        n['bodyRange'] = { start: body.start, end: n.range.end };
      }
      return n;
    };
    // Assemble the failing path, deepest first: each partial node goes into its partial parent.
    let carry: PartialNode | undefined;
    for (let i = frames.length - 1; i > depth; i--) {
      const n = frames[i];
      if (!n) continue;
      frames[i] = undefined;
      if (carry) adopt(n, carry);
      carry = finish(n);
    }
    const own = frames[depth];
    frames[depth] = undefined;
    if (!own) return carry;
    if (carry) adopt(own, carry);
    return finish(own);
  }
}

/** The node kinds a layer list holds (`LayerStmt`). */
export const LAYER_STMT_KINDS: ReadonlySet<string> = new Set(['LayerCall', 'Repeat', 'Residual', 'Parallel']);

/** Puts a partially parsed child where it belongs in its partially parsed parent. */
function adopt(parent: PartialNode, child: PartialNode): void {
  const p = parent as Record<string, unknown>;
  switch (parent.kind) {
    case 'Program':
      if (child.kind === 'Network' || child.kind === 'Block') (p['items'] as unknown[]).push(child);
      break;
    case 'Network':
      if ((NETWORK_SECTIONS as readonly string[]).includes(child.kind.toLowerCase())) (p['members'] as unknown[]).push(child);
      break;
    case 'Layers':
    case 'Shortcut':
    case 'Branch':
      if (LAYER_STMT_KINDS.has(child.kind)) (p['items'] as unknown[]).push(child);
      break;
    case 'Repeat':
    case 'Block':
      if (LAYER_STMT_KINDS.has(child.kind)) (p['body'] as unknown[]).push(child);
      break;
    case 'Residual':
      if (child.kind === 'Shortcut') p['shortcut'] = child;
      else if (LAYER_STMT_KINDS.has(child.kind) && p['shortcut'] === undefined) (p['body'] as unknown[]).push(child);
      break;
    case 'Parallel':
      if (child.kind === 'Branch') (p['branches'] as unknown[]).push(child);
      else if (child.kind === 'ArgList' && p['args'] === undefined) p['args'] = child;
      break;
    case 'Train':
    case 'Data':
      if (child.kind === 'Setting') (p['settings'] as unknown[]).push(child);
      break;
    case 'ArgList': {
      const args = p['args'] as Argument[];
      const last = args[args.length - 1];
      if (child.kind === 'Argument') args.push(child as unknown as Argument);
      else if (child.kind === 'ArgList') break;
      else if (last && last.name && last.value === undefined) {
        last.value = child as unknown as Expr;
        last.range.end = child.range.end;
      } else args.push({ kind: 'Argument', range: { start: child.range.start, end: child.range.end }, value: child as unknown as Expr });
      break;
    }
    case 'List':
      (p['items'] as unknown[]).push(child);
      break;
    case 'LayerCall':
    case 'Name':
      if (child.kind === 'ArgList' && p['args'] === undefined) p['args'] = child;
      break;
    case 'Task':
      if (child.kind === 'Name' && p['value'] === undefined) p['value'] = child;
      break;
    case 'Setting':
    case 'Argument':
      if (child.kind !== 'ArgList' && p['value'] === undefined) p['value'] = child;
      break;
  }
}
