/** Reading numbers out of CSV cells, with a DataError that names the row and column. */
import { DataError } from './errors.js';
import type { CsvTable } from './csv.js';

/** A cell as a finite number, or undefined when it is not one. */
export function cellNumber(cell: string): number | undefined {
  if (cell === '') return undefined;
  const v = Number(cell);
  return Number.isFinite(v) ? v : undefined;
}

/** The number in row `r`, column `c` (0-based indexes into the table), or a DataError saying where and why. */
export function requireNumber(table: CsvTable, r: number, c: number, role: 'feature' | 'target'): number {
  const row = table.rows[r]!;
  const cell = row.cells[c]!;
  const v = cellNumber(cell);
  if (v !== undefined) return v;
  const name = table.header[c]!;
  const what =
    cell === ''
      ? `empty cell in ${role} column "${name}"; expected a number (missing values are not supported)`
      : `non-numeric value "${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}" in ${role} column "${name}" (column ${c + 1}); expected a number`;
  throw new DataError(what, { file: table.file, row: row.line, columnNumber: c + 1, column: name });
}

/** Orders label names: numerically when every label is a number, else by code point (locale-independent). */
export function sortLabels(labels: Iterable<string>): string[] {
  const list = [...new Set(labels)];
  if (list.every((l) => cellNumber(l) !== undefined)) return list.sort((a, b) => Number(a) - Number(b));
  return list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
