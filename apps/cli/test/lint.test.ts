/**
 * `axon lint`: golden output for every format, and every exit code (0 clean or warnings only,
 * 1 errors or --max-warnings exceeded, 2 usage/config/unreadable). Set UPDATE_GOLDEN=1 to rewrite goldens.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runLint, type LintOptions } from '../src/commands/lint.js';
import { main } from '../src/main.js';
import { expectGolden, golden, runCaptured } from './golden-io.js';

const inputs = `${golden}inputs`;

const lint = (paths: string[], options: LintOptions = {}, cwd = inputs, color = false) => runCaptured((io) => runLint(paths, options, io), cwd, color);

describe('output formats (golden)', () => {
  const files = ['errors.axon', 'warnings.axon', 'broken.axon', 'clean.axon'];
  test('stylish', async () => {
    const r = await lint(files);
    expect(r.code).toBe(1);
    expectGolden('lint-stylish.txt', r.stdout);
    expect(r.stdout).toContain('(layers 2, 3 of 5, from `repeat 2` at line 8)');
    expect(r.stdout).not.toContain('\u001b[');
  });
  test('stylish with colour on a terminal', async () => {
    const r = await lint(['errors.axon'], {}, inputs, true);
    expect(r.stdout).toContain('\u001b[31merror\u001b[39m');
  });
  test('json', async () => {
    const r = await lint(files, { format: 'json' });
    expect(r.code).toBe(1);
    expectGolden('lint-json.json', r.stdout);
    const parsed = JSON.parse(r.stdout) as { filePath: string; errorCount: number; warningCount: number }[];
    expect(parsed.map((f) => [f.filePath, f.errorCount, f.warningCount])).toEqual([
      ['errors.axon', 1, 2],
      ['warnings.axon', 0, 1],
      ['broken.axon', 1, 0],
      ['clean.axon', 0, 0],
    ]);
  });
  test('sarif', async () => {
    const r = await lint(files, { format: 'sarif' });
    expect(r.code).toBe(1);
    expectGolden('lint-sarif.json', r.stdout);
  });
  test('github', async () => {
    const r = await lint(files, { format: 'github' });
    expect(r.code).toBe(1);
    expectGolden('lint-github.txt', r.stdout);
    expect(r.stdout.split('\n')[0]).toMatch(/^::(error|warning|notice) file=errors\.axon,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z/-]+::/);
  });
});

describe('exit codes (golden stderr)', () => {
  test('0: clean file, empty output', async () => {
    expect(await lint(['clean.axon'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
  test('0: warnings only', async () => {
    const r = await lint(['warnings.axon']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('saturating-deep-stack');
  });
  test('1: errors', async () => {
    expect((await lint(['errors.axon'])).code).toBe(1);
  });
  test('1: parse errors are errors', async () => {
    const r = await lint(['broken.axon'], { format: 'json' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].messages[0]).toMatchObject({ ruleId: null, severity: 'error', line: 5 });
  });
  test('1: --max-warnings exceeded', async () => {
    const r = await lint(['warnings.axon'], { maxWarnings: 0 });
    expect(r.code).toBe(1);
    expectGolden('exit-1-max-warnings.stderr.txt', r.stderr);
    expect((await lint(['warnings.axon'], { maxWarnings: 1 })).code).toBe(0);
    // --quiet hides warnings but they still count.
    const quiet = await lint(['warnings.axon'], { maxWarnings: 0, quiet: true });
    expect(quiet).toMatchObject({ code: 1, stdout: '' });
  });
  test('--quiet prints errors only; --rule changes severities', async () => {
    const quiet = await lint(['errors.axon', 'warnings.axon'], { quiet: true, format: 'json' });
    expect(JSON.parse(quiet.stdout).flatMap((f: { messages: { severity: string }[] }) => f.messages.map((m) => m.severity))).toEqual(['error']);
    const off = await lint(['errors.axon'], { rule: ['regression-output-linear:off'] });
    expect(off.code).toBe(0);
    const up = await lint(['warnings.axon'], { rule: ['saturating-deep-stack:error'] });
    expect(up.code).toBe(1);
  });
  test('--config replaces the config search', async () => {
    const r = await lint(['warnings.axon'], { config: 'strict-config.json', format: 'json' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string; severity: string }) => `${m.ruleId}:${m.severity}`)).toContain('saturating-deep-stack:error');
  });
  test('2: invalid config options', async () => {
    const r = await lint(['clean.axon'], { config: 'bad-config.json' });
    expect(r.code).toBe(2);
    expectGolden('exit-2-bad-config.stderr.txt', r.stderr.replace(inputs, '<inputs>'));
  });
  test('2: unknown rule in --rule', async () => {
    const r = await lint(['clean.axon'], { rule: ['high-dropuot:error'] });
    expect(r.code).toBe(2);
    expectGolden('exit-2-bad-rule.stderr.txt', r.stderr);
  });
  test('2: a path that matches nothing', async () => {
    const r = await lint(['missing.axon']);
    expect(r.code).toBe(2);
    expectGolden('exit-2-no-match.stderr.txt', r.stderr);
  });
  test('2: an unknown format, through the real command line', async () => {
    const code = await main(['node', 'axon', 'lint', '--format', 'xml', join(inputs, 'clean.axon')]);
    expect(code).toBe(2);
  });
  test('the real command line lints a folder and returns 1 for its errors', async () => {
    const code = await main(['node', 'axon', 'lint', '--format', 'json', '--quiet', inputs]);
    expect(code).toBe(1);
  });
});

describe('--fix', () => {
  test('applies safe fixes atomically and leaves the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-fix-'));
    copyFileSync(join(inputs, 'errors.axon'), join(dir, 'errors.axon'));
    const r = await lint(['errors.axon'], { fix: true, format: 'json' }, dir);
    const after = readFileSync(join(dir, 'errors.axon'), 'utf8');
    expect(after).toBe(readFileSync(join(inputs, 'errors.axon'), 'utf8').replace('dense(1, activation: sigmoid)', 'dense(1)'));
    expect(r.code).toBe(0);
    const remaining = JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId);
    expect(remaining).toEqual(['softmax-hidden', 'high-dropout']);
    // No temporary files are left behind.
    expect(readdirSync(dir)).toEqual(['errors.axon']);
  });
  test("applies the language's own fix for an analysis error (a projection shortcut), then lints clean", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-fix-'));
    const source = (shortcut: string) =>
      ['network R {', '  input [8]', '  task classification(classes: 3)', '  layers {', '    dense(8, activation: relu, init: he_normal)', '    residual {', '      dense(16, init: he_normal)', `    }${shortcut}`, '    activation(relu)', '    dense(3, activation: softmax)', '  }', '}', ''].join('\n');
    writeFileSync(join(dir, 'r.axon'), source(''));
    const before = await lint(['r.axon'], { format: 'json' }, dir);
    expect(before.code).toBe(1);
    expect(JSON.parse(before.stdout)[0].fixableCount).toBe(1);
    const r = await lint(['r.axon'], { fix: true, format: 'json' }, dir);
    expect(readFileSync(join(dir, 'r.axon'), 'utf8')).toBe(source(' shortcut { dense(16) }'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].messages).toEqual([]);
  });
  test('never rewrites a file with parse errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-fix-'));
    copyFileSync(join(inputs, 'broken.axon'), join(dir, 'broken.axon'));
    const r = await lint(['broken.axon'], { fix: true }, dir);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'broken.axon'), 'utf8')).toBe(readFileSync(join(inputs, 'broken.axon'), 'utf8'));
  });
});
