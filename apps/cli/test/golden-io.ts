/** Shared by the lint and fmt command tests: run a command on in-memory streams, compare with a golden file. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const golden = fileURLToPath(new URL('./golden/', import.meta.url));

export interface TestIo {
  stdout: { write: (s: string) => void };
  stderr: { write: (s: string) => void };
  color: boolean;
  cwd: string;
}

/** Runs a command with string-collecting stdout/stderr; returns its exit code and what it wrote. */
export async function runCaptured(run: (io: TestIo) => Promise<number>, cwd: string, color = false) {
  let stdout = '';
  let stderr = '';
  const code = await run({ stdout: { write: (s: string) => void (stdout += s) }, stderr: { write: (s: string) => void (stderr += s) }, color, cwd });
  return { code, stdout, stderr };
}

/** `actual` must equal golden/<name>; UPDATE_GOLDEN=1 (or a missing file) writes it instead. */
export function expectGolden(name: string, actual: string): void {
  const path = `${golden}${name}`;
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
