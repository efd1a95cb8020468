/** The browser stand-ins for node:path and node:fs, against Node's own path functions where they overlap. */
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { existsSync, lstatSync, readdirSync, readFile, readFileSync, statSync, writeFile, writeVirtualFile } from '../src/shims/fs.js';
import { basename, dirname, extname, isAbsolute, join, normalize, parse, relative, resolve } from '../src/shims/path.js';

describe('path shim', () => {
  const cases: string[][] = [
    ['/playground', 'iris.csv'],
    ['/playground', './data/../iris.csv'],
    ['/a/b', '../c/d.csv'],
    ['/a', '/abs/file.csv'],
    ['/', 'x'],
  ];
  it.each(cases)('resolve(%s, %s) matches posix', (a, b) => {
    expect(resolve(a!, b!)).toBe(posix.resolve(a!, b!));
  });
  it.each([
    ['/', '/playground/iris.csv'],
    ['/a/b/c', '/a/d'],
    ['/a', '/a'],
  ])('relative(%s, %s) matches posix', (a, b) => {
    expect(relative(a, b)).toBe(posix.relative(a, b));
  });
  it('dirname, join, basename, extname, isAbsolute match posix', () => {
    for (const p of ['/playground/spec.axon', '/x', 'a/b/c.csv', '/']) {
      expect(dirname(p)).toBe(posix.dirname(p));
      expect(basename(p)).toBe(posix.basename(p));
      expect(extname(p)).toBe(posix.extname(p));
      expect(isAbsolute(p)).toBe(posix.isAbsolute(p));
    }
    expect(join('/a', 'b', '../c', 'd.csv')).toBe(posix.join('/a', 'b', '../c', 'd.csv'));
    expect(join('a', '.', 'b')).toBe(posix.join('a', '.', 'b'));
    expect(normalize('/a/./b/../c')).toBe(posix.normalize('/a/./b/../c'));
    expect(parse('/playground/iris.csv')).toEqual(posix.parse('/playground/iris.csv'));
  });
});

describe('fs shim', () => {
  it('reads what was written to the in-memory file system', async () => {
    writeVirtualFile('/playground/tiny.csv', 'a,b\n1,2\n');
    expect(existsSync('/playground/tiny.csv')).toBe(true);
    expect(await readFile('/playground/tiny.csv')).toBe('a,b\n1,2\n');
    expect(statSync('/playground/tiny.csv').size).toBe(8);
  });
  it('fails like Node for a missing file (code ENOENT) and refuses writes', async () => {
    expect(existsSync('/nope.csv')).toBe(false);
    expect(() => readFileSync('/nope.csv')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    await expect(writeFile()).rejects.toThrow(/not available in the playground/);
  });
});

describe('fs shim stat calls', () => {
  it('lstatSync with throwIfNoEntry: false is undefined for a missing file and a file for a present one', () => {
    writeVirtualFile('/playground/here.csv', 'x\n');
    expect(lstatSync('/playground/missing.json', { throwIfNoEntry: false })).toBeUndefined();
    const st = lstatSync('/playground/here.csv', { throwIfNoEntry: false });
    expect(st?.isFile()).toBe(true);
    expect(st?.isSymbolicLink()).toBe(false);
    expect(() => lstatSync('/playground/missing.json')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(readdirSync('/playground')).toContain('here.csv');
  });
});
