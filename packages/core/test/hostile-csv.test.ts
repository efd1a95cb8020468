/** Issue 15 #14: CSV cells are decimal numbers only, and finite in float32; the error names row and column. */
import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCsvData, DataError } from '../src/data/index.js';
import { cellNumber } from '../src/data/cells.js';
import { denseNetwork } from './fixtures/networks.js';
import { useTempDir } from './temp-dir.js';

const dir = useTempDir('axon-hostile-csv-');

async function loadX(cells: string[]) {
  const sub = await mkdtemp(join(dir(), 'case-'));
  const csv = `x,y\n${cells.map((c, i) => `${c},${i}`).join('\n')}\n`;
  await writeFile(join(sub, 'data.csv'), csv);
  const net = denseNetwork({ input: [1], layers: [{ units: 1 }], data: { source: 'data.csv', target: 'y', validationSplit: 0, standardize: false } });
  return loadCsvData(net, join(sub, 'net.axon'), { seed: 1 });
}

async function errorFor(cells: string[]): Promise<string> {
  const err = await loadX(cells).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DataError);
  return (err as DataError).message;
}

describe('cellNumber: decimal numbers only', () => {
  it.each([
    ['12', 12],
    ['-0.5', -0.5],
    ['+3', 3],
    ['.5', 0.5],
    ['5.', 5],
    ['1e-3', 0.001],
    ['2E+5', 200000],
    ['007', 7],
    ['1e39', 1e39], // a number; its float32 range is checked where it is stored
  ])('%s is %d', (cell, v) => expect(cellNumber(cell)).toBe(v));

  it.each(['0x10', '0X1f', '0b101', '0o7', '-0x10', 'Infinity', '-Infinity', 'NaN', '1_000', '', '1e', 'e5', '.', '+', '1.2.3', '١٢', '1e400'])(
    '%j is not a number',
    (cell) => expect(cellNumber(cell)).toBeUndefined(),
  );
});

