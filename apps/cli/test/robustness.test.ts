/**
 * Bad input, as a demanding user types it: every case runs the real command line through `main()`
 * (stdout/stderr captured) and checks the exact exit code (2 usage/config/data, 1 findings), the
 * message fragment naming the file and place, and that no stack trace reaches the user. The EPIPE
 * case spawns the built bin because it needs a real pipe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/main.js';
import { notTextReason } from '../src/source-text.js';
import { describeFsError } from '../src/fs-errors.js';
import { useColor } from '../src/commands/summary.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const examples = join(root, 'examples');
let dir: string;
const at = (name: string) => join(dir, name);

/** Runs `axon ...args` in-process and captures what it prints. */
async function axon(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'axon', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** An iris spec whose data{} reads `csv` and trains for 1 epoch. */
async function irisOn(name: string, csv: string): Promise<string> {
  const spec = (await readFile(join(examples, 'iris.axon'), 'utf8')).replace('"iris.csv"', JSON.stringify(csv)).replace(/epochs: \d+/, 'epochs: 1');
  await writeFile(at(name), spec);
  return at(name);
}

function editCsv(text: string, row: number, column: number, value: string): string {
  const lines = text.split('\n');
  const cells = lines[row - 1]!.split(',');
  cells[column - 1] = value;
  lines[row - 1] = cells.join(',');
  return lines.join('\n');
}

let irisCsv = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'axon-robust-'));
  for (const f of ['iris.axon', 'iris.csv', 'binary.axon', 'binary.csv']) await copyFile(join(examples, f), at(f));
  irisCsv = await readFile(at('iris.csv'), 'utf8');
  await writeFile(at('empty.axon'), '');
  // 'g' then bytes that are not UTF-8 (0xC0 can never start a sequence) and a NUL.
  await writeFile(at('garbage.axon'), Buffer.from([0x67, 0xc0, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x00, 0x41]));
  await writeFile(at('nul.axon'), 'network A {\n  input [2]\u0000\n}\n');
  await writeFile(at('syntax.axon'), 'network Bad {\n  input [4]\n  layers {\n    dense(16, activation: relu\n  }\n}\n');
  const one = (n: string) => `network ${n} {\n  input [2]\n  layers {\n    dense(1, activation: sigmoid)\n  }\n}\n`;
  await writeFile(at('two.axon'), one('A') + one('B'));
  await mkdir(at('folder'));
  await copyFile(at('iris.axon'), at('folder/inside.axon'));
  await writeFile(at('afile'), 'keep me');

  await irisOn('d-missing.axon', 'missing.csv');
  await writeFile(at('empty.csv'), '');
  await irisOn('d-empty.axon', 'empty.csv');
  await writeFile(at('nonnum.csv'), editCsv(irisCsv, 5, 2, 'abc'));
  await irisOn('d-nonnum.axon', 'nonnum.csv');
  await writeFile(at('notarget.csv'), irisCsv.replace('species', 'kind'));
  await irisOn('d-notarget.axon', 'notarget.csv');
  await writeFile(at('twoclass.csv'), irisCsv.split('\n').filter((l) => !l.includes('virginica')).join('\n'));
  await irisOn('d-twoclass.axon', 'twoclass.csv');
  await writeFile(at('short.csv'), editCsv(irisCsv, 7, 5, '').replace(/,\n/, '\n'));
  await irisOn('d-short.axon', 'short.csv');
  await writeFile(at('semi.csv'), irisCsv.replace(/,/g, ';'));
  await irisOn('d-semi.axon', 'semi.csv');
  await writeFile(at('garbage.csv'), Buffer.from([0x61, 0xff, 0x00, 0x2c, 0x0a]));
  await irisOn('d-garbage.axon', 'garbage.csv');
  await writeFile(at('crlf.csv'), irisCsv.replace(/\n/g, '\r\n'));
  await irisOn('d-crlf.axon', 'crlf.csv');
  await writeFile(at('bom.csv'), `\uFEFF${irisCsv}`);
  await irisOn('d-bom.axon', 'bom.csv');
  const quoted = irisCsv
    .trim()
    .split('\n')
    .map((l) => l.split(',').map((c) => `"${c}"`).join(','))
    .join('\n');
  await writeFile(at('quoted.csv'), `${quoted}\n`);
  await irisOn('d-quoted.axon', 'quoted.csv');

  // A trained binary model, then corrupt copies of it.
  expect((await axon('train', at('binary.axon'), '--epochs', '1', '--out', at('model'), '--no-report')).code).toBe(0);
  for (const bad of ['bad-json', 'bad-size']) {
    await mkdir(at(bad));
    for (const f of ['model.json', 'weights.bin']) await copyFile(at(`model/${f}`), at(`${bad}/${f}`));
  }
  await writeFile(at('bad-json/model.json'), '{');
  await writeFile(at('bad-size/weights.bin'), Buffer.alloc(100));
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Case {
  name: string;
  args: () => string[];
  code: number;
  /** Fragments the stderr must hold, in this order. */
  stderr: string[];
}

