/**
 * Turns the target column(s) into the `y` rows the task's loss expects.
 *
 *   no task / regression(outputs: N)  N numeric target columns, as they are
 *   binary_classification             one column: 0/1 numbers, or exactly two labels (sorted; the first is 0)
 *   classification(classes: N)        one column of labels, one-hot in sorted label order; integer labels
 *                                     0..N-1 are taken as class indices (label names "0".."N-1")
 *   multilabel(labels: N)             N columns of 0/1 (label names = column names), or one column whose cell
 *                                     lists the labels present, separated by `|` (empty = none; sorted label order)
 *
 * Labels sort numerically when all are numbers, else by code point. Every contradiction with the task
 * (too many or too few labels, a non-0/1 value) is a DataError at the first offending cell.
 */
import { taskText, type Task } from '@axon/language';
import type { Dataset, Normalization } from '../types.js';
import type { CsvTable } from './csv.js';
import { applyNormalization, computeNormalization } from './normalize.js';
import { DataError } from './errors.js';
import { cellNumber, requireNumber, sortLabels } from './cells.js';

export interface EncodedTargets {
  y: Float32Array;
  targetSize: number;
  labelNames?: string[];
}

/**
 * `standardize_target: true` (regression): the targets of both sets scaled to (y − mean) / std with the
 * mean and population std of each target column over the training rows only (a constant column gets
 * std 1), as the features are. The statistics go into the model file (`targetNormalization`) and
 * predictions are scaled back with `unscaleTargets`.
 */
export function standardizeTargets(train: Dataset, validation: Dataset | undefined): { train: Dataset; validation?: Dataset; targetNormalization: Normalization } {
  const targetNormalization = computeNormalization(train.y, train.n, train.targetSize);
  const scaled = { train: { ...train, y: applyNormalization(train.y, train.n, targetNormalization) }, targetNormalization };
  return validation ? { ...scaled, validation: { ...validation, y: applyNormalization(validation.y, validation.n, targetNormalization) } } : scaled;
}

/** The inverse of `standardizeTargets` on `n` rows of network outputs: y·std + mean, a new array. */
export function unscaleTargets(y: Float32Array, n: number, norm: Normalization): Float32Array {
  const k = norm.mean.length;
  if (norm.std.length !== k || y.length !== n * k) throw new Error(`cannot scale back ${y.length} outputs as ${n} rows of ${k} targets`);
  const out = new Float32Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i]! * norm.std[i % k]! + norm.mean[i % k]!;
  return out;
}

export function encodeTargets(table: CsvTable, targetColumns: number[], task: Task | undefined): EncodedTargets {
  const n = table.rows.length;
  if (task === undefined || task.kind === 'regression') {
    const want = task?.kind === 'regression' ? task.outputs : targetColumns.length;
    if (targetColumns.length !== want) {
      throw headerError(
        table,
        targetColumns[0]!,
        `regression(outputs: ${want}) needs ${want} target column${want === 1 ? '' : 's'} but data.target names ${targetColumns.length} (${names(table, targetColumns)}); list them separated by commas`,
      );
    }
    const size = targetColumns.length;
    const y = new Float32Array(n * size);
    for (let r = 0; r < n; r++) {
      for (let k = 0; k < size; k++) y[r * size + k] = requireNumber(table, r, targetColumns[k]!, 'target');
    }
    return { y, targetSize: size };
  }
  if (task.kind === 'multilabel' && targetColumns.length > 1) return encodeMultilabelColumns(table, targetColumns, task.labels);
  if (targetColumns.length !== 1) {
    throw headerError(
      table,
      targetColumns[1]!,
      `${taskText(task)} takes one target column but data.target names ${targetColumns.length} (${names(table, targetColumns)})`,
    );
  }
  const c = targetColumns[0]!;
  switch (task.kind) {
    case 'binary_classification':
      return encodeBinary(table, c);
    case 'classification':
      return encodeClasses(table, c, task.classes, taskText(task));
    case 'multilabel':
      return encodeMultilabelCell(table, c, task.labels, taskText(task));
  }
}

function encodeBinary(table: CsvTable, c: number): EncodedTargets {
  const n = table.rows.length;
  const cells = table.rows.map((row) => row.cells[c]!);
  const y = new Float32Array(n);
  if (cells.every((cell) => cell === '0' || cell === '1' || cellNumber(cell) === 0 || cellNumber(cell) === 1)) {
    cells.forEach((cell, r) => (y[r] = cellNumber(cell)!));
    return { y, targetSize: 1 };
  }
  const labels = distinctInOrder(table, c);
  if (labels.size > 2) {
    const [third, at] = [...labels.entries()][2]!;
    throw cellError(
      table,
      at,
      c,
      `a third label "${third}" in target column "${table.header[c]}" (after ${quoteList([...labels.keys()].slice(0, 2))}); binary_classification takes 0/1 or exactly two labels`,
    );
  }
  if (labels.size < 2) {
    throw headerError(
      table,
      c,
      `target column "${table.header[c]}" holds one label only (${quoteList([...labels.keys()])}); binary_classification needs 0/1 or two labels`,
    );
  }
  const labelNames = sortLabels(labels.keys());
  cells.forEach((cell, r) => (y[r] = cell === labelNames[1] ? 1 : 0));
  return { y, targetSize: 1, labelNames };
}

