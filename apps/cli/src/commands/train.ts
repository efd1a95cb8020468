/**
 * `axon train FILE [--network NAME] [--epochs N] [--out DIR] [--seed N] [--threads N] [--engine pytorch [--nproc N] [--python PATH]]`
 *
 * Analyses FILE (errors → code frames, exit 1), loads the network's `data { }` CSV, trains it with the
 * core engine showing progress, prints a summary table, and writes the model (model.json + weights.bin,
 * docs/model-format.md) and metrics.jsonl (one JSON line per epoch) to --out (default runs/<network>).
 * Exit codes: 0 trained; 1 analysis errors, divergence or interruption; 2 bad usage, unreadable file, bad data.
 */
import { writeFile } from 'node:fs/promises';
import { appendFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join, relative, isAbsolute } from 'node:path';
import type { Command } from 'commander';
import type { CheckResult, ResolvedNetwork } from '@axon/language';
import type { EpochLog, TrainingRun, TrainResult } from '@axon/core';
import type { Finding } from '@axon/lint';
import { ExitCode, UsageError } from '../exit.js';
import { describeFsError } from '../fs-errors.js';
import { ensureOutDir, reportWriteFailure } from '../out-dir.js';
import { reportFindings } from '../report-findings.js';
import { loadSpec, positiveInteger, seedInteger } from '../load-spec.js';
import type { SetExitCode } from './index.js';
import type { CommandIO } from '../io.js';
import { createProgress, fmt, metric, type TrainProgress } from '../progress.js';
import { epochRecord } from '../metrics-record.js';

export interface TrainOptions {
  network?: string;
  epochs?: number;
  out?: string;
  seed?: number;
  /** False with --no-report: skip the HTML report and charts. */
  report?: boolean;
  /** --allow-data-outside: read a data source outside the spec's project. */
  allowDataOutside?: boolean;
  /** --threads: data-parallel training threads (default: every core). */
  threads?: number;
  /** --engine: `axon` (built in, default) or `pytorch` (the compiled train.py, engine/pytorch.ts). */
  engine?: 'axon' | 'pytorch';
  /** --nproc: PyTorch processes (torchrun, DistributedDataParallel); with --engine pytorch. */
  nproc?: number;
  /** --python: the Python with torch (default /usr/bin/python3, else python3 on PATH). */
  python?: string;
}

function engineName(value: string): 'axon' | 'pytorch' {
  if (value === 'axon' || value === 'pytorch') return value;
  throw new UsageError(`--engine: expected axon or pytorch, got "${value}"`);
}

export function registerTrain(program: Command, setExitCode: SetExitCode): void {
  program
    .command('train')
    .description("train a network on its data { } CSV; writes the model and metrics.jsonl to --out")
    .argument('<file>', 'the .axon file')
    .option('--network <name>', 'which network to train (needed when the file has several)')
    .option('--epochs <n>', 'number of epochs (overrides train.epochs)', positiveInteger('--epochs'))
    .option('--out <dir>', 'output directory (default: runs/<network>)')
    .option('--seed <n>', 'seed for the data split, initialisation and shuffling (overrides train.seed)', seedInteger('--seed'))
    .option('--no-report', 'do not write the HTML report and charts')
    .option('--allow-data-outside', "read a data { source } outside the spec's project (its folder, or the nearest with axon.config.json or .git)")
    .option(
      '--threads <n>',
      'threads to train on, each a shard of every batch (default: all cores); small batches and short runs, where threads do not pay, and batch_norm or recurrent networks stay on one thread',
      positiveInteger('--threads'),
    )
    .option('--engine <name>', 'axon (built in, default) or pytorch: run the compiled train.py with Python and load its weights back', engineName)
    .option('--nproc <n>', 'with --engine pytorch: processes under torchrun (DistributedDataParallel; gloo on CPU, nccl with CUDA)', positiveInteger('--nproc'))
    .option('--python <path>', 'with --engine pytorch: the Python with torch (default /usr/bin/python3, else python3 on PATH)')
    .action(async (file: string, options: TrainOptions) => {
      const code = await runTrain(file, options, {
        stdout: process.stdout,
        stderr: process.stderr,
        tty: Boolean(process.stdout.isTTY),
      });
      setExitCode(code);
    });
}



