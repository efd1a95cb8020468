/**
 * Graphs written in source (`residual`, `parallel`) and the layers they brought — global pooling,
 * zero padding, `use_bias: false` — in every target's structure. The frameworks' predictions on the
 * same networks are checked in graph-sources.consumer.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { compile, CompileError, IR_GRAPH_VERSION, IR_VERSION, toIr } from '@axon/compile';
import type { ResolvedNetwork } from '@axon/language';
import { trainedModel } from './consumers.js';
import { conv, dense, network, zeroPad } from './fixtures.js';
import { GRAPH_SOURCES, PARALLEL_CNN, RESIDUAL_CNN } from './graph-sources.js';
import { kerasStructure } from './keras-harness.js';
import { networkOf, PYTHON, ROOT, tempDir, textOf, writeOutput } from './helpers.js';

type Json = Record<string, any>;
const schema = JSON.parse(readFileSync(join(ROOT, 'packages/compile/schema/axon-network.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const residual = () => networkOf(RESIDUAL_CNN);
const parallel = () => networkOf(PARALLEL_CNN);

/** A chain of the new layers: bias-free conv, zero padding, global average pooling. */
const newLayerChain = (): ResolvedNetwork =>
  network('PadPool', [5, 4, 2], [zeroPad(1, 0, 2, 1), conv(3, 3, { useBias: false }), { kind: 'global_avg_pool2d' }, dense(2)]);

describe('json IR of graphs written in source and of the new layers', () => {
  it.each(Object.keys(GRAPH_SOURCES))('%s: version 2, validates, merges with their inputs', (name) => {
    const net = networkOf(GRAPH_SOURCES[name as keyof typeof GRAPH_SOURCES]);
    const doc = JSON.parse(textOf(compile({ network: net }, 'json'), `${name}.json`));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.version).toBe(IR_GRAPH_VERSION);
    expect(doc.layers.map((l: Json) => l.inputs)).toEqual(net.layers.map((l) => l.inputs));
    expect(doc.params.total).toBe(net.params.total);
  });

  it('the residual network: merges named the Keras way, shortcuts read the tensor before the block, new layers configured', () => {
    const ir = toIr(residual());
    const merges = ir.layers.filter((l) => l.kind === 'merge');
    expect(merges.map((l) => [l.name, l.config, l.inputs])).toEqual([
      ['add', { mode: 'add' }, [7, 3]],
      ['add_1', { mode: 'add' }, [13, 9]],
      ['add_2', { mode: 'add' }, [18, 20]],
    ]);
    expect(ir.layers[0]).toMatchObject({ kind: 'zero_padding2d', config: { padding: [[1, 1], [1, 1]] }, outputShape: [12, 12, 3] });
    expect(ir.layers[17]).toMatchObject({ kind: 'zero_padding2d', config: { padding: [[1, 0], [0, 1]] }, outputShape: [4, 4, 12] });
    expect(ir.layers[1]!.config).toMatchObject({ useBias: false });
    expect(ir.layers[1]!.params.trainable).toBe(3 * 3 * 3 * 8);
    expect(ir.layers[7]!.config).toMatchObject({ useBias: true });
    expect(ir.layers[23]).toMatchObject({ kind: 'global_avg_pool2d', config: {}, inputShape: [3, 3, 12], outputShape: [12] });
  });

  it('a chain with a new layer or a bias-free layer is version 2; without either it stays version 1', () => {
    const doc = toIr(newLayerChain());
    expect(doc.version).toBe(IR_GRAPH_VERSION);
    expect(validate(JSON.parse(JSON.stringify(doc))), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.layers.map((l) => l.inputs)).toEqual([[-1], [0], [1], [2]]);
    expect(Object.keys(doc.layers[1]!.config)).toEqual(['filters', 'kernel', 'stride', 'padding', 'activation', 'activationExplicit', 'init', 'biasInit', 'useBias']);
    expect(toIr(network('NoBias', [3], [dense(2, { name: 'relu' }, false)])).version).toBe(IR_GRAPH_VERSION);
    const plain = toIr(network('Plain', [3], [dense(2, { name: 'relu' })]));
    expect(plain.version).toBe(IR_VERSION);
    expect(plain.layers[0]!.config).not.toHaveProperty('useBias');
  });

  it('the schema rejects the new kinds and useBias in version 1, and a version-2 dense without useBias', () => {
    const v2 = () => JSON.parse(JSON.stringify(toIr(newLayerChain())));
    const broken: [string, (d: Json) => void][] = [
      ['new kind in version 1', (d) => { d.version = 1; for (const l of d.layers) delete l.inputs; }],
      ['useBias missing in version 2', (d) => delete d.layers[1].config.useBias],
      ['padding of one side only', (d) => (d.layers[0].config.padding = [[1, 0]])],
      ['negative padding', (d) => (d.layers[0].config.padding = [[1, -1], [0, 0]])],
      ['a global pool with arguments', (d) => (d.layers[2].config.keepdims = true)],
    ];
    expect(validate(v2())).toBe(true);
    for (const [what, breakIt] of broken) {
      const d = v2();
      breakIt(d);
      expect(validate(d), what).toBe(false);
    }
    const v1 = JSON.parse(JSON.stringify(toIr(network('Plain', [3], [dense(2)]))));
    v1.layers[0].config.useBias = true;
    expect(validate(v1), 'useBias in version 1').toBe(false);
  });
});

