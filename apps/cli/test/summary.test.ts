/**
 * `axon summary`: the Keras-style table, code frames for errors, and exit codes. Runs in-process
 * through `main()` with stdout/stderr captured, so it needs no build.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/main.js';
import { runSummary } from '../src/commands/summary.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const example = (name: string) => join(root, 'examples', name);

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

const run = (...args: string[]) => main(['node', 'axon', 'summary', '--no-color', ...args]);

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'axon-summary-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('axon summary', () => {
  it('prints the iris table: rows, shapes, params, source lines and origins', async () => {
    const code = await run(example('iris.axon'));
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(`Network: Iris (${example('iris.axon')}:2)`);
    expect(lines.slice(2, 13)).toEqual([
      'Layer (kind)               Activation               Output shape  Params  Source',
      lines[3],
      'input                                               (None, 4)          0  line 3',
      'dense (dense)              relu                     (None, 16)        80  line 7',
      'dense_1 (dense)            leaky_relu(alpha: 0.01)  (None, 16)       272  line 8',
      'dropout (dropout)                                   (None, 16)         0  line 9',
      'dense_2 (dense)            elu(alpha: 1)            (None, 32)       544  line 32 ← elu_block(32) line 11 ← repeat 2 [1/2] line 10',
      'batch_norm (batch_norm)                             (None, 32)       128  line 33 ← elu_block(32) line 11 ← repeat 2 [1/2] line 10',
      'dense_3 (dense)            elu(alpha: 1)            (None, 32)     1,056  line 32 ← elu_block(32) line 11 ← repeat 2 [2/2] line 10',
      'batch_norm_1 (batch_norm)                           (None, 32)       128  line 33 ← elu_block(32) line 11 ← repeat 2 [2/2] line 10',
      'dense_4 (dense)            softmax                  (None, 3)         99  line 13',
    ]);
    expect(lines.slice(-3)).toEqual(['Total params: 2,307', 'Trainable params: 2,179', 'Non-trainable params: 128']);
    expect(lines[1]).toMatch(/^─+$/);
  });

  it('summarises several files, the CNN with Keras totals', async () => {
    const code = await run(example('mnist-cnn.axon'), example('binary.axon'));
    expect(code).toBe(0);
    expect(out).toContain('conv2d (conv2d)            relu        (None, 26, 26, 32)     320  line 8\n');
    expect(out).toContain('flatten (flatten)                      (None, 1600)             0  line 12\n');
    expect(out).toContain('Total params: 34,826');
    expect(out).toContain('Network: Binary');
    expect(out).toContain('Total params: 337');
  });

  it('errors: code frame on stderr, exit 1, no table for that file', async () => {
    const file = tempFile('bad.axon', 'network Bad {\n  input [4]\n  layers {\n    desne(16)\n  }\n}\n');
    const code = await run(file);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      [
        `${file}:4:5: error: unknown layer \`desne\`; did you mean \`dense\`? [analysis/unknown-layer]`,
        '  4 |     desne(16)',
        '    |     ^^^^^',
        '',
      ].join('\n'),
    );
  });

  it('a clean file still prints when another file has errors; the exit code is the worst', async () => {
    const bad = tempFile('bad.axon', 'network Bad {\n  input [4]\n  layers { dense(0) }\n}\n');
    const code = await run(bad, example('regression.axon'));
    expect(code).toBe(1);
    expect(err).toContain(`${bad}:3:18: error: \`units\` of \`dense\` must be a positive integer, got \`0\` [analysis/out-of-range]`);
    expect(out).toContain('Network: Regressor');
    expect(out).toContain('Total params: 1,249');
  });

  it('an unreadable file exits 2 with a one-line message and no stack trace', async () => {
    const code = await run(join(root, 'examples', 'no-such.axon'));
    expect(code).toBe(2);
    expect(err).toBe(`axon: ${join(root, 'examples', 'no-such.axon')}: file not found\n`);
    expect(err).not.toContain('    at ');
  });

  it('no file is a usage error (exit 2)', async () => {
    expect(await main(['node', 'axon', 'summary'])).toBe(2);
    expect(err).toContain("missing required argument 'files'");
  });

  it('runSummary with colour writes ANSI escapes', async () => {
    let text = '';
    const sink = { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream;
    const code = await runSummary([example('binary.axon')], { stdout: sink, stderr: sink, color: true });
    expect(code).toBe(0);
    expect(text).toContain('\u001b[1mNetwork: Binary');
  });
});
