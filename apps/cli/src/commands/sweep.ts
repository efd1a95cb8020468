/**
 * `axon sweep FILE [--activations relu,leaky_relu,…] [--seeds K] [--init auto|keep] [--epochs N] [--out DIR]`
 *
 * Trains the network once per activation variant (hidden layers swapped) and seed, in parallel on
 * worker threads, ranks the variants by their validation metric, prints a table and writes
 * `sweep.json` and the HTML report (with SVG/PNG charts) to --out (default runs/<network>-sweep).
 * Exit codes: 0 done; 1 analysis errors or every run diverged; 2 usage, unreadable file, bad data.
 */
import { isAbsolute, join, relative } from 'node:path';
import { totalmem } from 'node:os';
import type * as CliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { ActivationName } from '@axon/language';
import type { SweepRun, SweepVariant } from '@axon/diagnose';
import { ExitCode, UsageError } from '../exit.js';
import { loadSpec, positiveInteger, seedInteger } from '../load-spec.js';
import { ensureOutDir, reportWriteFailure } from '../out-dir.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { describeFsError } from '../fs-errors.js';
import type { SetExitCode } from './index.js';
import type { CommandIO } from '../io.js';
import { loadCliProgress } from '../progress.js';

export interface SweepCliOptions {
  network?: string;
  activations?: ActivationName[];
  seeds?: number;
  seed?: number;
  init?: 'auto' | 'keep';
  epochs?: number;
  workers?: number;
  out?: string;
  report?: boolean;
  allowDataOutside?: boolean;
}

/** `--activations relu,tanh`; `known`: @axon/diagnose's SWEEP_ACTIVATIONS. */
const activationList = (known: readonly ActivationName[]) => (value: string): ActivationName[] => {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !(known as readonly string[]).includes(n));
  if (bad.length || names.length === 0) {
    throw new UsageError(`--activations: unknown activation ${bad.map((b) => `"${b}"`).join(', ') || '(none given)'}; choose from ${known.join(', ')}`);
  }
  return [...new Set(names)] as ActivationName[];
};

function initMode(value: string): 'auto' | 'keep' {
  if (value !== 'auto' && value !== 'keep') throw new UsageError(`--init expects auto or keep, got "${value}"`);
  return value;
}

/**
 * `activations`: @axon/diagnose's SWEEP_ACTIVATIONS (the default and the choices), loaded only when
 * `axon sweep` is what runs (else empty; docs/cli.md#startup).
 */
export function registerSweep(program: Command, setExitCode: SetExitCode, activations: readonly ActivationName[]): void {
  program
    .command('sweep')
    .description("train the network once per hidden-layer activation and compare accuracy, time and memory")
    .argument('<file>', 'the .axon file')
    .option('--network <name>', 'which network (needed when the file has several)')
    .option('--activations <list>', `comma-separated activations (default: ${activations.join(',')})`, activationList(activations))
    .option('--seeds <k>', 'seeds per variant (default 1)', positiveInteger('--seeds'))
    .option('--seed <n>', 'first seed (default: the spec\'s train.seed)', seedInteger('--seed'))
    .option('--init <mode>', 'auto: use each activation\'s recommended initialiser; keep: leave init as written', initMode, 'auto')
    .option('--epochs <n>', 'epochs per run (default: the spec\'s train.epochs)', positiveInteger('--epochs'))
    .option('--workers <n>', 'worker threads, each training one run on one thread, so the sweep never uses more than the cores (default: the number of cores)', (v: string) => (v === '0' ? 0 : positiveInteger('--workers')(v)))
    .option('--out <dir>', 'output directory (default: runs/<network>-sweep)')
    .option('--no-report', 'do not write the HTML report and charts')
    .option('--allow-data-outside', "read a data { source } outside the spec's project (its folder, or the nearest with axon.config.json or .git)")
    .action(async (file: string, options: SweepCliOptions) => {
      setExitCode(await runSweepCommand(file, options, { stdout: process.stdout, stderr: process.stderr, tty: Boolean(process.stdout.isTTY) }));
    });
}