describe('pytorch target: new layers and graphs from source', () => {
  it('ZeroPad2d takes (left, right, top, bottom); global pools and bias-free layers; the file compiles', () => {
    const out = compile({ network: residual() }, 'pytorch');
    const model = textOf(out, 'model.py');
    expect(model).toContain('("zero_padding2d", nn.ZeroPad2d((1, 1, 1, 1))),');
    expect(model).toContain('("zero_padding2d_1", nn.ZeroPad2d((0, 1, 1, 0))),');
    expect(model).toContain('("global_avg_pool2d", rt.GlobalPool2d("avg")),');
    expect(model).toMatch(/\("conv2d", rt\.Conv2d\(3, 8, \(3, 3\), \(2, 2\), \(0, 0, 0, 0\), .*, use_bias=False\)\),/);
    expect(model).toMatch(/\("conv2d_2", rt\.Conv2d\(8, 8, .*\{"name": "zeros"\}\)\),/);
    expect(model).toContain('        h21 = self.layers[21]([h18, h20])  # add_2');
    expect(model).toContain('        h19 = self.layers[19](h15)  # conv2d_7');
    const p = textOf(compile({ network: parallel() }, 'pytorch'), 'model.py');
    expect(p).toContain('("global_max_pool2d", rt.GlobalPool2d("max")),');
    expect(p).toContain('("concatenate", rt.Merge("concat", 1)),');
    expect(p).toContain('        h6 = self.layers[6]([h1, h4, h5, h0])  # concatenate');
    expect(p).toMatch(/\("dense", rt\.Dense\(24, 5, \{"name": "tanh"\}, .*"flat", use_bias=False\)\),/);
    const dir = writeOutput(out, tempDir('pytorch-src-graph'));
    for (const f of ['model.py', 'axon_runtime.py']) {
      const c = spawnSync(PYTHON, ['-m', 'py_compile', join(dir, f)], { encoding: 'utf8' });
      expect(c.status, c.stderr).toBe(0);
    }
  });

  it('the weights manifest has no bias for a bias-free layer', () => {
    const net = residual();
    const files = compile({ network: net, trained: { weights: trainedModel(net).weights } }, 'pytorch').files;
    const manifest = JSON.parse(textOf({ target: 'pytorch', directory: true, files }, 'weights.json')) as Json;
    const tensors = (name: string) => (manifest.layers as Json[]).find((l) => l.name === name)!.tensors.map((t: Json) => `${t.name}:${t.shape.join('x')}`);
    expect(tensors('conv2d')).toEqual(['kernel:3x3x3x8']);
    expect(tensors('conv2d_2')).toEqual(['kernel:3x3x8x8', 'bias:8']);
  });
});

