/** File expansion (files, folders, globs) and atomic writes, the plumbing under `axon lint --fix` and `axon fmt`. */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { expandFiles } from '../src/files.js';
import { writeFileAtomic } from '../src/fs-atomic.js';
import { UsageError } from '../src/exit.js';

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'axon-files-'));
  for (const p of ['a.axon', 'models/b.axon', 'models/deep/c.axon', 'models/notes.txt', 'node_modules/x/d.axon', '.hidden/e.axon']) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), '');
  }
  return dir;
}

test('files as given, folders recursively (no node_modules, no dot-folders), globs sorted, no duplicates', async () => {
  const dir = tree();
  expect(await expandFiles(['models'], dir)).toEqual(['models/b.axon', 'models/deep/c.axon']);
  expect(await expandFiles(['.'], dir)).toEqual(['a.axon', 'models/b.axon', 'models/deep/c.axon']);
  expect(await expandFiles(['models/**/*.axon', 'a.axon', 'models/b.axon'], dir)).toEqual(['models/b.axon', 'models/deep/c.axon', 'a.axon']);
  expect(await expandFiles(['models/notes.txt'], dir)).toEqual(['models/notes.txt']);
  expect(await expandFiles([join(dir, 'models', 'deep')], '/')).toEqual([join(dir, 'models', 'deep', 'c.axon')]);
});

test('an operand that matches nothing is a usage error naming it', async () => {
  const dir = tree();
  await expect(expandFiles(['nope.axon'], dir)).rejects.toThrow(new UsageError('no such file or no match: nope.axon'));
  mkdirSync(join(dir, 'empty'));
  await expect(expandFiles(['empty'], dir)).rejects.toThrow(new UsageError('no .axon files in empty'));
});

test('atomic write replaces the content, keeps the permissions and leaves no temporary file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'axon-atomic-'));
  const file = join(dir, 'net.axon');
  writeFileSync(file, 'old');
  chmodSync(file, 0o640);
  await writeFileAtomic(file, 'new text');
  expect(readFileSync(file, 'utf8')).toBe('new text');
  expect(statSync(file).mode & 0o777).toBe(0o640);
  expect(readdirSync(dir)).toEqual(['net.axon']);
});

test('a failed write leaves the original untouched and cleans up', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'axon-atomic-'));
  const target = join(dir, 'is-a-dir');
  mkdirSync(target);
  writeFileSync(join(target, 'keep'), 'x');
  await expect(writeFileAtomic(target, 'text')).rejects.toThrow();
  expect(readdirSync(dir)).toEqual(['is-a-dir']);
  expect(readFileSync(join(target, 'keep'), 'utf8')).toBe('x');
});
