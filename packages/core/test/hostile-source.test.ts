/**
 * Issue 15 #17: a spec's data source is read only inside its project (the nearest folder with
 * axon.config.json or .git, else the spec's folder), links are followed before the check, only regular
 * files are read, and nothing of a refused file appears in a message.
 */
import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCsvData, DataError } from '../src/data/index.js';
import { isInside, projectRoot } from '../src/data/confine.js';
import { runTraining, TrainingError } from '../src/pipeline.js';
import { denseNetwork } from './fixtures/networks.js';
import { useTempDir } from './temp-dir.js';

const dir = useTempDir('axon-hostile-source-');
const CSV = 'a,y\n1,2\n2,4\n3,6\n';

function net(source: string, target = 'y') {
  return denseNetwork({
    input: [1],
    layers: [{ units: 1 }],
    data: { source, target, validationSplit: 0, standardize: false, ranges: { source: { start: { line: 3, column: 11, offset: 0 }, end: { line: 3, column: 20, offset: 0 } } } },
  });
}

async function refusal(source: string, spec: string, options: { allowDataOutside?: boolean; projectRoot?: string } = {}): Promise<string> {
  const err = await loadCsvData(net(source), spec, options).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DataError);
  return (err as DataError).message;
}

/** A project `<tmp>/case-XXXX/proj` (marked by axon.config.json) with the spec in `proj/specs/`, and a secret file next to the project. */
async function project() {
  const base = await mkdtemp(join(dir(), 'case-'));
  const root = join(base, 'proj');
  await mkdir(join(root, 'specs'), { recursive: true });
  await mkdir(join(root, 'data'));
  await writeFile(join(root, 'axon.config.json'), '{}');
  await writeFile(join(root, 'data', 'ok.csv'), CSV);
  await writeFile(join(base, 'secret.csv'), 'root:*:0:0:secret-header\nshadow-line\n');
  return { base, root, spec: join(root, 'specs', 'net.axon') };
}

describe('projectRoot', () => {
  it('is the nearest folder with axon.config.json or .git, else the spec folder', async () => {
    const { root, base } = await project();
    expect(await projectRoot(join(root, 'specs', 'net.axon'))).toBe(root);
    await mkdir(join(base, 'git', 'a', 'b'), { recursive: true });
    await mkdir(join(base, 'git', '.git'));
    expect(await projectRoot(join(base, 'git', 'a', 'b', 'x.axon'))).toBe(join(base, 'git'));
    await mkdir(join(base, 'loose'));
    expect(await projectRoot(join(base, 'loose', 'x.axon'))).toBe(join(base, 'loose'));
  });

  it('isInside compares folders, not string prefixes', () => {
    expect(isInside('/work/x/data.csv', '/work/x')).toBe(true);
    expect(isInside('/work/x', '/work/x')).toBe(true);
    expect(isInside('/work/xy/data.csv', '/work/x')).toBe(false);
    expect(isInside('/work/..x/data.csv', '/work')).toBe(true);
    expect(isInside('/etc/passwd', '/work/x')).toBe(false);
  });
});

describe('loadCsvData: data sources confined to the project', () => {
  it('reads a source elsewhere in the project (../data/ok.csv from specs/)', async () => {
    const { spec } = await project();
    const data = await loadCsvData(net('../data/ok.csv'), spec);
    expect(data.train.n).toBe(3);
    expect(data.featureNames).toEqual(['a']);
  });

  it('refuses ../../secret.csv, names the project and the flag, and quotes nothing of the file', async () => {
    const { spec, root } = await project();
    const message = await refusal('../../secret.csv', spec);
    expect(message).toContain(`:3:11: data source "../../secret.csv" is outside the project (${root}); pass --allow-data-outside to read it`);
    expect(message).not.toMatch(/root:|secret-header|shadow/);
  });

  it('refuses /etc/passwd (absolute) without reading it', async () => {
    const { spec, root } = await project();
    const message = await refusal('/etc/passwd', spec);
    expect(message).toMatch(new RegExp(`data source "/etc/passwd" is outside the project \\(${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\); pass --allow-data-outside`));
    expect(message).not.toContain('root:');
  });

  it('a missing file outside is refused as outside: its existence is not revealed', async () => {
    const { spec } = await project();
    expect(await refusal('../../nothing-here.csv', spec)).toMatch(/is outside the project/);
  });

  it('follows links: a link inside pointing out is refused, naming where it points', async () => {
    const { spec, root, base } = await project();
    await symlink(join(base, 'secret.csv'), join(root, 'data', 'link.csv'));
    const message = await refusal('../data/link.csv', spec);
    expect(message).toContain(`data source "../data/link.csv" is a link to ${join(base, 'secret.csv')}, outside the project (${root}); pass --allow-data-outside`);
    expect(message).not.toMatch(/secret-header|shadow/);
    // A folder link out is caught the same way.
    await symlink(base, join(root, 'up'));
    expect(await refusal('../up/secret.csv', spec)).toMatch(/is a link to .*secret\.csv, outside the project/);
  });

  it('a link inside pointing inside is read', async () => {
    const { spec, root } = await project();
    await symlink(join(root, 'data', 'ok.csv'), join(root, 'specs', 'same.csv'));
    expect((await loadCsvData(net('same.csv'), spec)).train.n).toBe(3);
  });

  it('allowDataOutside reads the outside file (and then its header may be named)', async () => {
    const { spec, base } = await project();
    await writeFile(join(base, 'outside.csv'), CSV);
    expect((await loadCsvData(net('../../outside.csv'), spec, { allowDataOutside: true })).train.n).toBe(3);
  });

  it('allowDataOutside: a problem in an outside file keeps its place but never quotes the file', async () => {
    const { spec, base } = await project();
    // /etc/passwd-like: the header line is the secret; the target "y" is not among its "columns".
    const header = await refusal('../../secret.csv', spec, { allowDataOutside: true });
    expect(header).toMatch(/secret\.csv:1: cannot train network Net on this file; the details are not shown because the file is outside the project \(its content is never quoted\): move it into the project to see them$/);
    expect(header).not.toMatch(/root|secret-header|shadow|header has/);
    // A bad cell: row and column, not the value.
    await writeFile(join(base, 'cells.csv'), 'a,y\n1,2\nhunter2,3\n');
    const cell = await refusal('../../cells.csv', spec, { allowDataOutside: true });
    expect(cell).toMatch(/cells\.csv:3:1: cannot train network Net on this file; the details are not shown/);
    expect(cell).not.toContain('hunter2');
    // Inside the project the same cell is quoted (it is the user's own data).
    const { spec: spec2, root } = await project();
    await writeFile(join(root, 'specs', 'cells.csv'), 'a,y\n1,2\nhunter2,3\n');
    expect(await refusal('cells.csv', spec2)).toContain('non-numeric value "hunter2" in feature column "a"');
  });

  it('without a marker the project is the spec folder: a sibling folder is outside', async () => {
    const base = await mkdtemp(join(dir(), 'loose-'));
    await mkdir(join(base, 'a'));
    await mkdir(join(base, 'b'));
    await writeFile(join(base, 'b', 'd.csv'), CSV);
    expect(await refusal('../b/d.csv', join(base, 'a', 'x.axon'))).toMatch(/data source "\.\.\/b\/d\.csv" is outside the project \(.*\/a\)/);
  });
});

