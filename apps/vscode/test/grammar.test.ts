import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// Runs the TextMate grammar through vscode-tmgrammar-test (scope assertions) and vscode-tmgrammar-snap
// (snapshots), the same commands as `npm run test:grammar -w axon-vscode`.
const extensionDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const grammarDir = join(extensionDir, 'test', 'grammar');
const grammar = join(extensionDir, 'syntaxes', 'axon.tmLanguage.json');
const require = createRequire(import.meta.url);
const toolDir = dirname(require.resolve('vscode-tmgrammar-test/package.json'));
const unitTool = join(toolDir, 'dist', 'unit.js');
const snapTool = join(toolDir, 'dist', 'snapshot.js');

function run(tool: string, args: string[]) {
  const r = spawnSync(process.execPath, [tool, ...args], { cwd: extensionDir, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const files = (suffix: string) => readdirSync(grammarDir).filter((f) => f.endsWith(suffix)).sort();
/** Assertion lines in a vscode-tmgrammar-test file: a `//` comment whose marks are `^` or `<-`. */
const assertionLines = (text: string) => text.split('\n').filter((l) => /^\/\/\s*(\^|<-)/.test(l)).length;
/** Scope lines in a snapshot: each `#` line pins the scopes of one token range. */
const snapshotLines = (text: string) => text.split('\n').filter((l) => l.startsWith('#')).length;

describe('axon TextMate grammar', () => {
  it('passes every scope assertion in test/grammar/*.test.axon', () => {
    const cases = files('.test.axon');
    expect(cases.length).toBeGreaterThan(0);
    const checked = cases.reduce((n, f) => n + assertionLines(readFileSync(join(grammarDir, f), 'utf8')), 0);
    expect(checked).toBeGreaterThan(40);
    const r = run(unitTool, ['-g', grammar, 'test/grammar/*.test.axon']);
    expect(r.out).not.toContain('failed');
    expect(r.code).toBe(0);
    for (const f of cases) expect(r.out).toContain(`${f} run successfuly`);
  });

  it('matches every snapshot in test/grammar/*.snap.axon.snap', () => {
    const cases = files('.snap.axon');
    expect(cases.length).toBeGreaterThanOrEqual(2);
    let checked = 0;
    for (const f of cases) {
      const snap = readFileSync(join(grammarDir, `${f}.snap`), 'utf8');
      const source = readFileSync(join(grammarDir, f), 'utf8');
      // Every source line appears in its snapshot, so no line went unchecked.
      expect(snap.split('\n').filter((l) => l.startsWith('>')).length).toBe(source.split('\n').length);
      checked += snapshotLines(snap);
    }
    expect(checked).toBeGreaterThan(300);
    const r = run(snapTool, ['-s', 'source.axon', '-g', grammar, 'test/grammar/*.snap.axon']);
    expect(r.out).not.toContain('ERROR');
    expect(r.code).toBe(0);
    for (const f of cases) expect(r.out).toContain(`${f} run successfully`);
  });

  it('fails when a scope assertion is wrong (the tool really checks)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-grammar-'));
    const bad = join(dir, 'bad.test.axon');
    const text = readFileSync(join(grammarDir, 'scopes.test.axon'), 'utf8');
    writeFileSync(bad, text.replace('support.constant.activation.axon', 'support.constant.loss.axon'));
    const r = run(unitTool, ['-g', grammar, bad]);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('missing required scopes: support.constant.loss.axon');
  });

  it('fails when a snapshot disagrees with the grammar', () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-grammar-'));
    copyFileSync(join(grammarDir, 'iris.snap.axon'), join(dir, 'iris.snap.axon'));
    const snap = readFileSync(join(grammarDir, 'iris.snap.axon.snap'), 'utf8');
    writeFileSync(join(dir, 'iris.snap.axon.snap'), snap.replace('support.function.layer.axon', 'support.function.optimizer.axon'));
    const r = run(snapTool, ['-s', 'source.axon', '-g', grammar, join(dir, 'iris.snap.axon')]);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('support.function.optimizer.axon');
  });
});
