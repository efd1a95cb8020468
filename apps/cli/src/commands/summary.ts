/**
 * `axon summary FILE...`
 *
 * For each network of each file, a table like Keras's `model.summary()`: every layer after blocks and
 * repeats are expanded, its activation, output shape, parameter count and the source line it came
 * from (with the block use / repeat iteration that produced it), then total, trainable and
 * non-trainable parameters.
 * Problems print as `file:line:col: severity: message [code]` with the source line and a caret.
 * Exit codes: 0 all files clean; 1 a file has errors; 2 bad usage or an unreadable file.
 */
import type { Command } from 'commander';
import pc from 'picocolors';
import { ExitCode } from '../exit.js';
import { readSourceText, SourceReadError } from '../source-text.js';
import type { SetExitCode } from './index.js';

export interface SummaryIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Colour the output (ANSI escapes). */
  color: boolean;
}

export function registerSummary(program: Command, setExitCode: SetExitCode): void {
  program
    .command('summary')
    .description('print each network as a table of layers, output shapes and parameter counts (like Keras model.summary())')
    .argument('<files...>', '.axon files')
    .option('--no-color', 'plain output without colours')
    .action(async (files: string[], options: { color?: boolean }) => {
      const code = await runSummary(files, {
        stdout: process.stdout,
        stderr: process.stderr,
        color: useColor(options.color, process.stdout.isTTY === true, process.env),
      });
      setExitCode(code);
    });
}

/**
 * Colours only for a terminal (as docs/cli/summary.md says), even under CI=true, where picocolors
 * alone would colour piped output; FORCE_COLOR forces them, NO_COLOR and --no-color turn them off.
 */
export function useColor(flag: boolean | undefined, tty: boolean, env: NodeJS.ProcessEnv): boolean {
  if (flag === false || env.NO_COLOR !== undefined) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return tty && env.TERM !== 'dumb';
}

/** Runs `axon summary` over the files and returns the exit code (the worst over all files). */
export async function runSummary(files: string[], io: SummaryIO): Promise<number> {
  // The language loads when the command runs, not with the CLI (docs/cli.md#startup).
  const { check, formatDiagnostics, renderSummary } = await import('@axon/language');
  const style = pc.createColors(io.color);
  let code: number = ExitCode.Ok;
  let first = true;
  for (const file of files) {
    let text: string;
    try {
      text = await readSourceText(file);
    } catch (err) {
      if (!(err instanceof SourceReadError)) throw err;
      io.stderr.write(`axon: ${err.message}\n`);
      code = Math.max(code, ExitCode.Usage);
      continue;
    }
    const result = check(text);
    if (result.diagnostics.length > 0) io.stderr.write(`${formatDiagnostics(file, text, result.diagnostics, { color: io.color, related: true })}\n`);
    if (result.diagnostics.some((d) => d.severity === 'error')) {
      code = Math.max(code, ExitCode.Findings);
      continue;
    }
    if (result.networks.length === 0) {
      io.stderr.write(`${file}: no networks\n`);
      continue;
    }
    for (const network of result.networks) {
      if (!first) io.stdout.write('\n');
      first = false;
      const location = `${file}:${network.nameRange.start.line}`;
      io.stdout.write(`${renderSummary(network, { location, bold: style.bold, dim: style.dim })}\n`);
    }
  }
  return code;
}
