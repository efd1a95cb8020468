/** Every rule is registered, has a doc page with the required sections, and its doc examples behave. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { Ajv } from 'ajv';
import { ENGINE_RULES, lintText, presetSeverities, resolveConfig, ruleById, rules } from '../src/index.js';
import { dataFiles } from './helpers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const rulesDir = `${root}packages/lint/src/rules/`;
const docsDir = `${root}docs/rules/`;

/**
 * The rule ids of the design catalog's table (shared/design/lint-rules.md). The catalog lives beside
 * the repository, not in it, so a clone on its own still has the list; where the catalog is present
 * (as on CI and the developers' machines), a test checks the two agree.
 */
const CATALOG_IDS = [
  'regression-output-linear',
  'classification-output-softmax',
  'binary-output-sigmoid',
  'softmax-single-unit',
  'multilabel-output-sigmoid',
  'loss-activation-mismatch',
  'saturating-deep-stack',
  'sigmoid-hidden',
  'softmax-hidden',
  'missing-nonlinearity',
  'dying-relu-learning-rate',
  'dying-relu-negative-bias',
  'redundant-activation',
  'selu-requirements',
  'init-activation-mismatch',
  'constant-weight-init',
  'high-dropout',
  'dropout-before-batch-norm',
  'learning-rate-range',
  'missing-flatten',
  'narrow-bottleneck',
  'init-scale',
  'unscaled-input',
  'unscaled-target',
  'task-data-mismatch',
];
const catalogPath = `${root}../shared/design/lint-rules.md`;

const SECTIONS = ['## What it does', '## Why is this bad?', '## Example', '## Use instead', '## Options', '## References'];

test('every rule module in src/rules is in the registry, and nothing else is', () => {
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3));
  expect(rules.map((r) => r.meta.id).sort()).toEqual(files.sort());
});

test('every rule has its own table test, test/rules/<id>.test.ts, and every such file a registered rule', () => {
  const dir = `${root}packages/lint/test/rules/`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => f.slice(0, -'.test.ts'.length));
  expect(files.sort()).toEqual(rules.map((r) => r.meta.id).sort());
  for (const id of files) expect(readFileSync(`${dir}${id}.test.ts`, 'utf8')).toContain(`ruleTable('${id}', {`);
});

/**
 * Rules added after the catalog: issue 11 (graphs) and issue 12 (sequence models: recurrent layers'
 * activations, gradient clipping over long sequences, a recurrent layer as the output). They are not in the catalog's table; every
 * other shipped rule must be, so a catalog rule renamed or dropped fails here.
 */
const LATER_IDS = ['deep-plain-stack', 'relu-before-residual-sum', 'unbounded-recurrent-activation', 'missing-gradient-clipping', 'recurrent-output'];

test('every rule of the catalog table ships, and every shipped rule is a catalog, a later or an engine rule', () => {
  expect(CATALOG_IDS.length).toBe(25);
  const shipped = rules.map((r) => r.meta.id);
  for (const id of CATALOG_IDS) expect(shipped).toContain(id);
  expect(shipped.filter((id) => !ENGINE_RULES.has(id)).sort()).toEqual([...CATALOG_IDS, ...LATER_IDS].sort());
  for (const id of LATER_IDS) expect(CATALOG_IDS).not.toContain(id);
});

/** The catalog's table rows: id and the default-severity cell, in order. */
function catalogRows(text: string): { id: string; severity: string }[] {
  return [...text.matchAll(/^\| `([a-z-]+)` \|[^|\n]*\|([^|\n]*)\|/gm)].map((m) => ({ id: m[1]!, severity: m[2]!.trim() }));
}

/**
 * The catalog also lists rules planned for later issues (narrow-bottleneck, init-scale, …). It must
 * start with exactly the shipped rules, in order, each with its default severity where the table
 * states a single one; every row after them is a rule that does not ship yet.
 */
