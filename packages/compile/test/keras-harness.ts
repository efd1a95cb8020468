/** Runs a network's Keras output against the recording stand-in (test/py/keras_stub) and returns what it recorded. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { compile } from '@axon/compile';
import type { ResolvedNetwork } from '@axon/language';
import { PYTHON, tempDir, writeOutput } from './helpers.js';

/** The file must compile (`py_compile`); its `build_model()` + `compile_model()` run against the stub; prints JSON. */
export function kerasStructure<T>(network: ResolvedNetwork): T {
  const file = writeOutput(compile({ network }, 'keras'), tempDir('keras'));
  const c = spawnSync(PYTHON, ['-m', 'py_compile', file], { encoding: 'utf8' });
  expect(c.status, c.stderr).toBe(0);
  const r = spawnSync(PYTHON, [join(import.meta.dirname, 'py', 'keras_structure.py'), file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}
