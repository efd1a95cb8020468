/** Syntax errors carry their codes beside their messages: every kind of recognition error, and the parser's own checks. */
import { describe, expect, it } from 'vitest';
import { parse } from '../src/index.js';

const errors = (src: string) => parse(src).diagnostics.map((d) => [d.code, d.message]);

describe('syntax error codes', () => {
  it('each recognition error has the code of what was missing, and a message without it', () => {
    expect(errors('network A {\n  input [4\n}')).toEqual([['parse/missing-bracket', "expected ']' to close the `input` shape opened at line 2, found '}'"]]);
    expect(errors('network A {\n  layers {\n    dense(3\n  }\n}')).toEqual([
      ['parse/missing-paren', "expected ')' to close the argument list opened at line 3, column 10, found '}'"],
    ]);
    expect(errors('network A {\n  layers\n    dense(3)\n  }\n}')).toEqual([['parse/missing-brace', "expected '{' after `layers`, found `dense`"]]);
    expect(errors('network {}')).toEqual([['parse/unexpected-token', "expected the network's name, found '{'"]]);
    expect(errors('network A {} }')).toEqual([['parse/unexpected-token', "unexpected '}'; expected `network` or `block`"]]);
  });

  it("the parser's own checks keep their codes too", () => {
    expect(errors('netwrk A {}')).toEqual([['parse/unknown-keyword', 'unknown keyword `netwrk`; did you mean `network`?']]);
    expect(errors('network A {\n  input [1 2]\n}')).toEqual([['parse/missing-comma', "expected ',' between dimensions"]]);
  });
});
