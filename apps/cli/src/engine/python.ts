/**
 * Finding a Python with PyTorch for `axon train --engine pytorch`: `--python PATH`, else /usr/bin/python3
 * when present (Debian's, with python3-torch), else `python3` on PATH. A missing interpreter or a
 * missing torch is a clear message naming how to install it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function defaultPython(): string {
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

export interface PythonCheck {
  ok: boolean;
  /** With ok: torch's version and whether CUDA is available. */
  torch?: string;
  cuda?: boolean;
  /** Without ok: what is wrong and how to fix it. */
  message?: string;
}

/** The last `lines` non-empty lines of a process's output. */
export function tail(text: string, lines = 15): string {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(-lines)
    .join('\n');
}

/** Runs `python -c "import torch"`: which torch, or why not. */
export function checkPython(python: string): PythonCheck {
  const r = spawnSync(python, ['-c', 'import json, torch; print(json.dumps([torch.__version__, torch.cuda.is_available()]))'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR') {
      return { ok: false, message: `cannot run Python (${python}: ${code === 'EACCES' ? 'not executable' : 'not found'}); install python3: apt-get install python3 (or pass --python PATH)` };
    }
    return { ok: false, message: `cannot run Python (${python}): ${r.error.message}` };
  }
  if (r.status !== 0) {
    if (/No module named ['"]?torch/.test(r.stderr)) {
      return { ok: false, message: `PyTorch is not installed for ${python}: apt-get install python3-torch or pip install torch` };
    }
    return { ok: false, message: `${python} could not import torch:\n${tail(r.stderr)}` };
  }
  try {
    const [version, cuda] = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as [string, boolean];
    return { ok: true, torch: version, cuda };
  } catch {
    return { ok: false, message: `${python} printed something unexpected when asked for torch's version: ${tail(r.stdout, 3)}` };
  }
}
