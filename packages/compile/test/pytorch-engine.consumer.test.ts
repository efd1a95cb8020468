/**
 * The `axon train --engine pytorch` weight hand-back (targets/pytorch-engine.ts): for every light example
 * network, random Keras-layout weights → compile --weights → torch's load_axon_weights → axon_engine.export
 * → trained.bin gives back exactly the same float32 values (the probing inverse of every layer's
 * load_keras: dense, conv, batch norm, PReLU, embeddings, LSTM/GRU/SimpleRNN, bidirectional, graphs).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { compile, engineManifest, readEngineWeights, PY_ENGINE } from '@axon/compile';
import { expectedWeights } from '../src/weights.js';
import { lightExampleNetworks, PYTHON } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'axon-engine-export-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('every light example: Keras weights → torch → axon_engine.export → the same values', () => {
  const cases = lightExampleNetworks();
  expect(cases.length).toBeGreaterThan(8);
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  };
  const dirs: string[] = [];
  const originals = cases.map(([, network], i) => {
    const weights = network.layers
      .map((l) => ({
        layer: l.index,
        name: l.name,
        // distinct random values in every tensor (a negative moving_variance is fine: nothing runs forward here)
        weights: expectedWeights(l).map((e) => ({ name: e.name, shape: e.shape, values: Float32Array.from({ length: e.shape.reduce((a, b) => a * b, 1) }, random) })),
      }))
      .filter((l) => l.weights.length > 0);
    const dir = join(root, String(i));
    mkdirSync(dir);
    for (const f of compile({ network, trained: { weights } }, 'pytorch').files) writeFileSync(join(dir, f.path), f.contents);
    writeFileSync(join(dir, 'axon_engine.py'), PY_ENGINE);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(engineManifest(network)));
    dirs.push(dir);
    return weights;
  });
  const script = [
    'import importlib.util, sys',
    'for i, d in enumerate(sys.argv[1:]):',
    '    sys.path.insert(0, d)',
    '    spec = importlib.util.spec_from_file_location("model_%d" % i, d + "/model.py")',
    '    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)',
    '    import axon_engine',
    '    axon_engine.export(m.build_model(), d)',
    '    sys.path.remove(d)',
  ].join('\n');
  const r = spawnSync(PYTHON, ['-c', script, ...dirs], { encoding: 'utf8', timeout: 300_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  cases.forEach(([name, network], i) => {
    const back = readEngineWeights(engineManifest(network), readFileSync(join(dirs[i]!, 'trained.bin')));
    const flat = (ws: typeof back) => ws.map((l) => [l.layer, l.name, l.weights.map((t) => [t.name, t.shape.join('x'), Array.from(t.values)])]);
    expect(flat(back), name).toEqual(flat(originals[i]!));
  });
});

it('readEngineWeights refuses a trained.bin of the wrong size', () => {
  const [, network] = lightExampleNetworks()[0]!;
  const manifest = engineManifest(network);
  expect(() => readEngineWeights(manifest, new Uint8Array(8))).toThrow(`trained.bin has 8 bytes, the network's weights need ${manifest.total * 4}`);
});
