/**
 * Writing a file the CLI produces or rewrites (compile -o, fmt, lint --fix, sweep).
 *
 * A regular file (or a missing one) is written atomically: the new contents go to a temporary file
 * in the same folder, are flushed to disk, then renamed over the original. An interruption leaves
 * either the old file or the new one, never a half-written file. The original's permission bits
 * are kept exactly (the umask does not narrow them: a 666 file stays 666) and so are its owner and
 * group (a root `axon fmt` on another user's file leaves it theirs). A symbolic link is followed:
 * its target is rewritten and the link stays a link.
 *
 * Anything else — a device (`/dev/null`, `/dev/stdout`), a FIFO, a socket, a link to one such as
 * `/proc/self/fd/1` — is written in place: renaming over it would replace the device with a
 * regular file.
 */
import { open, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(given: string, contents: string | Uint8Array): Promise<void> {
  const existing = await stat(given).catch(() => undefined);
  if (existing && !existing.isFile()) {
    if (existing.isDirectory()) throw Object.assign(new Error(`${given} is a folder`), { code: 'EISDIR', path: given });
    await writeFile(given, contents);
    return;
  }
  const path = await realpath(given).catch(() => given);
  // node:crypto loads when a file is written, not with every command (docs/cli.md#startup).
  const { randomBytes } = await import('node:crypto');
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', existing ? existing.mode & 0o7777 : 0o644);
  try {
    try {
      if (existing) await keepModeAndOwner(handle, existing);
      await (typeof contents === 'string' ? handle.writeFile(contents, 'utf8') : handle.writeFile(contents));
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    if ((err as NodeJS.ErrnoException).code === 'EPERM' && existing) {
      // Not allowed to give the new file the original's owner: rewrite the original in place instead.
      await writeFile(path, contents);
      return;
    }
    throw err;
  }
  try {
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

/** Gives the temporary file the original's exact mode, then its owner and group when they differ from ours. */
async function keepModeAndOwner(handle: import('node:fs/promises').FileHandle, original: Stats): Promise<void> {
  await handle.chmod(original.mode & 0o7777);
  const mine = await handle.stat();
  if (mine.uid !== original.uid || mine.gid !== original.gid) {
    await handle.chown(original.uid, original.gid);
    // chown clears the set-user and set-group bits: put them back.
    if (original.mode & 0o6000) await handle.chmod(original.mode & 0o7777);
  }
}
