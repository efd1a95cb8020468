import { Command, CommanderError } from 'commander';
import { invokedCommand, registerCommands } from './commands/index.js';
import { UsageError, ExitCode } from './exit.js';

/**
 * Runs the `axon` command line and returns the process exit code:
 * 0 success, 1 findings at error level (or an unformatted file, a failed run), 2 usage/config/internal error.
 * Never lets a stack trace reach the user.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('axon')
    .description('Axon: lint, format, train and compile neural-network layer specs (.axon files).')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  let code: number = ExitCode.Ok;
  try {
    await registerCommands(
      program,
      (c) => {
        code = c;
      },
      invokedCommand(argv),
    );
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`axon: ${err.message}\n`);
      return ExitCode.Usage;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`axon: internal error: ${message}\n`);
    if (process.env.AXON_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    return ExitCode.Usage;
  }
}
