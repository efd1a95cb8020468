/**
 * Reads a CSV file into a header and rows of strings, each row with its 1-based line number.
 * Parsing is csv-parse's (quotes, CRLF, BOM); this module only turns its failures into DataErrors.
 */
import { constants, open, readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { DataError } from './errors.js';

export interface CsvRow {
  cells: string[];
  /** 1-based line of the record in the file (its last line, for a record with a quoted line break). */
  line: number;
}

export interface CsvTable {
  /** The file as shown in messages. */
  file: string;
  header: string[];
  /** 1-based line of the header (1 unless the file starts with blank lines). */
  headerLine: number;
  rows: CsvRow[];
}

/** Reads and parses `path`; `shown` is how the file is named in error messages. Only regular files are read. */
export async function readCsvTable(path: string, shown: string): Promise<CsvTable> {
  let text: string;
  try {
    text = await readRegularFile(path, shown);
  } catch (err) {
    if (err instanceof DataError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, expected a CSV file'
          : code === 'EACCES'
            ? 'permission denied'
            : code === 'ELOOP'
              ? 'is a loop of symbolic links, expected a CSV file'
              : `cannot read the file (${code ?? String(err)})`;
    throw new DataError(why, { file: shown });
  }
  return parseCsvText(text, shown);
}

/**
 * The largest CSV read: the text must fit one JavaScript string (V8 holds at most about 2²⁹ characters),
 * so a bigger file is refused up front instead of failing inside the read.
 */
export const MAX_CSV_BYTES = 512 * 1024 * 1024;

/** What a file that is not a regular file is, for messages. */
function kindOf(s: { isDirectory(): boolean; isFIFO?(): boolean; isCharacterDevice?(): boolean; isBlockDevice?(): boolean; isSocket?(): boolean }): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO?.()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice?.() || s.isBlockDevice?.()) return 'a device';
  if (s.isSocket?.()) return 'a socket';
  return 'not a regular file';
}

/**
 * The text of a regular file. A FIFO, device, socket or directory is refused without being read: it is
 * looked at with stat first, then opened non-blocking (a FIFO without a writer would otherwise hang the
 * open) and checked again on the open descriptor, so a file swapped in between is caught too.
 */
async function readRegularFile(path: string, shown: string): Promise<string> {
  const refuse = (s: Parameters<typeof kindOf>[0]): never => {
    const kind = kindOf(s);
    throw new DataError(kind === 'a directory' ? 'is a directory, expected a CSV file' : `is ${kind}, not a regular file; expected a CSV file`, { file: shown });
  };
  const before = await stat(path);
  if (!before.isFile()) refuse(before);
  if (before.size > MAX_CSV_BYTES) {
    throw new DataError(`is ${(before.size / 1e9).toFixed(1)} GB; Axon reads CSV files up to ${MAX_CSV_BYTES / (1024 * 1024)} MB (the text must fit in memory as one string)`, { file: shown });
  }
  // Without O_NONBLOCK (the playground's in-memory files) there is nothing but regular files to read.
  if (constants?.O_NONBLOCK === undefined) return readFile(path, 'utf8');
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const after = await handle.stat();
    if (!after.isFile()) refuse(after);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** Parses CSV text (exported for tests and for callers that already hold the text). */
export function parseCsvText(text: string, shown: string): CsvTable {
  // A binary file (NUL bytes, bytes that are not UTF-8) is named as such, not as a quoting error.
  const binary = text.search(/[\u0000\uFFFD]/);
  if (binary >= 0) {
    const lines = text.slice(0, binary).split('\n');
    throw new DataError(
      `not a UTF-8 text CSV file (${text[binary] === '\u0000' ? 'a NUL byte' : 'bytes that are not UTF-8'}); expected comma-separated text`,
      { file: shown, row: lines.length, columnNumber: lines[lines.length - 1]!.length + 1 },
    );
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    const line = typeof e.lines === 'number' ? e.lines : undefined;
    const detail = (e.message ?? String(err)).replace(/ on line \d+$/, '');
    const message =
      e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
        ? `${detail.replace(/^Invalid Record Length: expect (\d+), got (\d+)$/, 'wrong number of cells: expected $1, got $2').replace(/^Invalid Record Length: /, 'wrong number of cells: ')} (every row needs one cell per header column)`
        : `malformed CSV: ${detail}`;
    throw new DataError(message, line === undefined ? { file: shown } : { file: shown, row: line });
  }
  if (records.length === 0) {
    throw new DataError('empty file; expected a header row and at least one data row', { file: shown });
  }
  const [first, ...rest] = records;
  const header = first!.record;
  if (rest.length === 0) {
    throw new DataError('no data rows after the header; expected at least one data row', {
      file: shown,
      row: first!.info.lines,
    });
  }
  const headerLine = first!.info.lines;
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === '') {
      throw new DataError(`column ${i + 1} has an empty name in the header`, {
        file: shown,
        row: headerLine,
        columnNumber: i + 1,
        column: i + 1,
      });
    }
    const before = seen.get(name);
    if (before !== undefined) {
      throw new DataError(`column "${name}" appears twice in the header (columns ${before + 1} and ${i + 1})`, {
        file: shown,
        row: headerLine,
        columnNumber: i + 1,
        column: name,
      });
    }
    seen.set(name, i);
  });
  return { file: shown, header, headerLine, rows: rest.map((r) => ({ cells: r.record, line: r.info.lines })) };
}
