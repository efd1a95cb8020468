/** Output formats by name. */
import type { FileReport } from '../report.js';
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

export function formatReports(name: FormatName, reports: readonly FileReport[], options: FormatOptions = {}): string {
  switch (name) {
    case 'stylish':
      return formatStylish(reports, { colors: options.colors });
    case 'json':
      return formatJson(reports);
    case 'sarif':
      return formatSarif(reports, { cwd: options.cwd, docsBaseUrl: options.docsBaseUrl, extraRules: options.extraRules });
    case 'github':
      return formatGithub(reports);
  }
}
