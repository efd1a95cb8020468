/**
 * `axon fmt [--check] files...`
 *
 * Rewrites .axon files in the canonical layout (atomically), or with --check lists the files
 * that are not formatted. A file with syntax errors is reported with its errors and never rewritten.
 * Exit codes: 0 all formatted (or rewritten); 1 --check found unformatted files;
 * 2 bad usage, an unreadable file, or a file with syntax errors.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import { ExitCode, UsageError } from '../exit.js';
import { expandFiles } from '../files.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { describeFsError } from '../fs-errors.js';
import { readListedSource } from '../source-text.js';
import type { SetExitCode } from './index.js';
import type { FilesCommandIO } from '../io.js';

export interface FmtOptions {
  check?: boolean;
}

export function registerFmt(program: Command, setExitCode: SetExitCode): void {
  program
    .command('fmt')
    .description('format .axon files in place (atomically); --check lists unformatted files and exits 1')
    .argument('<paths...>', '.axon files, folders or glob patterns')
    .option('--check', 'do not write; list files that are not formatted and exit 1 if any')
    .action(async (paths: string[], options: FmtOptions) => {
      const color = process.stderr.isTTY === true && pc.isColorSupported;
      setExitCode(await runFmt(paths, options, { stdout: process.stdout, stderr: process.stderr, color, cwd: process.cwd() }));
    });
}

/** Runs `axon fmt` and returns the exit code. */
export async function runFmt(paths: string[], options: FmtOptions, io: FilesCommandIO): Promise<number> {
  // The language loads when the command runs, not with the CLI (docs/cli.md#startup).
  const { format, formatDiagnostics, parse } = await import('@axon/language');
  let files: string[];
  try {
    files = await expandFiles(paths, io.cwd);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`axon: ${err.message}\n`);
    return ExitCode.Usage;
  }
  let unformatted = 0;
  let failed = false;
  let rewritten = 0;
  for (const file of files) {
    const absolute = resolve(io.cwd, file);
    const text = await readListedSource(file, absolute, io.stderr);
    if (text === undefined) {
      failed = true;
      continue;
    }
    const errors = parse(text).diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      io.stderr.write(`${formatDiagnostics(file, text, errors, { color: io.color })}\n`);
      io.stderr.write(`axon: ${file} has syntax errors; not formatted\n`);
      failed = true;
      continue;
    }
    const formatted = format(text);
    if (formatted === text) continue;
    if (options.check) {
      io.stdout.write(`${file}\n`);
      unformatted++;
    } else {
      try {
        await writeFileAtomic(absolute, formatted);
      } catch (err) {
        io.stderr.write(`axon: cannot write ${describeFsError(err, file)}; the file is unchanged\n`);
        failed = true;
        continue;
      }
      io.stdout.write(`formatted ${file}\n`);
      rewritten++;
    }
  }
  if (options.check && unformatted > 0) {
    io.stderr.write(`axon: ${unformatted} file${unformatted === 1 ? ' is' : 's are'} not formatted (run axon fmt to fix)\n`);
  }
  void rewritten;
  if (failed) return ExitCode.Usage;
  if (options.check && unformatted > 0) return ExitCode.Findings;
  return ExitCode.Ok;
}
