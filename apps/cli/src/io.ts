/** The streams a long-running command (train, diagnose, sweep) writes to; tests pass their own. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** stdout is a terminal: draw progress bars and colours. */
  tty: boolean;
}
