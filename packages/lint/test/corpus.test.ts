/**
 * The lint corpus (issue 13): real buggy networks from StackOverflow, GitHub and the DNN-fault
 * benchmarks (DeepLocalize, AUTOTRAINER), each with the rule ids it must produce, and clean
 * real-world networks that must produce no warning or error. Each file is linted through the
 * package's public entry as a new user gets it (the default configuration, its data file next to it),
 * and the issue's targets are asserted: recall ≥ 0.95 over every expected id, no false warning.
 * docs/lint-corpus.md has the table.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { defaultConfig, lintText, type Finding } from '../src/index.js';

const dir = fileURLToPath(new URL('./corpus/', import.meta.url));

interface CorpusEntry {
  file: string;
  kind: 'buggy' | 'clean';
  source: string;
  bug: string | null;
  expected: string[];
  fix: string | null;
}

const manifest = JSON.parse(readFileSync(`${dir}corpus.json`, 'utf8')) as { networks: CorpusEntry[] };
const entries = manifest.networks;
const buggy = entries.filter((e) => e.kind === 'buggy');
const clean = entries.filter((e) => e.kind === 'clean');

interface Linted {
  entry: CorpusEntry;
  analysisErrors: string[];
  findings: Finding[];
  ids: Set<string>;
}

const lintEntry = (entry: CorpusEntry): Linted => {
  const path = `${dir}${entry.file}`;
  const result = lintText(readFileSync(path, 'utf8'), { filePath: path, config: defaultConfig() });
  const analysisErrors = result.parseAndAnalysisDiagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message} [${d.code}]`);
  return { entry, analysisErrors, findings: result.findings, ids: new Set(result.findings.map((f) => f.ruleId)) };
};

const linted = new Map(entries.map((e) => [e.file, lintEntry(e)]));
const get = (entry: CorpusEntry) => linted.get(entry.file)!;
const aboveInfo = (l: Linted) => l.findings.filter((f) => f.severity !== 'info');

const expectedTotal = buggy.reduce((n, e) => n + e.expected.length, 0);
const found = buggy.reduce((n, e) => n + e.expected.filter((id) => get(e).ids.has(id)).length, 0);
const recall = found / expectedTotal;
const falseWarnings = clean.flatMap((e) => aboveInfo(get(e)).map((f) => `${e.file}:${f.range.start.line} ${f.ruleId}`));

/** `CORPUS_REPORT=1` prints the measured table (`CORPUS_REPORT=md`: as docs/lint-corpus.md's Markdown rows). */
const report = process.env['CORPUS_REPORT'];
if (report) {
  const md = report === 'md';
  const rows = entries.map((e) => {
    const l = get(e);
    const produced = [...new Set(aboveInfo(l).map((f) => f.ruleId))].sort();
    const missed = e.expected.filter((id) => !l.ids.has(id));
    const infos = (x: Linted) => [...new Set(x.findings.filter((f) => f.severity === 'info').map((f) => f.ruleId))].sort();
    const info = (x: Linted) => (infos(x).length ? ` | info ${infos(x).join(', ')}` : '');
    const list = (ids: string[]) => (ids.length ? ids.map((id) => (md ? `\`${id}\`` : id)).join(', ') : '—');
    if (md) return `| \`${e.file}\` | ${list(e.expected)} | ${list(produced)} | ${missed.length ? `**missed** ${list(missed)}` : e.kind === 'clean' && produced.length ? '**false warning**' : 'ok'} |`;
    return `${e.file} | expected ${list(e.expected)} | produced ${list(produced)}${missed.length ? ` | MISSED ${list(missed)}` : ''}${l.analysisErrors.length ? ` | ERRORS ${l.analysisErrors.join('; ')}` : ''}${info(l)}`;
  });
  console.log([...rows, `recall ${found}/${expectedTotal} = ${recall.toFixed(3)}; false warnings ${falseWarnings.length}: ${falseWarnings.join(', ')}`].join('\n'));
}

describe('the corpus itself', () => {
  test('at least 30 buggy networks and 10 clean ones, every .axon file listed once', () => {
    expect(buggy.length).toBeGreaterThanOrEqual(30);
    expect(clean.length).toBeGreaterThanOrEqual(10);
    const files = readdirSync(dir).filter((f) => f.endsWith('.axon')).sort();
    expect(entries.map((e) => e.file).sort()).toEqual(files);
  });

  test.each(entries.map((e) => [e.file, e] as const))('%s: cited, and buggy ones say their bug, rules and fix', (_file, e) => {
    expect(e.source.length).toBeGreaterThan(20);
    const text = readFileSync(`${dir}${e.file}`, 'utf8');
    expect(text.startsWith('//')).toBe(true);
    if (e.kind === 'buggy') {
      expect(e.expected.length).toBeGreaterThan(0);
      expect(e.bug).toBeTruthy();
      expect(e.fix).toBeTruthy();
      expect(new Set(e.expected).size).toBe(e.expected.length);
    } else {
      expect(e.expected).toEqual([]);
    }
  });

  test.each(entries.map((e) => [e.file, e] as const))('%s: its data file, if it names one, is in the corpus with a header and rows', (_file, e) => {
    const source = /source:\s*"([^"]+)"/.exec(readFileSync(`${dir}${e.file}`, 'utf8'))?.[1];
    if (source === undefined) return;
    expect(existsSync(`${dir}${source}`)).toBe(true);
    const lines = readFileSync(`${dir}${source}`, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(11);
    const width = lines[0]!.split(',').length;
    expect(lines.every((line) => line.split(',').length === width)).toBe(true);
  });

  test.each(entries.map((e) => [e.file, e] as const))('%s: the language accepts it (no parse or analysis error)', (_file, e) => {
    expect(get(e).analysisErrors).toEqual([]);
  });
});

describe('buggy networks: every expected rule fires', () => {
  test.each(buggy.map((e) => [e.file, e.expected.join(', '), e] as const))('%s → %s', (_file, _ids, e) => {
    const l = get(e);
    expect(e.expected.filter((id) => !l.ids.has(id))).toEqual([]);
  });
});

describe('clean networks: no warning or error', () => {
  test.each(clean.map((e) => [e.file, e] as const))('%s', (_file, e) => {
    expect(aboveInfo(get(e)).map((f) => `${f.ruleId} ${f.severity} line ${f.range.start.line}`)).toEqual([]);
  });
});

describe("the issue's targets", () => {
  test('recall over all expected rule ids is at least 95 %', () => {
    expect(expectedTotal).toBeGreaterThanOrEqual(40);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  test('no false warning on the clean networks', () => {
    expect(falseWarnings).toEqual([]);
  });
});