describe('loadCsvData: only regular files', () => {
  it('a FIFO is refused at once (no hang), even with allowDataOutside', async () => {
    const { spec, root } = await project();
    const fifo = join(root, 'data', 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const started = performance.now();
    expect(await refusal('../data/pipe.csv', spec)).toMatch(/pipe\.csv: is a FIFO \(named pipe\), not a regular file; expected a CSV file/);
    expect(await refusal('../data/pipe.csv', spec, { allowDataOutside: true })).toMatch(/is a FIFO/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a device is refused (allowed outside, /dev/zero would never end)', async () => {
    const { spec } = await project();
    expect(existsSync('/dev/zero')).toBe(true);
    expect(await refusal('/dev/zero', spec, { allowDataOutside: true })).toMatch(/^\/dev\/zero: is a device, not a regular file; expected a CSV file/);
  });

  it('a folder is refused', async () => {
    const { spec } = await project();
    expect(await refusal('../data', spec)).toMatch(/is a directory, expected a CSV file/);
  });
});

describe('runTraining: the refusal is a data-stage TrainingError', () => {
  it('passes allowDataOutside through', async () => {
    const { spec, base } = await project();
    await writeFile(join(base, 'outside.csv'), CSV);
    const err = await runTraining({ network: net('../../outside.csv'), specPath: spec, epochs: 1 }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect((err as TrainingError).stage).toBe('data');
    expect((err as TrainingError).message).toMatch(/is outside the project/);
    const run = await runTraining({ network: net('../../outside.csv'), specPath: spec, epochs: 1, allowDataOutside: true });
    expect(run.data.train.n).toBe(3);
  });
});

describe('predictCsv: the CSV a user names is read only if it is a regular file', () => {
  it('a FIFO is refused at once', async () => {
    const { predictCsv } = await import('../src/pipeline.js');
    const { buildModel, getWeights } = await import('../src/model.js');
    const { root } = await project();
    const fifo = join(root, 'rows.csv');
    execFileSync('mkfifo', [fifo]);
    const network = net('x.csv');
    const trained = { network, source: '', weights: getWeights(buildModel(network)), featureNames: ['a'] };
    const err = await predictCsv(trained, fifo, 'rows.csv').then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).message).toBe('rows.csv: is a FIFO (named pipe), not a regular file; expected a CSV file');
  });
});

describe('loadCsvData: other hostile files', () => {
  it('a loop of links is named as such', async () => {
    const { spec, root } = await project();
    await symlink(join(root, 'data', 'b.csv'), join(root, 'data', 'a.csv'));
    await symlink(join(root, 'data', 'a.csv'), join(root, 'data', 'b.csv'));
    expect(await refusal('../data/a.csv', spec)).toMatch(/a\.csv: is a loop of symbolic links, expected a CSV file/);
  });

  it('a file over 512 MB is refused before it is read (a sparse file: no disk used)', async () => {
    const { spec, root } = await project();
    const big = join(root, 'data', 'big.csv');
    await writeFile(big, 'a,y\n');
    const { truncate } = await import('node:fs/promises');
    await truncate(big, 600 * 1024 * 1024);
    const started = performance.now();
    expect(await refusal('../data/big.csv', spec)).toMatch(/big\.csv: is 0\.6 GB; Axon reads CSV files up to 512 MB/);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('loadCsvData: projectRoot given by the host', () => {
  it('replaces the folder found from the spec, and its files are quoted as inside', async () => {
    const { spec, base } = await project();
    await writeFile(join(base, 'cells.csv'), 'a,y\n1,2\nhunter2,3\n');
    expect(await refusal('../../cells.csv', spec)).toMatch(/is outside the project/);
    expect(await refusal('../../cells.csv', spec, { projectRoot: base })).toContain('non-numeric value "hunter2"');
    expect(await refusal('/etc/passwd', spec, { projectRoot: base })).toMatch(new RegExp(`outside the project \\(${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
  });
});
