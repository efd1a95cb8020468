export const ExitCode = {
  Ok: 0,
  /** Errors found, `--max-warnings` exceeded, unformatted files with `--check`, training failed. */
  Findings: 1,
  /** Bad usage, bad config, unreadable input, internal error. */
  Usage: 2,
} as const;

/** An error caused by how the command was called or configured: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}
