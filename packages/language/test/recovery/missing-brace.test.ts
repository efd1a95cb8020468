import { describe, expect, it } from 'vitest';
import { recovered } from './recovery-helpers.js';

describe('recovery: a missing brace', () => {
  it('an unclosed `layers` is closed where the next member starts; later members and networks survive', () => {
    const src = `network A {
  input [4]
  layers {
    dense(8)
    dropout(0.5)

  train {
    epochs: 3
  }
}

network B {
  layers { dense(1) }
}
`;
    expect(recovered(src)).toEqual({
      errors: [
        {
          code: 'parse/missing-brace',
          at: '7:3-7:8',
          text: 'train',
          message: "expected '}' to close `layers` opened at line 3, found keyword `train`",
        },
      ],
      tree: ['network A {input [4]; layers {dense(8); dropout(0.5)}; train {epochs: 3}}', 'network B {layers {dense(1)}}'],
    });
  });

  it('an unclosed network ends where the next network starts', () => {
    const src = 'network A {\n  layers {\n    dense(8)\n  }\n\nnetwork B {\n  layers { dense(1) }\n}\n';
    expect(recovered(src)).toEqual({
      errors: [
        {
          code: 'parse/missing-brace',
          at: '6:1-6:8',
          text: 'network',
          message: "expected '}' to close `network A` opened at line 1, found keyword `network`",
        },
      ],
      tree: ['network A {layers {dense(8)}}', 'network B {layers {dense(1)}}'],
    });
  });

  it('a brace missing at the end of the file is reported at the end, with an empty range', () => {
    const src = 'network A {\n  layers {\n    dense(1)\n';
    expect(recovered(src)).toEqual({
      errors: [{ code: 'parse/missing-brace', at: '4:1-4:1', text: '', message: "expected '}' to close `layers` opened at line 2, found end of file" }],
      tree: ['network A {layers {dense(1)}}'],
    });
  });

  it('a missing `)` keeps the arguments read so far and the following layers', () => {
    const src = 'network A {\n  layers {\n    dense(8, activation: relu\n    dropout(0.5)\n  }\n}\nnetwork B { layers { flatten } }';
    expect(recovered(src)).toEqual({
      errors: [
        { code: 'parse/missing-comma', at: '4:5-4:12', text: 'dropout', message: "expected ',' between arguments" },
        {
          code: 'parse/missing-paren',
          at: '5:3-5:4',
          text: '}',
          message: "expected ')' to close the argument list opened at line 3, column 10, found '}'",
        },
      ],
      tree: ['network A {layers {dense(8, activation: relu, dropout(0.5))}}', 'network B {layers {flatten}}'],
    });
  });

  it('a call cut off by the end of the file is still in the tree, ending at its last token', () => {
    const src = 'network A { layers { dense(16';
    const r = recovered(src);
    expect(r).toEqual({
      errors: [
        {
          code: 'parse/missing-paren',
          at: '1:30-1:30',
          text: '',
          message: "expected ')' to close the argument list opened at line 1, column 27, found end of file",
        },
      ],
      tree: ['network A {layers {dense(16)}}'],
    });
  });

  it("a missing '{' names the header it belongs to", () => {
    const src = 'network A {\n  layers dense(1)\n  train { epochs: 1 }\n}\nnetwork B input [1] }';
    const r = recovered(src);
    expect(r.errors[0]).toEqual({ code: 'parse/missing-brace', at: '2:10-2:15', text: 'dense', message: "expected '{' after `layers`, found `dense`" });
    expect(r.errors).toContainEqual({
      code: 'parse/missing-brace',
      at: '5:11-5:16',
      text: 'input',
      message: "expected '{' after `network B`, found keyword `input`",
    });
    expect(r.tree[0]).toBe('network A {layers {dense(1)}; train {epochs: 1}}');
  });
});
