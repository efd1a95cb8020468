/** The training pipeline: data → targets → build → fit → save, with its stages' errors and cancellation. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, type ResolvedNetwork } from '@axon/language';
import { branchingNetwork } from '../../language/test/fixtures/branching-network.js';
import { buildModel, loadModel, predict, runTraining, setWeights, TrainingError, type EpochLog } from '../src/index.js';
import { testRandom } from './net-helpers.js';
import { useTempDir } from './temp-dir.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const irisPath = join(examples, 'iris.axon');
const dir = useTempDir('axon-pipeline-');
let iris: { source: string; network: ResolvedNetwork };

beforeAll(async () => {
  const source = await readFile(irisPath, 'utf8');
  iris = { source, network: check(source).networks[0]! };
});

describe('runTraining', () => {
  it('loads the spec’s data, trains, saves, and the saved model predicts as the trained one', async () => {
    const out = join(dir(), 'iris');
    const epochs: number[] = [];
    let started: { rows: number; epochs: number; seed: number } | undefined;
    const run = await runTraining({
      network: iris.network,
      specPath: irisPath,
      epochs: 3,
      seed: 5,
      save: { dir: out, source: iris.source },
      onStart: ({ data, epochs: e, seed }) => {
        started = { rows: data.train.n, epochs: e, seed };
      },
      onEpoch: (log: EpochLog) => {
        epochs.push(log.epoch);
      },
    });
    expect(started).toEqual({ rows: 120, epochs: 3, seed: 5 });
    expect(epochs).toEqual([1, 2, 3]);
    expect(run.result.stopReason).toBe('completed');
    expect(run.saved).toBe(true);
    expect(run.data.validation?.n).toBe(30);
    expect(run.trained.labelNames).toEqual(['setosa', 'versicolor', 'virginica']);
    const loaded = await loadModel(out);
    expect(loaded.featureNames).toEqual(run.trained.featureNames);
    const again = buildModel(loaded.network);
    setWeights(again, loaded.weights);
    const x = run.data.validation!.x;
    expect(Array.from(predict(again, x, 30))).toEqual(Array.from(predict(run.model, x, 30)));
  });

  it('an aborted run stops at the next batch and is still saved', async () => {
    const out = join(dir(), 'aborted');
    const controller = new AbortController();
    let batches = 0;
    const run = await runTraining({
      network: iris.network,
      specPath: irisPath,
      epochs: 50,
      signal: controller.signal,
      save: { dir: out, source: iris.source },
      onBatch: () => {
        if (++batches === 2) controller.abort();
      },
    });
    expect(batches).toBe(2);
    expect(run.result.stopReason).toBe('stopped');
    expect(run.result.history).toHaveLength(1);
    expect(run.saved).toBe(true);
    expect((await loadModel(out)).weights.length).toBeGreaterThan(0);
  });

  it('trains a graph on data given directly', async () => {
    const r = testRandom(3);
    const n = 64;
    const x = new Float32Array(n * 4).map(() => r() * 2 - 1);
    const y = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) y[i * 3 + (x[i * 4]! > 0 ? 0 : x[i * 4 + 1]! > 0 ? 1 : 2)] = 1;
    const run = await runTraining({ network: branchingNetwork('average'), data: { train: { x, y, n, inputShape: [4], targetSize: 3 } }, epochs: 12 });
    expect(run.saved).toBe(false);
    expect(run.epochs).toBe(12);
    expect(run.seed).toBe(7);
    expect(run.result.history[11]!.loss).toBeLessThan(run.result.history[0]!.loss);
    expect(run.trained.featureNames).toEqual([]);
  });

  it('names the stage that failed: data, targets', async () => {
    const missing = join(dir(), 'missing.axon');
    await writeFile(missing, iris.source.replace('"iris.csv"', '"nowhere.csv"'));
    const e1 = await runTraining({ network: check(await readFile(missing, 'utf8')).networks[0]!, specPath: missing }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(TrainingError);
    expect((e1 as TrainingError).stage).toBe('data');
    expect((e1 as Error).message).toContain('nowhere.csv');

    const two = check(iris.source.replace('dense(3, activation: softmax)', 'dense(2, activation: softmax)')).networks[0]!;
    const e2 = await runTraining({ network: two, specPath: irisPath }).catch((e: unknown) => e);
    expect((e2 as TrainingError).stage).toBe('targets');
    expect((e2 as Error).message).toBe(
      `network ${two.name} outputs 2 values per sample but its targets from "species" have 3 (classification); make the last layer's units match the task`,
    );

    const none = await runTraining({ network: iris.network }).catch((e: unknown) => e);
    expect((none as TrainingError).stage).toBe('data');
  });

  it('a save that cannot be written is a TrainingError(save)', async () => {
    const blocker = join(dir(), 'a-file');
    await writeFile(blocker, 'not a folder');
    const err = await runTraining({ network: iris.network, specPath: irisPath, epochs: 1, save: { dir: join(blocker, 'model'), source: iris.source } }).catch((e: unknown) => e);
    expect((err as TrainingError).stage).toBe('save');
    expect((err as Error).message).toContain('cannot write the model');
  });
});
