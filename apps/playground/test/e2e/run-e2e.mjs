#!/usr/bin/env node
// End-to-end test of the playground in headless Chromium (Debian's package, through playwright-core).
//
//   npm run test:e2e                      (from the repository root, after the VS Code e2e)
//   node apps/playground/test/e2e/run-e2e.mjs
//
// 1. builds the site (turbo: the packages it uses, then `vite build` → apps/playground/dist/);
//    AXON_PLAYGROUND_BUILD=0 uses dist/ as it is;
// 2. serves dist/ from a local static server (node:http on 127.0.0.1);
// 3. opens it with the deep sigmoid example in `#code=` and asserts that
//    - the `saturating-deep-stack` squiggle and its Problems entry appear (time to first diagnostics printed),
//    - hovering an activation shows the server's hover text; inlay shapes, completion, signature help
//      and the outline answer,
//    - a quick fix for the finding removes it,
//    - the iris example trains in the page to validation accuracy ≥ 0.95 with the charts drawn,
//    - Sweep ranks the activation variants, a dropped CSV trains a spec without data { },
//    - Format gives the formatter's text, the Compile tab shows PyTorch code,
//    - with the network off, the page reloads from its service worker's cache and trains iris again,
//    - no console errors, no page errors, and no request left the site;
// 4. prints the bundle size and saves screenshots in apps/playground/test/e2e/screenshots/ (gitignored).
//
// Env: CHROMIUM_PATH (default /usr/bin/chromium).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import lz from 'lz-string';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, ensureChromium, poll } from '../../../vscode/test/e2e/browser.mjs';
import { serveStatic } from './serve.mjs';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const repoRoot = resolve(appDir, '..', '..');
const distDir = join(appDir, 'dist');
const screenshots = join(appDir, 'test', 'e2e', 'screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RULE = 'saturating-deep-stack';
const MIN_VAL_ACCURACY = 0.95;

const started = Date.now();
const log = (m) => console.log(`[playground e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${m}`);

/** Polls `fn` until it returns a truthy value or `ms` pass. */
const until = (what, fn, ms = 30_000) => poll(what, fn, ms, 100);

/** Every file of dist/ with its size and gzip size. */
function bundleSize() {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push({ path: p.slice(distDir.length + 1), bytes: statSync(p).size, gzip: gzipSync(readFileSync(p)).length });
    }
  };
  walk(distDir);
  return files.sort((a, b) => b.bytes - a.bytes);
}
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;

/** Screen centre of the first visible `word` in the editor (from the DOM text, however Monaco splits spans). */
async function wordCenter(page, word, lineIncludes = '') {
  return page.evaluate(
    ([w, must]) => {
      const lines = [...document.querySelectorAll('#editor .view-lines .view-line')].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      for (const line of lines) {
        const text = line.textContent.replace(/\u00a0/g, ' ');
        if (!text.includes(must)) continue;
        const at = text.indexOf(w);
        if (at < 0) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let offset = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const len = n.textContent.length;
          if (at >= offset && at < offset + len) {
            const range = document.createRange();
            range.setStart(n, at - offset);
            range.setEnd(n, Math.min(len, at - offset + w.length));
            const r = range.getBoundingClientRect();
            return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
          }
          offset += len;
        }
      }
      return null;
    },
    [word, lineIncludes],
  );
}

