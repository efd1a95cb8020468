import { describe, expect, it } from 'vitest';
import { check, parse } from '../../src/index.js';
import { textAt } from '../parse-helpers.js';
import { recovered } from './recovery-helpers.js';

describe('recovery: a misspelt keyword', () => {
  it('`netwrok` is reported at its exact range and parsed as the network it meant; the next network survives', () => {
    const src = 'netwrok A {\n  layers {\n    dense(8)\n    dropout(0.5)\n  }\n}\nnetwork B {\n  layers { dense(1) }\n}\n';
    expect(recovered(src)).toEqual({
      errors: [{ code: 'parse/unknown-keyword', at: '1:1-1:8', text: 'netwrok', message: 'unknown keyword `netwrok`; did you mean `network`?' }],
      tree: ['network A {layers {dense(8); dropout(0.5)}}', 'network B {layers {dense(1)}}'],
    });
    const a = parse(src).ast.items[0]!;
    expect(textAt(src, a.range)).toBe('netwrok A {\n  layers {\n    dense(8)\n    dropout(0.5)\n  }\n}');
  });

  it('misspelt members and `blok` are read as what they meant', () => {
    const src = 'network A {\n  input [4]\n  layres {\n    dense(8)\n  }\n  trian { epochs: 3 }\n}\nblok b(x) { dense(x) }\n';
    expect(recovered(src)).toEqual({
      errors: [
        { code: 'parse/unknown-keyword', at: '3:3-3:9', text: 'layres', message: 'unknown keyword `layres`; did you mean `layers`?' },
        { code: 'parse/unknown-keyword', at: '6:3-6:8', text: 'trian', message: 'unknown keyword `trian`; did you mean `train`?' },
        { code: 'parse/unknown-keyword', at: '8:1-8:5', text: 'blok', message: 'unknown keyword `blok`; did you mean `block`?' },
      ],
      tree: ['network A {input [4]; layers {dense(8)}; train {epochs: 3}}', 'block b(x) {dense(x)}'],
    });
  });

  it('an unknown word with its braces is skipped as one unit', () => {
    const src = 'network A {\n  model { dense(3) }\n  layers { dense(1) }\n}\n';
    expect(recovered(src)).toEqual({
      errors: [
        {
          code: 'parse/unexpected-token',
          at: '2:3-2:8',
          text: 'model',
          message: "unexpected `model`; expected `input`, `task`, `layers`, `train`, `data` or '}'",
        },
      ],
      tree: ['network A {layers {dense(1)}}'],
    });
  });

  it('a word far from every keyword at the top level is not guessed', () => {
    const src = 'dense(3)\nnetwork A { input [1] }';
    expect(recovered(src)).toEqual({
      errors: [{ code: 'parse/unexpected-token', at: '1:1-1:6', text: 'dense', message: 'unexpected `dense`; expected `network` or `block`' }],
      tree: ['network A {input [1]}'],
    });
  });

  it('a misspelt `repeat` keeps its body; a number without parentheses says where it goes', () => {
    const src = 'network A {\n  layers {\n    repaet 2 {\n      dense(1)\n    }\n    dense 16\n    flatten\n  }\n}\nnetwork B {}';
    expect(recovered(src)).toEqual({
      errors: [
        { code: 'parse/unknown-keyword', at: '3:5-3:11', text: 'repaet', message: 'unknown keyword `repaet`; did you mean `repeat`?' },
        {
          code: 'parse/unexpected-token',
          at: '6:11-6:13',
          text: '16',
          message: 'unexpected number `16` after `dense`; arguments go in parentheses: `dense(16)`',
        },
      ],
      tree: ['network A {layers {repeat 2 {dense(1)}; dense(16); flatten}}', 'network B {}'],
    });
  });

  it('`dense 16` is read as `dense(16)`: one error, not a second one from analysis', () => {
    const src = 'network A {\n  input [4]\n  layers {\n    dense 16\n    dense(1)\n  }\n}\n';
    const { diagnostics } = check(src);
    expect(diagnostics.map((d) => d.code)).toEqual(['parse/unexpected-token']);
  });
});
