/**
 * How the extension runs the `axon` CLI: which program, with which arguments. Plain data and pure
 * functions (no `vscode` import).
 */
import * as path from 'node:path';

/** A program to start: `node script args…` for a JavaScript entry, or the executable itself. */
export interface CliProgram {
  /** A `.js`/`.cjs`/`.mjs` entry run with Node, or an executable (`axon` on the PATH). */
  kind: 'node-script' | 'executable';
  path: string;
  /** Where it was found, for the log: setting, workspace, PATH. */
  source: 'setting' | 'workspace' | 'path';
}

export type CliAction = 'summary' | 'train' | 'compile' | 'diagnose';

export interface CliRequest {
  action: CliAction;
  /** The spec, as a file-system path. */
  file: string;
  /** The network to act on (from the code lens); absent: the CLI's own default. `summary` shows them all. */
  network?: string;
  /** train: the run's folder (the model, metrics.jsonl and report.html land there). */
  outDir?: string;
  /** compile: json, pytorch, keras, tfjs, onnx. */
  target?: string;
  /** compile: a folder written by `axon train` (onnx needs one). */
  weights?: string;
}

/** Targets `axon compile` prints to stdout when no --output is given (the extension opens them in an editor). */
export const STDOUT_TARGETS = new Set(['json', 'keras']);

const nodeScript = /\.(c|m)?js$/i;

/**
 * Picks the CLI: the `axon.cliPath` setting, else the workspace's own (`node_modules/.bin/axon`, or this
 * repository's `apps/cli/bin/axon.js` when built), else `axon` on the PATH. `exists` is injected so the
 * choice is testable. (The CLI is not bundled into the extension: its reports need native add-ons.)
 */
export function chooseCli(
  setting: string | undefined,
  candidates: { workspaceFolders: string[] },
  exists: (p: string) => boolean,
): CliProgram {
  const configured = (setting ?? '').trim();
  if (configured !== '') {
    const first = candidates.workspaceFolders[0];
    const p = path.isAbsolute(configured) || !first ? configured : path.resolve(first, configured);
    return { kind: nodeScript.test(p) ? 'node-script' : 'executable', path: p, source: 'setting' };
  }
  for (const folder of candidates.workspaceFolders) {
    const repoCli = path.join(folder, 'apps', 'cli', 'bin', 'axon.js');
    if (exists(repoCli) && exists(path.join(folder, 'apps', 'cli', 'dist', 'main.js'))) {
      return { kind: 'node-script', path: repoCli, source: 'workspace' };
    }
    const bin = path.join(folder, 'node_modules', '.bin', process.platform === 'win32' ? 'axon.cmd' : 'axon');
    if (exists(bin)) return { kind: 'executable', path: bin, source: 'workspace' };
  }
  return { kind: 'executable', path: 'axon', source: 'path' };
}

/** The CLI's arguments for one request (after the program itself), as `apps/cli` defines its commands. */
export function cliArguments(req: CliRequest): string[] {
  switch (req.action) {
    case 'summary':
      // `axon summary <files...>` describes every network of the file.
      return ['summary', req.file];
    case 'train':
      return ['train', req.file, ...networkArg(req), ...(req.outDir ? ['--out', req.outDir] : [])];
    case 'compile':
      return [
        'compile',
        req.file,
        '--target',
        req.target ?? 'json',
        ...networkArg(req),
        ...(req.weights ? ['--weights', req.weights] : []),
      ];
    case 'diagnose':
      return ['diagnose', req.file, ...networkArg(req), '--format', 'json'];
  }
}

function networkArg(req: CliRequest): string[] {
  return req.network ? ['--network', req.network] : [];
}

/** The run folder of a network: `<base>/<outDir setting>/<network or file stem>` (the CLI's `runs/<network>`). */
export function trainOutDir(baseDir: string, outSetting: string, file: string, network?: string): string {
  const root = path.isAbsolute(outSetting) ? outSetting : path.join(baseDir, outSetting || 'runs');
  const name = network ?? path.basename(file).replace(/\.axon$/i, '');
  return path.join(root, name.replace(/[^A-Za-z0-9_.-]/g, '_'));
}

/** Quotes an argument for display in the log (what a user could paste into a POSIX shell). */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Whether `command` (a bare name) is an executable on `pathEnv` (the PATH variable). */
export function onPath(command: string, pathEnv: string | undefined, exists: (p: string) => boolean): boolean {
  if (command.includes('/') || command.includes('\\')) return exists(command);
  const exts = process.platform === 'win32' ? ['.cmd', '.exe', ''] : [''];
  return (pathEnv ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => exts.some((ext) => exists(path.join(dir, command + ext))));
}
