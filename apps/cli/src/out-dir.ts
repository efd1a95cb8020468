/**
 * The --out folder of train, diagnose and sweep: made (or checked) before any work starts, so a
 * bad --out fails in a second with a clear message instead of after minutes of training.
 */
import { mkdir } from 'node:fs/promises';
import { UsageError } from './exit.js';
import { describeFsError } from './fs-errors.js';

export async function ensureOutDir(out: string, shown = out): Promise<void> {
  try {
    await mkdir(out, { recursive: true });
  } catch (err) {
    throw new UsageError(`--out: cannot use ${describeFsError(err, shown)}; expected a folder to write the results into`);
  }
}

/** The message for a report that could not be written (the run's other results are kept). */
export function reportWriteFailure(err: unknown, out: string): string {
  // A failed rename names the temporary file as `path`; the file the user knows is `dest`.
  const e = err as NodeJS.ErrnoException & { dest?: string };
  const path = e?.dest ?? e?.path;
  return `could not write the report (${describeFsError(err, path ?? out)})`;
}
