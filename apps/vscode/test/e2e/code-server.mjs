// Installs code-server (once, into the cache), installs the built .vsix into a fresh profile, and starts
// code-server on a free local port with a folder open.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CODE_SERVER_VERSION, codeServerBin, codeServerDir, codeServerSetupScript, workDir } from './paths.mjs';

/** Installs code-server with the shared set-up script unless the cached install has the right version. */
export function ensureCodeServer(log) {
  if (existsSync(codeServerBin)) {
    const v = spawnSync(codeServerBin, ['--version'], { encoding: 'utf8', env: profileEnv() });
    if (v.status === 0 && v.stdout.split('\n').some((l) => l.startsWith(`${CODE_SERVER_VERSION} `))) {
      log(`code-server ${CODE_SERVER_VERSION} already in ${codeServerDir}`);
      return;
    }
  }
  const script = codeServerSetupScript();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir} with ${script} (a few minutes the first time)`);
  execFileSync('bash', [script, codeServerDir], { stdio: 'inherit' });
  if (!existsSync(codeServerBin)) throw new Error(`code-server set-up finished but ${codeServerBin} is missing`);
}

/** Keeps code-server's config and data out of the user's home. */
function profileEnv() {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(workDir, 'xdg', 'config'),
    XDG_DATA_HOME: join(workDir, 'xdg', 'data'),
    XDG_CACHE_HOME: join(workDir, 'xdg', 'cache'),
  };
}

export const profile = {
  userDataDir: join(workDir, 'user-data'),
  extensionsDir: join(workDir, 'extensions'),
};

const settings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'editor.hover.delay': 150,
  'editor.minimap.enabled': false,
  // Completions must come from the language server, not from words in the file or snippets.
  'editor.wordBasedSuggestions': 'off',
  'editor.snippetSuggestions': 'none',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'files.autoSave': 'off',
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
  // The DOM renderer keeps the terminal's text readable by the test (no GPU here anyway).
  'terminal.integrated.gpuAcceleration': 'off',
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
};

/** A fresh profile (user data + extensions) with the extension installed from `vsix`. */
export function freshProfile(vsix, log, extraSettings = {}) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(join(profile.userDataDir, 'User'), { recursive: true });
  mkdirSync(profile.extensionsDir, { recursive: true });
  writeFileSync(join(profile.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...settings, ...extraSettings }, null, 2));
  log(`installing ${vsix}`);
  const r = spawnSync(
    codeServerBin,
    ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--install-extension', vsix],
    { encoding: 'utf8', env: profileEnv() },
  );
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`code-server --install-extension failed (exit ${r.status}):\n${out}`);
  }
  log(out.trim().split('\n').filter((l) => /install/i.test(l)).join('\n'));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts code-server with `folder` open; resolves once its health endpoint answers. */
export async function startCodeServer(folder, log) {
  const port = await freePort();
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir,
    folder,
  ];
  const logFile = join(workDir, 'code-server.log');
  const child = spawn(codeServerBin, args, { env: profileEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  log(`code-server ${CODE_SERVER_VERSION} on ${url} (pid ${child.pid})`);
  return {
    url,
    output: () => output,
    logFile,
    stop() {
      writeFileSync(logFile, output);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}