function encodeClasses(table: CsvTable, c: number, classes: number, taskName: string): EncodedTargets {
  const n = table.rows.length;
  const labels = distinctInOrder(table, c);
  const asIndex = labelsAreIndices(labels.keys(), classes);
  let labelNames: string[];
  let indexOf: (cell: string) => number;
  if (asIndex) {
    labelNames = Array.from({ length: classes }, (_, i) => String(i));
    indexOf = (cell) => Number(cell);
  } else {
    rejectExtraLabel(table, c, labels, classes, taskName);
    if (labels.size < classes) {
      throw headerError(
        table,
        c,
        `target column "${table.header[c]}" holds ${labels.size} label${labels.size === 1 ? '' : 's'} (${quoteList(sortLabels(labels.keys()))}) but the task says ${taskName}; use integer class indices 0..${classes - 1} if some classes are absent from the file`,
      );
    }
    labelNames = sortLabels(labels.keys());
    const index = new Map(labelNames.map((l, i) => [l, i]));
    indexOf = (cell) => index.get(cell)!;
  }
  const y = new Float32Array(n * classes);
  table.rows.forEach((row, r) => (y[r * classes + indexOf(row.cells[c]!)] = 1));
  return { y, targetSize: classes, labelNames };
}

function encodeMultilabelColumns(table: CsvTable, columns: number[], labels: number): EncodedTargets {
  if (columns.length !== labels) {
    throw headerError(
      table,
      columns[0]!,
      `multilabel(labels: ${labels}) needs ${labels} target columns of 0/1 but data.target names ${columns.length} (${names(table, columns)})`,
    );
  }
  const n = table.rows.length;
  const y = new Float32Array(n * labels);
  for (let r = 0; r < n; r++) {
    columns.forEach((c, k) => {
      const v = requireNumber(table, r, c, 'target');
      if (v !== 0 && v !== 1) {
        throw cellError(table, r, c, `value ${table.rows[r]!.cells[c]} in target column "${table.header[c]}"; multilabel target columns hold 0 or 1`);
      }
      y[r * labels + k] = v;
    });
  }
  return { y, targetSize: labels, labelNames: columns.map((c) => table.header[c]!) };
}

function encodeMultilabelCell(table: CsvTable, c: number, labels: number, taskName: string): EncodedTargets {
  const n = table.rows.length;
  const split = (cell: string) =>
    cell === '' ? [] : cell.split('|').map((s) => s.trim()).filter((s) => s !== '');
  const firstSeen = new Map<string, number>();
  table.rows.forEach((row, r) => {
    for (const l of split(row.cells[c]!)) if (!firstSeen.has(l)) firstSeen.set(l, r);
  });
  const found = [...firstSeen.keys()];
  const asIndex = labelsAreIndices(found, labels);
  let labelNames: string[];
  if (asIndex) {
    labelNames = Array.from({ length: labels }, (_, i) => String(i));
  } else {
    rejectExtraLabel(table, c, firstSeen, labels, taskName);
    if (found.length < labels) {
      throw headerError(
        table,
        c,
        `target column "${table.header[c]}" holds ${found.length} distinct label${found.length === 1 ? '' : 's'} (${quoteList(sortLabels(found))}) but the task says ${taskName}`,
      );
    }
    labelNames = sortLabels(found);
  }
  const index = new Map(labelNames.map((l, i) => [l, i]));
  const y = new Float32Array(n * labels);
  table.rows.forEach((row, r) => {
    for (const l of split(row.cells[c]!)) y[r * labels + index.get(l)!] = 1;
  });
  return { y, targetSize: labels, labelNames };
}

/** Whether every label is an integer class index 0..count-1 (then the indices are the labels). */
function labelsAreIndices(labels: Iterable<string>, count: number): boolean {
  return [...labels].every((l) => {
    const v = cellNumber(l);
    return v !== undefined && Number.isInteger(v) && v >= 0 && v < count;
  });
}

/** Throws at the first label past `count` when a column (labels with the row where each first appears) holds more labels than the task names. */
function rejectExtraLabel(table: CsvTable, c: number, labels: Map<string, number>, count: number, taskName: string): void {
  if (labels.size <= count) return;
  const [extra, at] = [...labels.entries()][count]!;
  throw cellError(
    table,
    at,
    c,
    `label "${extra}" is label number ${count + 1} in target column "${table.header[c]}" but the task says ${taskName}; labels found: ${quoteList(sortLabels(labels.keys()), 12)}`,
  );
}

/** Distinct cells of a column, each with the 0-based row where it first appears, in order of appearance. */
function distinctInOrder(table: CsvTable, c: number): Map<string, number> {
  const seen = new Map<string, number>();
  table.rows.forEach((row, r) => {
    const cell = row.cells[c]!;
    if (cell === '') {
      throw cellError(table, r, c, `empty cell in target column "${table.header[c]}"; every row needs a label`);
    }
    if (!seen.has(cell)) seen.set(cell, r);
  });
  return seen;
}


function cellError(table: CsvTable, r: number, c: number, message: string): DataError {
  return new DataError(message, { file: table.file, row: table.rows[r]!.line, columnNumber: c + 1, column: table.header[c]! });
}

function headerError(table: CsvTable, c: number, message: string): DataError {
  return new DataError(message, { file: table.file, row: table.headerLine, columnNumber: c + 1, column: table.header[c]! });
}

function names(table: CsvTable, columns: number[]): string {
  return columns.map((c) => `"${table.header[c]}"`).join(', ');
}

function quoteList(items: string[], max = 6): string {
  const shown = items.slice(0, max).map((s) => `"${s}"`);
  return items.length > max ? `${shown.join(', ')}, … (${items.length} in all)` : shown.join(', ');
}
