// Small helpers that drive VS Code's workbench (code-server) the way a user does: keyboard and mouse.
const isMac = process.platform === 'darwin';
export const mod = isMac ? 'Meta' : 'Control';

export async function waitForWorkbench(page) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
  // The explorer shows once the folder is loaded.
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'visible', timeout: 60_000 });
}

/** Runs a command from the command palette by its title. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** Opens a workspace file through Quick Open and waits for its editor tab. */
export async function openFile(page, name) {
  await page.keyboard.press(`${mod}+P`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
  await page.locator('.editor-instance .view-lines').first().waitFor({ state: 'visible' });
}

/** Moves the cursor to a 1-based line (Go to Line). */
export async function goToLine(page, line) {
  await page.keyboard.press(`${mod}+G`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
}

/** A visible editor token with exactly this text (the n-th one, 0-based; negative counts from the end). */
export async function token(page, text, nth = 0) {
  const all = page.locator('.editor-instance .view-lines .view-line span span').filter({ hasText: new RegExp(`^${text}$`) });
  const count = await all.count();
  if (count === 0) throw new Error(`no token "${text}" is visible in the editor`);
  return all.nth(nth < 0 ? count + nth : nth);
}

export async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}
