/**
 * Issue 15 #6: a network too large to train is refused up front by the pipeline — a
 * TrainingError('capacity') saying what it would take — before its data is read or any weight allocated.
 */
import { analyze, parse } from '@axon/language';
import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkCapacity, runTraining, TrainingError } from '../src/pipeline.js';
import { useTempDir } from './temp-dir.js';

const dir = useTempDir('axon-hostile-capacity-');

const spec = (layers: string, source = 'missing.csv') =>
  `network Big {\n  input [1000]\n  task regression(outputs: 1)\n  layers {\n    ${layers}\n    dense(1)\n  }\n  train { optimizer: adam }\n  data {\n    source: "${source}"\n    target: "y"\n  }\n}\n`;

function network(text: string) {
  const { networks, diagnostics } = analyze(parse(text).ast);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return networks[0]!;
}

async function failure(run: Promise<unknown>): Promise<TrainingError> {
  const err = await run.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(TrainingError);
  return err as TrainingError;
}

describe('runTraining: capacity before data', () => {
  it('repeat 10 { dense(100000) } is refused before its (missing) data file is looked for', async () => {
    const sub = await mkdtemp(join(dir(), 'case-'));
    const net = network(spec('repeat 10 { dense(100000) }'));
    const started = performance.now();
    const err = await failure(runTraining({ network: net, specPath: join(sub, 'big.axon') }));
    expect(err.stage).toBe('capacity');
    // 1000·100000 + 9·100000² + 10·100000 + 100001 weights; adam: weight, gradient and two slots.
    expect(err.message).toMatch(/^network Big has 90\.1 billion parameters, about 1\.44 TB of weights, gradients, adam state and activations: too large to train here \(layer dense_\d+ alone holds 10 billion weights; one tensor holds at most 4\.29 billion\)$/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('availableBytes refuses what fits the engine but not the machine, and onStart never runs', async () => {
    const sub = await mkdtemp(join(dir(), 'case-'));
    const csv = ['y', ...Array.from({ length: 1000 }, (_, i) => `a${i}`)].join(',');
    await writeFile(join(sub, 'd.csv'), `${csv}\n${Array(1001).fill('1').join(',')}\n`);
    const net = network(spec('dense(20000)', 'd.csv'));
    let started = false;
    const err = await failure(
      runTraining({ network: net, specPath: join(sub, 'n.axon'), availableBytes: 64e6, onStart: () => void (started = true) }),
    );
    expect(err.stage).toBe('capacity');
    expect(err.message).toMatch(/^network Big has 20 million parameters, about 3\d\d MB of weights, gradients, adam state and activations: too large for this machine \(64 MB of memory\)$/);
    expect(started).toBe(false);
  });

  it('a network that fits is not refused (checkCapacity returns quietly)', () => {
    const net = network(spec('dense(64)'));
    expect(() => checkCapacity(net, { availableBytes: 8e9 })).not.toThrow();
    expect(() => checkCapacity(net, { availableBytes: 1000 })).toThrow(/too large for this machine \(1 KB of memory\)/);
  });
});
