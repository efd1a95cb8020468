#!/usr/bin/env node
// End-to-end test of the Axon extension in real VS Code (code-server 4.100.3) driven by headless Chromium.
//
//   npm run test:e2e            (from the repository root; not part of `npm test`)
//
// 1. installs code-server into a cache folder with shared/tools/code-server-setup.sh (once);
// 2. packages the extension (`npm run package -w axon-vscode` → apps/vscode/dist/axon-vscode.vsix) and
//    installs it into a fresh code-server profile;
// 3. opens a fresh copy of examples/ in headless Chromium, opens deep-sigmoid.axon and asserts that
//    - a lint squiggle appears and the Problems panel lists `saturating-deep-stack`,
//    - hovering an activation shows the server's hover,
//    - the network's code lenses (Summary, Train, Compile, Diagnose) appear, and Summary runs the CLI
//      (`axon summary`, the repository's build) in a terminal that shows the parameter count,
//    - Train (code lens) runs `axon train` and opens the run's report in a webview,
//    - setting `axon.rules` turns a rule off in the running server,
//    - Diagnose (code lens) shows `axon diagnose` findings in the Problems panel,
//    - a quick fix (disable the rule for the line) removes the finding, and the edit clears diagnose's,
//    - completion after `activation:` offers the server's activations;
// 4. saves screenshots in .e2e/screenshots/ (gitignored).
//
// Env: AXON_E2E_VSIX=path skips packaging; AXON_E2E_CLI_BUILD=0 uses the CLI as already built;
// AXON_SHARED_DIR, AXON_E2E_CACHE, CHROMIUM_PATH (see DEVELOPERS.md).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureChromium, launchBrowser, poll } from './browser.mjs';
import { ensureCodeServer, freshProfile, profile, startCodeServer } from './code-server.mjs';
import { examplesDir, repoRoot, screenshotsDir, vsixPath, workDir } from './paths.mjs';
import { mod, openFile, textOf, waitForWorkbench, wordCenter } from './workbench.mjs';

