/** Go to definition, find references and rename for blocks and block parameters. */
import { KEYWORDS, type AstNode, type BlockDecl, type Identifier, type Program } from '@axon/language';
import type { Location, Range, WorkspaceEdit } from 'vscode-languageserver';
import { allLayerCalls, blocks, children, pathAt } from '../ast/walk.js';
import type { AxonDocument } from '../workspace/document.js';
import { signature } from '../vocabulary.js';

export type NavSymbol =
  | { kind: 'block'; block: BlockDecl; name: string; at: Identifier }
  | { kind: 'param'; block: BlockDecl; name: string; at: Identifier };

/** The block or block parameter named at an offset (its declaration, a use, or a named argument at a call). */
export function symbolAt(program: Program, offset: number): NavSymbol | undefined {
  const path = pathAt(program, offset);
  const node = path[path.length - 1];
  const parent = path[path.length - 2];
  if (node?.kind !== 'Identifier' || !parent) return undefined;
  const all = blocks(program);
  const byName = (n: string) => all.find((b) => b.name?.name === n);
  if (parent.kind === 'Block') {
    if (parent.name === node) return { kind: 'block', block: parent, name: node.name, at: node };
    return { kind: 'param', block: parent, name: node.name, at: node };
  }
  if (parent.kind === 'LayerCall') {
    const block = byName(node.name);
    return block ? { kind: 'block', block, name: node.name, at: node } : undefined;
  }
  if (parent.kind === 'Name' && !parent.args) {
    const block = path.find((n): n is BlockDecl => n.kind === 'Block');
    if (block?.params.some((p) => p.name === node.name)) return { kind: 'param', block, name: node.name, at: node };
  }
  if (parent.kind === 'Argument' && parent.name === node) {
    // `elu_block(width: 32)`: a named argument of a block use refers to the parameter.
    const call = path[path.length - 4];
    if (call?.kind === 'LayerCall') {
      const block = byName(call.name.name);
      if (block?.params.some((p) => p.name === node.name)) return { kind: 'param', block, name: node.name, at: node };
    }
  }
  return undefined;
}

function declaration(sym: NavSymbol): Identifier | undefined {
  return sym.kind === 'block' ? sym.block.name : sym.block.params.find((p) => p.name === sym.name);
}

/** Every identifier that names the symbol, the declaration first. */
export function occurrences(program: Program, sym: NavSymbol): Identifier[] {
  const out: Identifier[] = [];
  const decl = declaration(sym);
  if (decl) out.push(decl);
  if (sym.kind === 'block') {
    for (const call of allLayerCalls(program)) if (call.name.name === sym.name) out.push(call.name);
  } else {
    const walk = (n: AstNode) => {
      if (n.kind === 'Name' && !n.args && n.name.name === sym.name) out.push(n.name);
      for (const c of children(n)) walk(c);
    };
    for (const s of sym.block.body ?? []) walk(s);
    for (const call of allLayerCalls(program)) {
      if (call.name.name !== sym.block.name?.name) continue;
      for (const a of call.args?.args ?? []) if (a.name?.name === sym.name) out.push(a.name);
    }
  }
  const seen = new Set<number>();
  return out.filter((i) => (seen.has(i.range.start.offset) ? false : (seen.add(i.range.start.offset), true)));
}

export function definition(doc: AxonDocument, offset: number): Location | null {
  const sym = symbolAt(doc.parsed().ast, offset);
  const decl = sym && declaration(sym);
  return decl ? { uri: doc.uri, range: doc.range(decl.range) } : null;
}

export function references(doc: AxonDocument, offset: number, includeDeclaration: boolean): Location[] {
  const program = doc.parsed().ast;
  const sym = symbolAt(program, offset);
  if (!sym) return [];
  const all = occurrences(program, sym);
  const list = includeDeclaration ? all : all.slice(declaration(sym) ? 1 : 0);
  return list.map((i) => ({ uri: doc.uri, range: doc.range(i.range) }));
}

export function prepareRename(doc: AxonDocument, offset: number): { range: Range; placeholder: string } | null {
  const sym = symbolAt(doc.parsed().ast, offset);
  if (!sym) return null;
  return { range: doc.range(sym.at.range), placeholder: sym.name };
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set<string>(KEYWORDS);

/** Why a new name is not allowed, or undefined when it is fine. */
export function renameProblem(program: Program, sym: NavSymbol, newName: string): string | undefined {
  if (!IDENT.test(newName)) return `'${newName}' is not a valid name: use letters, digits and _, not starting with a digit.`;
  if (RESERVED.has(newName)) return `'${newName}' is a keyword.`;
  if (sym.kind === 'block') {
    if (signature('layer', newName)) return `'${newName}' is a built-in layer kind.`;
    if (blocks(program).some((b) => b.name?.name === newName && b !== sym.block)) return `A block named '${newName}' already exists.`;
  } else if (sym.block.params.some((p) => p.name === newName && p.name !== sym.name)) return `Block '${sym.block.name?.name}' already has a parameter '${newName}'.`;
  return undefined;
}

export function rename(doc: AxonDocument, offset: number, newName: string): WorkspaceEdit | null {
  const program = doc.parsed().ast;
  const sym = symbolAt(program, offset);
  if (!sym) return null;
  const problem = renameProblem(program, sym, newName);
  if (problem) throw new RenameError(problem);
  return { changes: { [doc.uri]: occurrences(program, sym).map((i) => ({ range: doc.range(i.range), newText: newName })) } };
}

export class RenameError extends Error {}
