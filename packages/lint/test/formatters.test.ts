/** Output formats: SARIF validates against the vendored SARIF 2.1.0 schema; json and github carry exact positions. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import {
  formatGithub,
  formatResults,
  formatStylish,
  lintText,
  resolveConfig,
  rules,
  toFileResult,
  toJsonResults,
  toSarif,
  type FileResult,
} from '../src/index.js';

const here = fileURLToPath(new URL('./', import.meta.url));
const schema = JSON.parse(readFileSync(`${here}sarif/sarif-schema-2.1.0.json`, 'utf8'));

function result(name: string, filePath = `models/${name}`): FileResult {
  const text = readFileSync(`${here}fixtures/${name}`, 'utf8');
  const r = lintText(text, { config: resolveConfig({ presets: ['all'] }) });
  return toFileResult(filePath, text, r.parseAndAnalysisDiagnostics, r.findings);
}

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

test('SARIF output is valid SARIF 2.1.0, with rule metadata, help links, related locations and fixes', () => {
  const broken = 'network Broken {\n  input [4]\n  layers {\n    dense(3, activation: relu\n  }\n}\n';
  const b = lintText(broken, { config: resolveConfig({}) });
  const files = [
    result('regression-sigmoid-output.axon'),
    result('deep-sigmoid-block.axon'),
    result('cnn-missing-flatten.axon'),
    toFileResult('models/broken.axon', broken, b.parseAndAnalysisDiagnostics, b.findings),
  ];
  const sarif = toSarif(files, { cwd: '/repo' });
  const validate = validator();
  const ok = validate(sarif);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);

  const run = sarif.runs[0]!;
  const driver = run.tool.driver as { name: string; rules: { id: string; helpUri: string }[] };
  expect(driver.name).toBe('axon-lint');
  expect(driver.rules.slice(0, rules.length).map((r) => r.id)).toEqual(rules.map((r) => r.meta.id));
  expect(driver.rules[0]!.helpUri).toBe('https://github.com/axon-lang/axon/blob/main/docs/rules/regression-output-linear.md');
  const results = run.results as { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[]; fixes?: unknown[]; relatedLocations?: unknown[] }[];
  const first = results.find((r) => r.ruleId === 'regression-output-linear')!;
  expect(first.level).toBe('error');
  expect(first.locations[0]!.physicalLocation.artifactLocation.uri).toBe('models/regression-sigmoid-output.axon');
  expect(first.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 10, startColumn: 14, endLine: 10, endColumn: 33 });
  expect(first.fixes).toHaveLength(1);
  expect(first.relatedLocations).toHaveLength(1);
  expect(driver.rules[first.ruleIndex]!.id).toBe('regression-output-linear');
  // A parse error is a result too, with its own descriptor.
  const parseResult = results.find((r) => r.ruleId.startsWith('parse/'))!;
  expect(parseResult.level).toBe('error');
  expect(driver.rules[parseResult.ruleIndex]!.id).toBe(parseResult.ruleId);
});

test('the SARIF validator rejects a broken log (the schema is not vacuous)', () => {
  const validate = validator();
  expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
  expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'r', helpUri: 'docs/x.md' }] } } }] })).toBe(false);
});

test('json results carry 1-based positions, counts and fixes as offsets', () => {
  const [json] = toJsonResults([result('high-dropout.axon')]);
  expect(json).toMatchObject({ filePath: 'models/high-dropout.axon', errorCount: 0, warningCount: 1, infoCount: 0, fixableCount: 0 });
  expect(json!.messages).toEqual([
    expect.objectContaining({ ruleId: 'high-dropout', code: 'high-dropout', severity: 'warning', line: 9, column: 13, endLine: 9, endColumn: 16 }),
  ]);
});

test('github annotations escape data and properties', () => {
  const out = formatGithub([result('high-dropout.axon', 'a,b:c.axon')]);
  expect(out).toBe(
    `::warning file=a%2Cb%3Ac.axon,line=9,col=13,endLine=9,endColumn=16,title=high-dropout::${result('high-dropout.axon').messages[0]!.message.replace('%', '%25')}\n`,
  );
});

test('stylish code frames show control characters as symbols (no raw escape reaches the terminal)', () => {
  const text = 'network A {\n  input [2] \u001b[2J\n  layers { dense(1) }\n}\n';
  const result = lintText(text);
  const out = formatStylish([toFileResult('esc.axon', text, result.parseAndAnalysisDiagnostics, result.findings)], {});
  expect(out).toContain('> 2 |   input [2] \u241b[2J');
  expect(out).not.toContain('\u001b');
});