const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(0)} %`);

/** The ranked table printed at the end of a sweep. */
export function sweepTable(variants: SweepVariant[]): string {
  const metric = variants[0]?.metric ?? 'metric';
  const header = ['rank', 'activation', `${metric} (mean ± sd)`, 'epochs to best', 'time', 'peak memory', 'dead', 'saturated'];
  const rows = variants.map((v) => [
    String(v.rank),
    v.name,
    `${v.mean.toFixed(4)} ± ${v.spread.toFixed(4)}`,
    String(v.epochsToBest),
    `${(v.wallMs / 1000).toFixed(1)} s`,
    `${v.peakMemoryMB.toFixed(0)} MB`,
    pct(v.deadFraction),
    pct(v.saturatedFraction),
  ]);
  const table = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  return table.map((r) => r.map((cell, c) => (c === 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

export async function runSweepCommand(file: string, options: SweepCliOptions, io: CommandIO): Promise<number> {
  const spec = await loadSpec(file, options.network, { stderr: io.stderr, color: io.tty, command: 'sweep' });
  if (!spec) return ExitCode.Findings;
  const { network, source } = spec;
  if (!network.data) throw new UsageError(`${file}: network ${network.name} has no data { } section to train on`);
  // The engine, the sweep and the report load when a run starts, not with the CLI (docs/cli.md#startup).
  const [{ checkCapacity, TrainingError }, { runSweep, summarizeSweep, SWEEP_ACTIVATIONS }] = await Promise.all([import('@axon/core'), import('@axon/diagnose')]);
  const activations = options.activations ?? SWEEP_ACTIVATIONS;
  const seeds = options.seeds ?? 1;
  const epochs = options.epochs ?? network.train.epochs;
  // Up front, before any worker starts or the output folder is made: can one run be trained here?
  try {
    checkCapacity(network, { availableBytes: totalmem() });
  } catch (err) {
    if (err instanceof TrainingError) throw new UsageError(err.message);
    throw err;
  }
  const out = options.out ?? join('runs', `${network.name}-sweep`);
  const shownOut = isAbsolute(out) ? out : relative(process.cwd(), out) || '.';
  await ensureOutDir(out, shownOut);
  io.stdout.write(
    `sweeping ${network.name}: ${activations.length} activation${activations.length === 1 ? '' : 's'} × ${seeds} seed${seeds === 1 ? '' : 's'}, ${epochs} epoch${epochs === 1 ? '' : 's'} each, init ${options.init ?? 'auto'}\n`,
  );

  const cliProgress = io.tty ? loadCliProgress() : undefined;
  const multibar = cliProgress
    ? new cliProgress.MultiBar(
        { stream: io.stdout, format: '{name} {bar} {value}/{total} epochs', barsize: 24, hideCursor: true, clearOnComplete: false, fps: 5 },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const bars = new Map<string, CliProgress.SingleBar>();
  let runs: SweepRun[];
  try {
    runs = await runSweep(source, file, network.name, {
      activations,
      seeds,
      baseSeed: options.seed ?? network.train.seed,
      init: options.init ?? 'auto',
      epochs,
      ...(options.allowDataOutside ? { allowDataOutside: true } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      onProgress(e) {
        const key = `${e.activation.padEnd(10)} seed ${e.seed}`;
        if (multibar) {
          let bar = bars.get(key);
          if (!bar) bars.set(key, (bar = multibar.create(epochs, 0, { name: key })));
          bar.update(e.epoch, { name: key });
        } else if (e.done) {
          io.stdout.write(`  ${key}: done after ${e.epoch} epoch${e.epoch === 1 ? '' : 's'}\n`);
        }
      },
    });
  } catch (err) {
    multibar?.stop();
    throw new UsageError(`sweep failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  multibar?.stop();

  const variants = summarizeSweep(runs, network.task);
  io.stdout.write(`\n${sweepTable(variants)}\n\n`);
  for (const r of runs) if (r.stopReason === 'diverged') io.stderr.write(`axon sweep: ${r.activation} (seed ${r.seed}) diverged: ${r.message ?? ''}\n`);

  const jsonPath = join(out, 'sweep.json');
  let written = true;
  try {
    await writeFileAtomic(jsonPath, `${JSON.stringify({ network: network.name, file, epochs, seeds, init: options.init ?? 'auto', variants: variants.map(({ runs: _r, ...v }) => v), runs }, null, 2)}\n`);
    io.stdout.write(`results  ${join(shownOut, 'sweep.json')}\n`);
  } catch (err) {
    io.stderr.write(`axon sweep: cannot write ${describeFsError(err, join(shownOut, 'sweep.json'))}; the table above has the results\n`);
    written = false;
  }
  if (options.report !== false) {
    const best = variants[0]!;
    try {
      const { writeReport } = await import('@axon/report');
      const report = await writeReport(out, {
        kind: 'sweep',
        title: `${network.name}: activation sweep`,
        file,
        network,
        sweep: variants,
        summary: { best: best.name, [best.metric]: Number(best.mean.toFixed(4)), variants: variants.length, 'seeds each': seeds },
      });
      io.stdout.write(`report   ${isAbsolute(out) ? report.html : relative(process.cwd(), report.html)}\n`);
    } catch (err) {
      io.stderr.write(`axon sweep: ${reportWriteFailure(err, shownOut)}\n`);
      written = false;
    }
  }
  if (runs.every((r) => r.stopReason === 'diverged')) return ExitCode.Findings;
  return written ? ExitCode.Ok : ExitCode.Usage;
}
