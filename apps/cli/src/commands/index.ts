import type { Command } from 'commander';
import { registerSummary } from './summary.js';
import { registerTrain } from './train.js';
import { registerCompile } from './compile.js';
import { registerSweep } from './sweep.js';
import { registerLint } from './lint.js';
import { registerFmt } from './fmt.js';
import { registerDiagnose } from './diagnose.js';
import { registerPredict } from './predict.js';

/** Sets the process exit code a command ends with. */
export type SetExitCode = (code: number) => void;

/**
 * Each command lives in its own module and registers itself here, eagerly (names, arguments, options,
 * help text: cheap). What a command runs on — the trainer, the compiler, the report's charts — each
 * command imports inside its action, so `axon lint` never loads the trainer (docs/cli.md#startup).
 * A few option lists come from those packages (compile's targets, lint's and diagnose's formats,
 * diagnose's thresholds, sweep's activations): they are loaded only when `invoked` names that command, the one argv runs or asks help for.
 */
export async function registerCommands(program: Command, setExitCode: SetExitCode, invoked?: string): Promise<void> {
  registerSummary(program, setExitCode);
  registerTrain(program, setExitCode);
  registerCompile(program, setExitCode, invoked === 'compile' ? (await import('@axon/compile')).TARGETS : []);
  registerSweep(program, setExitCode, invoked === 'sweep' ? (await import('@axon/diagnose')).SWEEP_ACTIVATIONS : []);
  registerLint(program, setExitCode, invoked === 'lint' ? (await import('@axon/lint')).FORMAT_NAMES : []);
  registerFmt(program, setExitCode);
  if (invoked === 'diagnose') {
    const [diagnose, lint] = await Promise.all([import('@axon/diagnose'), import('@axon/lint')]);
    registerDiagnose(program, setExitCode, Object.keys(diagnose.DEFAULT_THRESHOLDS), lint.FORMAT_NAMES);
  } else registerDiagnose(program, setExitCode, [], []);
  registerPredict(program, setExitCode);
}

/**
 * The command `argv` (process.argv: node, script, …) runs: the first argument that is not an option
 * (`axon` itself has only --help and --version), or the one after `help` (`axon help sweep`).
 */
export function invokedCommand(argv: readonly string[]): string | undefined {
  const args = argv.slice(2);
  const i = args.findIndex((a) => !a.startsWith('-'));
  if (i < 0) return undefined;
  return args[i] === 'help' ? args.slice(i + 1).find((a) => !a.startsWith('-')) : args[i];
}
