/**
 * What the data rules read: a bounded sample of a network's `data { source }` CSV (the first
 * SAMPLE_ROWS rows), and per-column statistics of it. The engine never reads files: the caller
 * passes a `DataReader` (the CLI and the language server use `createNodeDataReader`; a browser can
 * pass one over a dropped file, or none). Pure, browser-safe code.
 *
 * The sample reader: CSV as RFC 4180 — comma-separated, double-quoted fields with `""` for a quote and
 * line breaks allowed inside quotes, CRLF or LF, a leading BOM dropped, blank lines skipped. The core's
 * loader uses csv-parse for the same dialect; lint keeps this small reader so it needs no dependency.
 */
import type { ResolvedNetwork } from '@axon/language';
import { thousands } from './thousands.js';

/** How many data rows a sample holds at most. */
export const SAMPLE_ROWS = 10_000;

export interface DataSample {
  /** The file, as the reader names it in messages (the `source` as written). */
  source: string;
  header: string[];
  /** At most SAMPLE_ROWS rows of cells (as strings, untrimmed). */
  rows: string[][];
  /** True when the file has more rows than the sample. */
  truncated: boolean;
}

/** Provides the sample of a network's data, or undefined (no data block, missing, unreadable, refused file). */
export type DataReader = (network: ResolvedNetwork) => DataSample | undefined;

/** Splits CSV text into records; stops after `maxRecords`. `complete` is false when text remained. */
export function parseCsvRecords(text: string, maxRecords: number): { records: string[][]; complete: boolean } {
  const records: string[][] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    if (records.length >= maxRecords) return { records, complete: false };
    const record: string[] = [];
    let field = '';
    let quoted = false;
    let atStart = true;
    for (;;) {
      if (i >= n) {
        record.push(field);
        break;
      }
      const c = text[i]!;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          field += c;
          i++;
        }
        continue;
      }
      if (c === '"' && atStart) {
        quoted = true;
        atStart = false;
        i++;
      } else if (c === ',') {
        record.push(field);
        field = '';
        atStart = true;
        i++;
      } else if (c === '\n' || c === '\r') {
        record.push(field);
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        break;
      } else {
        field += c;
        atStart = false;
        i++;
      }
    }
    if (record.length === 1 && record[0]!.trim() === '') continue; // a blank line
    records.push(record);
  }
  return { records, complete: true };
}

/** A sample from CSV text: the header, then at most `maxRows` rows. Undefined for a file with no header. */
export function sampleFromCsv(source: string, text: string, maxRows = SAMPLE_ROWS): DataSample | undefined {
  const { records, complete } = parseCsvRecords(text, maxRows + 1);
  const header = records.shift();
  if (!header) return undefined;
  return { source, header: header.map((h) => h.trim()), rows: records, truncated: !complete };
}

export interface ColumnStats {
  name: string;
  /** Non-empty cells. */
  count: number;
  /** Cells that parse as finite numbers. */
  numeric: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  /** Distinct non-empty values (trimmed), at most `DISTINCT_LIMIT` kept; `distinctCount` counts up to that. */
  distinct: string[];
  distinctCount: number;
}

export const DISTINCT_LIMIT = 1000;

const statsCache = new WeakMap<DataSample, Map<string, ColumnStats | null>>();

/** Statistics of column `name` over the sample (undefined when the header has no such column). */
export function columnStats(sample: DataSample, name: string): ColumnStats | undefined {
  let perSample = statsCache.get(sample);
  if (!perSample) statsCache.set(sample, (perSample = new Map()));
  const cached = perSample.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const index = sample.header.indexOf(name);
  if (index < 0) {
    perSample.set(name, null);
    return undefined;
  }
  let count = 0;
  let numeric = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSq = 0;
  const distinct = new Set<string>();
  for (const row of sample.rows) {
    const cell = (row[index] ?? '').trim();
    if (cell === '') continue;
    count++;
    if (distinct.size < DISTINCT_LIMIT) distinct.add(cell);
    const x = Number(cell);
    if (!Number.isFinite(x)) continue;
    numeric++;
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    sumSq += x * x;
  }
  const mean = numeric > 0 ? sum / numeric : NaN;
  const std = numeric > 0 ? Math.sqrt(Math.max(0, sumSq / numeric - mean * mean)) : NaN;
  const stats: ColumnStats = { name, count, numeric, min, max, mean, std, distinct: [...distinct], distinctCount: distinct.size };
  perSample.set(name, stats);
  return stats;
}

/** A column is numeric when every non-empty cell is a number (and there is one). */
export function isNumericColumn(stats: ColumnStats): boolean {
  return stats.count > 0 && stats.numeric === stats.count;
}

/** The feature columns of a network's data: `features`, or every column but the target and the text column. */
export function featureColumns(network: ResolvedNetwork, sample: DataSample): string[] {
  const data = network.data;
  if (!data) return [];
  if (data.features) return data.features.filter((f) => sample.header.includes(f));
  return sample.header.filter((h) => h !== data.target && h !== data.text);
}

/** A measured number for messages: up to three significant figures, a real minus sign. */
export function measured(x: number): string {
  const text = Math.abs(x) >= 1000 ? thousands(Math.round(x)) : String(Number(x.toPrecision(3)));
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** "the first 10,000 rows" or "its 150 rows". */
export function rowsText(sample: DataSample): string {
  const n = thousands(sample.rows.length);
  return sample.truncated ? `the first ${n} rows` : `its ${n} ${sample.rows.length === 1 ? 'row' : 'rows'}`;
}
