/**
 * The shipped lexer and parser skip chevrotain's definition checks (start-up time); these tests run
 * them, so a token or grammar mistake still fails the build's tests.
 */
import { describe, expect, it } from 'vitest';
import { createLexer } from '../src/lexer.js';
import { AxonParser } from '../src/parser/grammar.js';

describe('chevrotain definition checks', () => {
  it('the token definitions validate', () => {
    const lexer = createLexer(true);
    expect(lexer.lexerDefinitionErrors).toEqual([]);
    expect(lexer.tokenize('network N { input [4] }').errors).toEqual([]);
  });

  it('the grammar validates (no ambiguity, no left recursion)', () => {
    // chevrotain records what its checks found in `definitionErrors` (not in its typings) and throws on any.
    const p = new AxonParser({ validate: true }) as unknown as { definitionErrors: unknown[] };
    expect(p.definitionErrors).toEqual([]);
  });
});