const cases: Case[] = [
  // .axon files that are not there or not text
  { name: 'summary of a missing file', args: () => ['summary', at('missing.axon')], code: 2, stderr: ['missing.axon: file not found'] },
  { name: 'train a missing file', args: () => ['train', at('missing.axon')], code: 2, stderr: ['missing.axon: file not found'] },
  { name: 'lint a missing file', args: () => ['lint', at('missing.axon')], code: 2, stderr: ['no such file or no match', 'missing.axon'] },
  { name: 'summary of a folder', args: () => ['summary', at('folder')], code: 2, stderr: ['folder is a folder; expected an .axon file'] },
  { name: 'compile a folder', args: () => ['compile', at('folder'), '--target', 'json'], code: 2, stderr: ['folder is a folder; expected an .axon file'] },
  { name: 'train a folder', args: () => ['train', at('folder')], code: 2, stderr: ['folder is a folder; expected an .axon file'] },
  { name: 'summary of an empty file', args: () => ['summary', at('empty.axon')], code: 0, stderr: ['empty.axon: no networks'] },
  { name: 'train an empty file', args: () => ['train', at('empty.axon')], code: 2, stderr: ['empty.axon: no network in this file'] },
  { name: 'compile an empty file', args: () => ['compile', at('empty.axon'), '--target', 'json'], code: 2, stderr: ['empty.axon: no network to compile'] },
  ...(['summary', 'lint', 'fmt', 'train', 'diagnose', 'sweep'] as const).map((command) => ({
    name: `${command} of binary garbage`,
    args: () => [command, at('garbage.axon')],
    code: 2,
    stderr: ['garbage.axon:1:2: not a UTF-8 text file (byte 0xc0 is not valid UTF-8); expected Axon source text'],
  })),
  { name: 'compile binary garbage', args: () => ['compile', at('garbage.axon'), '--target', 'json'], code: 2, stderr: ['garbage.axon:1:2: not a UTF-8 text file'] },
  { name: 'summary of a file with a NUL byte', args: () => ['summary', at('nul.axon')], code: 2, stderr: ['nul.axon:2:12: not a UTF-8 text file (a NUL byte'] },
  // syntax errors: findings (1), except fmt, which refuses to format (2)
  { name: 'summary with a syntax error', args: () => ['summary', at('syntax.axon')], code: 1, stderr: ["syntax.axon:5:3: error: expected ')' to close the argument list"] },
  { name: 'train with a syntax error', args: () => ['train', at('syntax.axon')], code: 1, stderr: ['syntax.axon:5:3: error:', 'fix it before training'] },
  { name: 'compile with a syntax error', args: () => ['compile', at('syntax.axon'), '--target', 'json'], code: 1, stderr: ['syntax.axon:5:3: error:', 'fix it before compiling'] },
  { name: 'diagnose with a syntax error', args: () => ['diagnose', at('syntax.axon')], code: 1, stderr: ['syntax.axon:5:3: error:', '1 error in'] },
  { name: 'fmt with a syntax error', args: () => ['fmt', '--check', at('syntax.axon')], code: 2, stderr: ['syntax.axon:5:3: error:', 'has syntax errors; not formatted'] },
  // several networks and no --network
  { name: 'train, two networks', args: () => ['train', at('two.axon')], code: 2, stderr: ['has 2 networks (A, B); choose one with --network NAME'] },
  { name: 'compile, two networks', args: () => ['compile', at('two.axon'), '--target', 'json'], code: 2, stderr: ['has 2 networks (A, B); choose one with --network NAME'] },
  { name: 'sweep, two networks', args: () => ['sweep', at('two.axon')], code: 2, stderr: ['has 2 networks (A, B); choose one with --network NAME'] },
  { name: 'train, unknown --network', args: () => ['train', at('iris.axon'), '--network', 'Nope'], code: 2, stderr: ['no network "Nope"; it has: Iris'] },
  // flags
  { name: 'unknown flag', args: () => ['lint', '--bogus', at('iris.axon')], code: 2, stderr: ["unknown option '--bogus'"] },
  { name: 'unknown command', args: () => ['frobnicate'], code: 2, stderr: ["unknown command 'frobnicate'"] },
  { name: 'negative --epochs', args: () => ['train', at('iris.axon'), '--epochs', '-1'], code: 2, stderr: ['--epochs expects a positive integer, got "-1"'] },
  { name: 'fractional --epochs', args: () => ['train', at('iris.axon'), '--epochs', '1.5'], code: 2, stderr: ['--epochs expects a positive integer, got "1.5"'] },
  { name: 'negative --seed', args: () => ['train', at('iris.axon'), '--seed', '-3'], code: 2, stderr: ['--seed expects an integer from 0 to 4294967295, got "-3"'] },
  { name: 'lint --format xml', args: () => ['lint', '--format', 'xml', at('iris.axon')], code: 2, stderr: ["argument 'xml' is invalid. Allowed choices are stylish, json, sarif, github"] },
  { name: 'diagnose --format xml', args: () => ['diagnose', at('iris.axon'), '--format', 'xml'], code: 2, stderr: ['--format expects one of stylish, json, sarif, github, got "xml"'] },
  { name: 'diagnose -f xml (the short flag, as in lint)', args: () => ['diagnose', at('iris.axon'), '-f', 'xml'], code: 2, stderr: ['--format expects one of stylish, json, sarif, github, got "xml"'] },
  { name: 'compile --target foo', args: () => ['compile', at('iris.axon'), '--target', 'foo'], code: 2, stderr: ["argument 'foo' is invalid. Allowed choices are json, pytorch, tfjs, keras, onnx"] },
  { name: 'compile without --target', args: () => ['compile', at('iris.axon')], code: 2, stderr: ["required option '-t, --target <target>' not specified"] },
  { name: 'lint --max-warnings -1', args: () => ['lint', '--max-warnings', '-1', at('iris.axon')], code: 2, stderr: ['--max-warnings expects a whole number ≥ 0, got "-1"'] },
  { name: 'diagnose --max-warnings -1', args: () => ['diagnose', at('iris.axon'), '--max-warnings', '-1'], code: 2, stderr: ['--max-warnings expects a non-negative integer, got "-1"'] },
  { name: 'sweep --activations foo', args: () => ['sweep', at('iris.axon'), '--activations', 'foo'], code: 2, stderr: ['--activations: unknown activation "foo"'] },
  // data CSVs
  { name: 'data: missing CSV', args: () => ['train', at('d-missing.axon'), '--no-report', '--out', at('runs/x')], code: 2, stderr: ['missing.csv: file not found (data.source "missing.csv" at ', 'd-missing.axon:25:5)'] },
  { name: 'data: empty CSV', args: () => ['train', at('d-empty.axon'), '--no-report', '--out', at('runs/x')], code: 2, stderr: ['empty.csv: empty file; expected a header row and at least one data row'] },
  { name: 'data: a non-numeric cell', args: () => ['train', at('d-nonnum.axon'), '--no-report', '--out', at('runs/x')], code: 2, stderr: ['nonnum.csv:5:2: non-numeric value "abc" in feature column "sepal_width" (column 2); expected a number'] },
  { name: 'data: no target column', args: () => ['train', at('d-notarget.axon'), '--no-report', '--out', at('runs/x')], code: 2, stderr: ['notarget.csv:1: no target column "species"; the header has: '] },
  { name: 'data: wrong class count', args: () => ['train', at('d-twoclass.axon'), '--no-report', '--out', at('runs/x')], code: 2, stderr: ['twoclass.csv:1:5: target column "species" holds 2 labels', 'classification(classes: 3)'] },
  { name: 'data: a short row', args: () => ['train', at('d-short.axon'), '--no-report', '--out', at('runs/x')], code: 2, stderr: ['short.csv:7: wrong number of cells: expected 5, got 4'] },
  { name: 'data: semicolon-separated', args: () => ['train', at('d-semi.axon'), '--no-report', '--out', at('runs/x')], code: 2, stderr: ['semi.csv:1: no target column "species"; the header has: sepal_length;', 'the file looks semicolon-separated, but data files must be comma-separated'] },
  { name: 'data: binary garbage', args: () => ['train', at('d-garbage.axon'), '--no-report', '--out', at('runs/x')], code: 2, stderr: ['garbage.csv:1:2: not a UTF-8 text CSV file (bytes that are not UTF-8); expected comma-separated text'] },
  { name: 'diagnose: a non-numeric cell', args: () => ['diagnose', at('d-nonnum.axon'), '--no-report'], code: 2, stderr: ['nonnum.csv:5:2: non-numeric value "abc"'] },
  // output locations
  { name: 'train --out is a file', args: () => ['train', at('iris.axon'), '--epochs', '1', '--out', at('afile')], code: 2, stderr: ['--out: cannot use ', 'afile: part of this path is a file, not a folder'] },
  { name: 'train --out below a file', args: () => ['train', at('iris.axon'), '--epochs', '1', '--out', at('afile/sub')], code: 2, stderr: ['afile/sub: part of this path is a file, not a folder'] },
  { name: 'sweep --out is a file (refused before training)', args: () => ['sweep', at('binary.axon'), '--out', at('afile')], code: 2, stderr: ['--out: cannot use ', 'afile: part of this path is a file, not a folder'] },
  { name: 'diagnose --out is a file (refused before the run)', args: () => ['diagnose', at('binary.axon'), '--out', at('afile')], code: 2, stderr: ['--out: cannot use ', 'afile: part of this path is a file, not a folder'] },
  { name: 'compile -o is a folder', args: () => ['compile', at('iris.axon'), '--target', 'json', '-o', at('folder')], code: 2, stderr: ['cannot write ', 'folder: is a folder, expected a file'] },
  { name: 'compile -o below a file', args: () => ['compile', at('iris.axon'), '--target', 'keras', '-o', at('afile/x.py')], code: 2, stderr: ['afile/x.py: part of this path is a file, not a folder'] },
  // --weights
  { name: '--weights with bad JSON', args: () => ['compile', at('binary.axon'), '--target', 'onnx', '--weights', at('bad-json'), '-o', at('out-json.onnx')], code: 2, stderr: ['model.json: not valid JSON'] },
  { name: '--weights truncated', args: () => ['compile', at('binary.axon'), '--target', 'onnx', '--weights', at('bad-size'), '-o', at('out-size.onnx')], code: 2, stderr: ['weights.bin: holds 100 bytes but model.json records'] },
  { name: '--weights missing', args: () => ['compile', at('binary.axon'), '--target', 'onnx', '--weights', at('nowhere'), '-o', at('out-none.onnx')], code: 2, stderr: ['is not a complete Axon model directory'] },
  { name: '--weights is a file', args: () => ['compile', at('binary.axon'), '--target', 'onnx', '--weights', at('afile'), '-o', at('out-file.onnx')], code: 2, stderr: ['afile is a file; expected a model folder'] },
  { name: '--weights of another network', args: () => ['compile', at('iris.axon'), '--target', 'onnx', '--weights', at('model'), '-o', at('out-other.onnx')], code: 2, stderr: ['holds network Binary, not Iris'] },
];

