/** Generic traversal of the Axon AST (which has no parent pointers): children, paths, collections. */
import type { AstNode, BlockDecl, LayerCall, LayerStmt, NetworkDecl, ParallelStmt, Program, RepeatStmt, ResidualStmt } from '@axon/language';

/** The direct children of a node, in source order. Optional children that recovery dropped are skipped. */
export function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  const add = (n: AstNode | undefined) => {
    if (n) out.push(n);
  };
  switch (node.kind) {
    case 'Program':
      (node.items ?? []).forEach(add);
      break;
    case 'Network':
      add(node.name);
      (node.members ?? []).forEach(add);
      break;
    case 'Block':
      add(node.name);
      (node.params ?? []).forEach(add);
      (node.body ?? []).forEach(add);
      break;
    case 'Input':
      (node.dims ?? []).forEach(add);
      break;
    case 'Task':
      add(node.value);
      break;
    case 'Layers':
      (node.items ?? []).forEach(add);
      break;
    case 'Train':
    case 'Data':
      (node.settings ?? []).forEach(add);
      break;
    case 'Setting':
      add(node.key);
      add(node.value);
      break;
    case 'LayerCall':
      add(node.name);
      add(node.args);
      break;
    case 'Repeat':
      add(node.count);
      (node.body ?? []).forEach(add);
      break;
    case 'Residual':
      (node.body ?? []).forEach(add);
      add(node.shortcut);
      break;
    case 'Shortcut':
    case 'Branch':
      (node.items ?? []).forEach(add);
      break;
    case 'Parallel':
      add(node.args);
      (node.branches ?? []).forEach(add);
      break;
    case 'ArgList':
      (node.args ?? []).forEach(add);
      break;
    case 'Argument':
      add(node.name);
      add(node.value);
      break;
    case 'Name':
      add(node.name);
      add(node.args);
      break;
    case 'List':
      (node.items ?? []).forEach(add);
      break;
    default:
      break;
  }
  return out.filter((c) => c && typeof c === 'object' && c.range);
}

/**
 * The chain of nodes containing `offset`, outermost first (Program … innermost). A node contains
 * the offset when start ≤ offset ≤ end, so a cursor just after a word still finds it.
 */
export function pathAt(program: Program, offset: number): AstNode[] {
  const path: AstNode[] = [program];
  let node: AstNode = program;
  for (;;) {
    const next: AstNode | undefined = children(node).find((c) => c.range.start.offset <= offset && offset <= c.range.end.offset);
    if (!next) return path;
    path.push(next);
    node = next;
  }
}

/**
 * The program's networks and blocks. Anything else a recovering parser might leave at the top level
 * (a stray `repeat`, …) is skipped, as are nodes whose lists recovery did not fill.
 */
export function topLevel(program: Program): (NetworkDecl | BlockDecl)[] {
  return (program.items ?? []).filter((i): i is NetworkDecl | BlockDecl => (i.kind === 'Network' && Array.isArray(i.members)) || (i.kind === 'Block' && Array.isArray(i.params)));
}

export function networks(program: Program): NetworkDecl[] {
  return topLevel(program).filter((i): i is NetworkDecl => i.kind === 'Network');
}

export function blocks(program: Program): BlockDecl[] {
  return topLevel(program).filter((i): i is BlockDecl => i.kind === 'Block');
}

/** The statement lists directly inside a statement: a repeat's body, a residual's body and shortcut, each branch. */
export function innerLists(s: LayerStmt): readonly LayerStmt[][] {
  switch (s.kind) {
    case 'Repeat':
      return [s.body ?? []];
    case 'Residual':
      return s.shortcut ? [s.body ?? [], s.shortcut.items ?? []] : [s.body ?? []];
    case 'Parallel':
      return (s.branches ?? []).map((b) => b.items ?? []);
    default:
      return [];
  }
}

/** Every statement of a list and of the lists nested in it, outer before inner, in source order. */
export function statements(stmts: readonly LayerStmt[], out: LayerStmt[] = []): LayerStmt[] {
  for (const s of stmts) {
    out.push(s);
    for (const list of innerLists(s)) statements(list, out);
  }
  return out;
}

/** Every layer call in a statement list, repeats, residuals and branches included, in source order. */
export function layerCalls(stmts: readonly LayerStmt[], out: LayerCall[] = []): LayerCall[] {
  for (const s of statements(stmts)) if (s.kind === 'LayerCall') out.push(s);
  return out;
}

export function repeats(stmts: readonly LayerStmt[]): RepeatStmt[] {
  return statements(stmts).filter((s): s is RepeatStmt => s.kind === 'Repeat');
}

/** The residuals and parallels of a statement list, nested ones included. */
export function graphConstructs(stmts: readonly LayerStmt[]): (ResidualStmt | ParallelStmt)[] {
  return statements(stmts).filter((s): s is ResidualStmt | ParallelStmt => s.kind === 'Residual' || s.kind === 'Parallel');
}

/** The statement lists of the file: each network's `layers` and each block's body. */
export function layerLists(program: Program): LayerStmt[][] {
  return topLevel(program).flatMap((item) => (item.kind === 'Network' ? item.members.flatMap((m) => (m.kind === 'Layers' ? [m.items ?? []] : [])) : [item.body ?? []]));
}

/** Every layer call in the file: network layers and block bodies. */
export function allLayerCalls(program: Program): LayerCall[] {
  return layerLists(program).flatMap((list) => layerCalls(list));
}

/** The innermost node of a kind on a path. */
export function innermost<K extends AstNode['kind']>(path: readonly AstNode[], kind: K): Extract<AstNode, { kind: K }> | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (path[i]!.kind === kind) return path[i] as Extract<AstNode, { kind: K }>;
  return undefined;
}
