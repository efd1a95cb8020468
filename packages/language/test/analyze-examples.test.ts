/**
 * Every bundled example parses and analyses with no diagnostics, and resolves to what its comments say.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.js';

const dir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const read = (name: string) => readFileSync(dir + name, 'utf8');
const files = readdirSync(dir).filter((f) => f.endsWith('.axon')).sort();

describe('examples', () => {
  it('include the five the docs promise', () => {
    expect(files).toEqual(expect.arrayContaining(['binary.axon', 'deep-sigmoid.axon', 'iris.axon', 'mnist-cnn.axon', 'regression.axon']));
  });

  // Architectures written to be compared with Keras's own (issue 11): their image data is not bundled.
  const ARCHITECTURE_ONLY = new Set(['resnet50.axon', 'densenet121.axon', 'resnet20.axon', 'inception-block.axon']);

  // Keras's sequence examples (issue 12), checked against Keras's figures in keras-counts.test.ts; their IMDB data is not bundled.
  const SEQUENCE_ARCHITECTURES = new Set(['imdb-bilstm.axon', 'text-classification.axon']);

  it.each(files.filter((f) => !ARCHITECTURE_ONLY.has(f) && !SEQUENCE_ARCHITECTURES.has(f)))('%s has no diagnostics and one network with data', (file) => {
    const r = check(read(file));
    expect(r.diagnostics).toEqual([]);
    expect(r.networks).toHaveLength(1);
    expect(r.networks[0]!.data?.source).toMatch(/\.csv$/);
  });

  it.each(files.filter((f) => ARCHITECTURE_ONLY.has(f)))('%s (an architecture without data) has no diagnostics and one graph network', (file) => {
    const r = check(read(file));
    expect(r.diagnostics).toEqual([]);
    expect(r.networks).toHaveLength(1);
    expect(r.networks[0]!.layers.some((l) => l.kind === 'merge')).toBe(true);
  });

  it.each([...SEQUENCE_ARCHITECTURES])('%s (a sequence architecture without data) has no diagnostics and starts with an embedding', (file) => {
    const r = check(read(file));
    expect(r.diagnostics).toEqual([]);
    expect(r.networks).toHaveLength(1);
    expect(r.networks[0]!.layers[0]).toMatchObject({ kind: 'embedding', inputs: [-1] });
  });

  it('iris: the language.md example', () => {
    const [n] = check(read('iris.axon')).networks;
    expect(n!.task).toEqual({ kind: 'classification', classes: 3 });
    expect(n!.outputShape).toEqual([3]);
    expect(n!.params).toEqual({ trainable: 2179, nonTrainable: 128, total: 2307 });
    expect(n!.data).toMatchObject({ source: 'iris.csv', target: 'species', validationSplit: 0.2 });
    expect(n!.train).toMatchObject({ epochs: 200, batchSize: 16, seed: 42, optimizer: { name: 'adam', learningRate: 1e-3 } });
  });

  it('regression: linear output with one unit', () => {
    const [n] = check(read('regression.axon')).networks;
    expect(n!.task).toEqual({ kind: 'regression', outputs: 1 });
    const last = n!.layers.at(-1)!;
    expect(last).toMatchObject({ kind: 'dense', units: 1, activation: { name: 'linear' } });
    expect(n!.data).toMatchObject({ source: 'regression.csv', target: 'y' });
    expect(n!.train.earlyStopping).toEqual({ patience: 10, minDelta: 0 });
  });

  it('binary: one sigmoid unit', () => {
    const [n] = check(read('binary.axon')).networks;
    expect(n!.task).toEqual({ kind: 'binary_classification' });
    expect(n!.layers.at(-1)).toMatchObject({ units: 1, activation: { name: 'sigmoid' } });
    expect(n!.data).toMatchObject({ source: 'binary.csv', target: 'label' });
  });

  it('mnist-cnn: [28, 28, 1] in, 10-way softmax out, Keras total 34,826', () => {
    const [n] = check(read('mnist-cnn.axon')).networks;
    expect(n!.input).toEqual([28, 28, 1]);
    expect(n!.layers.map((l) => l.kind)).toEqual(['conv2d', 'max_pool2d', 'conv2d', 'max_pool2d', 'flatten', 'dropout', 'dense']);
    expect(n!.layers.at(-1)).toMatchObject({ units: 10, activation: { name: 'softmax' } });
    expect(n!.params.total).toBe(34_826);
  });

  it('deep-sigmoid: twenty sigmoid dense layers before the softmax', () => {
    const [n] = check(read('deep-sigmoid.axon')).networks;
    const sigmoid = n!.layers.filter((l) => l.kind === 'dense' && l.activation.name === 'sigmoid');
    expect(sigmoid).toHaveLength(19);
    expect(n!.layers).toHaveLength(20);
    expect(n!.data).toMatchObject({ source: 'iris.csv', target: 'species' });
    expect(n!.task).toEqual({ kind: 'classification', classes: 3 });
  });
});
