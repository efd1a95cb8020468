import type { Range } from '@axon/language';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyFixes, createNodeDataReader, lintText, resolveConfig, type DataReader, type Finding, type RawConfig } from '../src/index.js';

/** Writes `files` (name → content) into a fresh temporary project folder; the Node data reader of a spec there. */
export function dataFiles(files: Record<string, string>): DataReader {
  const dir = mkdtempSync(join(tmpdir(), 'axon-lint-data-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return createNodeDataReader(join(dir, 'spec.axon'));
}

export interface NetOptions {
  name?: string;
  input?: string;
  task?: string;
  layers: string[];
  train?: string[];
  blocks?: string;
}

/**
 * A network in the canonical layout: line 1 `network`, 2 `input`, 3 `task`, 4 `layers {`,
 * layer i (0-based) on line 5 + i, indented four spaces.
 */
export function net(o: NetOptions): string {
  const train = o.train ? `\n\n  train {\n${o.train.map((t) => `    ${t}`).join('\n')}\n  }` : '';
  const blocks = o.blocks ? `\n\n${o.blocks}` : '';
  return `network ${o.name ?? 'Net'} {\n  input ${o.input ?? '[4]'}\n  task ${o.task ?? 'regression(outputs: 1)'}\n  layers {\n${o.layers.map((l) => `    ${l}`).join('\n')}\n  }${train}\n}${blocks}\n`;
}

/** "line:column text" — the start of a range and exactly the text it covers. */
export function at(text: string, range: Range): string {
  return `${range.start.line}:${range.start.column} ${text.slice(range.start.offset, range.end.offset)}`;
}

/** Lints with every rule on (the `all` preset) unless a config is given; fails on parse/analysis errors. */
export function lint(text: string, config: RawConfig = { presets: ['all'] }, readData?: DataReader): Finding[] {
  const result = lintText(text, { config: resolveConfig(config), ...(readData ? { readData } : {}) });
  const errors = result.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`test source does not analyse: ${errors.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`).join('; ')}\n${text}`);
  return result.findings;
}

export function only(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

export function fixed(text: string, findings: Finding[]): string {
  return applyFixes(text, findings);
}