const EXAMPLE = 'deep-sigmoid.axon';
const EXPECTED_RULE = 'saturating-deep-stack';
const started = Date.now();
const log = (m) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${m}`);

/** Polls `fn` until it returns a truthy value or `ms` pass. */
const until = (what, fn, ms = 60_000) => poll(what, fn, ms, 250);

/** The language server's log, from code-server's log folder, for failure reports. */
function serverLogTail() {
  const logs = join(profile.userDataDir, 'logs');
  const found = [];
  const walk = (dir) => {
    for (const e of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/Axon/.test(e.name) || e.name === 'exthost.log') found.push(p);
    }
  };
  walk(logs);
  return found
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    .map((p) => `--- ${p}\n${readFileSync(p, 'utf8').split('\n').slice(-30).join('\n')}`)
    .join('\n');
}

async function main() {
  ensureChromium(log);
  ensureCodeServer(log);

  let vsix = process.env.AXON_E2E_VSIX ? resolve(process.env.AXON_E2E_VSIX) : vsixPath;
  if (!process.env.AXON_E2E_VSIX) {
    log('packaging the extension: npm run package -w axon-vscode');
    execFileSync('npm', ['run', 'package', '-w', 'axon-vscode'], { cwd: repoRoot, stdio: 'inherit' });
  }
  assert.ok(existsSync(vsix), `no .vsix at ${vsix}`);
  // The code lenses run the CLI: use this repository's build of it.
  const cliPath = join(repoRoot, 'apps', 'cli', 'bin', 'axon.js');
  if (process.env.AXON_E2E_CLI_BUILD === '0' && existsSync(join(repoRoot, 'apps', 'cli', 'dist', 'main.js'))) {
    log('using the CLI as already built (AXON_E2E_CLI_BUILD=0)');
  } else {
    log('building the CLI: npx turbo run build --filter=@axon/cli...');
    execFileSync('npx', ['turbo', 'run', 'build', '--filter=@axon/cli...', '--output-logs=errors-only'], { cwd: repoRoot, stdio: 'inherit' });
  }
  freshProfile(vsix, log, { 'axon.cliPath': cliPath });

  // A fresh copy of examples/, so the run never edits the repository's files.
  const folder = join(workDir, 'examples');
  cpSync(examplesDir, folder, { recursive: true });
  const specText = readFileSync(join(folder, EXAMPLE), 'utf8');
  assert.match(specText, /dense\(\s*3\s*,\s*activation:\s*softmax\s*\)/, `${EXAMPLE} no longer has its softmax output layer; update the e2e script`);

  mkdirSync(screenshotsDir, { recursive: true });
  const server = await startCodeServer(folder, log);
  let context;
  const results = [];
  try {
    context = await launchBrowser();
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
    await waitForWorkbench(page);
    log('workbench loaded');
    await openFile(page, EXAMPLE);
    log(`opened ${EXAMPLE}`);

    // 1. The lint squiggle, and the finding in the Problems panel.
    const squiggles = page.locator('.editor-instance .squiggly-error, .editor-instance .squiggly-warning, .editor-instance .squiggly-info');
    await until('a lint squiggle in the editor', async () => (await squiggles.count()) > 0, 90_000);
    const squiggleCount = await squiggles.count();
    await page.keyboard.press(`${mod}+Shift+M`);
    const rows = page.locator('.markers-panel .monaco-list-row');
    const problems = await until(`${EXPECTED_RULE} in the Problems panel`, async () => {
      const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      return texts.some((t) => t.includes(EXPECTED_RULE)) ? texts : undefined;
    });
    const finding = problems.find((t) => t.includes(EXPECTED_RULE));
    await page.screenshot({ path: join(screenshotsDir, '1-problems.png') });
    results.push(`squiggles: ${squiggleCount} decoration(s); Problems panel rows: ${problems.length}; "${finding}"`);
    log(results.at(-1));

    // 2. Hover on the output layer's activation (no finding there: the text comes from the server's hover).
    await page.keyboard.press(`${mod}+1`); // back to the editor
    const softmax = await wordCenter(page, 'softmax', -1, 'activation: ');
    await page.mouse.move(softmax.x, softmax.y);
    const hoverBox = page.locator('.monaco-editor .monaco-hover:not(.hidden)');
    const hoverText = await until('a hover over `softmax`', async () => {
      if ((await hoverBox.count()) === 0) return undefined;
      const t = await textOf(hoverBox.first());
      return /softmax/i.test(t) && t.length > 30 ? t : undefined;
    });
    await page.screenshot({ path: join(screenshotsDir, '2-hover.png') });
    results.push(`hover (${hoverText.length} chars): "${hoverText.slice(0, 160)}${hoverText.length > 160 ? '…' : ''}"`);
    log(results.at(-1));
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');

    // 3. Code lenses on the network line; Summary runs `axon summary` in a terminal (a VS Code task).
    const lenses = page.locator('.editor-instance .codelens-decoration a');
    const lensTitles = await until('the network\'s code lenses', async () => {
      const t = (await lenses.allInnerTexts()).map((x) => x.trim());
      return ['Summary', 'Train', 'Compile', 'Diagnose'].every((x) => t.includes(x)) ? t : undefined;
    });
    await lenses.filter({ hasText: /^Summary$/ }).first().click();
    const terminalText = await until('the summary in the terminal', async () => {
      const rowsText = (await page.locator('.terminal-wrapper .xterm-rows').allInnerTexts()).join('\n');
      return /Total params: 19,267/.test(rowsText) ? rowsText : undefined;
    });
    await page.screenshot({ path: join(screenshotsDir, '3-summary.png') });
    const summaryLine = terminalText.split('\n').find((l) => l.includes('Total params')).trim();
    results.push(`code lenses: ${lensTitles.join(' | ')}; Summary ran the CLI: "${summaryLine}"`);
    log(results.at(-1));
    await page.keyboard.press(`${mod}+1`);

    // 4. Train from the code lens: the run's report opens in a webview beside the spec (the curves drawn
    //    from metrics.jsonl while training, then the CLI's report.html when it writes one).
    await lenses.filter({ hasText: /^Train$/ }).first().click();
    /** Text and chart count of every frame showing the run (a webview keeps its previous frame for a while). */
    const reportViews = async () => {
      const views = [];
      for (const frame of page.frames()) {
        const got = await frame
          .evaluate(() => ({ text: document.body?.innerText ?? '', svgs: document.querySelectorAll('svg').length }))
          .catch(() => undefined);
        if (got && /DeepSigmoid/.test(got.text) && /training/i.test(got.text)) views.push(got);
      }
      return views;
    };
    const LIVE = 'Live view from metrics.jsonl';
    const firstView = await until('the training run in a webview', async () => (await reportViews()).find((v) => v.svgs > 0), 120_000);
    const finalView = await until('the CLI\'s report.html in the webview', async () =>
      (await reportViews()).find((v) => !v.text.includes(LIVE) && v.svgs >= 2 && /Loss/.test(v.text)), 120_000);
    await page.screenshot({ path: join(screenshotsDir, '4-train-report.png') });
    results.push(
      `Train: the webview showed ${firstView.text.includes(LIVE) ? 'the live curves first, then ' : ''}the report ` +
        `(${finalView.svgs} SVGs): "${finalView.text.replace(/\s+/g, ' ').slice(0, 120)}…"`,
    );
    log(results.at(-1));
    await page.keyboard.press(`${mod}+1`);

    // 5. Rule severities from the settings reach the server: turning `sigmoid-hidden` off removes its
    //    findings while `saturating-deep-stack` stays.
    assert.ok(problems.some((t) => t.includes('sigmoid-hidden')), `expected sigmoid-hidden findings first: ${problems.join(' | ')}`);
    // Workspace settings (.vscode/settings.json in the folder): VS Code watches them, and the server pulls
    // `axon` settings per document.
    mkdirSync(join(folder, '.vscode'), { recursive: true });
    writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'axon.rules': { 'sigmoid-hidden': 'off' } }, null, 2));
    await page.keyboard.press(`${mod}+Shift+M`);
    const afterRules = await until('sigmoid-hidden to disappear after axon.rules turned it off', async () => {
      const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      return texts.length > 0 && !texts.some((t) => t.includes('sigmoid-hidden')) && texts.some((t) => t.includes(EXPECTED_RULE)) ? texts : undefined;
    }, 30_000);
    results.push(`workspace setting axon.rules {"sigmoid-hidden":"off"}: Problems rows ${problems.length} → ${afterRules.length}, ${EXPECTED_RULE} kept`);
    log(results.at(-1));
    await page.keyboard.press(`${mod}+1`);

    // 6. Diagnose from the code lens: `axon diagnose --format json`; its findings join the Problems panel
    //    (source axon-diagnose) until the document changes.
    await lenses.filter({ hasText: /^Diagnose$/ }).first().click();
    await page.keyboard.press(`${mod}+Shift+M`);
    const diagnosed = await until('axon-diagnose findings in the Problems panel', async () => {
      const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      return texts.find((t) => t.includes('diagnose/vanishing-gradients') && t.includes('axon-diagnose'));
    }, 120_000);
    await page.screenshot({ path: join(screenshotsDir, '5-diagnose.png') });
    results.push(`Diagnose: "${diagnosed.slice(0, 170)}…"`);
    log(results.at(-1));
    await page.keyboard.press(`${mod}+1`);

    // 7. Quick fix: Ctrl+. on the flagged layer lists the server's code actions; applying the one that
    //    disables `saturating-deep-stack` for that line removes the finding — and, since the document
    //    changed, the diagnose findings go too.
    const flagged = await wordCenter(page, 'sigmoid', 0, 'activation: ');
    await page.mouse.click(flagged.x, flagged.y);
    await page.keyboard.press(`${mod}+.`);
    const actionRows = page.locator('.action-widget .monaco-list-row');
    const actions = await until('code actions on the flagged layer', async () => {
      const t = (await actionRows.allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim()).filter(Boolean);
      return t.some((x) => /saturating-deep-stack/.test(x)) ? t : undefined;
    }, 30_000);
    await page.screenshot({ path: join(screenshotsDir, '6-quick-fix.png') });
    const disable = actions.find((x) => /disable/i.test(x) && /saturating-deep-stack/.test(x));
    assert.ok(disable, `no "disable saturating-deep-stack" action among: ${actions.join(' | ')}`);
    // Move the keyboard focus to that action and apply it, as a user does.
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < actions.length && ((await focused.innerText().catch(() => '')).replace(/\s+/g, ' ').trim() !== disable); i++) {
      await page.keyboard.press('ArrowDown');
    }
    assert.equal((await focused.innerText()).replace(/\s+/g, ' ').trim(), disable);
    await page.keyboard.press('Enter');
    await page.keyboard.press(`${mod}+Shift+M`);
    const afterFix = await until('the finding and the diagnose findings to go after the fix', async () => {
      const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      return !texts.some((t) => t.includes('(saturating-deep-stack)') || t.includes('axon-diagnose')) ? texts : undefined;
    }, 30_000);
    results.push(`quick fix: ${actions.length} action(s) [${actions.join(' | ')}]; applied "${disable}" → Problems rows ${afterFix.length}`);
    log(results.at(-1));
    await page.keyboard.press(`${mod}+1`);

    // 8. Completion after `activation:` on a new layer below the output layer.
    const outputLayer = await wordCenter(page, 'softmax', -1, 'activation: ');
    await page.mouse.click(outputLayer.x, outputLayer.y);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('dense(8, activation: ', { delay: 20 });
    await page.keyboard.press('Control+Space');
    const items = page.locator('.suggest-widget.visible .monaco-list-row');
    const labels = await until('completion items after `activation:`', async () => {
      const texts = (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
      return texts.includes('relu') ? texts : undefined;
    }, 30_000);
    await page.screenshot({ path: join(screenshotsDir, '7-completion.png') });
    for (const expected of ['relu', 'leaky_relu', 'tanh']) {
      assert.ok(labels.includes(expected), `completion lacks ${expected}: ${labels.join(', ')}`);
    }
    results.push(`completion (${labels.length} visible): ${labels.join(', ')}`);
    log(results.at(-1));
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(screenshotsDir, 'e2e.png') });
  } catch (err) {
    try {
      const page = context?.pages()[0];
      if (page) await page.screenshot({ path: join(screenshotsDir, 'failure.png') });
    } catch {
      // the browser is gone
    }
    console.error(serverLogTail());
    throw err;
  } finally {
    await context?.close().catch(() => {});
    server.stop();
  }
  log(`PASS — screenshots in ${screenshotsDir}`);
  for (const r of results) console.log(`  ✓ ${r}`);
}

main().catch((err) => {
  console.error(`\n[e2e] FAIL: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
