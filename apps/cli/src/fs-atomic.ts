/**
 * Atomic file writes: the new contents go to a temporary file in the same folder, are flushed to
 * disk, then renamed over the original. An interruption leaves either the old file or the new
 * one, never a half-written file. The original's permissions are kept, and a symbolic link is
 * followed (its target is rewritten; the link stays a link).
 */
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(given: string, contents: string | Uint8Array): Promise<void> {
  const path = await realpath(given).catch(() => given);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await stat(path)).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const handle = await open(temp, 'wx', mode ?? 0o644);
  try {
    try {
      await (typeof contents === 'string' ? handle.writeFile(contents, 'utf8') : handle.writeFile(contents));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
