/**
 * SARIF 2.1.0 for code-scanning upload (github/codeql-action/upload-sarif): one run, the rules'
 * metadata with help links to their doc pages, one result per message with its exact region,
 * related locations, and fixes as artifact changes.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { Range } from '@axon/language';
import type { FileResult, LintMessage } from '../file-results.js';
import { rules } from '../rules/index.js';

export interface SarifOptions {
  /** Base for rule help links (default: the project's repository on GitHub). */
  docsBaseUrl?: string;
  /** File paths are written relative to this folder (default: the current directory). */
  cwd?: string;
  toolVersion?: string;
  /** Descriptors for rule ids that are not lint rules (e.g. `axon diagnose`'s `diagnose/*` checks). */
  extraRules?: readonly ExtraRule[];
}

/** A rule outside the lint registry that results may cite. */
export interface ExtraRule {
  id: string;
  description: string;
  /** Repository-relative path of its documentation. */
  docs: string;
  defaultSeverity: LintMessage['severity'];
}

export const DEFAULT_DOCS_BASE_URL = 'https://github.com/axon-lang/axon/blob/main/';
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';
const level = (s: LintMessage['severity']): Level => (s === 'info' ? 'note' : s);

function region(range: Range) {
  return {
    startLine: range.start.line,
    startColumn: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
    charOffset: range.start.offset,
    charLength: range.end.offset - range.start.offset,
  };
}

function uriOf(filePath: string, cwd: string): string {
  const rel = isAbsolute(filePath) ? relative(cwd, filePath) || filePath : filePath;
  return rel.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
}

function pascal(id: string): string {
  return id.replace(/(^|[-/])(\w)/g, (_, __, ch: string) => ch.toUpperCase());
}

export function toSarif(files: readonly FileResult[], options: SarifOptions = {}) {
  const cwd = options.cwd ?? process.cwd();
  const base = options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL;
  const descriptors: object[] = rules.map((r) => ({
    id: r.meta.id,
    name: pascal(r.meta.id),
    shortDescription: { text: r.meta.description },
    fullDescription: { text: r.meta.description },
    helpUri: `${base}${r.meta.docs}`,
    help: { text: `${r.meta.description} See ${base}${r.meta.docs}` },
    defaultConfiguration: { level: level(r.meta.defaultSeverity), enabled: r.meta.recommended },
    properties: { tags: [r.meta.type, 'axon'], fixable: r.meta.fixable },
  }));
  for (const r of options.extraRules ?? []) {
    descriptors.push({
      id: r.id,
      name: pascal(r.id),
      shortDescription: { text: r.description },
      fullDescription: { text: r.description },
      helpUri: `${base}${r.docs}`,
      help: { text: `${r.description} See ${base}${r.docs}` },
      defaultConfiguration: { level: level(r.defaultSeverity) },
      properties: { tags: ['axon'] },
    });
  }
  const index = new Map<string, number>(descriptors.map((d, i) => [(d as { id: string }).id, i]));
  const results: object[] = [];
  for (const file of files) {
    const uri = uriOf(file.filePath, cwd);
    const artifactLocation = { uri, uriBaseId: '%SRCROOT%' };
    for (const m of file.messages) {
      if (!index.has(m.code)) {
        index.set(m.code, descriptors.length);
        descriptors.push({
          id: m.code,
          name: pascal(m.code),
          shortDescription: { text: `Axon language diagnostic ${m.code}` },
          helpUri: `${base}docs/language.md`,
          defaultConfiguration: { level: 'error' },
          properties: { tags: ['language'] },
        });
      }
      const result: Record<string, unknown> = {
        ruleId: m.code,
        ruleIndex: index.get(m.code),
        level: level(m.severity),
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(m.range) } }],
      };
      if (m.related && m.related.length > 0) {
        result.relatedLocations = m.related.map((x, i) => ({
          id: i + 1,
          message: { text: x.message },
          physicalLocation: { artifactLocation, region: region(x.range) },
        }));
      }
      if (m.fix) {
        result.fixes = [
          {
            description: { text: m.fix.description },
            artifactChanges: [
              {
                artifactLocation,
                replacements: m.fix.edits.map((e) => ({
                  deletedRegion: { charOffset: e.range.start.offset, charLength: e.range.end.offset - e.range.start.offset },
                  insertedContent: { text: e.newText },
                })),
              },
            ],
          },
        ];
      }
      results.push(result);
    }
  }
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'axon-lint',
            informationUri: `${base}docs/rules/`,
            version: options.toolVersion ?? '0.1.0',
            rules: descriptors,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(files: readonly FileResult[], options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(files, options), null, 2)}\n`;
}
