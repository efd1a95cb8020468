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
  /** Where it was found, for the log: setting, workspace, bundled, PATH. */
  source: 'setting' | 'workspace' | 'bundled' | 'path';
}

export type CliAction = 'summary' | 'train' | 'compile' | 'diagnose';

export interface CliRequest {
  action: CliAction;
  /** The spec, as a file-system path. */
  file: string;
  /** The network to act on (from the code lens); absent: the CLI's own default. */
  network?: string;
  /** train: the run's output folder (the model and report.html land there). compile: output folder. */
  outDir?: string;
  /** compile: json, pytorch, keras, tfjs. */
  target?: string;
}

const nodeScript = /\.(c|m)?js$/i;

/**
 * Picks the CLI: the `axon.cliPath` setting, else the workspace's own (`node_modules/.bin/axon`, or this
 * repository's `apps/cli/bin/axon.js` when built), else the CLI bundled with the extension, else `axon`
 * on the PATH. `exists` is injected so the choice is testable.
 */
export function chooseCli(
  setting: string | undefined,
  candidates: { workspaceFolders: string[]; bundledCli: string },
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
  if (exists(candidates.bundledCli)) return { kind: 'node-script', path: candidates.bundledCli, source: 'bundled' };
  return { kind: 'executable', path: 'axon', source: 'path' };
}

/** The CLI's arguments for one request (after the program itself). */
export function cliArguments(req: CliRequest): string[] {
  const args: string[] = [req.action, req.file];
  if (req.network) args.push('--network', req.network);
  switch (req.action) {
    case 'train':
      if (req.outDir) args.push('--out', req.outDir);
      break;
    case 'compile':
      if (req.target) args.push('--target', req.target);
      if (req.outDir) args.push('--out', req.outDir);
      break;
    case 'diagnose':
      args.push('--format', 'json');
      break;
    case 'summary':
      break;
  }
  return args;
}

/** The run folder of a network: `<workspace>/<outDir setting>/<network or file stem>`. */
export function trainOutDir(baseDir: string, outSetting: string, file: string, network?: string): string {
  const root = path.isAbsolute(outSetting) ? outSetting : path.join(baseDir, outSetting || '.axon/runs');
  const name = network ?? path.basename(file).replace(/\.axon$/i, '');
  return path.join(root, name.replace(/[^A-Za-z0-9_.-]/g, '_'));
}

/** Quotes an argument for display in the log (what a user could paste into a POSIX shell). */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
