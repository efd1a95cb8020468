import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import {
  ConfigError,
  clearConfigCache,
  findConfigFile,
  lintText,
  loadConfig,
  parseRuleOverride,
  resolveConfig,
  withSeverities,
} from '../src/index.js';
import { net } from './helpers.js';

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

test('no config: the recommended preset at default severities and options', () => {
  const c = resolveConfig({});
  expect(c.rules['high-dropout']).toEqual({ severity: 'warning', explicit: false, options: { maxRate: 0.5 } });
  expect(c.rules['init-activation-mismatch']!.severity).toBe('off');
  expect(resolveConfig({ presets: 'all' }).rules['init-activation-mismatch']!.severity).toBe('info');
});

test('rule entries: severity, [severity, options], { severity, options }; options merge over defaults', () => {
  const c = resolveConfig({
    rules: {
      'sigmoid-hidden': 'off',
      'high-dropout': ['error', { maxRate: 0.3 }],
      'saturating-deep-stack': { options: { depth: { sigmoid: 3 } } },
    },
  });
  expect(c.rules['sigmoid-hidden']!.severity).toBe('off');
  expect(c.rules['high-dropout']).toEqual({ severity: 'error', explicit: true, options: { maxRate: 0.3 } });
  expect(c.rules['saturating-deep-stack']).toEqual({ severity: 'warning', explicit: false, options: { depth: { sigmoid: 3, tanh: 6 } } });
});

test('options change what a rule flags', () => {
  const code = net({ layers: ['dense(8, activation: relu, init: he_normal)', 'dropout(0.4)', 'dense(1)'] });
  const flagged = (raw: object) => lintText(code, { config: resolveConfig(raw) }).findings.map((f) => f.ruleId);
  expect(flagged({})).not.toContain('high-dropout');
  expect(flagged({ rules: { 'high-dropout': ['warning', { maxRate: 0.3 }] } })).toContain('high-dropout');
});

test('bad configurations give errors that name the file and the problem', () => {
  expect(errorOf(() => resolveConfig({ rules: { 'high-dropout': ['warning', { maxRate: 'high' }] } }, 'a/axon.config.json'))).toBe(
    'a/axon.config.json: rules["high-dropout"] options: "maxRate" must be number',
  );
  expect(errorOf(() => resolveConfig({ rules: { 'high-dropout': ['warning', { max: 0.3 }] } }))).toBe(
    'axon.config.json: rules["high-dropout"] options: unknown option "max"',
  );
  expect(errorOf(() => resolveConfig({ rules: { 'saturating-deep-stack': { options: { depth: { sigmoid: 0 } } } } }))).toBe(
    'axon.config.json: rules["saturating-deep-stack"] options: "depth.sigmoid" must be >= 1',
  );
  expect(errorOf(() => resolveConfig({ rules: { 'high-dropuot': 'error' } }))).toBe(
    'axon.config.json: unknown rule "high-dropuot" (did you mean "high-dropout"?)',
  );
  expect(errorOf(() => resolveConfig({ rules: { 'high-dropout': 'fatal' } }))).toBe(
    'axon.config.json: rules["high-dropout"]: severity "fatal" is not one of off, info, warning, error',
  );
  expect(errorOf(() => resolveConfig({ presets: ['strict'] }))).toBe(
    'axon.config.json: unknown preset "strict" (expected one of: recommended, all)',
  );
  expect(errorOf(() => resolveConfig({ rulez: {} }))).toBe('axon.config.json: unknown key "rulez" (expected "presets" or "rules") (did you mean "rules"?)');
  expect(errorOf(() => resolveConfig([]))).toBe('axon.config.json: the configuration must be a JSON object');
});

test('axon.config.json is found by walking up from the linted file', () => {
  clearConfigCache();
  const dir = mkdtempSync(join(tmpdir(), 'axon-config-'));
  mkdirSync(join(dir, 'models', 'deep'), { recursive: true });
  writeFileSync(join(dir, 'axon.config.json'), JSON.stringify({ rules: { 'high-dropout': 'error' } }));
  const file = join(dir, 'models', 'deep', 'net.axon');
  expect(findConfigFile(file)).toBe(join(dir, 'axon.config.json'));
  const config = loadConfig(file);
  expect(config.rules['high-dropout']!.severity).toBe('error');
  expect(config.filePath).toBe(join(dir, 'axon.config.json'));
  const code = net({ layers: ['dense(8, activation: relu, init: he_normal)', 'dropout(0.9)', 'dense(1)'] });
  expect(lintText(code, { filePath: file }).findings.find((f) => f.ruleId === 'high-dropout')?.severity).toBe('error');

  writeFileSync(join(dir, 'models', 'axon.config.json'), '{ "rules": ');
  clearConfigCache();
  expect(errorOf(() => loadConfig(file))).toMatch(new RegExp(`^${join(dir, 'models', 'axon.config.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:12: not valid JSON \\(Unexpected end of JSON input\\)$`));
});

test('--rule id:severity overrides', () => {
  expect(parseRuleOverride('high-dropout:error')).toEqual(['high-dropout', 'error']);
  expect(errorOf(() => parseRuleOverride('high-dropout'))).toBe('--rule high-dropout: expected id:severity with severity one of off, info, warning, error');
  expect(errorOf(() => parseRuleOverride('nope:error'))).toMatch(/^--rule nope:error: unknown rule "nope"/);
  const c = withSeverities(resolveConfig({}), { 'init-activation-mismatch': 'warning' });
  expect(c.rules['init-activation-mismatch']).toMatchObject({ severity: 'warning', explicit: true });
});

test('the JSON schema for axon.config.json agrees with resolveConfig', async () => {
  const { Ajv } = await import('ajv');
  const { configJsonSchema } = await import('../src/index.js');
  const validate = new Ajv({ strict: false }).compile(configJsonSchema());
  const good = [
    {},
    { presets: 'all' },
    { presets: ['recommended', 'all'], rules: { 'sigmoid-hidden': 'off', 'high-dropout': ['error', { maxRate: 0.3 }] } },
    { rules: { 'saturating-deep-stack': { options: { depth: { sigmoid: 3 } } }, 'learning-rate-range': ['warning'] } },
  ];
  const bad = [
    { rulez: {} },
    { presets: ['strict'] },
    { rules: { 'high-dropuot': 'error' } },
    { rules: { 'high-dropout': 'fatal' } },
    { rules: { 'high-dropout': ['warning', { maxRate: 'half' }] } },
    { rules: { 'saturating-deep-stack': { options: { depth: { sigmoid: 0 } } } } },
  ];
  for (const c of good) {
    expect(validate(c), JSON.stringify(c)).toBe(true);
    expect(Object.keys(resolveConfig(c).rules).length, JSON.stringify(c)).toBeGreaterThan(0);
  }
  for (const c of bad) {
    expect(validate(c), JSON.stringify(c)).toBe(false);
    expect(() => resolveConfig(c)).toThrow(ConfigError);
  }
});
