/**
 * Issue 15, item 8, in the CLI: `--fix` does not apply a fix that would introduce an error, and
 * says "N fixes withheld" with the reason instead of counting it as fixable.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLint } from '../src/commands/lint.js';
import { capture } from './capture.js';

const SPEC = `network N {
  input [28, 28, 1]
  task classification(classes: 10)
  layers {
    conv2d(8, kernel: 3, activation: relu)
    dense(16, activation: relu)
    max_pool2d(2)
    dense(10, activation: softmax)
  }
}
`;

async function lint(fix: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'axon-hostile-fix-'));
  writeFileSync(join(dir, 'net.axon'), SPEC);
  const out = capture();
  const err = capture();
  const code = await runLint(['net.axon'], { fix }, { stdout: out.stream, stderr: err.stream, color: false, cwd: dir });
  return { code, stdout: out.text(), stderr: err.text(), text: readFileSync(join(dir, 'net.axon'), 'utf8') };
}

const WITHHELD =
  '  1 fix withheld: applying it would introduce an error\n' +
  '  net.axon:6:5  insert flatten() would introduce an error at line 7: max_pool2d needs an input of shape [height, width, channels], but its input is [16]\n';

describe('withheld fixes in axon lint', () => {
  it('lint counts only the safe fix as fixable and names the withheld one', async () => {
    const r = await lint(false);
    expect(r.stdout).toContain('  1 fixable with the `--fix` option.\n' + WITHHELD);
    expect(r.code).toBe(1);
  });

  it('--fix applies the safe fix, keeps the file free of new errors, and says why the other was left', async () => {
    const r = await lint(true);
    expect(r.text).toBe(SPEC.replace('    max_pool2d(2)\n', '    max_pool2d(2)\n    flatten()\n'));
    expect(r.stdout).not.toContain('fixable with');
    expect(r.stdout.endsWith(WITHHELD)).toBe(true);
    expect(r.stderr).toBe('axon: fixed 1 file\n');
  });
});
