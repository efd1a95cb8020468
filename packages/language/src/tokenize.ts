/**
 * A classified token stream for editors (semantic tokens, highlighting, completion context).
 * Never throws; characters the lexer cannot read are left out (parse() reports them).
 */
import type { Range } from './ast.js';
import { lex } from './lexer.js';
import { tokenRange } from './ranges.js';

export type SyntaxTokenKind = 'keyword' | 'identifier' | 'number' | 'string' | 'boolean' | 'comment' | 'punctuation';

export interface SyntaxToken {
  kind: SyntaxTokenKind;
  text: string;
  range: Range;
}

function kindOf(tokenTypeName: string): SyntaxTokenKind {
  if (tokenTypeName === 'Kw_true' || tokenTypeName === 'Kw_false') return 'boolean';
  if (tokenTypeName.startsWith('Kw_')) return 'keyword';
  switch (tokenTypeName) {
    case 'Identifier':
      return 'identifier';
    case 'NumberLit':
      return 'number';
    case 'StringLit':
    case 'UnterminatedString':
      return 'string';
    case 'LineComment':
    case 'BlockComment':
    case 'UnterminatedBlockComment':
      return 'comment';
    default:
      return 'punctuation';
  }
}

/** Every token of `text`, comments included, in source order. */
export function tokenize(text: string): SyntaxToken[] {
  try {
    const { tokens, comments } = lex(String(text ?? ''));
    const all = [...tokens, ...comments].sort((a, b) => a.startOffset - b.startOffset);
    return all.map((t) => ({ kind: kindOf(t.tokenType.name), text: t.image, range: tokenRange(t) }));
  } catch {
    return [];
  }
}
