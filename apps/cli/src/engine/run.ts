/**
 * The `axon train --engine pytorch` run as the command sees it: the PyTorch run (engine/pytorch.ts),
 * then the same summary table, file list and HTML report as the built-in engine.
 */
import { join, relative, isAbsolute } from 'node:path';
import type { CheckResult, ResolvedNetwork } from '@axon/language';
import { ExitCode } from '../exit.js';
import { reportWriteFailure } from '../out-dir.js';
import type { CommandIO } from '../io.js';
import { summaryTable, writeTrainReport, type TrainOptions } from '../commands/train.js';
import { runPytorchEngine } from './pytorch.js';

export interface LoadedSpec {
  source: string;
  analysed: CheckResult;
  network: ResolvedNetwork;
}

export async function trainOnPytorch(file: string, options: TrainOptions, io: CommandIO, spec: LoadedSpec): Promise<number> {
  const say = (s: string) => io.stdout.write(`${s}\n`);
  const fail = (s: string) => io.stderr.write(`axon train: ${s}\n`);
  const { source, analysed, network } = spec;
  const out = options.out ?? join('runs', network.name);
  const shownOut = isAbsolute(out) ? out : relative(process.cwd(), out) || '.';
  const run = await runPytorchEngine(
    {
      file,
      source,
      network,
      out,
      shownOut,
      nproc: options.nproc ?? 1,
      ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.python !== undefined ? { python: options.python } : {}),
      ...(options.allowDataOutside ? { allowDataOutside: true } : {}),
    },
    io,
  );
  if (run.code !== undefined) return run.code;
  const { result, seconds, epochs } = run;

  const report = async (): Promise<boolean> => {
    if (options.report === false) return true;
    try {
      const html = await writeTrainReport(out, file, source, analysed, network, result, seconds);
      say(`report   ${isAbsolute(out) ? html : relative(process.cwd(), html)}`);
      return true;
    } catch (err) {
      fail(reportWriteFailure(err, shownOut));
      return false;
    }
  };
  if (result.stopReason === 'diverged') {
    fail(result.message ?? 'training diverged');
    fail(`no model written; the per-epoch log is in ${join(shownOut, 'metrics.jsonl')}`);
    await report();
    return ExitCode.Findings;
  }
  say('');
  say(summaryTable(result, epochs, seconds));
  say(`model    ${join(shownOut, 'model.json')}, ${join(shownOut, 'weights.bin')}`);
  say(`metrics  ${join(shownOut, 'metrics.jsonl')}`);
  say(`pytorch  ${join(shownOut, 'pytorch')} (the generated model.py and train.py it ran)`);
  const reported = await report();
  if (!reported) fail('the model and metrics were saved');
  return reported ? ExitCode.Ok : ExitCode.Usage;
}
