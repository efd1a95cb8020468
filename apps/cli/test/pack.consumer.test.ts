/**
 * The CLI installs on its own: `npm pack` @axon/cli and every workspace package it depends on
 * (transitively), install the tarballs into an empty folder, and run the installed `axon lint` there.
 * Needs built packages (`npm run build`); third-party dependencies come from the npm cache or registry.
 * Run with `npm run test:consumers`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Workspace {
  name: string;
  dir: string;
  dependencies: Record<string, string>;
}

function workspaces(): Map<string, Workspace> {
  const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  const map = new Map<string, Workspace>();
  for (const rel of rootPkg.workspaces) {
    const dir = join(root, rel);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    map.set(pkg.name, { name: pkg.name, dir, dependencies: pkg.dependencies ?? {} });
  }
  return map;
}

/** @axon/cli and the workspace packages it needs at run time, dependencies first. */
function closure(all: Map<string, Workspace>, start: string): Workspace[] {
  const out: Workspace[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const ws = all.get(name)!;
    for (const dep of Object.keys(ws.dependencies)) if (all.has(dep)) visit(dep);
    out.push(ws);
  };
  visit(start);
  return out;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let consumer = '';
let packed: string[] = [];

beforeAll(() => {
  const needed = closure(workspaces(), '@axon/cli');
  const missing = needed.filter((w) => !existsSync(join(w.dir, 'dist')));
  if (missing.length > 0) {
    throw new Error(`build first (npm run build): no dist/ in ${missing.map((w) => w.name).join(', ')}`);
  }
  const tarballs = mkdtempSync(join(tmpdir(), 'axon-tarballs-'));
  for (const ws of needed) {
    execFileSync(npm, ['pack', '--silent', '--pack-destination', tarballs], { cwd: ws.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  packed = readdirSync(tarballs).filter((f) => f.endsWith('.tgz')).sort();
  consumer = mkdtempSync(join(tmpdir(), 'axon-consumer-'));
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'axon-consumer', private: true, version: '1.0.0' }));
  const install = spawnSync(
    npm,
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...packed.map((t) => join(tarballs, t))],
    { cwd: consumer, encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
  mkdirSync(join(consumer, 'models'));
  copyFileSync(join(root, 'examples', 'deep-sigmoid.axon'), join(consumer, 'models', 'deep-sigmoid.axon'));
  copyFileSync(join(root, 'examples', 'iris.axon'), join(consumer, 'models', 'iris.axon'));
  writeFileSync(
    join(consumer, 'models', 'bad.axon'),
    'network Bad {\n  input [4]\n  task regression(outputs: 1)\n  layers {\n    dense(8, activation: relu, init: he_normal)\n    dense(1, activation: sigmoid)\n  }\n  train {\n    loss: mse\n  }\n}\n',
  );
}, 600_000);

function axon(...args: string[]) {
  const bin = join(consumer, 'node_modules', '.bin', 'axon');
  return spawnSync(bin, args, { cwd: consumer, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

test('every workspace package of the CLI was packed', () => {
  const names = closure(workspaces(), '@axon/cli').map((w) => w.name.replace('@', '').replace('/', '-'));
  expect(packed.map((t) => t.replace(/-\d+\.\d+\.\d+\.tgz$/, ''))).toEqual(names.sort());
  // Installed from the tarballs, not linked to the workspace.
  expect(existsSync(join(consumer, 'node_modules', '@axon', 'lint', 'dist', 'index.js'))).toBe(true);
  expect(existsSync(join(consumer, 'node_modules', '@axon', 'lint', 'src'))).toBe(false);
});

test('the installed axon lints an example: warnings only, exit 0', () => {
  const r = axon('lint', '--format', 'json', 'models/deep-sigmoid.axon', 'models/iris.axon');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const results = JSON.parse(r.stdout) as { filePath: string; errorCount: number; messages: { ruleId: string; severity: string }[] }[];
  expect(results.map((f) => f.filePath)).toEqual(['models/deep-sigmoid.axon', 'models/iris.axon']);
  expect(results[0]!.messages.map((m) => `${m.ruleId}:${m.severity}`)).toContain('saturating-deep-stack:warning');
  expect(results[1]!.messages.filter((m) => m.severity !== 'info')).toEqual([]);
});

test('the installed axon exits 1 on errors and prints the stylish report', () => {
  const r = axon('lint', 'models');
  expect(r.status).toBe(1);
  expect(r.stdout).toContain('models/bad.axon');
  expect(r.stdout).toMatch(/6:14 +error +The output of this regression applies sigmoid/);
  expect(r.stdout).toContain('regression-output-linear');
});