/** Runs `axon train` and returns the exit code. Throws UsageError for bad usage (printed by main). */
export async function runTrain(file: string, options: TrainOptions, io: CommandIO): Promise<number> {
  const say = (s: string) => io.stdout.write(`${s}\n`);
  const fail = (s: string) => io.stderr.write(`axon train: ${s}\n`);

  const spec = await loadSpec(file, options.network, { stderr: io.stderr, color: io.tty, command: 'train', fixBefore: 'before training' });
  if (!spec) return ExitCode.Findings;
  const { source, analysed, network } = spec;
  if (options.engine !== 'pytorch' && (options.nproc !== undefined || options.python !== undefined)) {
    throw new UsageError(`${options.nproc !== undefined ? '--nproc' : '--python'} needs --engine pytorch`);
  }
  if (options.engine === 'pytorch') {
    if (options.threads !== undefined) throw new UsageError('--threads is for the built-in engine; with --engine pytorch use --nproc');
    const { trainOnPytorch } = await import('../engine/run.js');
    return trainOnPytorch(file, options, io, spec);
  }
  // The trainer loads when a run starts, not with the CLI (docs/cli.md#startup).
  const { runTraining, TrainingError, planThreads } = await import('@axon/core');
  const threads = options.threads ?? availableParallelism();
  let runLength: { samples: number; epochs: number } | undefined;

  const out = options.out ?? join('runs', network.name);
  const shownOut = isAbsolute(out) ? out : relative(process.cwd(), out) || '.';
  const metricsPath = join(out, 'metrics.jsonl');
  const controller = new AbortController();
  let progress: TrainProgress | undefined;
  const onInterrupt = () => {
    progress?.note('interrupted: stopping at the next batch and saving the model (press Ctrl+C again to quit now)');
    controller.abort();
    process.off('SIGINT', onInterrupt);
  };
  let run: TrainingRun;
  try {
    run = await runTraining({
      network,
      specPath: file,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
      signal: controller.signal,
      threads,
      availableBytes: totalmem(),
      ...(options.allowDataOutside ? { allowDataOutside: true } : {}),
      save: { dir: out, source },
      async onStart({ data, epochs, seed }) {
        runLength = { samples: data.train.n, epochs };
        await ensureOutDir(out, shownOut);
        try {
          await writeFile(metricsPath, '');
        } catch (err) {
          throw new UsageError(`--out: cannot use ${describeFsError(err, shownOut)}; expected a folder to write the model into`);
        }
        say(
          `training ${network.name} (${network.params.total.toLocaleString('en-US')} parameters) on ${data.train.n} rows` +
            `${data.validation ? `, validating on ${data.validation.n}` : ''}; ${epochs} epoch${epochs === 1 ? '' : 's'}, batch ${network.train.batchSize}, seed ${seed}`,
        );
        progress = createProgress({ stream: io.stdout, tty: io.tty, epochs });
        process.on('SIGINT', onInterrupt);
      },
      onModel(model) {
        const plan = planThreads(model, network.train.batchSize, threads, undefined, runLength);
        progress?.note(`${plan.threads} thread${plan.threads === 1 ? '' : 's'}${plan.reason ? ` (${plan.reason})` : ''}`);
      },
      onBatch: (log) => progress?.batch(log),
      onEpoch: (log) => {
        progress?.epoch(log);
        appendFileSync(metricsPath, `${JSON.stringify(epochRecord(log))}\n`);
      },
    });
  } catch (err) {
    if (!(err instanceof TrainingError)) throw err;
    progress?.stop();
    switch (err.stage) {
      case 'capacity':
      case 'data':
        fail(err.message);
        return ExitCode.Usage;
      case 'targets':
        fail(err.message);
        return ExitCode.Findings;
      case 'fit':
        fail(`training ${network.name} failed: ${err.message}`);
        return ExitCode.Findings;
      case 'save':
        fail(`could not save the model to ${shownOut}: ${err.message}`);
        return ExitCode.Usage;
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    progress?.stop();
  }
  return finishTraining(io, { file, source, analysed, network, out, shownOut, report: options.report !== false }, run);
}

/** Where a finished run writes and what it came from (the built-in engine's and PyTorch's runs alike). */
export interface FinishedRunContext {
  file: string;
  source: string;
  analysed: CheckResult;
  network: ResolvedNetwork;
  out: string;
  shownOut: string;
  /** False with --no-report. */
  report: boolean;
}

/**
 * The end of `axon train`, whichever engine trained: a diverged run (no model, exit 1), else the summary
 * table, the files written (plus `extraFiles` lines), the HTML report, and the exit code (1 when the
 * run was interrupted, 2 when the report could not be written).
 */
export async function finishTraining(
  io: CommandIO,
  ctx: FinishedRunContext,
  run: Pick<TrainingRun, 'result' | 'seconds' | 'epochs'>,
  extraFiles: string[] = [],
): Promise<number> {
  const say = (s: string) => io.stdout.write(`${s}\n`);
  const fail = (s: string) => io.stderr.write(`axon train: ${s}\n`);
  const { result, seconds, epochs } = run;
  const { out, shownOut } = ctx;

  /** Writes the report; false (after saying why) when it could not be written. */
  const report = async (): Promise<boolean> => {
    if (!ctx.report) return true;
    try {
      const html = await writeTrainReport(out, ctx.file, ctx.source, ctx.analysed, ctx.network, result, seconds);
      say(`report   ${isAbsolute(out) ? html : relative(process.cwd(), html)}`);
      return true;
    } catch (err) {
      fail(reportWriteFailure(err, shownOut));
      return false;
    }
  };

  if (result.stopReason === 'diverged') {
    fail(result.message ?? `training diverged (the loss became NaN or infinite) at epoch ${result.history.length}`);
    fail(`no model written; the per-epoch log is in ${join(shownOut, 'metrics.jsonl')}`);
    await report();
    return ExitCode.Findings;
  }

  say('');
  say(summaryTable(result, epochs, seconds));
  say(`model    ${join(shownOut, 'model.json')}, ${join(shownOut, 'weights.bin')}`);
  say(`metrics  ${join(shownOut, 'metrics.jsonl')}`);
  for (const line of extraFiles) say(line);
  const reported = await report();
  if (!reported) fail('the model and metrics were saved');
  if (result.stopReason === 'stopped') {
    fail('training was interrupted; the model as it was when training stopped was saved');
    return ExitCode.Findings;
  }
  return reported ? ExitCode.Ok : ExitCode.Usage;
}

/** The final table: train/validation loss and metrics at the last and the best epoch, epochs, time. */
export function summaryTable(result: TrainResult, epochs: number, seconds: number): string {
  const history = result.history;
  const lastLog = history[history.length - 1];
  const bestLog = history.find((h) => h.epoch === result.bestEpoch) ?? lastLog;
  const rows: string[][] = [];
  const names = lastLog ? Object.keys(lastLog.metrics) : [];
  const header = ['', 'epoch', 'loss', ...names, ...(lastLog?.valLoss !== undefined ? ['val_loss', ...names.map((n) => `val_${n}`)] : [])];
  const row = (label: string, log: EpochLog) => [
    label,
    String(log.epoch),
    fmt(log.loss),
    ...names.map((n) => metric(n, log.metrics[n] ?? NaN)),
    ...(log.valLoss !== undefined ? [fmt(log.valLoss), ...names.map((n) => metric(n, log.valMetrics?.[n] ?? NaN))] : []),
  ];
  if (lastLog) rows.push(row('last', lastLog));
  if (bestLog && bestLog !== lastLog) rows.push(row('best', bestLog));
  const table = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...table.map((r) => (r[c] ?? '').length)));
  const render = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const reason: Record<TrainResult['stopReason'], string> = {
    completed: 'completed',
    early_stopping: 'early stopping',
    diverged: 'diverged',
    stopped: 'interrupted',
  };
  const perEpoch = history.length > 0 ? (seconds * 1000) / history.length : 0;
  return [
    ...table.map(render),
    '',
    `epochs   ${history.length} of ${epochs} (${reason[result.stopReason]}); best epoch ${result.bestEpoch} by ${lastLog?.valLoss !== undefined ? 'validation' : 'training'} loss`,
    `time     ${seconds.toFixed(1)} s (${perEpoch.toFixed(1)} ms per epoch)`,
  ].join('\n');
}

