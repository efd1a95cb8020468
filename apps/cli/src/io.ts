/** The streams a long-running command (train, diagnose, sweep) writes to; tests pass their own. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** stdout is a terminal: draw progress bars and colours. */
  tty: boolean;
}

/** The streams and context of a command over source files (lint, fmt). */
export interface FilesCommandIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** Colour the output. */
  color: boolean;
  /** Paths are resolved and printed relative to this folder. */
  cwd: string;
}
