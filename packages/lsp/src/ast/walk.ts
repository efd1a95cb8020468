/** Generic traversal of the Axon AST (which has no parent pointers): children, paths, collections. */
import type { AstNode, BlockDecl, LayerCall, LayerStmt, NetworkDecl, Program, RepeatStmt } from '@axon/language';

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

/** Every layer call in a statement list, repeats included, in source order. */
export function layerCalls(stmts: readonly LayerStmt[], out: LayerCall[] = []): LayerCall[] {
  for (const s of stmts) {
    if (s.kind === 'LayerCall') out.push(s);
    else if (s.kind === 'Repeat') layerCalls(s.body ?? [], out);
  }
  return out;
}

export function repeats(stmts: readonly LayerStmt[], out: RepeatStmt[] = []): RepeatStmt[] {
  for (const s of stmts) {
    if (s.kind === 'Repeat') {
      out.push(s);
      repeats(s.body ?? [], out);
    }
  }
  return out;
}

/** Every layer call in the file: network layers and block bodies. */
export function allLayerCalls(program: Program): LayerCall[] {
  const out: LayerCall[] = [];
  for (const item of topLevel(program)) {
    if (item.kind === 'Network') {
      for (const m of item.members) if (m.kind === 'Layers') layerCalls(m.items ?? [], out);
    } else layerCalls(item.body ?? [], out);
  }
  return out;
}

/** The innermost node of a kind on a path. */
export function innermost<K extends AstNode['kind']>(path: readonly AstNode[], kind: K): Extract<AstNode, { kind: K }> | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (path[i]!.kind === kind) return path[i] as Extract<AstNode, { kind: K }>;
  return undefined;
}
