/**
 * `axon.config.json`: presets, rule severities and rule options. Found by walking up from the
 * linted file; validated (the file's shape and each rule's options, with ajv) with errors that
 * name the file and what is wrong.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { PRESET_NAMES, presetSeverities, type PresetName } from './presets.js';
import { ruleById, rules } from './rules/index.js';
import { didYouMean } from './suggest.js';
import { jsonErrorPosition } from './json-error.js';
import type { ResolvedConfig, RuleSetting, RuleSeverity } from './types.js';

export const CONFIG_FILE_NAME = 'axon.config.json';
const SEVERITIES: readonly RuleSeverity[] = ['off', 'info', 'warning', 'error'];

/** A rule entry as written: a severity, `[severity, options]`, or `{ severity?, options? }`. */
export type RawRuleEntry = RuleSeverity | [RuleSeverity] | [RuleSeverity, object] | { severity?: RuleSeverity; options?: object };

/** The file as written. */
export interface RawConfig {
  $schema?: string;
  /** `recommended` (the default) or `all`; later presets override earlier ones. */
  presets?: PresetName | PresetName[];
  rules?: Record<string, RawRuleEntry>;
}

/** A configuration problem; `message` names the file and what is wrong. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function validatorFor(ruleId: string): ValidateFunction {
  let v = validators.get(ruleId);
  if (!v) {
    ajv ??= new Ajv({ allErrors: true, strict: false });
    v = ajv.compile(ruleById(ruleId)!.meta.schema);
    validators.set(ruleId, v);
  }
  return v;
}

function describeAjvErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => {
      const where = e.instancePath ? `"${e.instancePath.slice(1).replace(/\//g, '.')}"` : 'the options object';
      if (e.keyword === 'additionalProperties') {
        return `unknown option "${[e.instancePath.slice(1).replace(/\//g, '.'), (e.params as { additionalProperty: string }).additionalProperty].filter(Boolean).join('.')}"`;
      }
      return `${where} ${e.message ?? 'is invalid'}`;
    })
    .join('; ');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep-merges user options over a rule's defaults (objects merge, everything else replaces). */
function mergeOptions(defaults: unknown, user: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(user)) return user === undefined ? defaults : user;
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(user)) out[k] = mergeOptions(defaults[k], v);
  return out;
}

/** The configuration when there is no file: the recommended preset. */
export function defaultConfig(): ResolvedConfig {
  return resolveConfig({});
}

/**
 * Validates a configuration object and expands it: presets applied, options defaulted and checked
 * against each rule's schema. Throws ConfigError naming `source` (the file) and the problem.
 */
export function resolveConfig(raw: unknown, source = CONFIG_FILE_NAME): ResolvedConfig {
  const fail = (what: string): never => {
    throw new ConfigError(`${source}: ${what}`);
  };
  if (!isPlainObject(raw)) fail('the configuration must be a JSON object');
  const config = raw as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (key !== 'presets' && key !== 'rules' && key !== '$schema') {
      fail(`unknown key "${key}" (expected "presets" or "rules")${didYouMean(key, ['presets', 'rules'])}`);
    }
  }
  const presetList =
    config.presets === undefined ? ['recommended'] : Array.isArray(config.presets) ? config.presets : [config.presets];
  const severities: Record<string, RuleSeverity> = {};
  for (const p of presetList) {
    if (typeof p !== 'string' || !PRESET_NAMES.includes(p as PresetName)) {
      fail(`unknown preset ${JSON.stringify(p)} (expected one of: ${PRESET_NAMES.join(', ')})`);
    }
    Object.assign(severities, presetSeverities(p as PresetName));
  }
  const settings: Record<string, RuleSetting> = {};
  for (const rule of rules) {
    settings[rule.meta.id] = {
      severity: severities[rule.meta.id] ?? 'off',
      explicit: false,
      options: rule.meta.defaultOptions,
    };
  }
  if (config.rules !== undefined && !isPlainObject(config.rules)) fail('"rules" must be an object of rule id → severity');
  for (const [id, entry] of Object.entries((config.rules ?? {}) as Record<string, unknown>)) {
    const rule = ruleById(id);
    if (!rule) fail(`unknown rule "${id}"${didYouMean(id, rules.map((r) => r.meta.id))}`);
    let severity: unknown;
    let options: unknown;
    if (typeof entry === 'string') severity = entry;
    else if (Array.isArray(entry)) [severity, options] = entry;
    else if (isPlainObject(entry)) ({ severity, options } = entry as { severity?: unknown; options?: unknown });
    else fail(`rules["${id}"] must be a severity (${SEVERITIES.join(', ')}), [severity, options] or { "severity", "options" }`);
    const setting = settings[id]!;
    if (severity !== undefined) {
      if (typeof severity !== 'string' || !SEVERITIES.includes(severity as RuleSeverity)) {
        fail(`rules["${id}"]: severity ${JSON.stringify(severity)} is not one of ${SEVERITIES.join(', ')}`);
      }
      setting.severity = severity as RuleSeverity;
      setting.explicit = true;
    }
    if (options !== undefined) {
      const validate = validatorFor(id);
      if (!validate(options)) fail(`rules["${id}"] options: ${describeAjvErrors(validate.errors)}`);
      setting.options = mergeOptions(rule!.meta.defaultOptions, options) as object;
    }
  }
  return { rules: settings, filePath: source === CONFIG_FILE_NAME ? undefined : source };
}

