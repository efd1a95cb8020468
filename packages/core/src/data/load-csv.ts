/**
 * loadCsvData: the `data { }` block of a network → train/validation Datasets.
 *
 * `data.source` is read relative to the .axon file, and only inside its project (see confine.ts) unless
 * `allowDataOutside`; only regular files are read (no FIFO, device or folder). Features are `data.features` (in that order) or every
 * column but the target(s), in file order; `data.target` may list several columns separated by commas
 * (regression with several outputs, multilabel as 0/1 columns). Rows are shuffled with a seeded generator
 * (`options.seed`, else `train.seed`) and the last `round(n * validation_split)` rows of that order are the
 * validation set. With `standardize` (the default) features are standardised with the training split's
 * statistics, which are returned for saving with the model. With `data.text` the one feature is a text
 * column, tokenised into the input's `[n]` ids with a vocabulary built from the training rows only (see
 * tokenizer.ts; never standardised). Numeric columns fill a rank-N input row-major (`input [steps,
 * features]` reads steps × features columns, the first `features` being step 1). Every problem is a DataError.
 */
import { dirname, resolve, isAbsolute } from 'node:path';
import { DATA_SETTINGS, NETWORK_INPUT, type DataSpec, type Range, type ResolvedNetwork } from '@axon/language';
import type { Dataset, LoadedData, Normalization, TextTokenizer } from '../types.js';
import { readCsvTable, type CsvTable } from './csv.js';
import { DataError } from './errors.js';
import { requireNumber } from './cells.js';
import { encodeTargets, standardizeTargets, type EncodedTargets } from './targets.js';
import { computeNormalization, applyNormalization } from './normalize.js';
import { seededPermutation } from './random.js';
import { findColumns, shownPath, splitTargetNames } from './columns.js';
import { confineDataSource } from './confine.js';
import { buildVocabulary, DEFAULT_WORD_RULE, encodeTexts } from './tokenizer.js';

export interface LoadCsvOptions {
  /** Shuffle seed; defaults to the network's `train.seed`. */
  seed?: number;
  /** Read a source outside the spec's project too (`--allow-data-outside`); refused by default. */
  allowDataOutside?: boolean;
  /**
   * The project folder, instead of the one found from the spec (nearest axon.config.json or .git):
   * for a host whose whole file system is the user's own, like the playground's in-memory files.
   */
  projectRoot?: string;
}

export async function loadCsvData(
  network: ResolvedNetwork,
  axonFile: string,
  options: LoadCsvOptions = {},
): Promise<LoadedData> {
  const spec = network.data;
  if (!spec) return readCsvData(network, axonFile, options);
  const path = isAbsolute(spec.source) ? spec.source : resolve(dirname(axonFile), spec.source);
  const confined = await confineDataSource(spec.source, path, axonFile, options.allowDataOutside, options.projectRoot);
  if (!confined.ok) {
    const at = spec.ranges.source?.start;
    throw new DataError(confined.reason, at ? { file: shownPath(axonFile), row: at.line, columnNumber: at.column } : { file: shownPath(axonFile) });
  }
  if (!confined.outside) return readCsvData(network, axonFile, options, confined.path);
  // A file outside the project (read because the caller allowed it) is never quoted: a problem in it
  // keeps its place (file:row:col) but not its words, which would hold the file's header or cells.
  try {
    return await readCsvData(network, axonFile, options, confined.path);
  } catch (err) {
    // Problems with the file as a whole (not found, a FIFO, empty) say nothing of its content.
    if (!(err instanceof DataError) || err.file !== shownPath(path) || err.row === undefined) throw err;
    const where = { file: err.file, ...(err.row !== undefined ? { row: err.row } : {}), ...(err.columnNumber !== undefined ? { columnNumber: err.columnNumber } : {}) };
    throw new DataError(
      `cannot train network ${network.name} on this file; the details are not shown because the file is outside the project (its content is never quoted): move it into the project to see them`,
      where,
    );
  }
}

