/**
 * docs/cli.md#startup: a command loads only what it runs on. The built bundle's entry, and what it
 * imports statically, must not pull in the trainer, the compiler, diagnose, the report, the parser or
 * the linter; `invokedCommand` decides which command's option lists are read from those packages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { invokedCommand } from '../src/commands/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bundle = join(root, 'apps/cli/dist/bundle');

describe('invokedCommand', () => {
  it('is the first operand, or the one after help', () => {
    expect(invokedCommand(['node', 'axon', 'lint', 'a.axon'])).toBe('lint');
    expect(invokedCommand(['node', 'axon', 'compile', '-t', 'onnx', 'a.axon'])).toBe('compile');
    expect(invokedCommand(['node', 'axon', 'help', 'sweep'])).toBe('sweep');
    expect(invokedCommand(['node', 'axon', 'sweep', '--help'])).toBe('sweep');
    expect(invokedCommand(['node', 'axon', '--help'])).toBeUndefined();
    expect(invokedCommand(['node', 'axon'])).toBeUndefined();
    expect(invokedCommand(['node', 'axon', 'help'])).toBeUndefined();
  });
});

/** The files `file` loads before any of its code runs: itself and its static imports, transitively. */
function staticClosure(file: string, seen = new Map<string, string>()): Map<string, string> {
  if (seen.has(file)) return seen;
  const text = readFileSync(file, 'utf8');
  seen.set(file, text);
  // bundle.mjs's output: CommonJS bodies whose static imports are `require("./chunk-X.js")` (dynamic ones go
  // through `__axon_import(…)`, the bin's loader, and are not followed); plain ES `import … from` too.
  const statics = [
    ...text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"();]*?\bfrom\s*)?["']([^"']+)["']/g),
    ...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
  ];
  for (const m of statics) {
    const spec = m[1]!;
    if (spec.startsWith('.')) staticClosure(join(dirname(file), spec), seen);
    else seen.set(spec, '');
  }
  return seen;
}

describe.skipIf(!existsSync(join(bundle, 'main.js')))('the built bundle (npm run build)', () => {
  const closure = staticClosure(join(bundle, 'main.js'));
  const loaded = [...closure.keys()];
  const code = [...closure.values()].join('\n');

  it('loads no engine package at start: they are imported inside the actions', () => {
    for (const pkg of ['@axon/core', '@axon/compile', '@axon/diagnose', '@axon/report']) {
      expect(loaded).not.toContain(pkg);
      expect(readFileSync(join(bundle, 'main.js'), 'utf8')).toContain(`__axon_import("${pkg}")`);
    }
  });

  it('loads neither the parser nor the linter at start', () => {
    expect(code).not.toContain('performSelfAnalysis'); // chevrotain
    expect(code).not.toContain('addUsedSchema'); // ajv
    expect(code).toContain('showHelpAfterError'); // commander is: the closure was read
    expect(loaded.some((f) => /chunk-[A-Z0-9]+\.js$/.test(f))).toBe(true); // and followed main.js's require()s
  });

  it('runs: --help lists every command, lint reports, exit codes unchanged', () => {
    const bin = join(root, 'apps/cli/bin/axon.js');
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const c of ['summary', 'train', 'compile', 'sweep', 'lint', 'fmt', 'diagnose', 'predict']) expect(help.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    const bad = spawnSync(process.execPath, [bin, 'compile', join(root, 'examples/iris.axon'), '-t', 'cobol'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Allowed choices are json, pytorch, tfjs, keras, onnx');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