describe('loadCsvData: hostile number cells', () => {
  it('keeps what was valid: signs, exponents, surrounding spaces', async () => {
    const data = await loadX(['+1', ' 2.5 ', '-3e2', '.25']);
    expect([...data.train.x].sort((a, b) => a - b)).toEqual([-300, 0.25, 1, 2.5]);
  });

  it.each([
    ['0x10', 'hexadecimal is not read'],
    ['0b101', 'binary is not read'],
    ['0o7', 'octal is not read'],
    ['Infinity', 'values must be finite'],
    ['NaN', 'values must be finite'],
    ['1_000', 'without digit separators'],
  ])('%s is refused at its row and column', async (cell, hint) => {
    const message = await errorFor(['1', '2', cell]);
    expect(message).toMatch(new RegExp(`data\\.csv:4:1: non-numeric value "${cell}" in feature column "x" \\(column 1\\); expected a number \\(${hint}`));
  });

  it('a cell of spaces is empty', async () => {
    expect(await errorFor(['1', '   '])).toMatch(/data\.csv:3:1: empty cell in feature column "x"; expected a number/);
  });

  it('1e39 is beyond float32 even though float64 holds it', async () => {
    const message = await errorFor(['1', '2', '3', '1e39']);
    expect(message).toMatch(/data\.csv:5:1: row 5, column "x": 1e39 is beyond float32's range \(±3\.4e38\)/);
  });

  it('-3.5e38 is refused, 3.4e38 and 1e-50 are kept (the largest float32 and an underflow to 0)', async () => {
    expect(await errorFor(['-3.5e38'])).toMatch(/:2:1: row 2, column "x": -3\.5e38 is beyond float32's range/);
    const data = await loadX(['3.4e38', '1e-50']);
    expect([...data.train.x].sort((a, b) => a - b)).toEqual([0, Math.fround(3.4e38)]);
  });

  it('a target cell beyond float32 is refused too', async () => {
    const sub = await mkdtemp(join(dir(), 'case-'));
    await writeFile(join(sub, 'data.csv'), 'x,y\n1,2\n2,1e40\n');
    const net = denseNetwork({ input: [1], layers: [{ units: 1 }], data: { source: 'data.csv', target: 'y', validationSplit: 0, standardize: false } });
    const err = await loadCsvData(net, join(sub, 'net.axon')).then(() => undefined, (e: unknown) => e);
    expect((err as DataError).message).toMatch(/data\.csv:3:2: row 3, column "y": 1e40 is beyond float32's range/);
  });
});

describe('cellNumber against an independent oracle (seeded generator)', () => {
  // The oracle: what both Number() and parseFloat() read the same, finitely, with nothing but decimal
  // characters — parseFloat stops at 'x', 'b', 'o', '_' and reads "Infinity", so those differ or are excluded.
  const oracle = (c: string): number | undefined => {
    if (c === '' || c !== c.trim() || /[^0-9+\-.eE]/.test(c)) return undefined;
    const v = Number(c);
    return Number.isFinite(v) && v === parseFloat(c) ? v : undefined;
  };
  it('agrees on 20,000 generated cells (seed 15)', async () => {
    const { mulberry32 } = await import('../src/data/random.js');
    const rand = mulberry32(15);
    const pieces = ['0', '1', '9', '00', '.', '+', '-', 'e', 'E', 'x', 'b', 'o', '_', ' ', 'Infinity', 'NaN', '39', '400', '5'];
    let accepted = 0;
    for (let i = 0; i < 20000; i++) {
      const len = 1 + Math.floor(rand() * 6);
      let c = '';
      for (let k = 0; k < len; k++) c += pieces[Math.floor(rand() * pieces.length)]!;
      const got = cellNumber(c);
      const want = oracle(c);
      if (got !== want) throw new Error(`cell ${JSON.stringify(c)}: cellNumber ${got}, oracle ${want}`);
      if (got !== undefined) accepted++;
    }
    // The generator is not degenerate: a fair share of cells are numbers.
    expect(accepted).toBeGreaterThan(1000);
  });
});

describe('loadCsvData on 800 generated hostile files (seed 17)', () => {
  it('loads or fails with a DataError that has file:row: and never a raw exception', async () => {
    const { mulberry32 } = await import('../src/data/random.js');
    const rand = mulberry32(17);
    const pieces = ['x', 'y', ',', ',', '\n', '\r\n', '"', '""', '1', '2.5', '-3', '0x10', '1e39', ' ', '\t', ';', '\uFEFF', '\u0000', 'é', '\uD800', 'Infinity', 'a', 'NaN', '', '\n\n'];
    const sub = await mkdtemp(join(dir(), 'fuzz-'));
    const tasks = [
      { input: [1], target: 'y' },
      { input: [1], target: 'y' },
      { input: [2], target: 'y' },
    ];
    let loaded = 0;
    for (let i = 0; i < 800; i++) {
      let text: string;
      if (rand() < 0.5) {
        // Rows of (mostly) two cells, drawn from valid and hostile numbers.
        const cells = ['1', '-2.5', '+3', '.5', '1e3', ' 4 ', '0x10', '1e39', 'NaN', '', '"5"', '"6,7"', '1_0', '-0', '3.4e38'];
        const rows = Array.from({ length: 1 + Math.floor(rand() * 6) }, () =>
          Array.from({ length: rand() < 0.9 ? 2 : 1 + Math.floor(rand() * 3) }, () => cells[Math.floor(rand() * cells.length)]!).join(','),
        );
        text = `x,y\n${rows.join(rand() < 0.8 ? '\n' : '\r\n')}\n`;
      } else {
        const len = Math.floor(rand() * 30);
        let body = '';
        for (let k = 0; k < len; k++) body += pieces[Math.floor(rand() * pieces.length)]!;
        text = rand() < 0.7 ? `x,y\n${body}` : body;
      }
      await writeFile(join(sub, 'data.csv'), text);
      const t = tasks[i % tasks.length]!;
      const net = denseNetwork({ input: t.input, layers: [{ units: 1 }], data: { source: 'data.csv', target: t.target, validationSplit: 0.2, standardize: true } });
      const err = await loadCsvData(net, join(sub, 'net.axon'), { seed: 1 }).then(
        (d) => {
          // What loads is usable: every value finite.
          if (![...d.train.x, ...d.train.y].every(Number.isFinite)) return new Error(`non-finite values loaded from ${JSON.stringify(text)}`);
          loaded++;
          return undefined;
        },
        (e: unknown) => e,
      );
      if (err === undefined) continue;
      if (!(err instanceof DataError)) throw new Error(`file ${JSON.stringify(text)}: ${String(err)}`);
      expect(err.message).toMatch(/^\/\S*data\.csv:(\d+:)*\s/);
    }
    expect(loaded).toBeGreaterThan(0);
  }, 60_000);
});
