/** `axon fmt`: rewrites atomically, --check lists unformatted files (exit 1), syntax errors are never rewritten (exit 2). */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { format } from '@axon/language';
import { runFmt, type FmtOptions } from '../src/commands/fmt.js';
import { expectGolden, runCaptured } from './golden-io.js';

const src = fileURLToPath(new URL('./golden/fmt/', import.meta.url));

function workspace(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'axon-fmt-'));
  for (const n of names) copyFileSync(join(src, n), join(dir, n));
  return dir;
}

const fmt = (paths: string[], options: FmtOptions, cwd: string) => runCaptured((io) => runFmt(paths, options, io), cwd);

test('--check lists unformatted files and exits 1 without writing', async () => {
  const dir = workspace('messy.axon', 'tidy.axon');
  const before = readFileSync(join(dir, 'messy.axon'), 'utf8');
  const r = await fmt(['.'], { check: true }, dir);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('messy.axon\n');
  expectGolden('fmt-check.stderr.txt', r.stderr);
  expect(readFileSync(join(dir, 'messy.axon'), 'utf8')).toBe(before);
});

test('--check on formatted files exits 0 silently', async () => {
  const dir = workspace('tidy.axon');
  expect(await fmt(['tidy.axon'], { check: true }, dir)).toEqual({ code: 0, stdout: '', stderr: '' });
});

test('the graph examples (residual, parallel, blocks of them) are in canonical layout', async () => {
  const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
  const graphs = ['resnet50.axon', 'densenet121.axon', 'resnet20.axon', 'inception-block.axon'];
  expect(await fmt(graphs, { check: true }, examples)).toEqual({ code: 0, stdout: '', stderr: '' });
});

test('a residual and a parallel written on one line are laid out canonically, and stay so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'axon-fmt-'));
  const messy = 'network G {\n  input [8]\n  task regression(outputs: 8)\n  layers {\n    residual { dense(8, activation: relu), dense(8) } shortcut { dense(8) }\n    parallel(merge: add) { branch { } branch { dense(8) } }\n  }\n}\n';
  writeFileSync(join(dir, 'g.axon'), messy);
  const r = await fmt(['g.axon'], {}, dir);
  expect(r).toEqual({ code: 0, stdout: 'formatted g.axon\n', stderr: '' });
  const after = readFileSync(join(dir, 'g.axon'), 'utf8');
  expect(after).toBe(format(messy));
  expect(after).toMatch(/^    residual \{\n      dense\(8, activation: relu\)\n      dense\(8\)\n    \} shortcut \{\n      dense\(8\)\n    \}$/m);
  expect(await fmt(['g.axon'], { check: true }, dir)).toEqual({ code: 0, stdout: '', stderr: '' });
});

test('rewrites in place atomically, and the result is stable', async () => {
  const dir = workspace('messy.axon', 'tidy.axon');
  const r = await fmt(['*.axon'], {}, dir);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('formatted messy.axon\n');
  expect(readFileSync(join(dir, 'messy.axon'), 'utf8')).toBe(readFileSync(join(src, 'tidy.axon'), 'utf8').replace('Tidy', 'Messy'));
  expect(readdirSync(dir).sort()).toEqual(['messy.axon', 'tidy.axon']);
  const again = await fmt(['messy.axon'], { check: true }, dir);
  expect(again.code).toBe(0);
  expect(format(readFileSync(join(dir, 'messy.axon'), 'utf8'))).toBe(readFileSync(join(dir, 'messy.axon'), 'utf8'));
});

test('a file with syntax errors is reported with its errors, never rewritten, exit 2', async () => {
  const dir = workspace('broken.axon', 'messy.axon');
  const r = await fmt(['broken.axon', 'messy.axon'], {}, dir);
  expect(r.code).toBe(2);
  expectGolden('fmt-syntax-error.stderr.txt', r.stderr);
  expect(readFileSync(join(dir, 'broken.axon'), 'utf8')).toBe(readFileSync(join(src, 'broken.axon'), 'utf8'));
  // The other file is still formatted.
  expect(r.stdout).toBe('formatted messy.axon\n');
});

test('usage: a path that matches nothing exits 2', async () => {
  const dir = workspace('tidy.axon');
  const r = await fmt(['nope/*.axon'], {}, dir);
  expect(r).toEqual({ code: 2, stdout: '', stderr: 'axon: no such file or no match: nope/*.axon\n' });
});