interface Rec {
  class: string;
  args: unknown[];
  kwargs: Record<string, any>;
}

describe('keras target: a functional model from a ResNet-style source', () => {
  it('every layer called on its inputs; ZeroPadding2D, GlobalAveragePooling2D, use_bias=False', () => {
    const net = residual();
    const { model } = kerasStructure<{ model: Rec & { graph: { layer: Rec; inputs: string[] }[] } }>(net);
    expect(model.class).toBe('Model');
    const byName = new Map(model.graph.map((g) => [g.layer.kwargs.name as string, g]));
    // Every Axon layer is one Keras layer here (each activation is built in or a layer of its own).
    expect(model.graph).toHaveLength(net.layers.length);
    for (const l of net.layers) {
      const g = byName.get(l.name)!;
      expect(g.inputs, l.name).toEqual(l.inputs.map((i) => (i === -1 ? 'input' : net.layers[i]!.name)));
    }
    expect(byName.get('zero_padding2d')!.layer).toMatchObject({ class: 'ZeroPadding2D', kwargs: { padding: [[1, 1], [1, 1]] } });
    expect(byName.get('zero_padding2d_1')!.layer.kwargs.padding).toEqual([[1, 0], [0, 1]]);
    expect(byName.get('global_avg_pool2d')!.layer.class).toBe('GlobalAveragePooling2D');
    expect(byName.get('add_2')!.layer.class).toBe('Add');
    const stem = byName.get('conv2d')!.layer;
    expect(stem.kwargs.use_bias).toBe(false);
    expect(stem.kwargs).not.toHaveProperty('bias_initializer');
    const biased = byName.get('conv2d_2')!.layer;
    expect(biased.kwargs).not.toHaveProperty('use_bias');
    expect(biased.kwargs.bias_initializer.class).toBe('Zeros');
  });

  it('the parallel network: Concatenate of four branches (one the identity), GlobalMaxPooling2D, a bias-free Dense', () => {
    const { model } = kerasStructure<{ model: Rec & { graph: { layer: Rec; inputs: string[] }[] } }>(parallel());
    const byName = new Map(model.graph.map((g) => [g.layer.kwargs.name as string, g]));
    expect(byName.get('concatenate')!.inputs).toEqual(['conv2d_1', 'batch_norm', 'max_pool2d', 'conv2d']);
    expect(byName.get('concatenate')!.layer.kwargs.axis).toBe(-1);
    expect(byName.get('concatenate_1')!.inputs).toEqual(['concatenate', 'conv2d_3']);
    expect(byName.get('global_max_pool2d')!.layer.class).toBe('GlobalMaxPooling2D');
    expect(byName.get('dense')!.layer.kwargs.use_bias).toBe(false);
  });
});

describe('tfjs target: new layers', () => {
  it('class names and configs; a bias-free layer has use_bias false and no bias weight', () => {
    const net = parallel();
    const json = JSON.parse(textOf(compile({ network: net, trained: { weights: trainedModel(net).weights } }, 'tfjs'), 'model.json')) as Json;
    const layers = json.modelTopology.config.layers as Json[];
    const layer = (name: string) => layers.find((l) => l.name === name)!;
    expect(layer('zero_padding2d')).toMatchObject({ class_name: 'ZeroPadding2D', config: { padding: [[1, 1], [1, 1]], data_format: 'channels_last' } });
    expect(layer('global_max_pool2d')).toMatchObject({ class_name: 'GlobalMaxPooling2D', config: { data_format: 'channels_last' } });
    expect(layer('conv2d_2').config.use_bias).toBe(false);
    expect(layer('conv2d_1').config.use_bias).toBe(true);
    const weights = (json.weightsManifest[0].weights as Json[]).map((w) => w.name);
    expect(weights.filter((w) => w.startsWith('conv2d_2/'))).toEqual(['conv2d_2/kernel']);
    expect(weights.filter((w) => w.startsWith('dense/'))).toEqual(['dense/kernel']);
    expect(weights.filter((w) => w.startsWith('dense_1/'))).toEqual(['dense_1/kernel', 'dense_1/bias']);
  });
});

