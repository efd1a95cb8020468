/**
 * `node:fs` and `node:fs/promises` in the browser: an in-memory file system holding the playground's
 * data sets (and a dropped CSV), so core's real CSV loader reads them with its own checks and messages.
 * Writing (model files, reports) is not needed in the page and says so.
 */
const files = new Map<string, string>();

/** Puts a file into the in-memory file system (absolute POSIX path). */
export function writeVirtualFile(path: string, text: string): void {
  files.set(path, text);
}

function notFound(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
}

function unsupported(what: string): never {
  throw Object.assign(new Error(`${what} is not available in the playground (no file system)`), { code: 'ENOTSUP' });
}

export async function readFile(path: string): Promise<string> {
  return readFileSync(path);
}

export function readFileSync(path: string): string {
  const text = files.get(String(path));
  if (text === undefined) throw notFound(String(path));
  return text;
}

export function existsSync(path: string): boolean {
  return files.has(String(path));
}

export function statSync(path: string): { mtimeMs: number; size: number } {
  const text = files.get(String(path));
  if (text === undefined) throw notFound(String(path));
  return { mtimeMs: 0, size: text.length };
}

export const writeFile = async (): Promise<never> => unsupported('writing files');
export const mkdir = async (): Promise<never> => unsupported('creating folders');
export const rename = async (): Promise<never> => unsupported('renaming files');
export const unlink = async (): Promise<never> => unsupported('removing files');
export const rm = async (): Promise<never> => unsupported('removing files');
export const open = async (): Promise<never> => unsupported('opening files for writing');

export default { readFile, readFileSync, existsSync, statSync, writeFile, mkdir, rename, unlink, rm, open };
