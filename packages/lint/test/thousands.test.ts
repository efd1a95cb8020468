import { describe, expect, it } from 'vitest';
import { thousands } from '../src/thousands.js';

describe('thousands', () => {
  it('groups digits as toLocaleString("en-US") does', () => {
    expect(thousands(0)).toBe('0');
    expect(thousands(999)).toBe('999');
    expect(thousands(1000)).toBe('1,000');
    expect(thousands(49_999)).toBe('49,999');
    expect(thousands(1_234_567)).toBe('1,234,567');
    expect(thousands(-1234)).toBe('-1,234');
    for (const n of [7, 150, 10_000, 123_456, -999, -1_000_000, 2 ** 53 - 1]) expect(thousands(n)).toBe(n.toLocaleString('en-US'));
  });

  it('leaves what is not a safe integer to toLocaleString', () => {
    expect(thousands(2.5)).toBe((2.5).toLocaleString('en-US'));
    expect(thousands(1e21)).toBe((1e21).toLocaleString('en-US'));
  });
});
