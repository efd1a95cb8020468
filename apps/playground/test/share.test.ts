/** The `#code=` link: round trips, and what is not a link. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeHash, encodeHash } from '../src/share.js';

describe('#code= links', () => {
  it('round-trips an example, unicode and all, in a URI-safe hash shorter than the text', () => {
    const text = `${readFileSync(new URL('../../../examples/iris.axon', import.meta.url), 'utf8')}\n// σ(x) — ünïcode\n`;
    const hash = encodeHash(text);
    expect(hash.startsWith('#code=')).toBe(true);
    expect(hash).toMatch(/^#code=[A-Za-z0-9+\-$]*$/);
    expect(hash.length).toBeLessThan(text.length);
    expect(decodeHash(hash)).toBe(text);
    expect(decodeHash(`#x=1&${hash.slice(1)}`)).toBe(text);
  });
  it('gives undefined for no code, an empty one, or garbage', () => {
    expect(decodeHash('')).toBeUndefined();
    expect(decodeHash('#other=1')).toBeUndefined();
    expect(decodeHash('#code=')).toBeUndefined();
    expect(decodeHash('#code=%%%')).toBeUndefined();
  });
});
