#!/usr/bin/env node
// Renders images/icon.svg to images/icon.png (128×128; VS Code's marketplace icon must be a PNG) with
// Debian's chromium through playwright-core. Run after editing the SVG; the PNG is committed.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const images = join(dirname(fileURLToPath(import.meta.url)), '..', 'images');
const svg = readFileSync(join(images, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: join(images, 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
