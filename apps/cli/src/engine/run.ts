/**
 * The `axon train --engine pytorch` run as the command sees it: the PyTorch run (engine/pytorch.ts),
 * then the same summary table, file list and HTML report as the built-in engine.
 */
import { join, relative, isAbsolute } from 'node:path';
import type { CheckResult, ResolvedNetwork } from '@axon/language';
import type { CommandIO } from '../io.js';
import { finishTraining, type TrainOptions } from '../commands/train.js';
import { runPytorchEngine } from './pytorch.js';

export interface LoadedSpec {
  source: string;
  analysed: CheckResult;
  network: ResolvedNetwork;
}

export async function trainOnPytorch(file: string, options: TrainOptions, io: CommandIO, spec: LoadedSpec): Promise<number> {
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
  return finishTraining(io, { file, source, analysed, network, out, shownOut, report: options.report !== false }, run, [
    `pytorch  ${join(shownOut, 'pytorch')} (the generated model.py and train.py it ran)`,
  ]);
}
