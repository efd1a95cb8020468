import { chromium } from 'playwright-core';
import { serveStatic } from '/work/main/apps/playground/test/e2e/serve.mjs';
const srv = await serveStatic('/work/main/apps/playground/dist');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu'] });
for (let i = 0; i < 3; i++) {
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
await page.goto(srv.url);
await page.waitForFunction(() => window.axonPlayground?.timings?.firstDiagnosticsMs, null, { timeout: 20000 });
console.log(await page.evaluate(() => JSON.stringify({ ...window.axonPlayground.timings, nav: performance.now(), dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd })));
await page.close();
}
await browser.close(); await srv.close();
