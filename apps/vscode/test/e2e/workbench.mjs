// Small helpers that drive VS Code's workbench (code-server) the way a user does: keyboard and mouse.
const isMac = process.platform === 'darwin';
export const mod = isMac ? 'Meta' : 'Control';

export async function waitForWorkbench(page) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
  // The explorer shows once the folder is loaded.
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'visible', timeout: 60_000 });
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

/**
 * Screen centre of the n-th visible occurrence (0-based; negative counts from the end) of `word` in the
 * active editor — only where it follows `after` — found through the DOM text (independent of how Monaco
 * splits tokens into spans).
 */
export async function wordCenter(page, word, nth = 0, after = '') {
  const boxes = await page.evaluate(([w, before]) => {
    const out = [];
    const lines = [...document.querySelectorAll('.editor-instance .view-lines .view-line')];
    lines.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    for (const line of lines) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let text = '';
      const nodes = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, start: text.length });
        text += n.textContent.replace(/\u00a0/g, ' ');
      }
      const escape = (x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const re = new RegExp(`(?<=${escape(before)})(?<![\\w-])${w}(?![\\w-])`, 'g');
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const at = (offset) => {
          const hit = nodes.filter((x) => x.start <= offset).pop();
          return [hit.node, offset - hit.start];
        };
        const range = document.createRange();
        range.setStart(...at(m.index));
        range.setEnd(...at(m.index + w.length - 1));
        const r = range.getBoundingClientRect();
        out.push({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      }
    }
    return out;
  }, [word, after]);
  if (boxes.length === 0) throw new Error(`"${word}" is not visible in the editor`);
  return boxes[nth < 0 ? boxes.length + nth : nth];
}

export async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}
