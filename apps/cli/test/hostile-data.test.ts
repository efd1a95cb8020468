/**
 * Issue 15 #6 and #17 through the real command: a network too large to train is refused up front
 * (exit 2, what it would take), and a spec's data source must lie inside its project unless
 * --allow-data-outside is given; a FIFO source is refused at once instead of hanging.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axonSh, builtAxon } from './hostile-bin.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'axon-hostile-data-'));
  await builtAxon();
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const spec = (source: string, layers = 'dense(4, activation: relu)\n    dense(1)', input = 1) =>
  `network Net {\n  input [${input}]\n  task regression(outputs: 1)\n  layers {\n    ${layers}\n  }\n  train {\n    epochs: 2\n    seed: 1\n  }\n  data {\n    source: "${source}"\n    target: "y"\n  }\n}\n`;
const CSV = `a,y\n${Array.from({ length: 20 }, (_, i) => `${i},${2 * i}`).join('\n')}\n`;

/** `<dir>/case-X/proj` (axon.config.json) with net.axon in proj/specs and secret.csv beside proj. */
async function project(source: string, layers?: string, input?: number) {
  const base = await mkdtemp(join(dir, 'case-'));
  const root = join(base, 'proj');
  await mkdir(join(root, 'specs'), { recursive: true });
  await writeFile(join(root, 'axon.config.json'), '{}');
  await writeFile(join(base, 'secret.csv'), `root:x:0:0:root:/root:/bin/bash\n${CSV}`);
  await writeFile(join(base, 'outside.csv'), CSV);
  await writeFile(join(root, 'specs', 'net.axon'), spec(source, layers, input));
  return { base, root, spec: join(root, 'specs', 'net.axon') };
}

describe('a network too large to train (#6)', () => {
  const big = 'repeat 10 { dense(100000) }\n    dense(1)';
  it.each(['train', 'diagnose', 'sweep --workers 0'])('axon %s says what it would take, before reading data, exit 2', async (command) => {
    // The data file does not exist: the capacity check must come first.
    const p = await project('missing.csv', big, 1000);
    const r = await axonSh(`${command} "${p.spec}" --no-report --out "${join(p.base, 'runs')}"`, p.base);
    expect(r.stderr).toMatch(/network Net has 90\.1 billion parameters, about 1\.44 TB of weights, gradients, adam state and activations: too large to train here \(layer dense_\d+ alone holds 10 billion weights; one tensor holds at most 4\.29 billion\)/);
    expect(r.stderr).not.toMatch(/internal error|Invalid typed array|missing\.csv/);
    expect(r.status).toBe(2);
    expect(existsSync(join(p.base, 'runs'))).toBe(false);
  });

  it('a network bigger than the machine (but within one tensor) names the machine', async () => {
    // 20 × 20000² ≈ 8 billion parameters: 128 GB with adam.
    const p = await project('missing.csv', 'repeat 20 { dense(20000) }\n    dense(1)', 20000);
    const r = await axonSh(`train "${p.spec}" --no-report --out "${join(p.base, 'runs')}"`, p.base);
    expect(r.stderr).toMatch(/^axon train: network Net has 8 billion parameters, about 128 GB of weights, gradients, adam state and activations: too large for this machine \([\d.]+ GB of memory\)\n$/);
    expect(r.status).toBe(2);
  });
});

