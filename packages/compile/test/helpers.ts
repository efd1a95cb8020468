import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, parse, type ResolvedNetwork } from '@axon/language';
import type { CompileOutput } from '@axon/compile';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXAMPLES = join(ROOT, 'examples');
export const PYTHON = '/usr/bin/python3';

export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.axon'))
    .sort()
    .map((f) => join(EXAMPLES, f));
}

/** Every network of an .axon source, failing loudly on any error diagnostic. */
export function networksOf(text: string): ResolvedNetwork[] {
  const { ast, diagnostics } = parse(text);
  const analysis = analyze(ast);
  const errors = [...diagnostics, ...analysis.diagnostics].filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n'));
  return analysis.networks;
}

export function networkOf(text: string, index = 0): ResolvedNetwork {
  const n = networksOf(text)[index];
  if (!n) throw new Error('no network');
  return n;
}

export function exampleNetwork(file: string): ResolvedNetwork {
  return networkOf(readFileSync(join(EXAMPLES, file), 'utf8'));
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `axon-compile-${prefix}-`));
}

/** Writes a compile output under `dir` and returns the folder (or the single file's path). */
export function writeOutput(out: CompileOutput, dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const f of out.files) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.contents);
  }
  return out.directory ? dir : join(dir, out.files[0]!.path);
}

export function textOf(out: CompileOutput, path: string): string {
  const f = out.files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} in ${out.files.map((x) => x.path).join(', ')}`);
  return typeof f.contents === 'string' ? f.contents : Buffer.from(f.contents).toString('utf8');
}
