/**
 * @axon/lint — the public entry. What is not exported here is private.
 *
 *   lintText(text, { filePath?, config? })      → { ast, networks, parseAndAnalysisDiagnostics, findings }
 *   lintDocument({ text, ast, networks, readData? }, config) → Finding[]   (when you already parsed and analysed)
 *   createNodeDataReader(specPath)               → DataReader: the first 10,000 rows of data { source } (data rules)
 *   loadConfig(filePath) / resolveConfig(raw)    → ResolvedConfig (throws ConfigError with file + problem)
 *   rules, ruleById(id)                          → the registry, with each rule's meta (SARIF, hover, docs)
 *   applyFixes(text, findings)                   → text with every non-overlapping fix applied
 *   fixText(text, { config })                    → --fix: the language's fixes while there are errors, then the rules'
 *   disableNextLineEdit / disableFileEdit        → TextEdit adding a suppression comment
 *   toFileResult + formatResults(name, results)  → stylish / json / sarif / github output
 */
export type {
  Finding,
  Fix,
  TextEdit,
  ExpansionInfo,
  Rule,
  RuleMeta,
  RuleContext,
  ReportDescriptor,
  RuleSeverity,
  RuleSetting,
  ResolvedConfig,
  OptionsSchema,
} from './types.js';
export { lintText, fixText, type LintResult, type LintTextOptions, type FixTextResult } from './lint-text.js';
export { lintDocument, interpolate, describeExpansion, type LintInput } from './engine.js';
export {
  SAMPLE_ROWS,
  sampleFromCsv,
  parseCsvRecords,
  columnStats,
  type DataSample,
  type DataReader,
  type ColumnStats,
} from './data-sample.js';
export { createNodeDataReader, readDataSample, clearDataSampleCache, type NodeDataReaderOptions } from './node-data-reader.js';
export {
  loadConfig,
  resolveConfig,
  readConfigFile,
  findConfigFile,
  defaultConfig,
  clearConfigCache,
  parseRuleOverride,
  withSeverities,
  ConfigError,
  CONFIG_FILE_NAME,
  type RawConfig,
  type RawRuleEntry,
} from './config.js';
export { configJsonSchema } from './config-schema.js';
export { presetSeverities, PRESET_NAMES, type PresetName } from './presets.js';
export { rules, ruleById, ENGINE_RULES } from './rules/index.js';
export { DEFAULT_SATURATING_DEPTH, deepestGradientPath } from './rules/saturating-deep-stack.js';
export {
  applyFixes,
  applyFixesDetailed,
  MAX_FIX_CHECKS,
  vetFixes,
  type AppliedFixes,
  type Fixable,
  type VettedFixes,
  type WithheldFix,
} from './fixes.js';
/** The language's `applyEdits`, re-exported for the language server and older callers. */
export { applyEdits } from '@axon/language';
export {
  parseSuppressions,
  disableNextLineEdit,
  disableFileEdit,
  type Suppression,
  type SuppressedRule,
  type DirectiveKind,
} from './suppressions.js';
export { toFileResult, onlyErrors, type FileResult, type LintMessage } from './file-results.js';
export { formatResults, FORMAT_NAMES, type FormatName, type FormatOptions } from './formatters/index.js';
export { formatStylish, type StylishOptions } from './formatters/stylish.js';
export { formatJson, toJsonResults, type JsonFileResult, type JsonMessage } from './formatters/json.js';
export { formatSarif, toSarif, DEFAULT_DOCS_BASE_URL, type SarifOptions, type ExtraRule } from './formatters/sarif.js';
export { formatGithub } from './formatters/github.js';
export { codeFrame } from './formatters/code-frame.js';
export { noColors, type Colors } from './formatters/colors.js';
