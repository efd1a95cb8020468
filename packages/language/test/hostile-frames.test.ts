/**
 * Issue 15, items 3 and 4: code frames of long lines are windowed around the column (with `…`),
 * diagnostics print in linear time, and repeats of one message are counted, not printed.
 */
import { describe, expect, it } from 'vitest';
import { check, formatDiagnostic, formatDiagnostics, MAX_FRAME_WIDTH, windowLine, type Diagnostic } from '../src/index.js';

const at = (offset: number, line = 1, column = offset + 1) => ({ offset, line, column });
const diag = (start: number, end: number, message = 'boom', code = 'analysis/test'): Diagnostic => ({
  range: { start: at(start), end: at(end) },
  severity: 'error',
  code,
  message,
});

describe('windowLine', () => {
  it('shows a short line whole', () => {
    expect(windowLine('  dense(4)', 3, 8)).toEqual({ text: '  dense(4)', lead: '  ', width: 5 });
  });

  it('cuts a long line around the range, with ellipses, keeping the carets under it', () => {
    const line = 'x'.repeat(1000) + 'desne' + 'y'.repeat(1000);
    const w = windowLine(line, 1001, 1006);
    expect(w.text.length).toBe(MAX_FRAME_WIDTH + 2);
    expect(w.text.startsWith('…')).toBe(true);
    expect(w.text.endsWith('…')).toBe(true);
    expect(w.text.slice(w.lead.length, w.lead.length + w.width)).toBe('desne');
  });

  it('at the start of a long line only the end is cut', () => {
    const w = windowLine('dense(4), '.repeat(100), 1, 6);
    expect(w.text.startsWith('dense')).toBe(true);
    expect(w.text.endsWith('…')).toBe(true);
    expect(w.lead).toBe('');
    expect(w.width).toBe(5);
  });

  it('at the end of a long line only the start is cut', () => {
    const line = 'a'.repeat(500) + 'zz';
    const w = windowLine(line, 501, 503);
    expect(w.text).toBe('…' + 'a'.repeat(MAX_FRAME_WIDTH - 2) + 'zz');
    expect(w.text.slice(w.lead.length, w.lead.length + w.width)).toBe('zz');
  });

  it('a range wider than the window stops its carets at the edge', () => {
    const w = windowLine('q'.repeat(10_000), 50, 9_000);
    expect(w.lead.length + w.width).toBeLessThanOrEqual(w.text.length);
  });
});

describe('printing many diagnostics', () => {
  it('a 100 KB spec on one line prints a frame of bounded width for each problem', () => {
    const src = `network N { input [4], layers { ${Array.from({ length: 10_000 }, () => 'desne(4)').join(', ')} } }`;
    const d = check(src).diagnostics;
    expect(d.length).toBeGreaterThan(0);
    const out = formatDiagnostic('big.axon', src, d[d.length - 1]!);
    for (const l of out.split('\n')) expect(l.length).toBeLessThan(MAX_FRAME_WIDTH + 150);
  });

  it('20,000 copies of one message print three frames and a count, quickly', () => {
    const text = 'x'.repeat(200_000);
    const ds = Array.from({ length: 20_000 }, (_, i) => diag(i * 10, i * 10 + 5, '`units` is given more than once', 'analysis/duplicate-argument'));
    const t0 = performance.now();
    const out = formatDiagnostics('dup.axon', text, ds);
    expect(performance.now() - t0).toBeLessThan(1000);
    const lines = out.split('\n');
    expect(lines).toHaveLength(3 * 3 + 1);
    expect(lines.at(-1)).toBe('… and 19,997 more like this [analysis/duplicate-argument]');
    expect(out.length).toBeLessThan(2_000);
  });

  it('different messages are all printed, each with its own count', () => {
    const text = 'abcdefghij\n'.repeat(20);
    const ds = [diag(0, 1, 'a'), diag(0, 1, 'b'), diag(0, 1, 'a'), diag(0, 1, 'a'), diag(0, 1, 'a'), diag(0, 1, 'a')];
    const heads = formatDiagnostics('f', text, ds)
      .split('\n')
      .filter((l) => l.startsWith('f:') || l.startsWith('…'));
    expect(heads).toEqual([
      'f:1:1: error: a [analysis/test]',
      'f:1:1: error: b [analysis/test]',
      'f:1:1: error: a [analysis/test]',
      'f:1:1: error: a [analysis/test]',
      '… and 2 more like this [analysis/test]',
    ]);
  });

  it('frames take lines from an index: 5,000 diagnostics on 5,000 lines print in linear time', () => {
    const text = 'dense(4)\n'.repeat(50_000);
    const ds = Array.from({ length: 5_000 }, (_, i) => ({
      ...diag(0, 1, `problem ${i}`),
      range: { start: { offset: i * 90, line: i * 10 + 1, column: 1 }, end: { offset: i * 90 + 5, line: i * 10 + 1, column: 6 } },
    }));
    const t0 = performance.now();
    const out = formatDiagnostics('f', text, ds);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(out.split('\n')[1]).toBe('  1 | dense(4)');
    expect(out.split('\n').at(-2)).toBe('  49991 | dense(4)');
  });
});
