/**
 * `axon lint [files | dirs | globs]`
 *
 * Parses, analyses and lints .axon files and prints the findings (stylish, json, sarif or github).
 * Exit codes: 0 no errors; 1 errors found or more warnings than --max-warnings; 2 bad usage, a bad
 * config, an unreadable file, or an internal error. `--fix` applies safe fixes and rewrites files
 * atomically: while a file has errors only the language's own fixes apply (a projection shortcut for a
 * residual whose shapes differ), each pass kept only if it leaves fewer errors; the rules' fixes apply to
 * files without errors and may not introduce one (`fixText` in @axon/lint).
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import pc from 'picocolors';
import type { FileResult, FormatName, LintResult, ResolvedConfig, RuleSeverity } from '@axon/lint';
import { ExitCode, UsageError } from '../exit.js';
import { expandFiles } from '../files.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { describeFsError } from '../fs-errors.js';
import { readListedSource } from '../source-text.js';
import type { SetExitCode } from './index.js';
import type { FilesCommandIO } from '../io.js';

export interface LintOptions {
  format?: FormatName;
  fix?: boolean;
  rule?: string[];
  config?: string;
  quiet?: boolean;
  maxWarnings?: number;
  color?: boolean;
}

const MAX_FIX_PASSES = 10;

function parseMaxWarnings(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-warnings expects a whole number ≥ 0, got "${value}"`);
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * `formats`: @axon/lint's FORMAT_NAMES (the choices of --format) when `axon lint` is what runs, else
 * empty: the linter loads only for the command that uses it (docs/cli.md#startup).
 */
export function registerLint(program: Command, setExitCode: SetExitCode, formats: readonly string[]): void {
  program
    .command('lint')
    .description('check activation and architecture choices in .axon files (exit 1 on errors)')
    .argument('[paths...]', '.axon files, folders or glob patterns', ['.'])
    .addOption(new Option('-f, --format <name>', 'output format').choices([...formats]).default('stylish'))
    .option('--fix', 'apply safe fixes, rewriting files atomically')
    .option('--rule <id:severity>', 'set a rule severity (off, info, warning, error); repeatable', collect)
    .option('-c, --config <path>', 'use this config file instead of looking for axon.config.json')
    .option('-q, --quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseMaxWarnings)
    .option('--color', 'force colours')
    .option('--no-color', 'never use colours')
    .action(async (paths: string[], options: LintOptions) => {
      const color = options.color ?? (process.stdout.isTTY === true && pc.isColorSupported);
      setExitCode(await runLint(paths, options, { stdout: process.stdout, stderr: process.stderr, color, cwd: process.cwd() }));
    });
}

/** Runs `axon lint` and returns the exit code. Never throws for user errors. */
export async function runLint(paths: string[], options: LintOptions, io: FilesCommandIO): Promise<number> {
  const lint = await import('@axon/lint');
  const { ConfigError, createNodeDataReader, fixText, formatResults, lintText, loadConfig, onlyErrors, parseRuleOverride, readConfigFile, toFileResult, withSeverities } = lint;
  let overrides: Record<string, RuleSeverity> = {};
  let files: string[];
  let fixedConfig: ResolvedConfig | undefined;
  try {
    for (const r of options.rule ?? []) {
      const [id, severity] = parseRuleOverride(r);
      overrides = { ...overrides, [id]: severity };
    }
    if (options.config) fixedConfig = readConfigFile(resolve(io.cwd, options.config));
    files = await expandFiles(paths.length > 0 ? paths : ['.'], io.cwd);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof UsageError) {
      io.stderr.write(`axon: ${err.message}\n`);
      return ExitCode.Usage;
    }
    throw err;
  }

  let code: number = ExitCode.Ok;
  const reports: FileResult[] = [];
  const withheld: string[] = [];
  let fixedFiles = 0;
  let warnings = 0; // counted before --quiet drops them: --max-warnings still applies
  for (const file of files) {
    const absolute = resolve(io.cwd, file);
    const read = await readListedSource(file, absolute, io.stderr);
    if (read === undefined) {
      code = ExitCode.Usage;
      continue;
    }
    let text = read;
    let config: ResolvedConfig;
    try {
      config = withSeverities(fixedConfig ?? loadConfig(absolute), overrides);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      io.stderr.write(`axon: ${err.message}\n`);
      return ExitCode.Usage;
    }
    let result: LintResult | undefined;
    // The data rules read the first rows of each network's data { source } (inside the project only).
    const readData = createNodeDataReader(absolute);
    if (options.fix) {
      // The language's own fixes first while there are errors (a projection shortcut), then the rules'.
      // fixText lints the text itself: its result stands unless the fixed text cannot be written.
      const fixed = fixText(text, { config, maxPasses: MAX_FIX_PASSES, readData });
      if (fixed.text === text) result = fixed.result;
      else {
        try {
          await writeFileAtomic(absolute, fixed.text);
          fixedFiles++;
          text = fixed.text;
          result = fixed.result;
        } catch (err) {
          io.stderr.write(`axon: cannot write ${describeFsError(err, file)}; the file is unchanged\n`);
          code = ExitCode.Usage;
        }
      }
    }
    result ??= lintText(text, { config, readData });
    for (const w of result.withheldFixes) withheld.push(`  ${file}:${w.finding.range.start.line}:${w.finding.range.start.column}  ${w.reason}`);
    const report = toFileResult(file, text, result.parseAndAnalysisDiagnostics, result.findings);
    warnings += report.warningCount;
    reports.push(options.quiet ? onlyErrors(report) : report);
  }

  const format = options.format ?? 'stylish';
  const output = formatResults(format, reports, {
    colors: pc.createColors(format === 'stylish' && io.color),
    cwd: io.cwd,
  });
  io.stdout.write(output);
  if (format === 'stylish' && withheld.length > 0) {
    // Said instead of counting them as fixable: --fix leaves them alone, and this is why.
    const n = withheld.length;
    io.stdout.write(`  ${n} fix${n === 1 ? '' : 'es'} withheld: applying ${n === 1 ? 'it' : 'them'} would introduce an error\n${withheld.join('\n')}\n`);
  }
  if (options.fix && format === 'stylish' && fixedFiles > 0) {
    io.stderr.write(`axon: fixed ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}\n`);
  }

  const errors = reports.reduce((n, r) => n + r.errorCount, 0);
  if (code === ExitCode.Usage) return code;
  if (errors > 0) return ExitCode.Findings;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`axon: ${warnings} warning${warnings === 1 ? '' : 's'} found; --max-warnings allows ${options.maxWarnings}\n`);
    return ExitCode.Findings;
  }
  return ExitCode.Ok;
}
