export { DataError } from './errors.js';
export { loadCsvData, type LoadCsvOptions } from './load-csv.js';
export { applyNormalization, computeNormalization } from './normalize.js';
export { readCsvTable, parseCsvText, type CsvTable, type CsvRow } from './csv.js';
export {
  splitWords,
  buildVocabulary,
  encodeTexts,
  WORD_PATTERN,
  PADDING_TOKEN,
  UNKNOWN_TOKEN,
  type WordRule,
} from './tokenizer.js';
export { encodeRows, readInputRows, type EncodedRows, type InputEncoding } from './encode-rows.js';
export { decodeOutputs, outputNames, type Prediction, type OutputNaming } from './predictions.js';
export { standardizeTargets, unscaleTargets } from './targets.js';
