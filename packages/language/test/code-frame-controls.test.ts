import { expect, it } from 'vitest';
import { check, formatDiagnostic } from '../src/index.js';
import { visibleControls } from '../src/code-frame.js';

it('a code frame shows control characters as symbols, never as raw escapes, and keeps the caret aligned', () => {
  const text = 'network A {\n  input [2] \u001b[31mRED\n  layers { dense(1) }\n}\n';
  const d = check(text).diagnostics.find((x) => x.code === 'parse/invalid-character')!;
  const out = formatDiagnostic('esc.axon', text, d);
  expect(out).toBe(
    'esc.axon:2:13: error: invalid character "\\u001b" [parse/invalid-character]\n' +
      '  2 |   input [2] \u241b[31mRED\n' +
      '    |             ^',
  );
  expect(out).not.toContain('\u001b');
});

it('visibleControls maps C0, DEL and C1 one for one and keeps tabs', () => {
  expect(visibleControls('a\u0000b\tc\u007fd\u009be')).toBe('a\u2400b\tc\u2421d\ufffde');
  expect(visibleControls('dense(16, activation: relu)')).toBe('dense(16, activation: relu)');
});
