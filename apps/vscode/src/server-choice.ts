/**
 * Which language server the extension starts. Plain data and pure functions (no `vscode` import), so the
 * choice is unit-tested without an editor.
 */
import * as path from 'node:path';

export type ServerChoice =
  /** A JavaScript module run with Node; the client talks to it over IPC (`--node-ipc`). */
  | { kind: 'node-module'; module: string; bundled: boolean }
  /** Any other executable: run with `--stdio` (the contract every editor uses). */
  | { kind: 'executable'; command: string };

const nodeModule = /\.(c|m)?js$/i;

/**
 * `configuredPath` is the `axon.server.path` setting (may be empty; `~` and workspace-relative paths
 * are resolved). Empty → the server bundled in the extension at `bundledServer`.
 */
export function chooseServer(
  configuredPath: string | undefined,
  bundledServer: string,
  opts: { workspaceFolder?: string; home?: string } = {},
): ServerChoice {
  const raw = (configuredPath ?? '').trim();
  if (raw === '') return { kind: 'node-module', module: bundledServer, bundled: true };
  let resolved = raw;
  if ((resolved === '~' || resolved.startsWith('~/')) && opts.home) resolved = path.join(opts.home, resolved.slice(1));
  if (!path.isAbsolute(resolved) && opts.workspaceFolder) resolved = path.resolve(opts.workspaceFolder, resolved);
  if (nodeModule.test(resolved)) return { kind: 'node-module', module: resolved, bundled: false };
  return { kind: 'executable', command: resolved };
}

/** How the choice is described in the server log. */
export function describeServer(choice: ServerChoice): string {
  return choice.kind === 'node-module'
    ? `${choice.bundled ? 'bundled server' : 'server module'} ${choice.module} (Node, IPC)`
    : `server executable ${choice.command} (--stdio)`;
}