describe('axon on bad input: exit code and message', () => {
  it.each(cases)('$name', async ({ args, code, stderr }) => {
    const result = await axon(...args());
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // no stack trace
    expect(result.stderr).not.toContain('internal error');
    let from = 0;
    for (const fragment of stderr) {
      const found = result.stderr.indexOf(fragment, from);
      expect(found, `stderr lacks ${JSON.stringify(fragment)}:\n${result.stderr}`).toBeGreaterThanOrEqual(0);
      from = found + fragment.length;
    }
    expect(result.code).toBe(code);
  }, 60_000);

  it('never echoes raw binary (escape sequences) to the terminal', async () => {
    const result = await axon('summary', at('garbage.axon'));
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stderr).not.toContain('\u0000');
  });

  it('shows an escape character in a code frame as a symbol (summary and lint)', async () => {
    await writeFile(at('esc.axon'), 'network A {\n  input [2] \u001b[2J\n  layers { dense(1) }\n}\n');
    const summary = await axon('summary', at('esc.axon'));
    expect(summary.code).toBe(1);
    expect(summary.stderr).toContain('esc.axon:2:13: error: invalid character "\\u001b"');
    expect(summary.stderr).toContain('  2 |   input [2] \u241b[2J');
    const lint = await axon('lint', '--no-color', at('esc.axon'));
    expect(lint.code).toBe(1);
    for (const text of [summary.stderr, lint.stdout, lint.stderr]) expect(text).not.toContain('\u001b');
  });

  it('leaves no output behind when it fails', async () => {
    expect(await readFile(at('afile'), 'utf8')).toBe('keep me');
    for (const f of ['out-json.onnx', 'out-size.onnx', 'out-none.onnx', 'out-file.onnx', 'out-other.onnx']) expect(existsSync(at(f))).toBe(false);
    expect(existsSync(at('runs/x'))).toBe(false); // data errors stop before the output folder is made
    expect((await readdir(at('folder'))).sort()).toEqual(['inside.axon']); // no temporary files left
  });
});

