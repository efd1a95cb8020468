// Where the end-to-end run finds and keeps things. Everything it writes goes under <repo>/.e2e/ (gitignored)
// or the code-server cache (<repo>/node_modules/.cache/axon-e2e/, or $AXON_E2E_CACHE).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const extensionDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot = resolve(extensionDir, '..', '..');
export const examplesDir = join(repoRoot, 'examples');
export const workDir = join(repoRoot, '.e2e', 'vscode');
export const screenshotsDir = join(repoRoot, '.e2e', 'screenshots');
export const cacheDir = process.env.AXON_E2E_CACHE
  ? resolve(process.env.AXON_E2E_CACHE)
  : join(repoRoot, 'node_modules', '.cache', 'axon-e2e');
export const codeServerDir = join(cacheDir, 'code-server');
export const codeServerBin = join(codeServerDir, 'node_modules', '.bin', 'code-server');
export const vsixPath = join(extensionDir, 'dist', 'axon-vscode.vsix');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CODE_SERVER_VERSION = '4.100.3';

/**
 * The shared set-up script. On CI the shared folder sits beside the clone (../shared relative to the repo
 * root); $AXON_SHARED_DIR overrides it.
 */
export function codeServerSetupScript() {
  const shared = process.env.AXON_SHARED_DIR ? resolve(process.env.AXON_SHARED_DIR) : resolve(repoRoot, '..', 'shared');
  const script = join(shared, 'tools', 'code-server-setup.sh');
  if (!existsSync(script)) {
    throw new Error(
      `code-server set-up script not found at ${script}.\n` +
        `  The e2e test installs code-server ${CODE_SERVER_VERSION} with shared/tools/code-server-setup.sh, expected in ../shared ` +
        'beside the repository. Set AXON_SHARED_DIR to the folder that holds tools/code-server-setup.sh (see DEVELOPERS.md).',
    );
  }
  return script;
}
