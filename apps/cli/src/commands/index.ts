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

/** Each command lives in its own module and registers itself here. */
export function registerCommands(program: Command, setExitCode: SetExitCode): void {
  registerSummary(program, setExitCode);
  registerTrain(program, setExitCode);
  registerCompile(program, setExitCode);
  registerSweep(program, setExitCode);
  registerLint(program, setExitCode);
  registerFmt(program, setExitCode);
  registerDiagnose(program, setExitCode);
  registerPredict(program, setExitCode);
}