async function main() {
  ensureChromium(log);
  if (process.env.AXON_PLAYGROUND_BUILD !== '0') {
    log('building the site: turbo run build --filter=@axon/playground...');
    const t = Date.now();
    execFileSync('npx', ['turbo', 'run', 'build', '--filter=@axon/playground...', '--output-logs=errors-only'], { cwd: repoRoot, stdio: 'inherit' });
    log(`built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const files = bundleSize();
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const totalGzip = files.reduce((s, f) => s + f.gzip, 0);
  const initial = files.filter((f) => !/mnist|sweep-worker/.test(f.path));
  log(`bundle: ${files.length} files, ${kb(total)} (${kb(totalGzip)} gzip); without the on-demand MNIST data: ${kb(initial.reduce((s, f) => s + f.bytes, 0))} (${kb(initial.reduce((s, f) => s + f.gzip, 0))} gzip)`);
  for (const f of files.slice(0, 8)) log(`  ${f.path.padEnd(40)} ${kb(f.bytes).padStart(9)}  ${kb(f.gzip).padStart(8)} gzip`);

  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
  const server = await serveStatic(distDir);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_FLAGS });
  const problems = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    const outside = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const shot = async (name) => page.screenshot({ path: join(screenshots, `${name}.png`) });

    // 1. the deep sigmoid stack, from the URL
    const deep = readFileSync(join(repoRoot, 'examples', 'deep-sigmoid.axon'), 'utf8');
    const url = `${server.url}#code=${lz.compressToEncodedURIComponent(deep)}`;
    log(`opening ${server.url}#code=… (deep-sigmoid.axon, ${deep.length} characters)`);
    await page.goto(url);
    await page.locator('#editor .view-lines').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await page.evaluate(() => document.querySelector('#editor .view-lines').textContent.replace(/\u00a0/g, ' ').includes('network DeepSigmoid')), true, 'the editor shows the spec from #code=');
    await page.locator('#editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
    const lenses = await until('the code lenses', async () => {
      const texts = await page.locator('#editor .codelens-decoration a').allInnerTexts();
      // Monaco lays the lens anchors out before it fills in their titles: wait for the text too.
      return texts.length && texts.every((t) => t.trim() !== '') ? texts : undefined;
    });
    assert.deepEqual(lenses.map((t) => t.trim()), ['Summary', 'Train', 'Compile'], 'the server\'s code lenses the page can run');
    await page.locator('[data-tab=problems]').click();
    await page.locator(`#panel-problems .problem[data-code="${RULE}"]`).waitFor({ timeout: 10_000 });
    const timings = await page.evaluate(() => window.axonPlayground.timings);
    const nav = await page.evaluate(() => JSON.parse(JSON.stringify(performance.getEntriesByType('navigation')[0])));
    const load = (await import('node:os')).loadavg()[0].toFixed(1);
    log(
      `time to first diagnostics: sent by the server ${Math.round(timings.serverFirstDiagnosticsMs)} ms after navigation start (initialised at ${Math.round(timings.serverReadyMs)} ms), ` +
        `shown in the Problems tab at ${Math.round(timings.firstDiagnosticsMs)} ms; ` +
        `squiggles in the editor at ${Math.round(timings.firstMarkersMs)} ms (Monaco loads after the first diagnostics; its script started at ${Math.round(timings.scriptStartMs)} ms); ` +
        `DOMContentLoaded ${Math.round(nav.domContentLoadedEventEnd)} ms; load average ${load} on ${(await import('node:os')).cpus().length} cores`,
    );
    const link = await page.locator(`#panel-problems .problem[data-code="${RULE}"] a`).getAttribute('href');
    assert.ok(link?.endsWith(`docs/rules/${RULE}.md`), `the problem links to the rule page (got ${link})`);
    // the rule's page, bundled: "Why?" opens it in the Problems tab
    await page.locator(`#panel-problems .problem[data-code="${RULE}"] button[data-about]`).click();
    const rulePage = page.locator(`#panel-problems .problem[data-code="${RULE}"] .rule-box`);
    await rulePage.locator('h3').first().waitFor({ timeout: 10_000 });
    const ruleText = await rulePage.innerText();
    assert.match(ruleText, /Why is this bad\?/, 'the bundled rule page is shown');
    assert.ok(await rulePage.locator('pre code').count() > 0, 'its example is a code block');
    await shot('1-deep-sigmoid-diagnostics');
    await page.locator(`#panel-problems .problem[data-code="${RULE}"] button[data-about]`).click(); // closes it again
    log(`squiggle and Problems entry for ${RULE} shown; rule page ${link}; code lenses ${lenses.join(', ')}`);

    // 2. hover an activation: the server's hover (markdown), beside the marker's message
    const at = await until('the word sigmoid in the editor', () => wordCenter(page, 'sigmoid', 'dense(32'));
    await page.mouse.move(at.x, at.y);
    const hover = page.locator('.monaco-hover:not(.hidden) .markdown-hover .hover-contents').first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const hoverText = await hover.innerText();
    assert.match(hoverText, /sigmoid/i, 'the hover names the activation');
    assert.match(hoverText, /0\.25|\(0, 1\)|0\.\.1|0 and 1/, 'the hover gives the activation facts from the catalog');
    await shot('2-hover');
    log(`hover: ${JSON.stringify(hoverText.replace(/\s+/g, ' ').slice(0, 120))}…`);
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');

    // 2b. the other editor features, all answered by the server: inlay shapes, completion, signature help, outline
    assert.ok(
      await page.evaluate(() => document.querySelector('#editor .view-lines').textContent.replace(/\u00a0/g, ' ').includes('19,267 params')),
      'the inlay hint on the network shows its parameter count',
    );
    const softmax = await until('the word softmax', () => wordCenter(page, 'softmax'));
    await page.mouse.dblclick(softmax.x, softmax.y); // selects the word
    await page.keyboard.type('re');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'relu' }).first();
    await suggestion.waitFor({ state: 'visible', timeout: 15_000 });
    const offered = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
    log(`completion after "activation: re": ${offered.slice(0, 6).map((t) => t.split('\n')[0]).join(', ')}`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    const units = await until('the number 32', () => wordCenter(page, '32', 'dense(32'));
    await page.mouse.click(units.x, units.y);
    await page.keyboard.press('Control+Shift+Space');
    const signature = page.locator('.parameter-hints-widget');
    await signature.waitFor({ state: 'visible', timeout: 15_000 });
    const signatureText = (await signature.innerText()).replace(/\s+/g, ' ');
    assert.match(signatureText, /dense\(/, 'signature help shows the dense signature');
    log(`signature help: ${JSON.stringify(signatureText.slice(0, 80))}`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+O');
    const outline = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'DeepSigmoid' }).first();
    await outline.waitFor({ state: 'visible', timeout: 15_000 });
    log(`outline: ${(await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts()).slice(0, 4).map((t) => t.replace(/\s+/g, ' ')).join(' | ')}`);
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => window.axonPlayground.getText()), deep, 'the text is back as it was');
    await shot('2b-editor-features');

    // 3. a quick fix on the finding
    const before = await page.locator(`#panel-problems .problem[data-code="${RULE}"]`).count();
    await page.locator(`#panel-problems .problem[data-code="${RULE}"]`).first().click(); // reveals and selects its range
    await page.keyboard.press('Control+.');
    const rows = page.locator('.action-widget .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
    // the list as shown: group headers ("Quick Fix") and actions; the keyboard moves over the actions
    const listed = await rows.evaluateAll((els) => els.map((e) => ({ text: e.textContent.trim(), action: e.classList.contains('action') })));
    const titles = listed.filter((r) => r.action).map((r) => r.text);
    log(`quick fixes offered: ${titles.join(' | ')}`);
    const own = titles.findIndex((t) => !/^Disable |^Fix all/.test(t)); // the rule's own fix, if it has one
    const pick = own >= 0 ? own : titles.findIndex((t) => t === `Disable ${RULE} for this line`);
    assert.ok(pick >= 0, `a quick fix for ${RULE} is offered (got: ${titles.join(' | ')})`);
    for (let i = 0; i < pick; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await until(`the ${RULE} finding to go`, async () => (await page.locator(`#panel-problems .problem[data-code="${RULE}"]`).count()) === 0 && (await page.locator('#editor .squiggly-warning').count()) === 0, 15_000);
    await shot('3-after-quick-fix');
    log(`applied "${titles[pick].trim()}": ${before} → 0 ${RULE} findings`);

    // 4. train iris in the page
    await page.selectOption('#examples', 'iris.axon');
    await until('the iris spec in the editor', () => page.evaluate(() => document.querySelector('#editor .view-lines').textContent.replace(/\u00a0/g, ' ').includes('network Iris')));
    await page.locator('[data-tab=train]').click();
    await until('the data choice from the spec', async () => (await page.locator('#data-choice').inputValue()) === '' && (await page.locator('#data-choice option').first().innerText()).includes('iris.csv'));
    const t0 = Date.now();
    await page.locator('#train').click();
    await page.locator('#charts[data-done="true"]').waitFor({ timeout: 180_000 });
    const trainSeconds = (Date.now() - t0) / 1000;
    const valAccuracy = Number(await page.locator('#train-table table.final tbody tr').first().locator('td[data-key="val_accuracy"]').innerText());
    const chartCount = await page.locator('#charts .chart svg').count();
    const footer = await page.locator('#train-table p').first().innerText();
    await shot('4-iris-trained');
    log(`trained iris in ${trainSeconds.toFixed(1)} s: final val_accuracy ${valAccuracy}, ${chartCount} charts; ${footer}`);
    assert.ok(chartCount >= 2, `loss and accuracy charts drawn (got ${chartCount})`);
    assert.ok((await page.locator('#charts .chart[data-chart="loss"] svg path').count()) > 0, 'the loss chart has lines');
    assert.ok(valAccuracy >= MIN_VAL_ACCURACY, `validation accuracy ${valAccuracy} ≥ ${MIN_VAL_ACCURACY}`);
    assert.match(footer, /matmul: wasm-(relaxed-)?simd\b/, 'training ran on a WebAssembly SIMD kernel');

    // 5. Sweep: every hidden-layer activation, side by side, ranked
    const t1 = Date.now();
    await page.locator('#sweep').click();
    await page.locator('#train-table table.sweep').waitFor({ timeout: 300_000 });
    await page.locator('#charts[data-done="true"]').waitFor({ timeout: 30_000 });
    const ranked = await page.locator('#train-table table.sweep tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    await shot('5-sweep');
    log(`sweep in ${((Date.now() - t1) / 1000).toFixed(1)} s: ${ranked.map((r) => `${r[0]}. ${r[1]} ${r[2]}`).join(', ')}`);
    assert.ok(ranked.length >= 5, `the sweep ranks every activation variant (got ${ranked.length})`);
    assert.deepEqual(ranked.map((r) => Number(r[0])), ranked.map((_, i) => i + 1), 'ranks 1, 2, … in order');
    await page.waitForTimeout(300); // a live redraw still queued must not replace the final charts
    for (const id of ['sweep-metric', 'sweep-loss']) assert.equal(await page.locator(`#charts .chart[data-chart="${id}"] svg`).count(), 1, `the ${id} chart is drawn`);

    // 6. a dropped CSV: the binary data set as a file, its target picked, trained by a spec without data { }
    const binaryCsv = readFileSync(join(repoRoot, 'examples', 'binary.csv'), 'utf8');
    const noData = readFileSync(join(repoRoot, 'examples', 'binary.axon'), 'utf8').replace(/\n\s*data\s*\{[^}]*\}/, '');
    assert.ok(!/data\s*\{/.test(noData), 'the spec has no data block');
    await page.evaluate((text) => window.axonPlayground.setText(text), noData);
    await until('the data choice to need a data set', async () => (await page.locator('#data-choice option').first().innerText()).includes('no data { } block'));
    await page.locator('#file').setInputFiles({ name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(binaryCsv) });
    await until('the dropped file chosen', async () => (await page.locator('#data-choice').inputValue()) === '#dropped');
    const target = binaryCsv.split('\n', 1)[0].split(',').at(-1).trim();
    assert.equal(await page.locator('#target-choice').inputValue(), target, 'the last column is the default target');
    await page.locator('#train').click();
    await page.locator('#charts[data-done="true"]').waitFor({ timeout: 180_000 });
    const dropAccuracy = Number(await page.locator('#train-table table.final tbody tr').first().locator('td[data-key="val_accuracy"]').innerText());
    await shot('6-dropped-csv');
    log(`dropped points.csv (target ${target}) trained the data-less binary spec: final val_accuracy ${dropAccuracy}`);
    assert.ok(dropAccuracy > 0.8, `the dropped CSV trains (val_accuracy ${dropAccuracy})`);

    // 7. Format: the server's formatting edits give the formatter's canonical text
    const { format } = await import(join(repoRoot, 'packages', 'language', 'dist', 'index.js'));
    const messy = 'network  Tiny{input [2]\n  layers {dense(4,activation:relu)\n dense(1)}}\n';
    await page.evaluate((text) => window.axonPlayground.setText(text), messy);
    await page.locator('#format').click();
    const formatted = await until('the formatted text', async () => {
      const text = await page.evaluate(() => window.axonPlayground.getText());
      return text !== messy && text;
    });
    assert.equal(formatted, format(messy), 'Format applies the formatter (through the server)');
    log(`format: ${messy.length} → ${formatted.length} characters, as \`axon fmt\` writes it`);

    // 8. the compile tab
    await page.locator('[data-tab=compile]').click();
    await page.locator('[data-target=pytorch]').click();
    const code = await until('PyTorch output', async () => {
      const pre = page.locator('#compile-output pre').first();
      return (await pre.count()) ? pre.innerText() : '';
    });
    assert.match(code, /import torch/, 'the PyTorch output imports torch');
    await shot('8-compile');
    log(`compile: PyTorch output, ${code.length} characters`);

    // 9. offline: the service worker has cached the site; reload with the network off and train again
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await until('the service worker controlling the page', () => page.evaluate(() => !!navigator.serviceWorker.controller), 15_000).catch(async () => {
      await page.reload(); // the first load is not controlled until the worker claims it
      return until('the service worker controlling the page', () => page.evaluate(() => !!navigator.serviceWorker.controller), 15_000);
    });
    await context.setOffline(true);
    await page.goto('about:blank');
    await page.goto(`${server.url}#code=${lz.compressToEncodedURIComponent(readFileSync(join(repoRoot, 'examples', 'iris.axon'), 'utf8'))}`);
    await page.locator('#editor .view-lines').waitFor({ state: 'visible', timeout: 30_000 });
    await until('the page script', () => page.evaluate(() => typeof window.axonPlayground?.getText === 'function'));
    assert.ok(await page.evaluate(() => window.axonPlayground.getText().includes('network Iris')), 'the reloaded page opens the linked spec');
    await until('the server answering offline', () => page.evaluate(() => window.axonPlayground.timings.firstDiagnosticsMs !== undefined), 30_000);
    // this time through the network's Train code lens
    await page.locator('#editor .codelens-decoration a', { hasText: 'Train' }).first().click();
    await page.locator('#charts[data-done="true"]').waitFor({ timeout: 180_000 });
    const offlineAccuracy = Number(await page.locator('#train-table table.final tbody tr').first().locator('td[data-key="val_accuracy"]').innerText());
    await shot('9-offline');
    assert.ok(offlineAccuracy >= MIN_VAL_ACCURACY, `iris trains offline too (val_accuracy ${offlineAccuracy})`);
    await context.setOffline(false);
    log(`offline: reloaded from the service worker's cache with the network off, iris trained again from its Train code lens (val_accuracy ${offlineAccuracy})`);

    assert.deepEqual(outside, [], 'no request left the site');
    assert.deepEqual(problems, [], 'no console or page errors');
    log(`requests: ${server.requests.length}, all to the site; console clean`);
    log(`passed; screenshots in ${screenshots}`);
    console.log('10 passed, 0 failed');
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