describe('data sources confined to the project (#17)', () => {
  it('train refuses ../../secret.csv, names the flag, quotes nothing of the file', async () => {
    const p = await project('../../secret.csv');
    const r = await axonSh(`train "${p.spec}" --no-report --out "${join(p.base, 'runs')}"`, p.base);
    expect(r.stderr).toBe(`axon train: proj/specs/net.axon:13:5: data source "../../secret.csv" is outside the project (${p.root}); pass --allow-data-outside to read it\n`);
    expect(r.status).toBe(2);
  });

  it.each(['train', 'diagnose', 'sweep --workers 0'])('%s refuses /etc/passwd and never prints its content', async (command) => {
    const p = await project('/etc/passwd');
    const r = await axonSh(`${command} "${p.spec}" --no-report --out "${join(p.base, 'runs')}"`, p.base);
    expect(r.stderr).toMatch(/data source "\/etc\/passwd" is outside the project \(.*proj\); pass --allow-data-outside to read it/);
    expect(r.stderr + r.stdout).not.toMatch(/root:/);
    expect(r.status).toBe(2);
  });

  it('a link inside the project pointing out is refused', async () => {
    const p = await project('link.csv');
    await symlink(join(p.base, 'secret.csv'), join(p.root, 'specs', 'link.csv'));
    const r = await axonSh(`train "${p.spec}" --no-report --out "${join(p.base, 'runs')}"`, p.base);
    expect(r.stderr).toContain(`data source "link.csv" is a link to ${join(p.base, 'secret.csv')}, outside the project (${p.root})`);
    expect(r.stderr).not.toContain('root:');
    expect(r.status).toBe(2);
  });

  it('--allow-data-outside reads it (train and sweep)', async () => {
    const p = await project('../../outside.csv');
    const r = await axonSh(`train "${p.spec}" --no-report --allow-data-outside --out "${join(p.base, 'runs')}"`, p.base);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/training Net \(13 parameters\) on 16 rows, validating on 4/);
    expect(r.status).toBe(0);
    const s = await axonSh(`sweep "${p.spec}" --no-report --allow-data-outside --workers 0 --activations relu --out "${join(p.base, 'sweep')}"`, p.base);
    expect(s.status).toBe(0);
    expect(s.stdout).toMatch(/sweeping Net: 1 activation/);
  });

  it('a FIFO source is refused at once (no hang), exit 2', async () => {
    const p = await project('pipe.csv');
    execFileSync('mkfifo', [join(p.root, 'specs', 'pipe.csv')]);
    const started = Date.now();
    const r = await axonSh(`train "${p.spec}" --no-report --out "${join(p.base, 'runs')}"`, p.base);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.stderr).toMatch(/pipe\.csv: is a FIFO \(named pipe\), not a regular file; expected a CSV file/);
    expect(r.status).toBe(2);
  });
});

describe('a hand-edited model.json is refused by compile and predict (#13)', () => {
  const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
  let model: string;
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(join(dir, 'model-'));
    await writeFile(join(base, 'axon.config.json'), '{}');
    await copyFile(join(examples, 'iris.axon'), join(base, 'iris.axon'));
    await copyFile(join(examples, 'iris.csv'), join(base, 'iris.csv'));
    const r = await axonSh(`train iris.axon --epochs 1 --no-report --out runs/iris`, base);
    expect(r.status).toBe(0);
    model = join(base, 'runs', 'iris');
  }, 120_000);

  async function copyEdited(name: string, edit: (json: Record<string, any>, bin: Buffer) => void): Promise<string> {
    const out = join(base, name);
    await mkdir(out);
    const json = JSON.parse(await readFile(join(model, 'model.json'), 'utf8'));
    const bin = await readFile(join(model, 'weights.bin'));
    edit(json, bin);
    json.weights.sha256 = createHash('sha256').update(bin).digest('hex');
    await writeFile(join(out, 'model.json'), JSON.stringify(json));
    await writeFile(join(out, 'weights.bin'), bin);
    return out;
  }

  it('a zero std: compile exits 2 naming normalization.std[0]; predict too', async () => {
    const out = await copyEdited('std0', (j) => (j.normalization.std[0] = 0));
    const c = await axonSh(`compile iris.axon --target pytorch --weights "${out}" -o "${join(base, 'py')}"`, base);
    expect(c.stderr).toMatch(/std0\/model\.json: normalization\.std\[0\] is 0; expected a positive finite number/);
    expect(c.status).toBe(2);
    expect(existsSync(join(base, 'py'))).toBe(false);
    const p = await axonSh(`predict "${out}" iris.csv`, base);
    expect(p.stderr).toMatch(/normalization\.std\[0\] is 0/);
    expect(p.status).toBe(2);
  });

  it('a NaN weight with the checksum recomputed: compile --target onnx and tfjs exit 2', async () => {
    const out = await copyEdited('nan', (_j, bin) => bin.writeFloatLE(NaN, 12));
    for (const target of ['onnx', 'tfjs']) {
      const c = await axonSh(`compile iris.axon --target ${target} --weights "${out}" -o "${join(base, `out-${target}`)}"`, base);
      expect(c.stderr).toMatch(/nan\/weights\.bin: layers\[0\]\.tensors\[0\] \(kernel of dense\) value 3 \(byte 12\) is NaN; expected finite weights/);
      expect(c.status).toBe(2);
    }
  });

  it('one feature name too many', async () => {
    const out = await copyEdited('names', (j) => j.featureNames.push('extra'));
    const c = await axonSh(`compile iris.axon --target tfjs --weights "${out}" -o "${join(base, 'names-out')}"`, base);
    expect(c.stderr).toMatch(/featureNames has 5 names but network Iris's input \[4\] takes 4 features/);
    expect(c.status).toBe(2);
  });
});
