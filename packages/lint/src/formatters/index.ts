/** Output formats by name. */
import type { FileResult } from '../file-results.js';
import type { Colors } from './colors.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif, type ExtraRule } from './sarif.js';
import { formatStylish } from './stylish.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github';
export const FORMAT_NAMES: readonly FormatName[] = ['stylish', 'json', 'sarif', 'github'];

export interface FormatOptions {
  colors?: Colors;
  cwd?: string;
  docsBaseUrl?: string;
  /** SARIF only: descriptors for rule ids outside the lint registry. */
  extraRules?: readonly ExtraRule[];
}

export function formatResults(name: FormatName, results: readonly FileResult[], options: FormatOptions = {}): string {
  switch (name) {
    case 'stylish':
      return formatStylish(results, { colors: options.colors });
    case 'json':
      return formatJson(results);
    case 'sarif':
      return formatSarif(results, { cwd: options.cwd, docsBaseUrl: options.docsBaseUrl, extraRules: options.extraRules });
    case 'github':
      return formatGithub(results);
  }
}