async function readCsvData(network: ResolvedNetwork, axonFile: string, options: LoadCsvOptions, readPath?: string): Promise<LoadedData> {
  const spec = network.data;
  if (!spec) {
    throw new DataError(`network ${network.name} has no data { } block; add one with source and target to train it`, {
      file: axonFile,
      row: network.nameRange.start.line,
      columnNumber: network.nameRange.start.column,
    });
  }
  const path = isAbsolute(spec.source) ? spec.source : resolve(dirname(axonFile), spec.source);
  const table = await readCsvTable(readPath ?? path, shownPath(path)).catch((err: unknown) => {
    if (err instanceof DataError && err.row === undefined && spec.ranges.source) {
      const at = spec.ranges.source.start;
      throw new DataError(`${err.message.slice(err.file.length + 2)} (data.source "${spec.source}" at ${shownPath(axonFile)}:${at.line}:${at.column})`, {
        file: err.file,
      });
    }
    throw err;
  });
  const targetColumns = findColumns(table, splitTargetNames(spec.target), 'target');
  const textColumn = spec.text !== undefined ? findTextColumn(network, spec, table, axonFile) : undefined;
  const featureColumns =
    textColumn !== undefined
      ? [textColumn]
      : spec.features
        ? findColumns(table, spec.features, 'feature')
        : table.header.map((_, i) => i).filter((i) => !targetColumns.includes(i));
  const clash = featureColumns.find((c) => targetColumns.includes(c));
  if (clash !== undefined) {
    throw new DataError(`column "${table.header[clash]}" is both a ${textColumn !== undefined ? 'text' : 'feature'} column and the target`, {
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
  if (textColumn === undefined && perSample !== featureColumns.length) {
    const list = featureColumns.slice(0, 8).map((c) => table.header[c]).join(', ');
    const layout = network.input.length > 1 ? ` (${network.input.join(' × ')}, filled row-major)` : '';
    throw new DataError(
      `input [${network.input.join(', ')}] of network ${network.name} needs ${perSample} feature column${perSample === 1 ? '' : 's'}${layout}; the file has ${featureColumns.length} (${list}${featureColumns.length > 8 ? ', …' : ''}); set data.features or change input`,
      { file: table.file, row: table.headerLine },
    );
  }

  const n = table.rows.length;
  const numeric = textColumn === undefined ? numericRows(table, featureColumns) : undefined;
  const targets = encodeTargets(table, targetColumns, network.task);
  const seed = options.seed ?? network.train.seed;
  const order = seededPermutation(n, seed);
  const nVal = validationCount(n, spec.validationSplit);
  const trainRows = order.slice(0, n - nVal);
  const valRows = order.slice(n - nVal);

  let x: Float32Array;
  let tokenizer: TextTokenizer | undefined;
  if (numeric) x = numeric;
  else {
    // The vocabulary needs the split: it is built from the training rows only.
    const texts = table.rows.map((row) => row.cells[textColumn!]!);
    tokenizer = {
      column: table.header[textColumn!]!,
      length: network.input[0]!,
      ...DEFAULT_WORD_RULE,
      vocabulary: buildVocabulary(
        trainRows.map((r) => texts[r]!),
        vocabularySize(spec),
      ),
    };
    x = encodeTexts(texts, tokenizer);
  }

  let train = takeRows(x, targets, trainRows, perSample, network.input);
  let validation = nVal > 0 ? takeRows(x, targets, valRows, perSample, network.input) : undefined;
  let normalization: Normalization | undefined;
  if (spec.standardize && !tokenizer) {
    normalization = computeNormalization(train.x, train.n, perSample);
    train = { ...train, x: applyNormalization(train.x, train.n, normalization) };
    if (validation) validation = { ...validation, x: applyNormalization(validation.x, validation.n, normalization) };
  }
  let targetNormalization: Normalization | undefined;
  if (spec.standardizeTarget && (network.task === undefined || network.task.kind === 'regression')) {
    ({ train, validation, targetNormalization } = standardizeTargets(train, validation));
  }
  const result: LoadedData = {
    train,
    featureNames: featureColumns.map((c) => table.header[c]!),
    target: spec.target,
  };
  if (validation) result.validation = validation;
  if (targets.labelNames) result.labelNames = targets.labelNames;
  if (normalization) result.normalization = normalization;
  if (targetNormalization) result.targetNormalization = targetNormalization;
  if (tokenizer) result.tokenizer = tokenizer;
  return result;
}

/** The feature cells as numbers, row after row (a non-number is a DataError at its cell). */
function numericRows(table: CsvTable, columns: number[]): Float32Array {
  const n = table.rows.length;
  const features = columns.length;
  const x = new Float32Array(n * features);
  for (let r = 0; r < n; r++) {
    for (let f = 0; f < features; f++) x[r * features + f] = requireNumber(table, r, columns[f]!, 'feature');
  }
  return x;
}

/** `data.vocabulary`, else the catalog's default. */
function vocabularySize(spec: DataSpec): number {
  return spec.vocabulary ?? (DATA_SETTINGS.vocabulary!.default as number);
}

/**
 * The column of `data.text`, after checking the spec can read it: the input is `[n]`, `data.features`
 * lists nothing but the text column, and an embedding reading the input has room for every id.
 * Spec problems point at the .axon file; a missing column at the CSV header.
 */
function findTextColumn(network: ResolvedNetwork, spec: DataSpec, table: CsvTable, axonFile: string): number {
  const at = (range: Range | undefined, message: string): DataError => {
    const start = (range ?? network.dataRange ?? network.nameRange).start;
    return new DataError(message, { file: shownPath(axonFile), row: start.line, columnNumber: start.column });
  };
  if (network.input.length !== 1) {
    throw at(
      network.inputRange,
      `data.text "${spec.text}" becomes a row of token ids, so network ${network.name} needs an input [n] (n tokens per sample), not [${network.input.join(', ')}]`,
    );
  }
  const others = (spec.features ?? []).filter((f) => f !== spec.text);
  if (others.length > 0) {
    throw at(
      spec.ranges.features,
      `data.features lists ${others.map((f) => `"${f}"`).join(', ')} but with data.text the text column "${spec.text}" is the only feature; remove data.features (numeric columns cannot be mixed with a text column)`,
    );
  }
  const size = vocabularySize(spec);
  const embedding = network.layers.find((l) => l.inputs.includes(NETWORK_INPUT) && l.kind === 'embedding');
  if (embedding && embedding.kind === 'embedding' && embedding.inputDim < size) {
    throw at(
      spec.ranges.vocabulary ?? spec.ranges.text,
      `data.vocabulary ${spec.vocabulary === undefined ? `defaults to ${size}` : `is ${size}`}, so token ids run up to ${size - 1}, but ${embedding.name} reads ids below ${embedding.inputDim}; set vocabulary: ${embedding.inputDim} or embedding(${size}, …)`,
    );
  }
  return findColumns(table, [spec.text!], 'text')[0]!;
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
