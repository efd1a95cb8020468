/**
 * loadCsvData: the `data { }` block of a network → train/validation Datasets.
 *
 * `data.source` is read relative to the .axon file. Features are `data.features` (in that order) or every
 * column but the target(s), in file order; `data.target` may list several columns separated by commas
 * (regression with several outputs, multilabel as 0/1 columns). Rows are shuffled with a seeded generator
 * (`options.seed`, else `train.seed`) and the last `round(n * validation_split)` rows of that order are the
 * validation set. With `standardize` (the default) features are standardised with the training split's
 * statistics, which are returned for saving with the model. Every problem is a DataError.
 */
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import type { ResolvedNetwork } from '@axon/language';
import type { Dataset, LoadedData, Normalization } from '../types.js';
import { readCsvTable, type CsvTable } from './csv.js';
import { DataError } from './errors.js';
import { requireNumber } from './cells.js';
import { encodeTargets, type EncodedTargets } from './targets.js';
import { computeNormalization, applyNormalization } from './normalize.js';
import { seededPermutation } from './random.js';
import { closestName } from './suggest.js';

export interface LoadCsvOptions {
  /** Shuffle seed; defaults to the network's `train.seed`. */
  seed?: number;
}

export async function loadCsvData(
  network: ResolvedNetwork,
  axonFile: string,
  options: LoadCsvOptions = {},
): Promise<LoadedData> {
  const spec = network.data;
  if (!spec) {
    throw new DataError(`network ${network.name} has no data { } block; add one with source and target to train it`, {
      file: axonFile,
      row: network.nameRange.start.line,
      columnNumber: network.nameRange.start.column,
    });
  }
  const path = isAbsolute(spec.source) ? spec.source : resolve(dirname(axonFile), spec.source);
  const table = await readCsvTable(path, shownPath(path)).catch((err: unknown) => {
    if (err instanceof DataError && err.row === undefined && spec.ranges.source) {
      const at = spec.ranges.source.start;
      throw new DataError(`${err.message.slice(err.file.length + 2)} (data.source "${spec.source}" at ${shownPath(axonFile)}:${at.line}:${at.column})`, {
        file: err.file,
      });
    }
    throw err;
  });
  const targetColumns = findColumns(table, splitNames(spec.target), 'target');
  const featureColumns = spec.features
    ? findColumns(table, spec.features, 'feature')
    : table.header.map((_, i) => i).filter((i) => !targetColumns.includes(i));
  const clash = featureColumns.find((c) => targetColumns.includes(c));
  if (clash !== undefined) {
    throw new DataError(`column "${table.header[clash]}" is both a feature and the target`, {
      file: table.file,
      row: table.headerLine,
      columnNumber: clash + 1,
      column: table.header[clash]!,
    });
  }
  if (featureColumns.length === 0) {
    throw new DataError(`no feature columns: the file has only the target column${targetColumns.length > 1 ? 's' : ''}`, {
      file: table.file,
      row: table.headerLine,
    });
  }
  const perSample = network.input.reduce((a, b) => a * b, 1);
  if (perSample !== featureColumns.length) {
    const list = featureColumns.slice(0, 8).map((c) => table.header[c]).join(', ');
    throw new DataError(
      `${featureColumns.length} feature column${featureColumns.length === 1 ? '' : 's'} (${list}${featureColumns.length > 8 ? ', …' : ''}) but network ${network.name} has input [${network.input.join(', ')}] (${perSample} value${perSample === 1 ? '' : 's'} per sample); set data.features or change input`,
      { file: table.file, row: table.headerLine },
    );
  }

  const n = table.rows.length;
  const features = featureColumns.length;
  const x = new Float32Array(n * features);
  for (let r = 0; r < n; r++) {
    for (let f = 0; f < features; f++) x[r * features + f] = requireNumber(table, r, featureColumns[f]!, 'feature');
  }
  const targets = encodeTargets(table, targetColumns, network.task);

  const seed = options.seed ?? network.train.seed;
  const order = seededPermutation(n, seed);
  const nVal = validationCount(n, spec.validationSplit);
  const trainRows = order.slice(0, n - nVal);
  const valRows = order.slice(n - nVal);

  let train = takeRows(x, targets, trainRows, features, network.input);
  let validation = nVal > 0 ? takeRows(x, targets, valRows, features, network.input) : undefined;
  let normalization: Normalization | undefined;
  if (spec.standardize) {
    normalization = computeNormalization(train.x, train.n, features);
    train = { ...train, x: applyNormalization(train.x, train.n, normalization) };
    if (validation) validation = { ...validation, x: applyNormalization(validation.x, validation.n, normalization) };
  }
  const result: LoadedData = {
    train,
    featureNames: featureColumns.map((c) => table.header[c]!),
    target: spec.target,
  };
  if (validation) result.validation = validation;
  if (targets.labelNames) result.labelNames = targets.labelNames;
  if (normalization) result.normalization = normalization;
  return result;
}

/** Rows held out for validation: round(n * split), at least 1 and at most n - 1 when split > 0 and n >= 2. */
export function validationCount(n: number, split: number): number {
  if (!(split > 0) || n < 2) return 0;
  return Math.min(n - 1, Math.max(1, Math.round(n * split)));
}

function takeRows(x: Float32Array, t: EncodedTargets, rows: number[], features: number, inputShape: number[]): Dataset {
  const out = new Float32Array(rows.length * features);
  const y = new Float32Array(rows.length * t.targetSize);
  rows.forEach((src, i) => {
    out.set(x.subarray(src * features, (src + 1) * features), i * features);
    y.set(t.y.subarray(src * t.targetSize, (src + 1) * t.targetSize), i * t.targetSize);
  });
  return { x: out, y, n: rows.length, inputShape: [...inputShape], targetSize: t.targetSize };
}

function splitNames(target: string): string[] {
  return target
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function findColumns(table: CsvTable, wanted: string[], role: 'target' | 'feature'): number[] {
  if (wanted.length === 0) {
    throw new DataError(`data.${role === 'target' ? 'target' : 'features'} names no column`, { file: table.file, row: table.headerLine });
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
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
