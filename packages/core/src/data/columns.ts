/** Finding named columns in a CSV header (with "did you mean"), and how paths are shown in messages. */
import { relative, isAbsolute } from 'node:path';
import type { CsvTable } from './csv.js';
import { DataError } from './errors.js';
import { closestName } from './suggest.js';

/** The 0-based indexes of `wanted` in the header, or a DataError at the header naming the first one missing. */
export function findColumns(table: CsvTable, wanted: string[], role: 'target' | 'feature' | 'text'): number[] {
  if (wanted.length === 0 || (role === 'text' && wanted[0] === '')) {
    throw new DataError(`data.${role === 'feature' ? 'features' : role} names no column`, { file: table.file, row: table.headerLine });
  }
  return wanted.map((name) => {
    const i = table.header.indexOf(name);
    if (i >= 0) return i;
    const cols = table.header.length > 12 ? `${table.header.slice(0, 12).join(', ')}, …` : table.header.join(', ');
    // One header cell holding ';' or tabs: the file uses another separator, which is the real problem.
    const other = table.header.length === 1 ? ([';', '\t', '|'] as const).find((sep) => table.header[0]!.includes(sep)) : undefined;
    const separator = other ? `; the file looks ${other === '\t' ? 'tab' : other === ';' ? 'semicolon' : 'pipe'}-separated, but data files must be comma-separated` : '';
    const guess = other ? undefined : closestName(name, table.header);
    const hint = guess ? ` (did you mean "${guess}"?)` : '';
    throw new DataError(`no ${role} column "${name}"${hint}; the header has: ${cols}${separator}`, {
      file: table.file,
      row: table.headerLine,
      column: name,
    });
  });
}

/** Paths in messages are relative to the working directory when the file is below it. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** The column names of `data.target`, which may list several separated by commas. */
export function splitTargetNames(target: string): string[] {
  return target
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
