/**
 * Reading numbers out of CSV cells, with a DataError that names the row and column.
 *
 * A number cell is a plain decimal: an optional sign, digits with an optional fraction (`12`, `-0.5`,
 * `.5`, `5.`, `+3`) and an optional exponent (`1e-3`, `2E+5`). Everything else JavaScript's `Number()`
 * would also take is refused: hexadecimal `0x10`, binary `0b101`, octal `0o7`, `Infinity`, `NaN`,
 * separators `1_000`. Cells are trimmed by the CSV reader, so ` 12 ` is 12 and a cell of spaces is
 * empty. Values are stored as float32, so a number beyond its range (±3.4e38, e.g. `1e39`) is refused
 * rather than becoming Infinity; a tiny one (`1e-50`) rounds to 0 as float32 does.
 */
import { DataError } from './errors.js';
import type { CsvTable } from './csv.js';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The largest finite float32, about 3.4e38. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** A cell as a decimal number, or undefined when it is not one (empty, hexadecimal, `Infinity`, …). */
export function cellNumber(cell: string): number | undefined {
  if (!DECIMAL.test(cell)) return undefined;
  const v = Number(cell);
  return Number.isFinite(v) ? v : undefined;
}

/** A decimal cell whose value float32 cannot hold (it would become ±Infinity). */
function beyondFloat32(cell: string): boolean {
  if (!DECIMAL.test(cell)) return false;
  return !Number.isFinite(Math.fround(Number(cell)));
}

/** The number in row `r`, column `c` (0-based indexes into the table), or a DataError saying where and why. */
export function requireNumber(table: CsvTable, r: number, c: number, role: 'feature' | 'target'): number {
  const row = table.rows[r]!;
  const cell = row.cells[c]!;
  const v = cellNumber(cell);
  if (v !== undefined && Number.isFinite(Math.fround(v))) return v;
  const name = table.header[c]!;
  const shown = cell.length > 40 ? `${cell.slice(0, 40)}…` : cell;
  const what =
    cell === ''
      ? `empty cell in ${role} column "${name}"; expected a number (missing values are not supported)`
      : beyondFloat32(cell)
        ? `row ${row.line}, column "${name}": ${shown} is beyond float32's range (±3.4e38); rescale the column`
        : `non-numeric value "${shown}" in ${role} column "${name}" (column ${c + 1}); expected a number${nonDecimalHint(cell)}`;
  throw new DataError(what, { file: table.file, row: row.line, columnNumber: c + 1, column: name });
}

/** Why a cell JavaScript would read as a number is refused. */
function nonDecimalHint(cell: string): string {
  const s = cell.replace(/^[+-]/, '');
  if (/^0[xX]/.test(s)) return ' (hexadecimal is not read; write it in decimal)';
  if (/^0[bB]/.test(s)) return ' (binary is not read; write it in decimal)';
  if (/^0[oO]/.test(s)) return ' (octal is not read; write it in decimal)';
  if (/^(Infinity|NaN)$/i.test(s)) return ' (values must be finite)';
  if (/^[\d.]+(_\d+)+/.test(s)) return ' (without digit separators)';
  return '';
}

/** Orders label names: numerically when every label is a number, else by code point (locale-independent). */
export function sortLabels(labels: Iterable<string>): string[] {
  const list = [...new Set(labels)];
  if (list.every((l) => cellNumber(l) !== undefined)) return list.sort((a, b) => Number(a) - Number(b));
  return list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
