import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel, getWeights, loadCsvData, saveModel, type TrainedModel } from '@axon/core';
import { check } from '@axon/language';
import { runCompile, type CompileOptions } from '../src/commands/compile.js';
import { main } from '../src/main.js';
import { UsageError } from '../src/exit.js';
import { capture } from './capture.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const iris = join(examples, 'iris.axon');
let dir: string;
let irisModel: string;


async function run(file: string, options: CompileOptions) {
  const out = capture();
  const err = capture();
  const code = await runCompile(file, options, { stdout: out.stream, stderr: err.stream, color: false });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** The real command line through main (commander wiring, exit codes, errors printed by main). */
async function cli(args: string[]) {
  const writes: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => {
    writes.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'axon', ...args]);
    return { code, stderr: writes.join('') };
  } finally {
    process.stderr.write = original;
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'axon-compile-cli-'));
  // An untrained-but-saved iris model: the same files axon train writes.
  const source = await readFile(iris, 'utf8');
  const network = check(source).networks[0]!;
  const data = await loadCsvData(network, iris);
  const model: TrainedModel = {
    network,
    source,
    weights: getWeights(buildModel(network, { seed: 1 })),
    featureNames: data.featureNames,
    target: network.data!.target,
    labelNames: data.labelNames,
    normalization: data.normalization,
  };
  irisModel = join(dir, 'iris-model');
  await saveModel(irisModel, model);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('axon compile', () => {
  it('json goes to stdout by default', async () => {
    const r = await run(iris, { target: 'json' });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect([doc.format, doc.version, doc.name, doc.params.total]).toEqual(['axon-network', 1, 'Iris', check(await readFile(iris, 'utf8')).networks[0]!.params.total]);
  });

  it('pytorch writes a folder whose data path points at the CSV', async () => {
    const out = join(dir, 'torch');
    const r = await run(iris, { target: 'pytorch', output: out });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('compiled Iris for pytorch');
    for (const f of ['model.py', 'axon_runtime.py', 'train.py']) expect(existsSync(join(out, f))).toBe(true);
    expect(existsSync(join(out, 'weights.bin'))).toBe(false);
    const model = await readFile(join(out, 'model.py'), 'utf8');
    const dataPath = JSON.parse(/^DATA_PATH = (".*")$/m.exec(model)![1]!);
    expect(resolve(out, dataPath)).toBe(join(examples, 'iris.csv'));
  });

  it('with --weights, pytorch ships the trained weights and tfjs a weights file', async () => {
    const torch = join(dir, 'torch-w');
    expect((await run(iris, { target: 'pytorch', output: torch, weights: irisModel })).code).toBe(0);
    const manifest = JSON.parse(await readFile(join(torch, 'weights.json'), 'utf8'));
    expect(manifest.layout).toBe('keras');
    expect(manifest.layers.map((l: { name: string }) => l.name)).toEqual(['dense', 'dense_1', 'dense_2', 'batch_norm', 'dense_3', 'batch_norm_1', 'dense_4']);
    const bin = await readFile(join(torch, 'weights.bin'));
    expect(bin.length).toBe(4 * check(await readFile(iris, 'utf8')).networks[0]!.params.total);
    const tfjs = join(dir, 'tfjs');
    expect((await run(iris, { target: 'tfjs', output: tfjs, weights: irisModel })).code).toBe(0);
    const mj = JSON.parse(await readFile(join(tfjs, 'model.json'), 'utf8'));
    expect(mj.userDefinedMetadata.axon.labelNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(mj.weightsManifest[0].paths).toEqual(['weights.bin']);
  });

  it('onnx writes a binary model with --weights, and is a usage error without', async () => {
    const out = join(dir, 'iris.onnx');
    const r = await run(iris, { target: 'onnx', output: out, weights: irisModel });
    expect(r.code).toBe(0);
    const bytes = await readFile(out);
    expect(bytes.length).toBeGreaterThan(4 * 1000);
    await expect(run(iris, { target: 'onnx', output: out })).rejects.toThrow(/--target onnx exports a trained network: pass --weights MODEL_DIR/);
    const viaMain = await cli(['compile', iris, '--target', 'onnx']);
    expect(viaMain.code).toBe(2);
    expect(viaMain.stderr).toContain('--weights');
  });

  it('a feature the target cannot express exits 1 naming the feature and the target', async () => {
    const file = join(dir, 'elu.axon');
    await writeFile(file, 'network EluNet {\n  input [4]\n  layers {\n    dense(8, activation: elu(alpha: 0.5))\n    dense(1)\n  }\n}\n');
    const r = await run(file, { target: 'tfjs', output: join(dir, 'elu-tfjs') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the tfjs target cannot express elu(alpha: 0.5)');
    expect((await run(file, { target: 'pytorch', output: join(dir, 'elu-torch') })).code).toBe(0);
  });

  it('analysis errors print a code frame and exit 1', async () => {
    const file = join(dir, 'bad.axon');
    await writeFile(file, 'network Bad {\n  input [4]\n  layers {\n    dense(0)\n  }\n}\n');
    const r = await run(file, { target: 'json' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.axon:4:\d+/);
    expect(r.stderr).toContain('before compiling');
  });

  it('bad usage is exit 2: unknown target, unknown network, missing file, weights of another network', async () => {
    expect((await cli(['compile', iris, '--target', 'caffe'])).code).toBe(2);
    await expect(run(iris, { target: 'json', network: 'Nope' })).rejects.toThrow(/no network "Nope"; it has: Iris/);
    await expect(run(join(dir, 'missing.axon'), { target: 'json' })).rejects.toThrow(UsageError);
    const other = join(examples, 'regression.axon');
    await expect(run(other, { target: 'tfjs', output: join(dir, 'x'), weights: irisModel })).rejects.toThrow(/holds network Iris/);
    await expect(run(iris, { target: 'tfjs', output: join(dir, 'y'), weights: join(dir, 'nowhere') })).rejects.toThrow(/--weights .*nowhere/);
  });

  it('keras goes to a file with -o', async () => {
    const out = join(dir, 'iris_keras.py');
    expect((await run(iris, { target: 'keras', output: out })).code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('keras.Sequential(');
  });
});
