import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, parse, type ResolvedNetwork } from '@axon/language';
import type { CompileOutput } from '@axon/compile';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXAMPLES = join(ROOT, 'examples');
export const PYTHON = '/usr/bin/python3';

/** Every network of every example, named `file:Network`. */
export function exampleNetworks(): (readonly [string, ResolvedNetwork])[] {
  return exampleFiles().flatMap((f) => networksOf(readFileSync(f, 'utf8')).map((n) => [`${basename(f)}:${n.name}`, n] as const));
}

/** Multiply-adds of one sample's forward pass through the dense and conv2d layers. */
export function macsPerSample(network: ResolvedNetwork): number {
  let macs = 0;
  for (const l of network.layers) {
    const cin = l.inputShape[l.inputShape.length - 1] ?? 0;
    const positions = l.outputShape.slice(0, -1).reduce((a, b) => a * b, 1);
    if (l.kind === 'conv2d') macs += positions * l.kernel[0] * l.kernel[1] * cin * l.filters;
    if (l.kind === 'dense') macs += positions * cin * l.units;
  }
  return macs;
}

/**
 * The ImageNet-size examples (ResNet50, DenseNet121: billions of multiply-adds a sample) are checked by
 * their parameter counts and structure; forward-pass equality runs on the others (the same layers and
 * constructs at small sizes), since the core's forward pass on them takes minutes.
 */
export const HEAVY_MACS = 1e9;

export function lightExampleNetworks(): (readonly [string, ResolvedNetwork])[] {
  return exampleNetworks().filter(([, n]) => macsPerSample(n) < HEAVY_MACS);
}

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
