/**
 * Semantic tokens (full): keywords, declarations, layer kinds, vocabulary names, parameters, numbers,
 * strings, comments — over the language's token stream, classified by the AST.
 */
import type { AstNode, BlockDecl, Program } from '@axon/language';
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import { blocks, children } from '../ast/walk.js';
import type { AxonDocument } from '../workspace/document.js';
import { findSignature, mergeModes, paddings } from '../vocabulary.js';

export const tokenTypes = ['keyword', 'class', 'function', 'parameter', 'property', 'variable', 'number', 'string', 'comment', 'enumMember', 'type'] as const;
export const tokenModifiers = ['declaration', 'defaultLibrary'] as const;
export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

type TokenType = (typeof tokenTypes)[number];
const typeIndex = new Map<string, number>(tokenTypes.map((t, i) => [t, i]));
const DECLARATION = 1;
const DEFAULT_LIBRARY = 2;

/** Classifies identifiers by offset from the AST. */
function classify(program: Program): Map<number, [TokenType, number]> {
  const out = new Map<number, [TokenType, number]>();
  const blockNames = new Set(blocks(program).flatMap((b) => (b.name ? [b.name.name] : [])));
  const visit = (node: AstNode, block: BlockDecl | undefined, parent: AstNode | undefined) => {
    switch (node.kind) {
      case 'Network':
        if (node.name) out.set(node.name.range.start.offset, ['class', DECLARATION]);
        break;
      case 'Block':
        if (node.name) out.set(node.name.range.start.offset, ['function', DECLARATION]);
        for (const p of node.params ?? []) out.set(p.range.start.offset, ['parameter', DECLARATION]);
        block = node;
        break;
      case 'LayerCall':
        out.set(node.name.range.start.offset, blockNames.has(node.name.name) ? ['function', 0] : ['type', DEFAULT_LIBRARY]);
        break;
      case 'Argument':
        if (node.name) out.set(node.name.range.start.offset, ['property', 0]);
        break;
      case 'Setting':
        out.set(node.key.range.start.offset, node.colon ? ['property', 0] : ['function', DEFAULT_LIBRARY]);
        break;
      case 'Name': {
        const name = node.name.name;
        const at = node.name.range.start.offset;
        if (parent?.kind === 'Setting' && !parent.colon && parent.key.range.start.offset === at) break;
        if (block && !node.args && (block.params ?? []).some((p) => p.name === name)) out.set(at, ['parameter', 0]);
        else if (findSignature(name, ['activation', 'initializer', 'loss', 'optimizer', 'task']) || paddings.includes(name) || mergeModes.includes(name)) out.set(at, ['enumMember', DEFAULT_LIBRARY]);
        else out.set(at, ['variable', 0]);
        break;
      }
      default:
        break;
    }
    for (const c of children(node)) visit(c, block, node);
  };
  visit(program, undefined, undefined);
  return out;
}

export function semanticTokens(doc: AxonDocument): SemanticTokens {
  const classes = classify(doc.parsed().ast);
  const builder = new SemanticTokensBuilder();
  const text = doc.text;
  const push = (start: number, end: number, type: TokenType, mods: number) => {
    // Tokens may not span lines: split multi-line comments at each line break (\n, \r\n or \r).
    let s = start;
    while (s < end) {
      let e = s;
      while (e < end && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
      if (e > s) {
        const p = doc.positionAt(s);
        builder.push(p.line, p.character, e - s, typeIndex.get(type)!, mods);
      }
      s = text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? e + 2 : e + 1;
    }
  };
  // The language's own tokens (the parser's lexer): the editor colours exactly what the parser reads.
  for (const t of doc.tokens()) {
    switch (t.kind) {
      case 'comment':
      case 'number':
      case 'string':
        push(t.start, t.end, t.kind, 0);
        break;
      case 'identifier':
      case 'keyword':
      case 'boolean': {
        const c = classes.get(t.start);
        if (c) push(t.start, t.end, c[0], c[1]);
        else if (t.kind !== 'identifier') push(t.start, t.end, 'keyword', 0);
        break;
      }
      default:
        break;
    }
  }
  return builder.build();
}
