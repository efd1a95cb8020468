/**
 * `node:fs` and `node:fs/promises` in the browser: an in-memory file system holding the playground's
 * data sets (and a dropped CSV), so core's real CSV loader reads them with its own checks and messages.
 * It holds files only (no folders, no links). Writing (model files, reports) is not needed in the page
 * and says so. The reading calls cover more of Node's API than the packages use today, so a package
 * that starts using another one keeps building.
 */
const files = new Map<string, string>();

/** Puts a file into the in-memory file system (absolute POSIX path). */
export function writeVirtualFile(path: string, text: string): void {
  files.set(path, text);
}

type ErrorWithCode = Error & { code: string };

function notFound(path: unknown): ErrorWithCode {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${String(path)}'`), { code: 'ENOENT' });
}

function unsupported(what: string): never {
  throw Object.assign(new Error(`${what} is not available in the playground (no file system)`), { code: 'ENOTSUP' });
}

export interface Stats {
  size: number;
  mtimeMs: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

function statsOf(text: string): Stats {
  return { size: text.length, mtimeMs: 0, isFile: () => true, isDirectory: () => false, isSymbolicLink: () => false };
}

export function readFileSync(path: unknown): string {
  const text = files.get(String(path));
  if (text === undefined) throw notFound(path);
  return text;
}

export function existsSync(path: unknown): boolean {
  return files.has(String(path));
}

export function statSync(path: unknown, options?: { throwIfNoEntry?: boolean }): Stats;
export function statSync(path: unknown, options?: { throwIfNoEntry?: boolean }): Stats | undefined {
  const text = files.get(String(path));
  if (text === undefined) {
    if (options?.throwIfNoEntry === false) return undefined;
    throw notFound(path);
  }
  return statsOf(text);
}
export const lstatSync = statSync;

export function realpathSync(path: unknown): string {
  if (!files.has(String(path))) throw notFound(path);
  return String(path);
}

export function readdirSync(path: unknown): string[] {
  const dir = String(path).replace(/\/$/, '');
  return [...files.keys()].filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/')).map((p) => p.slice(dir.length + 1));
}

export const readFile = async (path: unknown): Promise<string> => readFileSync(path);
export const stat = async (path: unknown): Promise<Stats> => statSync(path);
export const lstat = stat;
export const realpath = async (path: unknown): Promise<string> => realpathSync(path);
export const readdir = async (path: unknown): Promise<string[]> => readdirSync(path);
export const access = async (path: unknown): Promise<void> => {
  if (!files.has(String(path))) throw notFound(path);
};

export const writeFile = async (): Promise<never> => unsupported('writing files');
export const appendFile = writeFile;
export const mkdir = async (): Promise<never> => unsupported('creating folders');
export const rename = async (): Promise<never> => unsupported('renaming files');
export const unlink = async (): Promise<never> => unsupported('removing files');
export const rm = async (): Promise<never> => unsupported('removing files');
export const open = async (): Promise<never> => unsupported('opening files for writing');
export const writeFileSync = (): never => unsupported('writing files');
export const mkdirSync = (): never => unsupported('creating folders');
export const renameSync = (): never => unsupported('renaming files');
export const unlinkSync = (): never => unsupported('removing files');
export const rmSync = (): never => unsupported('removing files');
export const constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };

export const promises = { readFile, stat, lstat, realpath, readdir, access, writeFile, appendFile, mkdir, rename, unlink, rm, open };

export default {
  ...promises,
  promises,
  constants,
  readFileSync,
  existsSync,
  statSync,
  lstatSync,
  realpathSync,
  readdirSync,
  writeFileSync,
  mkdirSync,
  renameSync,
  unlinkSync,
  rmSync,
};
