/**
 * The report as a person sees it: opened in headless Chromium (Debian's, through playwright-core),
 * with no console errors, every chart visible, and a screenshot that holds what it must: the chart
 * titles and axis labels (from the DOM the screenshot was taken of) and each series' colour drawn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ResolvedNetwork } from '@axon/language';
import { PNG } from 'pngjs';
import { writeReport } from '@axon/report';
import { branchingNetwork } from '../../language/test/fixtures/branching-network.js';
import { exampleNetwork, history, smallNetwork } from './fixtures.js';

const CHROMIUM = process.env.AXON_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** vega-lite's default category colours (tableau10), in series order. */
const SERIES_COLORS: [number, number, number][] = [
  [0x4c, 0x78, 0xa8],
  [0xf5, 0x85, 0x18],
  [0xe4, 0x57, 0x56],
  [0x72, 0xb7, 0xb2],
];

function countColor(png: PNG, [r, g, b]: [number, number, number], tolerance = 12): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i]! - r) <= tolerance && Math.abs(png.data[i + 1]! - g) <= tolerance && Math.abs(png.data[i + 2]! - b) <= tolerance) n++;
  }
  return n;
}

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get update && apt-get install -y chromium) or set AXON_CHROMIUM.`);
  }
  // playwright gives every launch a fresh, empty profile directory of its own.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

afterAll(async () => {
  await browser?.close();
});

/** A train report of `network` written to a fresh folder and opened in a page `width` wide; page errors are collected. */
async function openTrainReport(title: string, network: ResolvedNetwork, width: number): Promise<{ page: Page; problems: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'axon-report-browser-graph-'));
  const { html } = await writeReport(dir, { kind: 'train', title, network, history: history() }, { png: false });
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(pathToFileURL(html).href);
  return { page, problems };
}

describe('the HTML report in Chromium', () => {
  it('opens without console errors and shows every chart with its title, axis labels and one line per series', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'axon-report-browser-'));
    const { html } = await writeReport(dir, { kind: 'train', title: 'Iris training', network: smallNetwork(), history: history() }, { png: false });
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(html).href);

    const figures = page.locator('figure.chart');
    expect(await figures.count()).toBe(4);
    const expected: Record<string, { title: string; y: string; series: number }> = {
      loss: { title: 'Loss', y: 'loss', series: 2 },
      'metric-accuracy': { title: 'Accuracy', y: 'accuracy', series: 2 },
      'gradient-norms': { title: 'Gradient norm per layer', y: 'gradient L2 norm (log)', series: 3 },
      'unit-health': { title: 'Dead and saturated units', y: 'fraction of units', series: 2 },
    };
    for (const [id, want] of Object.entries(expected)) {
      const fig = page.locator(`#chart-${id}`);
      expect(await fig.isVisible()).toBe(true);
      const box = await fig.boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(200);
      const texts = await fig.locator('svg text').allTextContents();
      expect(texts).toContain(want.title);
      expect(texts).toContain('epoch');
      expect(texts).toContain(want.y);
      const lines = await fig.locator('[aria-roledescription="line mark container"]').count();
      expect(lines).toBe(want.series);
      // The screenshot shows each series in its colour.
      const png = PNG.sync.read(await fig.screenshot());
      for (const color of SERIES_COLORS.slice(0, want.series)) expect(countColor(png, color)).toBeGreaterThan(40);
      expect(countColor(png, SERIES_COLORS[want.series]!), id).toBeLessThan(40);
    }
    expect(await page.locator('.diagram svg .layer').count()).toBe(4);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws a graph network: both branches visible side by side, an edge into the merge from each', async () => {
    const { page, problems } = await openTrainReport('Branching', branchingNetwork('concat'), 1400);
    const layers = page.locator('.diagram svg .layer');
    expect(await layers.count()).toBe(6);
    const boxes = await Promise.all([2, 3].map(async (i) => (await layers.nth(i).boundingBox())!));
    // The two branches (layers 2 and 3) share a row and do not overlap.
    expect(Math.abs(boxes[0]!.y - boxes[1]!.y)).toBeLessThan(1);
    expect(boxes[1]!.x).toBeGreaterThan(boxes[0]!.x + boxes[0]!.width);
    for (const b of boxes) expect(b.width).toBeGreaterThan(100);
    expect(await page.locator('.diagram svg .edge[data-to="3"]').count()).toBe(2);
    expect(await page.locator('.diagram svg text', { hasText: 'merge(concat)' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws ResNet-20 written in source legibly: 70 layers in a tall column, nine residual frames, no box over another', async () => {
    const { page, problems } = await openTrainReport('ResNet-20', exampleNetwork('resnet20.axon'), 1300);
    const layers = page.locator('.diagram svg .layer');
    expect(await layers.count()).toBe(71);
    expect(await page.locator('.diagram svg .group').count()).toBe(9);
    const boxes = await Promise.all(Array.from({ length: 71 }, async (_, i) => (await layers.nth(i).boundingBox())!));
    // Full-size boxes (readable text), none overlapping another.
    for (const b of boxes) expect([b.width, b.height]).toEqual([301.5, 35.5]); // 300 × 34 and the 1.5 px outline
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `boxes ${i} and ${j}`).toBe(true);
      }
    }
    // The diagram fits the page's width (no sideways scroll) and scrolls down instead.
    const svgBox = (await page.locator('.diagram svg').boundingBox())!;
    expect(svgBox.width).toBeLessThan(1300);
    expect(svgBox.height).toBeGreaterThan(3000);
    const png = PNG.sync.read(await page.locator('.diagram svg').screenshot());
    if (process.env.AXON_SCREENSHOT_DIR) await writeFile(join(process.env.AXON_SCREENSHOT_DIR, 'resnet20-diagram.png'), PNG.sync.write(png));
    // The relu activations' colour and the frames' dashed outline are drawn.
    expect(countColor(png, [0x2e, 0x86, 0xab], 6)).toBeGreaterThan(19 * 100);
    expect(countColor(png, [0xb0, 0xbe, 0xc5], 10)).toBeGreaterThan(9 * 200); // measured 3,528 (anti-aliased 1 px dashes)
    expect(await page.locator('.diagram svg text', { hasText: '9. residual: add' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
