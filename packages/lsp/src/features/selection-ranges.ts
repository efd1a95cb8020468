/**
 * Selection ranges (expand / shrink selection): the chain of AST nodes around the cursor, innermost
 * first — an argument, its call, the statement list it stands in (a residual's body, a shortcut, a
 * branch), the construct, the section, the network. Needs only the parse.
 */
import type { AstNode, Range as AstRange } from '@axon/language';
import type { SelectionRange } from 'vscode-languageserver';
import { pathAt } from '../ast/walk.js';
import type { AxonDocument } from '../workspace/document.js';

/** The ranges around `offset`, outermost first, without repeats (a node as wide as its parent adds nothing). */
export function rangesAround(doc: AxonDocument, offset: number): AstRange[] {
  const path = pathAt(doc.parsed().ast, offset);
  const out: AstRange[] = [];
  const add = (r: AstRange) => {
    const last = out[out.length - 1];
    if (!last || last.start.offset !== r.start.offset || last.end.offset !== r.end.offset) out.push(r);
  };
  path.forEach((node: AstNode, i) => {
    add(node.range);
    // Inside a residual's body: the body's braces are a level of their own between the statement and the layer.
    const next = path[i + 1];
    if (node.kind === 'Residual' && node.bodyRange && next && next.kind !== 'Shortcut') add(node.bodyRange);
  });
  return out;
}

export function selectionRanges(doc: AxonDocument, offsets: readonly number[]): SelectionRange[] {
  return offsets.map((offset) => {
    let parent: SelectionRange | undefined;
    for (const r of rangesAround(doc, offset)) parent = parent ? { range: doc.range(r), parent } : { range: doc.range(r) };
    return parent ?? { range: doc.offsetRange(offset, offset) };
  });
}
