/**
 * Where a spec may read its data from. A spec is a file people share, so its `data { source }` is
 * read only inside its project: the nearest folder above the spec holding `axon.config.json` or
 * `.git`, else the spec's own folder. The source is checked twice — as written (resolved against the
 * spec's folder, before anything outside is touched) and after following links (realpath) — and a
 * source outside is refused unless the caller allows it (`axon train --allow-data-outside`). Nothing
 * of an outside file is read, so no message can quote it.
 */
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** Files that mark a project's root folder. */
export const PROJECT_MARKERS = ['axon.config.json', '.git'] as const;

const exists = (path: string) => stat(path).then(
  () => true,
  () => false,
);

/** The project folder of a spec (absolute, as written: links not followed). */
export async function projectRoot(specPath: string): Promise<string> {
  const start = dirname(resolve(specPath));
  for (let dir = start; ; dir = dirname(dir)) {
    for (const marker of PROJECT_MARKERS) if (await exists(join(dir, marker))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/** Whether `path` is `root` or below it (both absolute). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${'/'}`) && !rel.startsWith('..\\') && !isAbsolute(rel));
}

export type Confinement =
  /** Read this path (links resolved when they could be); `outside` when it is allowed though outside. */
  | { ok: true; path: string; outside: boolean }
  /** Refused: the sentence says why and how to allow it. */
  | { ok: false; reason: string };

/**
 * Checks the data source `source` of the spec at `specPath`. `resolved` is the source resolved against
 * the spec's folder. With `allowOutside` every path is accepted (and still resolved). `givenRoot`
 * replaces the project folder found from the spec (the playground's in-memory files are all its own).
 */
export async function confineDataSource(
  source: string,
  resolved: string,
  specPath: string,
  allowOutside = false,
  givenRoot?: string,
): Promise<Confinement> {
  const real = await realpath(resolved).catch(() => undefined);
  const root = givenRoot !== undefined ? resolve(givenRoot) : await projectRoot(specPath);
  if (allowOutside) {
    const realRoot = (await realpath(root).catch(() => undefined)) ?? root;
    return { ok: true, path: real ?? resolved, outside: !isInside(resolved, root) || (real !== undefined && !isInside(real, realRoot)) };
  }
  const how = 'pass --allow-data-outside to read it';
  if (!isInside(resolved, root)) {
    return { ok: false, reason: `data source "${source}" is outside the project (${root}); ${how}` };
  }
  // A missing file (or a dangling link) is reported by the reader as "file not found".
  if (real === undefined) return { ok: true, path: resolved, outside: false };
  const realRoot = (await realpath(root).catch(() => undefined)) ?? root;
  if (!isInside(real, realRoot)) {
    return { ok: false, reason: `data source "${source}" is a link to ${real}, outside the project (${root}); ${how}` };
  }
  return { ok: true, path: real, outside: false };
}
