/**
 * Found with Neovim 0.7 (neovim.test.ts): it cannot register file watchers for the server, so an
 * edited axon.config.json was never noticed until the server restarted. For such clients the server
 * now checks the config file (path, size, mtime) on each validation and re-reads it when it changed.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REGRESSION_BAD } from './fixtures.js';
import { TestClient } from './harness.js';

const clients: TestClient[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const c of clients) await c.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Rewrites the config and moves its mtime on, so a same-millisecond write still counts as a change. */
function writeConfig(path: string, rules: Record<string, string>, secondsLater: number): void {
  writeFileSync(path, JSON.stringify({ rules }));
  const t = Date.now() / 1000 + secondsLater;
  utimesSync(path, t, t);
}

describe('axon.config.json with a client that cannot watch files', () => {
  it('picks up an edited, a new and a removed config file on the next edit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-lsp-nowatch-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'sub'));
    const config = join(dir, 'axon.config.json');
    writeConfig(config, { 'regression-output-linear': 'warning' }, 0);
    const c = await TestClient.start({ watchFiles: false });
    clients.push(c);
    const uri = pathToFileURL(join(dir, 'sub', 'house.axon')).href;
    const first = await c.open(uri, REGRESSION_BAD);
    expect(first.diagnostics.map((d) => [d.code, d.severity])).toEqual([['regression-output-linear', 2]]);
    expect(c.registrations).toEqual([]);

    // edited: the rule turned off
    writeConfig(config, { 'regression-output-linear': 'off' }, 10);
    let version = await c.change(uri, [{ range: { start: { line: 0, character: 8 }, end: { line: 0, character: 8 } }, text: 'X' }]);
    expect((await c.diagnostics(uri, version)).diagnostics).toEqual([]);

    // removed: back to the defaults (an error)
    unlinkSync(config);
    version = await c.change(uri, [{ range: { start: { line: 0, character: 8 }, end: { line: 0, character: 9 } }, text: '' }]);
    expect((await c.diagnostics(uri, version)).diagnostics.map((d) => [d.code, d.severity])).toEqual([['regression-output-linear', 1]]);

    // a new one nearer the file
    writeConfig(join(dir, 'sub', 'axon.config.json'), { 'regression-output-linear': 'info' }, 20);
    version = await c.change(uri, [{ range: { start: { line: 0, character: 8 }, end: { line: 0, character: 8 } }, text: 'Y' }]);
    expect((await c.diagnostics(uri, version)).diagnostics.map((d) => [d.code, d.severity])).toEqual([['regression-output-linear', 3]]);
  });
});
