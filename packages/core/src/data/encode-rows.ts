/**
 * Raw CSV rows → a trained model's input, encoded exactly as its training rows were: the saved feature
 * columns in the saved order (numbers, standardised with the saved statistics), or the saved text
 * column tokenised with the saved tokenizer. Other columns (the target, ids, notes) are ignored.
 * Every problem is a DataError with file:row:col.
 */
import type { TrainedModel } from '../types.js';
import { readCsvTable, type CsvTable } from './csv.js';
import { DataError } from './errors.js';
import { requireNumber } from './cells.js';
import { findColumns } from './columns.js';
import { applyNormalization } from './normalize.js';
import { encodeTexts } from './tokenizer.js';

/** What encoding needs from a trained model. */
export type InputEncoding = Pick<TrainedModel, 'network' | 'featureNames' | 'normalization' | 'tokenizer'>;

export interface EncodedRows {
  /** `n` rows of the network's input, row-major. */
  x: Float32Array;
  n: number;
  /** 1-based line of each row in the file. */
  lines: number[];
}

/** Encodes every row of `table` for `model`. */
export function encodeRows(model: InputEncoding, table: CsvTable): EncodedRows {
  const n = table.rows.length;
  const lines = table.rows.map((r) => r.line);
  if (model.tokenizer) {
    const [c] = findColumns(table, [model.tokenizer.column], 'text');
    const texts = table.rows.map((row) => row.cells[c!]!);
    return { x: encodeTexts(texts, model.tokenizer), n, lines };
  }
  if (model.featureNames.length === 0) {
    throw new DataError('the model records no feature columns (it was trained on data given in code), so CSV rows cannot be matched to its input', {
      file: table.file,
    });
  }
  const columns = findColumns(table, model.featureNames, 'feature');
  const perSample = model.network.input.reduce((a, b) => a * b, 1);
  if (columns.length !== perSample) {
    throw new DataError(
      `the model records ${columns.length} feature columns but its input [${model.network.input.join(', ')}] takes ${perSample} values; the model file is inconsistent`,
      { file: table.file },
    );
  }
  const raw = new Float32Array(n * perSample);
  for (let r = 0; r < n; r++) {
    for (let f = 0; f < perSample; f++) raw[r * perSample + f] = requireNumber(table, r, columns[f]!, 'feature');
  }
  return { x: model.normalization ? applyNormalization(raw, n, model.normalization) : raw, n, lines };
}

/** Reads the CSV at `path` (named `shown` in messages) and encodes its rows for `model`. */
export async function readInputRows(model: InputEncoding, path: string, shown: string = path): Promise<EncodedRows> {
  return encodeRows(model, await readCsvTable(path, shown));
}
