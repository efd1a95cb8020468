/**
 * The server's use of @axon/lint: which configuration applies to a document (the nearest
 * axon.config.json, then the client's `axon.rules` severities on top) and the findings under it.
 */
import { fileURLToPath } from 'node:url';
import { ConfigError, defaultConfig, lintDocument, loadConfig, ruleById, withSeverities, type Finding, type ResolvedConfig, type RuleSeverity } from '@axon/lint';
import type { AxonDocument } from './document.js';
import type { AxonSettings } from './settings.js';

export type LintFinding = Finding;

export interface LintOutcome {
  findings: Finding[];
  /** A broken axon.config.json: reported on the document; linting falls back to the defaults. */
  configProblem?: string;
}

export const emptyLint: LintOutcome = { findings: [] };

function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Resolves (and caches, until `clear`) the configuration for each document. */
export class ConfigResolver {
  private cache = new Map<string, { config: ResolvedConfig; problem?: string }>();

  clear(): void {
    this.cache.clear();
  }

  configFor(uri: string): { config: ResolvedConfig; problem?: string } {
    const cached = this.cache.get(uri);
    if (cached) return cached;
    const path = filePathOf(uri);
    let entry: { config: ResolvedConfig; problem?: string };
    try {
      entry = { config: path ? loadConfig(path) : defaultConfig() };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      entry = { config: defaultConfig(), problem: error.message };
    }
    this.cache.set(uri, entry);
    return entry;
  }
}

export function runLint(doc: AxonDocument, resolver: ConfigResolver, settings: AxonSettings): LintOutcome {
  if (!settings.lint) return emptyLint;
  const { config, problem } = resolver.configFor(doc.uri);
  const overrides: Record<string, RuleSeverity> = {};
  for (const [id, severity] of Object.entries(settings.rules)) if (ruleById(id)) overrides[id] = severity;
  const effective = Object.keys(overrides).length > 0 ? withSeverities(config, overrides) : config;
  const { ast } = doc.parsed();
  const { networks } = doc.analyzed();
  const findings = lintDocument({ text: doc.text, ast, networks }, effective);
  return problem ? { findings, configProblem: problem } : { findings };
}
