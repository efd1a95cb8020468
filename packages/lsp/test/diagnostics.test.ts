import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEEP, REGRESSION_BAD } from './fixtures.js';
import { TestClient, summarize, uniqueUri } from './harness.js';

const clients: TestClient[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const c of clients) await c.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
async function start(options: Parameters<typeof TestClient.start>[0] = {}) {
  const c = await TestClient.start(options);
  clients.push(c);
  return c;
}
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'axon-lsp-'));
  dirs.push(d);
  return d;
}

describe('diagnostics', () => {
  it('reports parse and analysis errors with code, exact range and source', async () => {
    const c = await start();
    const uri = uniqueUri();
    const { diagnostics } = await c.open(uri, 'network A {\n  input [4]\n  layers {\n    dense(16, activation: rleu)\n    frob(2)\n  }\n');
    expect(diagnostics.map((d) => [d.code, d.severity, d.source, d.range])).toEqual([
      ['parse/missing-brace', 1, 'axon', { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }],
      ['analysis/unknown-activation', 1, 'axon', { start: { line: 3, character: 26 }, end: { line: 3, character: 30 } }],
      ['analysis/unknown-layer', 1, 'axon', { start: { line: 4, character: 4 }, end: { line: 4, character: 8 } }],
    ]);
    expect(diagnostics[1]!.message).toBe('unknown activation `rleu`; did you mean `relu`?');
  });

  it('reports lint findings with the rule id, a link to its page and related locations', async () => {
    const c = await start();
    const uri = uniqueUri();
    const { diagnostics } = await c.open(uri, REGRESSION_BAD);
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d!.code).toBe('regression-output-linear');
    expect(d!.severity).toBe(1);
    expect(d!.codeDescription).toEqual({ href: 'https://github.com/axon-lang/axon/blob/main/docs/rules/regression-output-linear.md' });
    expect(d!.range).toEqual({ start: { line: 6, character: 13 }, end: { line: 6, character: 32 } });
    expect(d!.relatedInformation).toEqual([
      { location: { uri, range: { start: { line: 2, character: 2 }, end: { line: 2, character: 29 } } }, message: 'the regression task is declared here' },
    ]);
  });

  it('points a finding inside a repeat at the repeat that expanded it', async () => {
    const c = await start();
    const uri = uniqueUri();
    const { diagnostics } = await c.open(uri, DEEP);
    const inRepeat = diagnostics.find((d) => d.code === 'sigmoid-hidden' && d.range.start.line === 7)!;
    expect(inRepeat.relatedInformation?.[0]?.location.range).toEqual({ start: { line: 6, character: 4 }, end: { line: 6, character: 13 } });
    expect(inRepeat.message).toContain('layers 2–19 of 20');
    expect(diagnostics.map((d) => d.code)).toContain('saturating-deep-stack');
  });

  it('uses the docs base URL from the settings', async () => {
    const c = await start({ initializationOptions: { debounceMs: 0, docsBaseUrl: 'https://example.test/axon' } });
    const { diagnostics } = await c.open(uniqueUri(), REGRESSION_BAD);
    expect(diagnostics[0]!.codeDescription?.href).toBe('https://example.test/axon/docs/rules/regression-output-linear.md');
  });

  it('debounces: a burst of edits publishes only for the last version', async () => {
    const c = await start({ initializationOptions: { debounceMs: 80 } });
    const uri = uniqueUri();
    await c.open(uri, REGRESSION_BAD);
    let version = 1;
    for (let i = 0; i < 5; i++) version = await c.change(uri, [{ range: { start: { line: 0, character: 8 }, end: { line: 0, character: 8 } }, text: 'X' }]);
    const last = await c.diagnostics(uri, version);
    expect(last.version).toBe(6);
    expect(c.publishedFor(uri).map((p) => p.version)).toEqual([1, 6]);
    expect(c.text(uri).startsWith('network XXXXXHouse {')).toBe(true);
  });

  it('takes rule severities from axon.config.json and re-validates when it changes', async () => {
    const dir = tempDir();
    const config = join(dir, 'axon.config.json');
    writeFileSync(config, JSON.stringify({ rules: { 'regression-output-linear': 'warning' } }));
    const c = await start({ watchFiles: true });
    const uri = pathToFileURL(join(dir, 'sub', 'house.axon')).href;
    const first = await c.open(uri, REGRESSION_BAD);
    expect(first.diagnostics.map((d) => [d.code, d.severity])).toEqual([['regression-output-linear', 2]]);
    expect(c.registrations).toContainEqual(expect.objectContaining({ method: 'workspace/didChangeWatchedFiles' }));

    writeFileSync(config, JSON.stringify({ rules: { 'regression-output-linear': 'off' } }));
    const next = c.nextDiagnostics(uri);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    expect((await next).diagnostics).toEqual([]);

    writeFileSync(config, '{ "rules": ');
    const broken = c.nextDiagnostics(uri);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    const problems = (await broken).diagnostics;
    expect(problems[0]!.code).toBe('config/invalid');
    // The config error names the file, line and column of the JSON problem.
    expect(problems[0]!.message as string).toMatch(new RegExp(`^${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+: not valid JSON`));
    expect(problems.map((d) => d.code)).toContain('regression-output-linear'); // linted with the defaults meanwhile
  });

  it('takes rule severities from the client settings and re-validates on didChangeConfiguration', async () => {
    const c = await start({ settings: { rules: { 'sigmoid-hidden': 'off', 'saturating-deep-stack': 'error' } } });
    const uri = uniqueUri();
    const first = await c.open(uri, DEEP);
    expect(summarize(first.diagnostics).map((s) => s.split(' ')[1])).toEqual(['saturating-deep-stack']);
    expect(first.diagnostics[0]!.severity).toBe(1);
    expect(c.configurationRequests).toBeGreaterThan(0);

    c.settings = { rules: {} };
    const next = c.nextDiagnostics(uri);
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const codes = (await next).diagnostics.map((d) => d.code);
    expect(codes).toContain('sigmoid-hidden');
    expect((await next).diagnostics.find((d) => d.code === 'saturating-deep-stack')!.severity).toBe(2);
  });

  it('clears diagnostics when a document closes', async () => {
    const c = await start();
    const uri = uniqueUri();
    await c.open(uri, REGRESSION_BAD);
    const next = c.nextDiagnostics(uri);
    await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    expect((await next).diagnostics).toEqual([]);
  });
});
