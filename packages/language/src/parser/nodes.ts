/** Tree nodes made straight from tokens. */
import type { IToken } from 'chevrotain';
import type { Identifier, NumberLiteral, StringLiteral } from '../ast.js';
import { tokenRange } from '../ranges.js';
import { unescapeString } from '../syntax-text.js';

export function identNode(t: IToken): Identifier {
  return { kind: 'Identifier', name: t.image, range: tokenRange(t) };
}

export function numberNode(t: IToken): NumberLiteral {
  return { kind: 'Number', value: numberValue(t.image), raw: t.image, range: tokenRange(t) };
}

/** The value of a number token; short plain integers (most of them) without the general conversion. */
function numberValue(image: string): number {
  const n = image.length;
  if (n <= 9) {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const d = image.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return Number(image);
      v = v * 10 + d;
    }
    return v;
  }
  return Number(image);
}

export function stringNode(t: IToken): StringLiteral {
  return { kind: 'String', value: unescapeString(t.image), raw: t.image, range: tokenRange(t) };
}
