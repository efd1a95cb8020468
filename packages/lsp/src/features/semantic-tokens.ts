/** Semantic tokens (full): keywords, declarations, layer kinds, vocabulary names, parameters, numbers, strings, comments. */
import type { AstNode, BlockDecl, Program } from '@axon/language';
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import { blocks, children } from '../ast/walk.js';
import type { AxonDocument } from '../workspace/document.js';
import { findSignature } from '../vocabulary.js';

export const tokenTypes = ['keyword', 'class', 'function', 'parameter', 'property', 'variable', 'number', 'string', 'comment', 'enumMember', 'type'] as const;
export const tokenModifiers = ['declaration', 'defaultLibrary'] as const;
export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

type TokenType = (typeof tokenTypes)[number];
const typeIndex = new Map<string, number>(tokenTypes.map((t, i) => [t, i]));
const DECLARATION = 1;
const DEFAULT_LIBRARY = 2;

const KEYWORDS = new Set(['network', 'block', 'repeat', 'layers', 'input', 'task', 'train', 'data', 'true', 'false']);

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
        else if (findSignature(name, ['activation', 'initializer', 'loss', 'optimizer', 'task']) || name === 'same' || name === 'valid') out.set(at, ['enumMember', DEFAULT_LIBRARY]);
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
  const push = (start: number, end: number, type: TokenType, mods: number) => {
    // Tokens may not span lines: split multi-line comments per line.
    let s = start;
    while (s < end) {
      const nl = doc.text.indexOf('\n', s);
      const e = nl === -1 || nl >= end ? end : nl;
      if (e > s) {
        const p = doc.textDocument.positionAt(s);
        builder.push(p.line, p.character, e - s, typeIndex.get(type)!, mods);
      }
      s = e + 1;
    }
  };
  for (const t of doc.tokens()) {
    switch (t.kind) {
      case 'comment':
        push(t.start, t.end, 'comment', 0);
        break;
      case 'number':
        push(t.start, t.end, 'number', 0);
        break;
      case 'string':
        push(t.start, t.end, 'string', 0);
        break;
      case 'ident': {
        const c = classes.get(t.start);
        if (c) push(t.start, t.end, c[0], c[1]);
        else if (KEYWORDS.has(t.text)) push(t.start, t.end, 'keyword', 0);
        break;
      }
      default:
        break;
    }
  }
  return builder.build();
}
