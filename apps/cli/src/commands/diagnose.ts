/**
 * `axon diagnose FILE [--network NAME] [--steps N] [--format F] [--threshold name=value]… [--out DIR]`
 *
 * A short seeded training run that applies the dynamic checks (vanishing/exploding gradients, dying
 * relu, saturation, bad initial loss, stalled/diverged loss) and reports them like `axon lint` does:
 * at the source range of the layer concerned, with the measured figure and the static rule it
 * confirms. Writes an HTML report with the run's charts to --out (default runs/<network>-diagnose).
 * Exit codes as `axon lint`: 0 no errors, 1 errors (or --max-warnings exceeded), 2 usage/config/data.
 */
import { isAbsolute, relative } from 'node:path';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import pc from 'picocolors';
import type { Command } from 'commander';
import type { CheckThresholds } from '@axon/diagnose';
import type { FormatName } from '@axon/lint';
import { ExitCode, UsageError } from '../exit.js';
import { loadSpec, positiveInteger } from '../load-spec.js';
import { reportFindings } from '../report-findings.js';
import { ensureOutDir, reportWriteFailure } from '../out-dir.js';
import type { SetExitCode } from './index.js';
import type { CommandIO } from '../io.js';

export interface DiagnoseCliOptions {
  network?: string;
  steps?: number;
  format?: FormatName;
  threshold?: Partial<CheckThresholds>;
  maxWarnings?: number;
  out?: string;
  report?: boolean;
  allowDataOutside?: boolean;
}

/** `formats`: @axon/lint's FORMAT_NAMES. */
const formatName = (formats: readonly string[]) => (value: string): FormatName => {
  if (!formats.includes(value)) throw new UsageError(`--format expects one of ${formats.join(', ')}, got "${value}"`);
  return value as FormatName;
};

/** `--threshold vanishingRatio=1e-4` (repeatable); `names`: the keys of @axon/diagnose's DEFAULT_THRESHOLDS. */
const threshold = (names: readonly string[]) => (value: string, previous: Partial<CheckThresholds> = {}): Partial<CheckThresholds> => {
  const m = /^(\w+)=(.+)$/.exec(value);
  if (!m || !names.includes(m[1]!)) throw new UsageError(`--threshold expects NAME=VALUE with NAME one of ${names.join(', ')}, got "${value}"`);
  const n = Number(m[2]);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--threshold ${m[1]} expects a non-negative number, got "${m[2]}"`);
  return { ...previous, [m[1]!]: n };
};

/**
 * `thresholdNames`: the check thresholds `--threshold` accepts (@axon/diagnose), `formats` the output
 * formats (@axon/lint): loaded only when `axon diagnose` is what runs (else empty; docs/cli.md#startup).
 */
export function registerDiagnose(program: Command, setExitCode: SetExitCode, thresholdNames: readonly string[], formats: readonly string[]): void {
  program
    .command('diagnose')
    .description('a short seeded training run that checks gradients, dead and saturated units and the loss')
    .argument('<file>', 'the .axon file')
    .option('--network <name>', 'which network (needed when the file has several)')
    .option('--steps <n>', 'optimizer steps to run (default 200)', positiveInteger('--steps'))
    .option('-f, --format <name>', `output format: ${formats.join(', ')} (as axon lint)`, formatName(formats), 'stylish')
    .option('--threshold <name=value>', 'override a check threshold (repeatable; see docs/cli/diagnose.md)', threshold(thresholdNames))
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-warnings expects a non-negative integer, got "${v}"`);
      return n;
    })
    .option('--out <dir>', 'where to write the report (default: runs/<network>-diagnose)')
    .option('--no-report', 'do not write the HTML report and charts')
    .option('--allow-data-outside', "read a data { source } outside the spec's project (its folder, or the nearest with axon.config.json or .git)")
    .action(async (file: string, options: DiagnoseCliOptions) => {
      setExitCode(await runDiagnose(file, options, { stdout: process.stdout, stderr: process.stderr, tty: Boolean(process.stdout.isTTY) }));
    });
}