test.runIf(existsSync(catalogPath))('the catalog beside the repository lists the shipped rules first, in order, then only planned ones', () => {
  const rows = catalogRows(readFileSync(catalogPath, 'utf8'));
  const shipped = rows.slice(0, CATALOG_IDS.length);
  expect(shipped.map((r) => r.id)).toEqual(CATALOG_IDS);
  for (const row of shipped) {
    if (!/^(error|warning|info)$/.test(row.severity)) continue; // "error / warning", "error for …": stated per message
    expect(`${row.id} ${ruleById(row.id)?.meta.defaultSeverity}`).toBe(`${row.id} ${row.severity}`);
  }
  expect(shipped.filter((r) => /^(error|warning|info)$/.test(r.severity)).length).toBeGreaterThanOrEqual(18);
  const planned = rows.slice(CATALOG_IDS.length).map((r) => r.id);
  for (const id of planned) expect(ruleById(id), `${id} ships but is not in CATALOG_IDS`).toBeUndefined();
  for (const id of LATER_IDS) expect(rows.map((r) => r.id)).not.toContain(id);
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
});

test('catalogRows reads the id and the default severity of a table row', () => {
  const table = '| id | fires when | default | sources |\n|---|---|---|---|\n| `high-dropout` | rate above 0.5 | warning | UMLAUT |\n| `x-y` | a | error / warning | b |\n';
  expect(catalogRows(table)).toEqual([
    { id: 'high-dropout', severity: 'warning' },
    { id: 'x-y', severity: 'error / warning' },
  ]);
});

test('docs/rules/README.md lists every rule with its page', () => {
  const index = readFileSync(`${docsDir}README.md`, 'utf8');
  for (const r of rules) expect(index).toContain(`| [\`${r.meta.id}\`](${r.meta.id}.md) | ${r.meta.description} | ${r.meta.defaultSeverity} |`);
});

test('ids are unique kebab-case; presets: recommended ⊂ all', () => {
  const ids = rules.map((r) => r.meta.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  const recommended = presetSeverities('recommended');
  const all = presetSeverities('all');
  expect(Object.values(all).every((s) => s !== 'off')).toBe(true);
  expect(recommended['init-activation-mismatch']).toBe('off');
  expect(recommended['saturating-deep-stack']).toBe('warning');
});

describe.each(rules.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  test('meta is complete and the options schema compiles and accepts the defaults', () => {
    expect(rule.meta.docs).toBe(`docs/rules/${id}.md`);
    expect(['problem', 'suggestion']).toContain(rule.meta.type);
    expect(rule.meta.description.length).toBeGreaterThan(20);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    const validate = new Ajv({ strict: false }).compile(rule.meta.schema);
    expect(validate(rule.meta.defaultOptions)).toBe(true);
  });

  test('has a doc page with every section, its message ids and its options', () => {
    const path = `${docsDir}${id}.md`;
    expect(existsSync(path)).toBe(true);
    const doc = readFileSync(path, 'utf8');
    expect(doc.startsWith(`# ${id}\n`)).toBe(true);
    let last = -1;
    for (const section of SECTIONS) {
      const at = doc.indexOf(`\n${section}\n`);
      expect(at, section).toBeGreaterThan(last);
      last = at;
    }
    for (const messageId of Object.keys(rule.meta.messages)) expect(doc).toContain(`\`${messageId}\``);
    for (const option of Object.keys(rule.meta.defaultOptions)) expect(doc).toContain(option);
    expect(doc.slice(doc.indexOf('## References')).match(/^- /gm)?.length ?? 0).toBeGreaterThan(0);
  });

  test("the doc's Example triggers the rule and its Use instead does not", () => {
    const doc = readFileSync(`${docsDir}${id}.md`, 'utf8');
    const block = (section: string) => {
      const from = doc.indexOf(`## ${section}`);
      const m = /```axon\n([\s\S]*?)```/.exec(doc.slice(from));
      return m![1]!;
    };
    const config = resolveConfig({ presets: ['all'] });
    // A data rule's page shows the CSV its example reads (a ```csv block), written beside the spec.
    const csv = /```csv\n([\s\S]*?)```/.exec(doc)?.[1];
    const source = /source: "([^"]+)"/.exec(block('Example'))?.[1];
    const readData = csv && source ? dataFiles({ [source]: csv }) : undefined;
    const bad = lintText(block('Example'), { config, ...(readData ? { readData } : {}) });
    const good = lintText(block('Use instead'), { config, ...(readData ? { readData } : {}) });
    expect(bad.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(good.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(bad.findings.map((f) => f.ruleId)).toContain(id);
    expect(good.findings.map((f) => f.ruleId)).not.toContain(id);
  });
});