/**
 * The nearest `axon.config.json` in the file's folder or any folder above it. A name that is there
 * but cannot be read (a symlink loop, a dangling link) is found too, so reading it reports why,
 * instead of the folders above silently taking its place.
 */
export function findConfigFile(filePath: string): string | undefined {
  let dir = dirname(resolve(filePath));
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (lstatSync(candidate, { throwIfNoEntry: false })) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const fileCache = new Map<string, ResolvedConfig>();

/** What a failed read of the configuration file means. */
function readError(path: string, code: string): string {
  switch (code) {
    case 'ELOOP':
      return 'the configuration file is a symbolic link loop (ELOOP); point it at a real file or remove it';
    case 'ENOENT':
      return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()
        ? 'the configuration file is a symbolic link to a file that does not exist (ENOENT)'
        : 'cannot read the configuration file (ENOENT)';
    case 'EISDIR':
      return 'the configuration file is a folder, not a file (EISDIR)';
    default:
      return `cannot read the configuration file (${code})`;
  }
}

/** Reads and resolves a config file. Throws ConfigError (bad JSON, bad shape, bad options). */
export function readConfigFile(configPath: string): ResolvedConfig {
  const key = resolve(configPath);
  const cached = fileCache.get(key);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(key, 'utf8');
  } catch (err) {
    throw new ConfigError(`${configPath}: ${readError(key, (err as NodeJS.ErrnoException).code ?? 'error')}`);
  }
  // A byte order mark is not JSON, but editors on Windows write one: accept it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const at = jsonErrorPosition(text, err);
    const detail = (err as Error).message.replace(/, "[\s\S]*" is not valid JSON$/, '').replace(/ in JSON at position \d+.*$/, '');
    throw new ConfigError(`${configPath}:${at.line}:${at.column}: not valid JSON (${detail})`);
  }
  const resolved = resolveConfig(raw, configPath);
  resolved.filePath = configPath;
  fileCache.set(key, resolved);
  return resolved;
}

/** The configuration that applies to a file: the nearest axon.config.json, else the recommended preset. */
export function loadConfig(filePath: string): ResolvedConfig {
  const found = findConfigFile(filePath);
  return found ? readConfigFile(found) : defaultConfig();
}

/** Forgets cached config files (the language server calls this when one changes). */
export function clearConfigCache(): void {
  fileCache.clear();
}

/** Parses `id:severity` (as given to `--rule`). Throws ConfigError. */
export function parseRuleOverride(text: string): [string, RuleSeverity] {
  const i = text.lastIndexOf(':');
  const id = i < 0 ? text : text.slice(0, i);
  const severity = i < 0 ? '' : text.slice(i + 1);
  if (!ruleById(id)) throw new ConfigError(`--rule ${text}: unknown rule "${id}"${didYouMean(id, rules.map((r) => r.meta.id))}`);
  if (!SEVERITIES.includes(severity as RuleSeverity)) {
    throw new ConfigError(`--rule ${text}: expected id:severity with severity one of ${SEVERITIES.join(', ')}`);
  }
  return [id, severity as RuleSeverity];
}

/** A copy of `config` with some rules' severities set (explicitly). */
export function withSeverities(config: ResolvedConfig, overrides: Record<string, RuleSeverity>): ResolvedConfig {
  const rulesCopy: Record<string, RuleSetting> = { ...config.rules };
  for (const [id, severity] of Object.entries(overrides)) {
    const base = rulesCopy[id] ?? { severity: 'off', explicit: false, options: ruleById(id)?.meta.defaultOptions ?? {} };
    rulesCopy[id] = { ...base, severity, explicit: true };
  }
  return { ...config, rules: rulesCopy };
}
