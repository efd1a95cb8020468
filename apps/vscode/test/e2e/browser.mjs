// Headless Chromium (Debian's package) through playwright-core, with a fresh profile each run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath, workDir } from './paths.mjs';

/** The flags the machine needs (see DEVELOPERS.md); playwright adds --headless itself for headless: true. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Installs Debian's chromium when it is missing and we may (root); otherwise says how. */
export function ensureChromium(log) {
  if (existsSync(chromiumPath)) return;
  if (process.getuid?.() === 0) {
    log('chromium missing: apt-get install -y chromium');
    execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' });
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}. Install it with: sudo apt-get update && sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
}

export async function launchBrowser() {
  const userDataDir = join(workDir, 'chromium-profile');
  rmSync(userDataDir, { recursive: true, force: true });
  mkdirSync(userDataDir, { recursive: true });
  // launchPersistentContext is playwright's way of passing --user-data-dir.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 900 },
  });
  return context;
}

/**
 * Polls `fn` every `every` ms until it returns a truthy value (returned) or `ms` pass (throws, naming
 * `what` and the last error `fn` threw). Shared by the VS Code and playground browser tests.
 */
export async function poll(what, fn, ms, every) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
