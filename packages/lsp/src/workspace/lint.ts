/**
 * The server's use of @axon/lint: which configuration applies to a document (the nearest
 * axon.config.json, then the client's `axon.rules` severities on top) and the findings under it.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, createNodeDataReader, defaultConfig, findConfigFile, lintDocument, loadConfig, ruleById, withSeverities, type Finding, type ResolvedConfig, type RuleSeverity } from '@axon/lint';
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

/** Which axon.config.json applies to a file and its size and modification time ('' when none). */
function configStamp(path: string | undefined): string {
  const found = path ? findConfigFile(path) : undefined;
  if (!found) return '';
  try {
    const st = statSync(found);
    return `${found}:${st.mtimeMs}:${st.size}`;
  } catch {
    return `${found}:gone`;
  }
}

/** Resolves (and caches, until `clear`) the configuration for each document. */
export class ConfigResolver {
  private cache = new Map<string, { config: ResolvedConfig; problem?: string; stamp: string }>();

  clear(): void {
    this.cache.clear();
  }

  /**
   * Whether the config file behind a cached configuration was created, changed or removed since it
   * was read: for clients that cannot watch files for the server (Neovim 0.7–0.8, many others).
   */
  changedOnDisk(uri: string): boolean {
    const cached = this.cache.get(uri);
    return cached !== undefined && configStamp(filePathOf(uri)) !== cached.stamp;
  }

  configFor(uri: string): { config: ResolvedConfig; problem?: string } {
    const cached = this.cache.get(uri);
    if (cached) return cached;
    const path = filePathOf(uri);
    const stamp = configStamp(path);
    let entry: { config: ResolvedConfig; problem?: string; stamp: string };
    try {
      entry = { config: path ? loadConfig(path) : defaultConfig(), stamp };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      entry = { config: defaultConfig(), problem: error.message, stamp };
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
  // The data rules read the first rows of data { source }; the reader re-reads a CSV whose size or mtime changed.
  const path = filePathOf(doc.uri);
  const readData = path ? createNodeDataReader(path) : undefined;
  const findings = lintDocument({ text: doc.text, ast, networks, ...(readData ? { readData } : {}) }, effective);
  return problem ? { findings, configProblem: problem } : { findings };
}