describe('onnx target: new layers', () => {
  const decode = (net: ResolvedNetwork) => {
    const out = compile({ network: net, trained: { weights: trainedModel(net).weights } }, 'onnx');
    return onnxProto.onnx.ModelProto.decode(out.files[0]!.contents as Uint8Array).graph!;
  };

  it('GlobalAveragePool + Flatten; Pad with NCHW pads as an int64 input; Conv without a bias input', () => {
    const graph = decode(residual());
    const ops = graph.node!.map((n) => n.opType);
    expect(ops).toContain('GlobalAveragePool');
    const pool = graph.node!.findIndex((n) => n.opType === 'GlobalAveragePool');
    expect(graph.node![pool + 1]!.opType).toBe('Flatten');
    const pads = graph.node!.filter((n) => n.opType === 'Pad').map((n) => {
      const init = graph.initializer!.find((t) => t.name === n.input![1])!;
      expect(init.dataType).toBe(7);
      const bytes = init.rawData!;
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return Array.from({ length: 8 }, (_, i) => Number(view.getBigInt64(i * 8, true)));
    });
    expect(pads).toEqual([
      [0, 0, 1, 1, 0, 0, 1, 1],
      [0, 0, 1, 0, 0, 0, 0, 1],
    ]);
    const convs = graph.node!.filter((n) => n.opType === 'Conv');
    expect(convs.map((n) => n.input!.length)).toEqual(residual().layers.filter((l) => l.kind === 'conv2d').map((l) => (l.kind === 'conv2d' && l.useBias ? 3 : 2)));
  });

  it('GlobalMaxPool; a bias-free dense is a MatMul without an Add', () => {
    const graph = decode(network('NoBiasDense', [4, 4, 2], [{ kind: 'global_max_pool2d' }, dense(3, { name: 'relu' }, false)]));
    expect(graph.node!.map((n) => n.opType)).toEqual(['Transpose', 'GlobalMaxPool', 'Flatten', 'MatMul', 'Relu', 'Identity']);
  });
});

describe('what a target cannot express is still a clear error naming feature and target', () => {
  const withElu = () =>
    networkOf(RESIDUAL_CNN.replace('conv2d(8, kernel: 3, padding: same)\n', 'conv2d(8, kernel: 3, padding: same, activation: elu(alpha: 0.5))\n'));

  it('tfjs: elu with alpha inside a residual body', () => {
    const net = withElu();
    expect(net.layers.some((l) => l.kind === 'conv2d' && l.activation.name === 'elu')).toBe(true);
    expect(() => compile({ network: net }, 'tfjs')).toThrow(CompileError);
    expect(() => compile({ network: net }, 'tfjs')).toThrow(/the tfjs target cannot express elu\(alpha: 0\.5\)/);
  });

  it('onnx: a graph without trained weights; keras: trained weights', () => {
    const net = parallel();
    expect(() => compile({ network: net }, 'onnx')).toThrow(/the onnx target cannot express an untrained network/);
    expect(() => compile({ network: net, trained: { weights: trainedModel(net).weights } }, 'keras')).toThrow(/the keras target cannot express trained weights/);
  });

  it.each(['pytorch', 'tfjs', 'onnx'] as const)('%s: a global pool on a vector (hand-built past the analyzer) names the layer and its rank', (target) => {
    const net = network('VectorPool', [4], [dense(4)]);
    const layer = { ...net.layers[0]!, kind: 'global_avg_pool2d', index: 0, name: 'global_avg_pool2d', outputShape: [4] } as unknown as ResolvedNetwork['layers'][number];
    const bad: ResolvedNetwork = { ...net, layers: [layer] };
    const trained = { weights: [] };
    expect(() => compile({ network: bad, trained }, target)).toThrow(new RegExp(`the ${target} target cannot express global_avg_pool2d on a rank-1 input`));
  });
});
