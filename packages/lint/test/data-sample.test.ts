/** The sample reader (CSV dialect, bounded rows) and the Node reader (confinement, regular files, cache by size and mtime). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { clearDataSampleCache, columnStats, parseCsvRecords, readDataSample, sampleFromCsv, SAMPLE_ROWS } from '../src/index.js';

describe('the sample reader', () => {
  test('quotes, doubled quotes, quoted line breaks, CRLF, a BOM and blank lines', () => {
    const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,"two\nlines",\n';
    expect(parseCsvRecords(text, 100)).toEqual({
      records: [
        ['a', 'b', 'c'],
        ['1', 'x, y', 'say "hi"'],
        ['2', 'two\nlines', ''],
      ],
      complete: true,
    });
  });

  test('keeps at most SAMPLE_ROWS rows and says the file had more', () => {
    const text = `x\n${Array.from({ length: SAMPLE_ROWS + 5 }, (_, i) => i).join('\n')}\n`;
    const sample = sampleFromCsv('big.csv', text)!;
    expect(sample.rows).toHaveLength(SAMPLE_ROWS);
    expect(sample.truncated).toBe(true);
    expect(columnStats(sample, 'x')).toMatchObject({ count: 10_000, numeric: 10_000, min: 0, max: 9999, mean: 4999.5 });
    expect(sampleFromCsv('empty.csv', '')).toBeUndefined();
  });

  test('column statistics: numbers, text, empty cells, distinct values', () => {
    const sample = sampleFromCsv('d.csv', 'n,t\n1,a\n3,b\n,a\n5,c\n')!;
    expect(columnStats(sample, 'n')).toMatchObject({ count: 3, numeric: 3, min: 1, max: 5, mean: 3, distinctCount: 3 });
    expect(columnStats(sample, 'n')!.std).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(columnStats(sample, 't')).toMatchObject({ count: 4, numeric: 0, distinct: ['a', 'b', 'c'] });
    expect(columnStats(sample, 'nope')).toBeUndefined();
  });
});

describe('the Node reader', () => {
  let root: string;
  beforeEach(() => {
    clearDataSampleCache();
    root = mkdtempSync(join(tmpdir(), 'axon-reader-'));
    mkdirSync(join(root, 'project'));
    writeFileSync(join(root, 'project', 'axon.config.json'), '{}');
  });
  const spec = () => join(root, 'project', 'net.axon');

  test('reads a file beside the spec, and again only when its size or mtime changed', () => {
    const file = join(root, 'project', 'd.csv');
    writeFileSync(file, 'x,y\n1,2\n');
    const first = readDataSample('d.csv', spec())!;
    expect(first.rows).toEqual([['1', '2']]);
    expect(readDataSample('d.csv', spec())).toBe(first); // cached: the same object
    writeFileSync(file, 'x,y\n7,8\n'); // same size: the mtime tells
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(readDataSample('d.csv', spec())!.rows).toEqual([['7', '8']]);
    writeFileSync(file, 'x,y\n7,8\n9,10\n');
    expect(readDataSample('d.csv', spec())!.rows).toHaveLength(2);
  });

  test('says nothing for a missing file, a folder, a file outside the project or a link out of it', () => {
    writeFileSync(join(root, 'outside.csv'), 'x\n1\n');
    mkdirSync(join(root, 'project', 'dir.csv'));
    symlinkSync(join(root, 'outside.csv'), join(root, 'project', 'link.csv'));
    expect(readDataSample('missing.csv', spec())).toBeUndefined();
    expect(readDataSample('dir.csv', spec())).toBeUndefined();
    expect(readDataSample('../outside.csv', spec())).toBeUndefined();
    expect(readDataSample('link.csv', spec())).toBeUndefined();
    expect(readDataSample('../outside.csv', spec(), { allowOutside: true })!.rows).toEqual([['1']]);
  });

  test('a FIFO is not opened for reading (no hang)', () => {
    const fifo = join(root, 'project', 'pipe.csv');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo on this system
    }
    expect(readDataSample('pipe.csv', spec())).toBeUndefined();
  });

  test('reads at most maxBytes and drops the record cut there', () => {
    writeFileSync(join(root, 'project', 'd.csv'), 'x\n111\n222\n333\n');
    const sample = readDataSample('d.csv', spec(), { maxBytes: 11 })!;
    expect(sample.rows).toEqual([['111'], ['222']]);
    expect(sample.truncated).toBe(true);
  });
});

describe('the engine reads data only when a rule asks', () => {
  test('with every data rule off the reader is never called; with one on, once per network', async () => {
    const { lintText, resolveConfig } = await import('../src/index.js');
    const text = 'network A {\n  input [2]\n  task regression\n  layers {\n    dense(1)\n  }\n  data {\n    source: "d.csv"\n    target: "y"\n  }\n}\n';
    let calls = 0;
    const readData = () => {
      calls++;
      return sampleFromCsv('d.csv', 'a,b,y\n1,2,50000\n3,4,70000\n');
    };
    lintText(text, { config: resolveConfig({ presets: ['all'], rules: { 'unscaled-input': 'off', 'unscaled-target': 'off', 'task-data-mismatch': 'off' } }), readData });
    expect(calls).toBe(0);
    const findings = lintText(text, { config: resolveConfig({ presets: ['all'] }), readData }).findings;
    expect(calls).toBe(1);
    expect(findings.filter((f) => f.ruleId === 'unscaled-target').map((f) => f.range.start.line)).toEqual([9]);
  });

  test('a reader that throws counts as no data', async () => {
    const { lintText, resolveConfig } = await import('../src/index.js');
    const text = 'network A {\n  input [2]\n  task regression\n  layers {\n    dense(1)\n  }\n  data {\n    source: "d.csv"\n    target: "y"\n  }\n}\n';
    const findings = lintText(text, { config: resolveConfig({ presets: ['all'] }), readData: () => { throw new Error('disk on fire'); } }).findings;
    expect(findings.filter((f) => f.ruleId === 'crash' || f.message.includes('disk on fire'))).toEqual([]);
  });
});
