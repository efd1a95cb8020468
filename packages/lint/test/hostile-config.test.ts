/**
 * Issue 15, item 16: an `axon.config.json` that starts with a UTF-8 byte order mark is read; one
 * that is a symbolic link loop (or a dangling link) is reported with its path instead of being
 * silently skipped for the recommended preset.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearConfigCache, ConfigError, loadConfig } from '../src/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'axon-hostile-config-'));
  clearConfigCache();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile config files', () => {
  it('a BOM before the JSON is accepted', () => {
    writeFileSync(join(dir, 'axon.config.json'), '\ufeff{ "rules": { "missing-nonlinearity": "error" } }');
    const config = loadConfig(join(dir, 'net.axon'));
    expect(config.rules['missing-nonlinearity']?.severity).toBe('error');
    expect(config.filePath).toBe(join(dir, 'axon.config.json'));
  });

  it('a BOM does not shift the position of a JSON error', () => {
    writeFileSync(join(dir, 'axon.config.json'), '\ufeff{\n  "rules": ,\n}');
    expect(() => loadConfig(join(dir, 'net.axon'))).toThrow(/axon\.config\.json:2:\d+: not valid JSON/);
  });

  it('a symlink loop is reported with its path, not skipped', () => {
    const sub = join(dir, 'project');
    mkdirSync(sub);
    // a config above that would otherwise be used silently
    writeFileSync(join(dir, 'axon.config.json'), '{ "rules": { "missing-nonlinearity": "off" } }');
    symlinkSync('loop-b.json', join(sub, 'axon.config.json'));
    symlinkSync('axon.config.json', join(sub, 'loop-b.json'));
    expect(() => loadConfig(join(sub, 'net.axon'))).toThrow(ConfigError);
    expect(() => loadConfig(join(sub, 'net.axon'))).toThrow(
      `${join(sub, 'axon.config.json')}: the configuration file is a symbolic link loop (ELOOP); point it at a real file or remove it`,
    );
  });

  it('a dangling link is reported as such', () => {
    symlinkSync('nowhere.json', join(dir, 'axon.config.json'));
    expect(() => loadConfig(join(dir, 'net.axon'))).toThrow(
      `${join(dir, 'axon.config.json')}: the configuration file is a symbolic link to a file that does not exist (ENOENT)`,
    );
  });
});