/**
 * The training report: loss and metric curves, per-layer gradient norms, dead/saturated fractions,
 * and the network diagram with the file's lint findings marked. Returns the HTML file's path.
 */
export async function writeTrainReport(
  out: string,
  file: string,
  source: string,
  analysed: CheckResult,
  network: ResolvedNetwork,
  result: TrainResult,
  seconds: number,
): Promise<string> {
  let findings: Finding[] = [];
  const { lintDocument, loadConfig } = await import('@axon/lint');
  try {
    // The source was parsed and analysed once, for training; the rules run on that analysis.
    findings = lintDocument({ text: source, ast: analysed.ast, networks: analysed.networks }, loadConfig(file));
  } catch {
    // A broken axon.config.json must not cost the user their report: `axon lint` reports it.
  }
  const last = result.history[result.history.length - 1];
  const summary: Record<string, string | number> = { epochs: result.history.length, 'best epoch': result.bestEpoch, time: `${seconds.toFixed(1)} s` };
  if (last) {
    summary.loss = Number(last.loss.toPrecision(4));
    if (last.valLoss !== undefined) summary['validation loss'] = Number(last.valLoss.toPrecision(4));
    for (const [k, v] of Object.entries(last.valMetrics ?? last.metrics)) {
      // Accuracy reads as a percentage, as in the progress lines and the final table.
      summary[`${last.valMetrics ? 'validation ' : ''}${k}`] = k === 'accuracy' ? `${(v * 100).toFixed(1)} %` : Number(v.toPrecision(4));
    }
  }
  const { writeReport } = await import('@axon/report');
  const written = await writeReport(out, {
    kind: 'train',
    title: `${network.name}: training`,
    file,
    network,
    history: result.history,
    findings: reportFindings(network, findings),
    summary,
  });
  return written.html;
}
