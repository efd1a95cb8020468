/**
 * Turns command-line operands into .axon files: a file is taken as is, a folder contributes every
 * .axon file below it (skipping node_modules and dot-folders), anything else is a glob pattern.
 * Operands that match nothing are reported, so a typo never silently lints zero files.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { UsageError } from './exit.js';

const IGNORE = ['**/node_modules/**', '**/.git/**'];

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

/** The files the operands name, in order of first mention, without duplicates. */
export async function expandFiles(operands: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      out.push(f);
    }
  };
  for (const operand of operands) {
    let kind: 'file' | 'dir' | 'none' = 'none';
    try {
      const s = await stat(isAbsolute(operand) ? operand : join(cwd, operand));
      kind = s.isDirectory() ? 'dir' : 'file';
    } catch {
      kind = 'none';
    }
    if (kind === 'file') {
      push(operand);
      continue;
    }
    const base = isAbsolute(operand) ? operand : join(cwd, operand);
    // The glob matcher loads for a folder or a pattern, not for named files (docs/cli.md#startup).
    const { glob } = await import('tinyglobby');
    const matches =
      kind === 'dir'
        ? (await glob(['**/*.axon'], { cwd: base, ignore: IGNORE, onlyFiles: true, expandDirectories: false }))
            .sort()
            .map((m) => join(operand, m))
        : (await glob([toPosix(operand)], { cwd, ignore: IGNORE, onlyFiles: true, expandDirectories: false })).sort();
    if (matches.length === 0) {
      throw new UsageError(kind === 'dir' ? `no .axon files in ${operand}` : `no such file or no match: ${operand}`);
    }
    for (const m of matches) push(m);
  }
  return out;
}
