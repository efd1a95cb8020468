/** Code frames: `file:line:col: severity: message [code]`, the source line and a caret under the range. */
import { describe, expect, it } from 'vitest';
import { check, formatDiagnostic, sourceLine, type Diagnostic } from '../src/index.js';

const diag = (line: number, column: number, length: number, offset: number, endLine = line, endColumn = column + length): Diagnostic => ({
  range: { start: { offset, line, column }, end: { offset: offset + length, line: endLine, column: endColumn } },
  severity: 'error',
  code: 'analysis/unknown-layer',
  message: 'unknown layer `desne`; did you mean `dense`?',
});

describe('formatDiagnostic', () => {
  const text = 'network N {\n  layers {\n    desne(16)\n  }\n}\n';

  it('prints location, severity, message, code, line and caret', () => {
    expect(formatDiagnostic('a.axon', text, diag(3, 5, 5, 26))).toBe(
      [
        'a.axon:3:5: error: unknown layer `desne`; did you mean `dense`? [analysis/unknown-layer]',
        '  3 |     desne(16)',
        '    |     ^^^^^',
      ].join('\n'),
    );
  });

  it('a range over several lines underlines to the end of its first line', () => {
    const out = formatDiagnostic('a.axon', text, diag(2, 3, 20, 14, 4, 4)).split('\n');
    expect(out[2]).toBe('    |   ^^^^^^^^');
  });

  it('keeps tabs so the caret lines up', () => {
    const tabbed = 'network N {\n\tlayers {\n\t\tdesne(16)\n';
    expect(formatDiagnostic('t.axon', tabbed, diag(3, 3, 5, 24)).split('\n')[2]).toBe('    | \t\t^^^^^');
  });

  it('colours with ANSI escapes only when asked', () => {
    const plain = formatDiagnostic('a.axon', text, diag(3, 5, 5, 26));
    const colored = formatDiagnostic('a.axon', text, diag(3, 5, 5, 26), { color: true });
    expect(plain).not.toContain('\u001b[');
    expect(colored).toContain('\u001b[31merror\u001b[0m');
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('an empty range still gets one caret; an empty file gets no frame', () => {
    expect(formatDiagnostic('a.axon', text, diag(3, 10, 0, 31)).split('\n')[2]).toBe('    |          ^');
    expect(formatDiagnostic('e.axon', '', diag(1, 1, 0, 0))).toBe('e.axon:1:1: error: unknown layer `desne`; did you mean `dense`? [analysis/unknown-layer]');
  });

  it('frames a real analysis diagnostic', () => {
    const src = 'network N {\n  input [4]\n  layers {\n    dense(16, activaton: relu)\n  }\n}\n';
    const [d] = check(src).diagnostics;
    expect(formatDiagnostic('n.axon', src, d!)).toBe(
      [
        'n.axon:4:15: error: `dense` has no argument `activaton`; did you mean `activation`? [analysis/unknown-argument]',
        '  4 |     dense(16, activaton: relu)',
        '    |               ^^^^^^^^^',
      ].join('\n'),
    );
  });

  it('related locations become notes when asked', () => {
    const src = 'network N {\n  input [4]\n  layers { bad(8) }\n}\nblock bad(w) {\n  dropout(1.5)\n}\n';
    const [d] = check(src).diagnostics;
    expect(formatDiagnostic('b.axon', src, d!, { related: true })).toBe(
      [
        'b.axon:6:11: error: `rate` of `dropout` must be a number in [0, 1), got `1.5` [analysis/out-of-range]',
        '  6 |   dropout(1.5)',
        '    |           ^^^',
        '  b.axon:3:12: note: in block `bad`, used here',
      ].join('\n'),
    );
    expect(formatDiagnostic('b.axon', src, d!)).not.toContain('note');
  });

  it('sourceLine handles CRLF and out-of-range lines', () => {
    expect(sourceLine('a\r\nb\r\n', 1)).toBe('a');
    expect(sourceLine('a\nb', 2)).toBe('b');
    expect(sourceLine('a', 5)).toBe('');
  });
});