describe('data CSVs that are fine', () => {
  it.each(['crlf', 'bom', 'quoted'])('%s line endings / marks / quotes train like the plain file', async (kind) => {
    const out = at(`runs/${kind}`);
    const result = await axon('train', at(`d-${kind}.axon`), '--no-report', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('on 120 rows, validating on 30; 1 epoch, batch 16');
    const plain = await axon('train', await irisOn('d-plain.axon', 'iris.csv'), '--no-report', '--out', at('runs/plain'));
    // Same rows, same seed: the same first-epoch loss as the plain file.
    const loss = (s: string) => /epoch 1\/1\s+loss (\d+\.\d+)/.exec(s)?.[1];
    expect(loss(result.stdout)).toBeDefined();
    expect(loss(result.stdout)).toBe(loss(plain.stdout));
    expect(existsSync(join(out, 'model.json'))).toBe(true);
  }, 60_000);
});

describe('a report that cannot be written', () => {
  it('train says so, keeps the model and exits 2 (not an internal error), leaving no temporary file', async () => {
    const out = at('runs/blocked');
    await mkdir(join(out, 'report.html'), { recursive: true });
    const result = await axon('train', at('binary.axon'), '--epochs', '1', '--out', out);
    expect(result.stderr).toContain(`axon train: could not write the report (${join(out, 'report.html')}: is a folder, expected a file)`);
    expect(result.stderr).toContain('the model and metrics were saved');
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(2);
    const files = await readdir(out);
    expect(files).toEqual(expect.arrayContaining(['model.json', 'weights.bin', 'metrics.jsonl']));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});

describe('fmt and lint --fix keep the file when they cannot write', () => {
  it('fmt on a file with syntax errors leaves it byte for byte', async () => {
    const before = await readFile(at('syntax.axon'), 'utf8');
    expect((await axon('fmt', at('syntax.axon'))).code).toBe(2);
    expect(await readFile(at('syntax.axon'), 'utf8')).toBe(before);
  });
});

describe('fmt through a symbolic link', () => {
  it('formats the file the link points to and keeps the link a link', async () => {
    const { lstat, symlink } = await import('node:fs/promises');
    const real = at('real.axon');
    const messy = (await readFile(at('binary.axon'), 'utf8')).replace('  input [2]', '  input     [2]');
    await writeFile(real, messy);
    await symlink('real.axon', at('link.axon'));
    const result = await axon('fmt', at('link.axon'));
    expect(result.code).toBe(0);
    expect((await lstat(at('link.axon'))).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toBe(messy.replace('  input     [2]', '  input [2]'));
  });
});

describe('helpers', () => {
  it('summary colours only a terminal (CI=true does not colour a pipe)', () => {
    expect(useColor(undefined, false, { CI: 'true' })).toBe(false);
    expect(useColor(undefined, true, {})).toBe(true);
    expect(useColor(undefined, true, { NO_COLOR: '' })).toBe(false);
    expect(useColor(false, true, {})).toBe(false);
    expect(useColor(undefined, false, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(undefined, true, { TERM: 'dumb' })).toBe(false);
  });

  it('notTextReason finds the first bad byte as line:col', () => {
    expect(notTextReason(Buffer.from('network A {}\n', 'utf8'))).toBeUndefined();
    expect(notTextReason(Buffer.from('\uFEFFnetwork é {}\n', 'utf8'))).toBeUndefined();
    expect(notTextReason(Buffer.from([0x61, 0x0a, 0x62, 0x63, 0xff]))).toBe('2:3: not a UTF-8 text file (byte 0xff is not valid UTF-8); expected Axon source text');
    expect(notTextReason(Buffer.from('ab\ncé\u0000', 'utf8'))).toMatch(/^2:3: not a UTF-8 text file \(a NUL byte/);
  });

  it('describeFsError says what is wrong with the path', () => {
    const e = (code: string) => Object.assign(new Error(code), { code });
    expect(describeFsError(e('EEXIST'), 'out')).toBe('out: part of this path is a file, not a folder');
    expect(describeFsError(e('EISDIR'), 'out')).toBe('out: is a folder, expected a file');
    expect(describeFsError(e('EACCES'), 'out')).toBe('out: permission denied');
    expect(describeFsError(e('ENOSPC'), 'out')).toBe('out: no space left on the device');
  });
});

describe('axon … | head (a real pipe, the built bin)', () => {
  it('train keeps going when the reader goes away: the model is saved and the exit code is 0', async () => {
    const out = at('runs/piped');
    const child = spawn(process.execPath, [join(root, 'apps/cli/bin/axon.js'), 'train', at('binary.axon'), '--epochs', '30', '--no-report', '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    // Like `head -1`: read the first chunk, then close our end of the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(existsSync(join(out, 'model.json'))).toBe(true);
    expect(existsSync(join(out, 'weights.bin'))).toBe(true);
  }, 60_000);
});
