import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compile, CompileError, IR_GRAPH_VERSION, IR_VERSION, toIr } from '@axon/compile';
import { isChain } from '@axon/language';
import { exampleFiles, networkOf, networksOf, ROOT, textOf } from './helpers.js';
import { fitsVersion1 } from '../src/ir.js';

const SEQUENCE_KINDS = new Set(['embedding', 'lstm', 'gru', 'simple_rnn', 'conv1d', 'max_pool1d', 'avg_pool1d', 'global_avg_pool1d', 'global_max_pool1d']);

const schema = JSON.parse(readFileSync(join(ROOT, 'packages/compile/schema/axon-network.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('json target', () => {
  it.each(exampleFiles().map((f) => [basename(f), f]))('%s validates against the schema; a chain as version 1, a graph as version 2', (_name, file) => {
    const networks = networksOf(readFileSync(file, 'utf8'));
    expect(networks.length).toBeGreaterThan(0);
    for (const network of networks) {
      const out = compile({ network }, 'json');
      const doc = JSON.parse(textOf(out, out.files[0]!.path));
      const ok = validate(doc);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      expect(doc.version).toBe(fitsVersion1(network) ? IR_VERSION : IR_GRAPH_VERSION);
      if (!isChain(network) || network.layers.some((l) => SEQUENCE_KINDS.has(l.kind))) expect(doc.version).toBe(IR_GRAPH_VERSION);
      expect(doc.layers.length).toBe(network.layers.length);
      expect(doc.params.total).toBe(network.params.total);
      const sum = doc.layers.reduce((a: number, l: { params: { trainable: number; nonTrainable: number } }) => a + l.params.trainable + l.params.nonTrainable, 0);
      expect(sum).toBe(network.params.total);
    }
  });

  it('writes keys in a stable, documented order', () => {
    const network = networkOf(readFileSync(join(ROOT, 'examples/iris.axon'), 'utf8'));
    const ir = toIr(network);
    expect(Object.keys(ir)).toEqual(['format', 'version', 'name', 'input', 'outputShape', 'task', 'params', 'layers', 'train', 'data']);
    expect(Object.keys(ir.layers[0]!)).toEqual(['index', 'name', 'kind', 'inputShape', 'outputShape', 'params', 'config', 'origin']);
    expect(Object.keys(ir.layers[0]!.config)).toEqual(['units', 'activation', 'activationExplicit', 'init', 'biasInit']);
    // The same network compiles to byte-identical JSON.
    const a = textOf(compile({ network }, 'json'), 'Iris.json');
    const b = textOf(compile({ network: networkOf(readFileSync(join(ROOT, 'examples/iris.axon'), 'utf8')) }, 'json'), 'Iris.json');
    expect(a).toBe(b);
  });

  it('records block and repeat expansion and resolved defaults (iris)', () => {
    const ir = toIr(networkOf(readFileSync(join(ROOT, 'examples/iris.axon'), 'utf8')));
    expect(ir.layers.map((l) => l.kind)).toEqual(['dense', 'dense', 'dropout', 'dense', 'batch_norm', 'dense', 'batch_norm', 'dense']);
    expect(ir.layers[3]!.config).toEqual({
      units: 32,
      activation: { name: 'elu', alpha: 1 },
      activationExplicit: true,
      init: { name: 'he_normal' },
      biasInit: { name: 'zeros' },
    });
    expect(ir.layers[5]!.origin.expansion).toEqual([{ repeat: 2, iteration: 2 }, { block: 'elu_block' }]);
    expect(ir.layers[4]!.config).toEqual({ momentum: 0.99, epsilon: 0.001 });
    expect(ir.train.optimizer).toEqual({ name: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(ir.data).toEqual({ source: 'iris.csv', target: 'species', features: null, validationSplit: 0.2, standardize: true });
    expect(ir.layers[7]!.outputShape).toEqual([3]);
  });

  it('refuses weights with an error naming the feature and the target', () => {
    const network = networkOf(readFileSync(join(ROOT, 'examples/iris.axon'), 'utf8'));
    expect(() => compile({ network, trained: { weights: [] } }, 'json')).toThrow(CompileError);
    expect(() => compile({ network, trained: { weights: [] } }, 'json')).toThrow(/json target cannot express trained weights/);
  });
});

describe('json layout', () => {
  it('prints scalar arrays on one line and parses back to the IR', () => {
    const network = networkOf(readFileSync(join(ROOT, 'examples/mnist-cnn.axon'), 'utf8'));
    const text = textOf(compile({ network }, 'json'), 'MnistCnn.json');
    expect(text).toContain('"input": [28, 28, 1],');
    expect(text).toContain('"kernel": [3, 3],');
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(toIr(network))));
  });
});

describe('json schema', () => {
  it('accepts every hand-built feature case (each layer kind, padding and activation)', async () => {
    const { featureCases } = await import('./cases.js');
    for (const network of featureCases()) {
      const doc = JSON.parse(textOf(compile({ network }, 'json'), `${network.name}.json`));
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('rejects documents that break the format', () => {
    const network = networkOf(readFileSync(join(ROOT, 'examples/iris.axon'), 'utf8'));
    const good = () => JSON.parse(JSON.stringify(toIr(network)));
    const broken = [
      (d: any) => (d.version = 2),
      (d: any) => (d.layers[0].kind = 'lstm'),
      (d: any) => delete d.layers[0].config.units,
      (d: any) => (d.layers[0].config.activation = { name: 'leaky_relu' }),
      (d: any) => (d.train.optimizer.name = 'adagrad'),
      (d: any) => (d.extra = true),
      (d: any) => (d.input = [0]),
    ];
    expect(validate(good())).toBe(true);
    for (const breakIt of broken) {
      const d = good();
      breakIt(d);
      expect(validate(d), JSON.stringify(d).slice(0, 80)).toBe(false);
    }
  });
});
