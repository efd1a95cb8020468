export { DataError } from './errors.js';
export { loadCsvData, type LoadCsvOptions } from './load-csv.js';
export { applyNormalization, computeNormalization } from './normalize.js';
