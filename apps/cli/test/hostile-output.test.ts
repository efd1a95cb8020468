/**
 * Issue 15, items 9, 10 and 11: where the CLI writes. `-o` to a device, a FIFO or a link to one is
 * written in place (never replaced by a regular file); a write error on stdout (`> /dev/full`, a
 * closed stdout) exits 2 with a message; fmt and --fix keep a file's mode and owner.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFmt } from '../src/commands/fmt.js';
import { runLint } from '../src/commands/lint.js';
import { runCompile } from '../src/commands/compile.js';
import { writeFileAtomic } from '../src/fs-atomic.js';
import { dropOutputAfterClosedPipe } from '../src/closed-pipe.js';
import { capture } from './capture.js';
import { axonSh, builtAxon } from './hostile-bin.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'axon-hostile-out-'));
  writeFileSync(join(dir, 'iris.axon'), readFileSync(join(examples, 'iris.axon'), 'utf8'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const io = () => {
  const out = capture();
  const err = capture();
  return { out, err, io: { stdout: out.stream, stderr: err.stream, color: false, cwd: dir } };
};
const mode = (p: string) => statSync(p).mode & 0o7777;
const isRoot = process.getuid?.() === 0;

describe('writeFileAtomic keeps what it should (item 11)', () => {
  it('a 666 file stays 666, a 600 file 600', async () => {
    for (const m of [0o666, 0o600, 0o755]) {
      const p = join(dir, `mode-${m.toString(8)}.txt`);
      writeFileSync(p, 'old');
      chmodSync(p, m);
      await writeFileAtomic(p, 'new');
      expect(readFileSync(p, 'utf8')).toBe('new');
      expect(mode(p).toString(8)).toBe(m.toString(8));
    }
  });

  it.runIf(isRoot)('a file owned by another user stays theirs when root rewrites it', async () => {
    const p = join(dir, 'owned.txt');
    writeFileSync(p, 'old');
    chownSync(p, 12345, 23456);
    chmodSync(p, 0o664);
    await writeFileAtomic(p, 'new');
    const s = statSync(p);
    expect([s.uid, s.gid, s.mode & 0o7777]).toEqual([12345, 23456, 0o664]);
  });

  it('a symlink stays a link to a rewritten target', async () => {
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'old');
    symlinkSync(target, join(dir, 'link.txt'));
    await writeFileAtomic(join(dir, 'link.txt'), 'new');
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new');
  });
});

describe('fmt and lint --fix keep mode and owner (item 11)', () => {
  it('fmt keeps a 666 file 666 (and its owner, as root)', async () => {
    const p = join(dir, 'messy.axon');
    writeFileSync(p, 'network N {input [4]\nlayers {dense(4,activation: relu), dense(2)}}\n');
    chmodSync(p, 0o666);
    if (isRoot) chownSync(p, 12345, 12345);
    const { io: cio } = io();
    expect(await runFmt(['messy.axon'], {}, cio)).toBe(0);
    expect(readFileSync(p, 'utf8')).toContain('dense(4, activation: relu)');
    expect(mode(p)).toBe(0o666);
    if (isRoot) expect(statSync(p).uid).toBe(12345);
  });

  it('lint --fix keeps a 640 file 640', async () => {
    const p = join(dir, 'fixme.axon');
    // output-activation-mismatch: softmax added by the fix
    writeFileSync(p, 'network N {\n  input [4]\n  task classification(classes: 3)\n  layers {\n    dense(8, activation: relu)\n    dense(3)\n  }\n}\n');
    chmodSync(p, 0o640);
    const before = readFileSync(p, 'utf8');
    const { io: cio } = io();
    await runLint(['fixme.axon'], { fix: true }, cio);
    expect(readFileSync(p, 'utf8')).not.toBe(before);
    expect(mode(p)).toBe(0o640);
  });
});

describe('-o to what is not a regular file (item 9)', () => {
  it('a symlink to /dev/null: written through, the device and the link stay', async () => {
    const link = join(dir, 'null-link');
    symlinkSync('/dev/null', link);
    const { io: cio, err } = io();
    expect(await runCompile(join(dir, 'iris.axon'), { target: 'json', output: link }, cio)).toBe(0);
    expect(err.text()).toContain('compiled Iris for json');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a FIFO is written in place: the reader gets the JSON and the FIFO stays a FIFO', async () => {
    const fifo = join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (c) => (got += String(c)));
    const closed = new Promise((r) => reader.on('close', r));
    const { io: cio } = io();
    expect(await runCompile(join(dir, 'iris.axon'), { target: 'json', output: fifo }, cio)).toBe(0);
    await closed;
    expect(JSON.parse(got).networks?.[0]?.name ?? JSON.parse(got).name).toBe('Iris');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a folder given as the output file is refused with a message', async () => {
    const { io: cio } = io();
    await expect(runCompile(join(dir, 'iris.axon'), { target: 'json', output: tmpdir() }, cio)).rejects.toThrow(/is a folder/);
  });
});

describe('the output guard waits for pending writes (item 10)', () => {
  it('settles at once on a stream whose reader went away, and counts an ENOSPC that comes a tick late', async () => {
    const out = capture();
    const err = capture();
    const guard = dropOutputAfterClosedPipe([out.stream as unknown as NodeJS.WritableStream, err.stream as unknown as NodeJS.WritableStream], false);
    out.stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    const t0 = performance.now();
    await guard.settled();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(guard.failure()).toBeUndefined();
    setImmediate(() => err.stream.emit('error', Object.assign(new Error('no space'), { code: 'ENOSPC' })));
    await guard.settled();
    expect(guard.failure()?.code).toBe('ENOSPC');
  });
});

describe('write errors on stdout exit 2 (item 10), the built command', () => {
  beforeAll(async () => {
    await builtAxon();
  }, 120_000);

  for (const [what, args] of [
    ['compile', 'compile iris.axon --target json'],
    ['summary', 'summary iris.axon'],
    ['lint (no errors)', 'lint iris.axon --rule missing-nonlinearity:warning'],
  ] as const) {
    it(`${what} > /dev/full: a message and exit 2`, async () => {
      const r = await axonSh(`${args} > /dev/full`, dir);
      expect(r.stderr).toContain('axon: could not write the output (ENOSPC)');
      expect(r.status).toBe(2);
    });
  }

  it('summary with stdout closed: a message and exit 2', async () => {
    const r = await axonSh('summary iris.axon >&-', dir);
    expect(r.stderr).toContain('axon: could not write the output (standard output is closed)');
    expect(r.status).toBe(2);
  });

  it('summary > /dev/null is a success', async () => {
    const r = await axonSh('summary iris.axon > /dev/null', dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
