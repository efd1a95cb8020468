/**
 * DataError: bad training data (missing file or column, a non-numeric cell, an empty file, labels
 * that contradict the task). The message already starts with `file:row:col:` (1-based; the header is
 * row 1) or `file:` when the problem is the whole file, so callers print it as it is.
 */
export class DataError extends Error {
  override name = 'DataError';
  /** The data file, as shown in the message. */
  readonly file: string;
  /** 1-based line of the file (the header is line 1). */
  readonly row?: number;
  /** The column's name when it has one, else its 1-based number. */
  readonly column?: string | number;
  /** 1-based column number in the file, when the message points at a cell. */
  readonly columnNumber?: number;

  constructor(message: string, where: { file: string; row?: number; column?: string | number; columnNumber?: number }) {
    const prefix =
      where.row === undefined
        ? `${where.file}:`
        : where.columnNumber === undefined
          ? `${where.file}:${where.row}:`
          : `${where.file}:${where.row}:${where.columnNumber}:`;
    super(`${prefix} ${message}`);
    this.file = where.file;
    if (where.row !== undefined) this.row = where.row;
    if (where.column !== undefined) this.column = where.column;
    if (where.columnNumber !== undefined) this.columnNumber = where.columnNumber;
  }
}