export async function runDiagnose(file: string, options: DiagnoseCliOptions, io: CommandIO): Promise<number> {
  const format = options.format ?? 'stylish';
  // Machine-readable formats own stdout; progress and paths go to stderr.
  const info = format === 'stylish' ? io.stdout : io.stderr;
  const spec = await loadSpec(file, options.network, { stderr: io.stderr, color: io.tty, command: 'diagnose' });
  if (!spec) return ExitCode.Findings;
  const { network, source, analysed } = spec;
  // The engine, the checks and the report load when a run starts, not with the CLI (docs/cli.md#startup).
  const [{ checkCapacity, checkTargets, loadTrainingData, TrainingError }, { DIAGNOSE_RULES, diagnoseNetwork, toLintFindings }, lint] = await Promise.all([
    import('@axon/core'),
    import('@axon/diagnose'),
    import('@axon/lint'),
  ]);
  const { ConfigError, formatResults, lintDocument, loadConfig, toFileResult } = lint;
  if (!network.data) throw new UsageError(`${file}: network ${network.name} has no data { } section to train on`);

  let config;
  try {
    config = loadConfig(file);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  // The source was parsed and analysed once (loadSpec); the rules run on that analysis.
  const lintFindings = lintDocument({ text: source, ast: analysed.ast, networks: analysed.networks }, config);

  let data;
  try {
    // Before the data is read: can this network be trained here at all?
    checkCapacity(network, { availableBytes: totalmem() });
    data = await loadTrainingData(network, file, undefined, options.allowDataOutside ? { allowDataOutside: true } : {});
    // As `axon train` does, before any step: the output must match the targets.
    checkTargets(network, data);
  } catch (err) {
    if (err instanceof TrainingError) throw new UsageError(err.message);
    throw err;
  }
  const steps = options.steps ?? 200;
  const out = options.out ?? join('runs', `${network.name}-diagnose`);
  const shownOut = isAbsolute(out) ? out : relative(process.cwd(), out) || '.';
  if (options.report !== false) await ensureOutDir(out, shownOut);
  info.write(`diagnosing ${network.name}: ${steps} steps on ${data.train.n} rows, seed ${network.train.seed}\n`);
  const result = await diagnoseNetwork(network, data.train, { steps, ...(options.threshold ? { thresholds: options.threshold } : {}) });
  const findings = toLintFindings(source, network, result.findings, lintFindings);
  const report = toFileResult(file, source, [], findings);
  const colors = io.tty && format === 'stylish' ? pc : undefined;
  const output = formatResults(format, [report], { ...(colors ? { colors } : {}), extraRules: DIAGNOSE_RULES });
  if (output) io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  if (format === 'stylish' && findings.length === 0) io.stdout.write(`no problems found in ${result.steps} steps\n`);

  let reported = true;
  if (options.report !== false) {
    const initial = result.evidence.initial;
    try {
      const { writeReport } = await import('@axon/report');
      const written = await writeReport(out, {
        kind: 'diagnose',
        title: `${network.name}: diagnose`,
        file,
        network,
        history: result.history,
        findings: reportFindings(network, findings),
        summary: { steps: result.steps, 'initial loss': Number(initial.loss.toPrecision(4)), 'final loss': Number(result.evidence.final.loss.toPrecision(4)), findings: findings.length },
      });
      info.write(`report   ${isAbsolute(out) ? written.html : relative(process.cwd(), written.html)}\n`);
    } catch (err) {
      io.stderr.write(`axon diagnose: ${reportWriteFailure(err, shownOut)}\n`);
      reported = false;
    }
  }
  if (report.errorCount > 0) return ExitCode.Findings;
  if (options.maxWarnings !== undefined && report.warningCount > options.maxWarnings) return ExitCode.Findings;
  return reported ? ExitCode.Ok : ExitCode.Usage;
}
