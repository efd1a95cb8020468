/**
 * Every target on a branching network (input → trunk → two branches → merge → output, built by hand in
 * the language package's fixture): the structure each one emits follows the graph, not a chain.
 * The frameworks' own predictions on it are checked in graph.consumer.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { compile, CompileError, IR_GRAPH_VERSION, IR_VERSION, toIr } from '@axon/compile';
import type { MergeMode, ResolvedNetwork } from '@axon/language';
import { branchingNetwork } from '../../language/test/fixtures/branching-network.js';
import { graphCases } from './cases.js';
import { kerasStructure } from './keras-harness.js';
import { trainedModel } from './consumers.js';
import { networkOf, PYTHON, ROOT, tempDir, textOf, writeOutput } from './helpers.js';

const MODES: MergeMode[] = ['add', 'concat', 'multiply', 'average', 'maximum'];
const schema = JSON.parse(readFileSync(join(ROOT, 'packages/compile/schema/axon-network.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('json IR of a graph', () => {
  it.each(MODES)('%s: version 2, every layer with its inputs, the merge with its mode; validates', (mode) => {
    const doc = JSON.parse(textOf(compile({ network: branchingNetwork(mode) }, 'json'), 'Branching.json'));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.version).toBe(IR_GRAPH_VERSION);
    expect(doc.layers.map((l: { inputs: number[] }) => l.inputs)).toEqual([[-1], [0], [0], [1, 2], [3]]);
    expect(Object.keys(doc.layers[3])).toEqual(['index', 'name', 'kind', 'inputs', 'inputShape', 'outputShape', 'params', 'config', 'origin']);
    expect(doc.layers[3]).toMatchObject({ kind: 'merge', config: { mode }, params: { trainable: 0, nonTrainable: 0 } });
    expect(doc.layers[3].outputShape).toEqual(mode === 'concat' ? [12] : [6]);
    expect(doc.layers[2].inputShape).toEqual([8]);
  });

  it('writes a chain as version 1, without inputs, exactly as before graphs', () => {
    const ir = toIr(networkOf(readFileSync(join(ROOT, 'examples/iris.axon'), 'utf8')));
    expect(ir.version).toBe(IR_VERSION);
    expect(IR_VERSION).toBe(1);
    expect(ir.layers.every((l) => !('inputs' in l))).toBe(true);
  });

  it('the schema ties inputs to the version: rejects a graph without inputs, a chain with a merge, a one-input merge', () => {
    const graph = () => JSON.parse(JSON.stringify(toIr(branchingNetwork('add'))));
    const chain = () => JSON.parse(JSON.stringify(toIr(networkOf(readFileSync(join(ROOT, 'examples/iris.axon'), 'utf8')))));
    const broken: [string, () => unknown][] = [
      ['v2 layer without inputs', () => { const d = graph(); delete d.layers[1].inputs; return d; }],
      ['v1 document with inputs', () => { const d = graph(); d.version = 1; return d; }],
      ['merge of one input', () => { const d = graph(); d.layers[3].inputs = [1]; return d; }],
      ['dense of two inputs', () => { const d = graph(); d.layers[4].inputs = [1, 2]; return d; }],
      ['input index below -1', () => { const d = graph(); d.layers[0].inputs = [-2]; return d; }],
      ['unknown merge mode', () => { const d = graph(); d.layers[3].config.mode = 'subtract'; return d; }],
      ['v1 chain with a merge kind', () => { const d = chain(); d.layers[1].kind = 'merge'; d.layers[1].config = { mode: 'add' }; return d; }],
    ];
    expect(validate(graph())).toBe(true);
    expect(validate(chain())).toBe(true);
    for (const [what, make] of broken) expect(validate(make()), what).toBe(false);
  });
});

interface Rec {
  class: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** What the stub records of a functional keras.Model: each layer with the names of the layers it was called on. */
type KerasModel = Rec & { graph: { layer: Rec; inputs: string[] }[] };

describe('keras target on a graph', () => {
  const kerasGraph = (network: ResolvedNetwork) => kerasStructure<{ model: KerasModel }>(network);

  const LAYER: Record<MergeMode, string> = { add: 'Add', concat: 'Concatenate', multiply: 'Multiply', average: 'Average', maximum: 'Maximum' };

  it.each(MODES)('%s: a functional keras.Model whose layers are called on their inputs', (mode) => {
    const { model } = kerasGraph(branchingNetwork(mode));
    expect(model.class).toBe('Model');
    expect(model.kwargs.name).toBe('Branching');
    expect((model.kwargs.inputs as Rec).kwargs.shape).toEqual([4]);
    expect(model.graph.map((g) => [g.layer.class, g.layer.kwargs.name, g.inputs])).toEqual([
      ['Dense', 'dense', ['input']],
      ['Dense', 'dense_1', ['dense']],
      ['Dense', 'dense_2', ['dense']],
      [LAYER[mode], 'merge', ['dense_1', 'dense_2']],
      ['Dense', 'dense_3', ['merge']],
    ]);
    const merge = model.graph[3]!.layer;
    expect(merge.kwargs).toEqual(mode === 'concat' ? { axis: -1, name: 'merge' } : { name: 'merge' });
    expect(model.graph.map((g) => g.layer.args[0])).toEqual([8, 6, 6, undefined, 3]);
  });

  it('a chain is still a keras.Sequential', () => {
    const text = textOf(compile({ network: networkOf(readFileSync(join(ROOT, 'examples/iris.axon'), 'utf8')) }, 'keras'), 'Iris.py');
    expect(text).toContain('    return keras.Sequential(');
    expect(text).not.toContain('keras.Model(');
  });
});

describe('pytorch target on a graph', () => {
  it('a forward that keeps each output and hands a merge the list of its inputs', () => {
    const out = compile({ network: branchingNetwork('concat') }, 'pytorch');
    const model = textOf(out, 'model.py');
    const forward = model.slice(model.indexOf('    def forward(self, x):'), model.indexOf('\n\n\nNetwork = '));
    expect(forward.split('\n').slice(2)).toEqual([
      '        x = self.enter(x)',
      '        h0 = self.layers[0](x)  # dense',
      '        h1 = self.layers[1](h0)  # dense_1',
      '        h2 = self.layers[2](h0)  # dense_2',
      '        h3 = self.layers[3]([h1, h2])  # merge',
      '        h4 = self.layers[4](h3)  # dense_3',
      '        return self.leave(h4)',
    ]);
    expect(model).toContain('("merge", rt.Merge("concat", -1)),');
    // The output layer reads the concatenation: 6 + 6 features.
    expect(model).toContain('("dense_3", rt.Dense(12, 3, {"name": "softmax"}');
    const dir = writeOutput(out, tempDir('pytorch-graph'));
    for (const f of ['model.py', 'axon_runtime.py']) {
      const c = spawnSync(PYTHON, ['-m', 'py_compile', join(dir, f)], { encoding: 'utf8' });
      expect(c.status, c.stderr).toBe(0);
    }
  });

  it.each(MODES.filter((m) => m !== 'concat'))('%s: the merge module names its mode', (mode) => {
    expect(textOf(compile({ network: branchingNetwork(mode) }, 'pytorch'), 'model.py')).toContain(`("merge", rt.Merge("${mode}", -1)),`);
  });

  it('a chain has no forward of its own (the runtime runs self.layers in order)', () => {
    const model = textOf(compile({ network: networkOf(readFileSync(join(ROOT, 'examples/iris.axon'), 'utf8')) }, 'pytorch'), 'model.py');
    expect(model).not.toContain('def forward');
  });
});

type Json = Record<string, any>;

describe('tfjs target on a graph', () => {
  it.each(MODES)('%s: a Functional topology with an InputLayer and every inbound node', (mode) => {
    const network = branchingNetwork(mode);
    const trained = trainedModel(network);
    const out = compile({ network, trained: { weights: trained.weights } }, 'tfjs');
    const json = JSON.parse(textOf(out, 'model.json')) as Json;
    const topology = json.modelTopology;
    expect(topology.class_name).toBe('Functional');
    const layers = topology.config.layers as Json[];
    const inbound = (l: Json) => (l.inbound_nodes as unknown[][][]).map((node) => node.map((edge) => edge[0]));
    expect(layers.map((l) => [l.class_name, l.name, inbound(l)])).toEqual([
      ['InputLayer', 'input', []],
      ['Dense', 'dense', [['input']]],
      ['Dense', 'dense_1', [['dense']]],
      ['Dense', 'dense_2', [['dense']]],
      [{ add: 'Add', concat: 'Concatenate', multiply: 'Multiply', average: 'Average', maximum: 'Maximum' }[mode], 'merge', [['dense_1', 'dense_2']]],
      ['Dense', 'dense_3', [['merge']]],
    ]);
    expect(layers[0]!.config.batch_input_shape).toEqual([null, 4]);
    expect(layers[4]!.inbound_nodes[0][1]).toEqual(['dense_2', 0, 0, {}]);
    if (mode === 'concat') expect(layers[4]!.config.axis).toBe(-1);
    expect(topology.config.input_layers).toEqual([['input', 0, 0]]);
    expect(topology.config.output_layers).toEqual([['dense_3', 0, 0]]);
    const width = mode === 'concat' ? 12 : 6;
    expect(json.weightsManifest[0].weights.map((w: Json) => `${w.name}:${w.shape.join('x')}`)).toEqual([
      'dense/kernel:4x8', 'dense/bias:8', 'dense_1/kernel:8x6', 'dense_1/bias:6', 'dense_2/kernel:8x6', 'dense_2/bias:6', `dense_3/kernel:${width}x3`, 'dense_3/bias:3',
    ]);
    const bytes = out.files.find((f) => f.path === 'weights.bin')!.contents as Uint8Array;
    expect(bytes.length).toBe(4 * network.params.total);
  });

  it('a stand-alone activation layer reads the layer it follows; the input name avoids a layer called input', () => {
    const network = branchingNetwork('add');
    const layers = network.layers.map((l) => (l.index === 1 && l.kind === 'dense' ? { ...l, activation: { name: 'leaky_relu' as const, alpha: 0.2 } } : l));
    layers[0] = { ...layers[0]!, name: 'input' };
    const json = JSON.parse(textOf(compile({ network: { ...network, layers } }, 'tfjs'), 'model.json')) as Json;
    const names = (json.modelTopology.config.layers as Json[]).map((l) => [l.name, l.inbound_nodes.map((n: unknown[][]) => n.map((e) => e[0]))]);
    expect(names).toEqual([
      ['input_1', []],
      ['input', [['input_1']]],
      ['dense_1', [['input']]],
      ['dense_1_leaky_relu', [['dense_1']]],
      ['dense_2', [['input']]],
      ['merge', [['dense_1_leaky_relu', 'dense_2']]],
      ['dense_3', [['merge']]],
    ]);
  });

  it('a chain is still a Sequential topology', () => {
    const json = JSON.parse(textOf(compile({ network: networkOf(readFileSync(join(ROOT, 'examples/iris.axon'), 'utf8')) }, 'tfjs'), 'model.json')) as Json;
    expect(json.modelTopology.class_name).toBe('Sequential');
    expect(json.modelTopology.config.layers.every((l: Json) => !('inbound_nodes' in l))).toBe(true);
  });
});

describe('onnx target on a graph', () => {
  const OP: Record<MergeMode, string> = { add: 'Add', concat: 'Concat', multiply: 'Mul', average: 'Mean', maximum: 'Max' };

  it.each(MODES)('%s: both branches read the trunk, the merge node reads both branches', (mode) => {
    const network = branchingNetwork(mode);
    const trained = trainedModel(network);
    const bytes = compile({ network, trained: { weights: trained.weights } }, 'onnx').files[0]!.contents as Uint8Array;
    const graph = onnxProto.onnx.ModelProto.decode(bytes).graph!;
    const nodes = graph.node!;
    const producer = new Map(nodes.map((n) => [n.output![0]!, n]));
    const layerOf = (tensor: string) => (tensor === 'input' ? 'input' : producer.get(tensor)!.name!.split('/')[0]);
    const merge = nodes.filter((n) => n.name!.startsWith('merge/'));
    expect(merge.map((n) => n.opType)).toEqual([OP[mode]]);
    // The merge reads the last node of each branch: dense_1's Tanh and dense_2's bias Add (linear).
    expect(merge[0]!.input!.map((t) => `${layerOf(t)}:${producer.get(t)!.opType}`)).toEqual(['dense_1:Tanh', 'dense_2:Add']);
    if (mode === 'concat') expect(merge[0]!.attribute!.map((a) => [a.name, Number(a.i)])).toEqual([['axis', -1]]);
    // The trunk's Relu output is read by two MatMuls (the fork).
    const relu = nodes.find((n) => n.name!.startsWith('dense/') && n.opType === 'Relu')!;
    const readers = nodes.filter((n) => n.input!.includes(relu.output![0]!));
    expect(readers.map((n) => `${n.name!.split('/')[0]}:${n.opType}`)).toEqual(['dense_1:MatMul', 'dense_2:MatMul']);
    const output = nodes.at(-1)!;
    expect([output.opType, layerOf(output.input![0]!)]).toEqual(['Identity', 'dense_3']);
    expect(nodes.map((n) => n.opType).filter((op) => op === 'MatMul')).toHaveLength(4);
  });
});

describe('what a target cannot express stays a clear error', () => {
  it('keras refuses trained weights for a graph as for a chain', () => {
    expect(() => compile({ network: branchingNetwork('add'), trained: { weights: [] } }, 'keras')).toThrow(CompileError);
    expect(() => compile({ network: branchingNetwork('add'), trained: { weights: [] } }, 'keras')).toThrow(/keras target cannot express trained weights/);
  });
});

describe('image branches and a shortcut from the input', () => {
  const [conv, shortcut] = graphCases('concat', 'add') as [ResolvedNetwork, ResolvedNetwork];

  it('keras: a stand-alone PReLU follows its conv; concat on the last axis (NHWC); a merge can read the input', () => {
    const graph = kerasStructure<{ model: KerasModel }>(conv).model.graph.map((g) => [g.layer.class, g.layer.kwargs.name, g.inputs]);
    expect(graph).toEqual([
      ['Conv2D', 'conv2d', ['input']],
      ['Conv2D', 'conv2d_1', ['conv2d']],
      ['PReLU', 'conv2d_1_prelu', ['conv2d_1']],
      ['Conv2D', 'conv2d_2', ['conv2d']],
      ['Concatenate', 'merge', ['conv2d_1_prelu', 'conv2d_2']],
      ['BatchNormalization', 'batch_norm', ['merge']],
      ['Flatten', 'flatten', ['batch_norm']],
      ['Dense', 'dense', ['flatten']],
    ]);
    const text = textOf(compile({ network: shortcut }, 'keras'), 'InputShortcut_add.py');
    expect(text).toContain('    h1 = keras.layers.Add(name="merge")([h0, x])');
  });

  it('pytorch: concat joins dim 1 (NCHW channels) for images; the shortcut hands the merge the input tensor', () => {
    const model = textOf(compile({ network: conv }, 'pytorch'), 'model.py');
    expect(model).toContain('("merge", rt.Merge("concat", 1)),');
    expect(model).toContain('("batch_norm", rt.BatchNorm(5, ');
    const short = textOf(compile({ network: shortcut }, 'pytorch'), 'model.py');
    expect(short).toContain('        h1 = self.layers[1]([h0, x])  # merge\n');
  });

  it('tfjs: the merge reads the InputLayer itself', () => {
    const json = JSON.parse(textOf(compile({ network: shortcut }, 'tfjs'), 'model.json')) as Json;
    const merge = (json.modelTopology.config.layers as Json[]).find((l) => l.name === 'merge')!;
    expect(merge.inbound_nodes).toEqual([[['dense', 0, 0, {}], ['input', 0, 0, {}]]]);
  });

  it('onnx: concat on axis 1 between NCHW tensors; the shortcut reads the graph input', () => {
    const nodesOf = (network: ResolvedNetwork) => {
      const trained = trainedModel(network);
      const bytes = compile({ network, trained: { weights: trained.weights } }, 'onnx').files[0]!.contents as Uint8Array;
      return onnxProto.onnx.ModelProto.decode(bytes).graph!.node!;
    };
    const concat = nodesOf(conv).find((n) => n.opType === 'Concat')!;
    expect(concat.attribute!.map((a) => [a.name, Number(a.i)])).toEqual([['axis', 1]]);
    const add = nodesOf(shortcut).find((n) => n.name!.startsWith('merge/'))!;
    expect([add.opType, add.input![1]]).toEqual(['Add', 'input']);
  });

  it.each([
    ['add', ['Add', 'Add']],
    ['multiply', ['Mul', 'Mul']],
    ['maximum', ['Max']],
    ['average', ['Mean']],
    ['concat', ['Concat']],
  ] as const)('onnx: a %s of three branches is %j (binary ops folded, variadic ones once)', (mode, ops) => {
    const network = graphCases(mode)[2]!;
    const trained = trainedModel(network);
    const bytes = compile({ network, trained: { weights: trained.weights } }, 'onnx').files[0]!.contents as Uint8Array;
    const merge = onnxProto.onnx.ModelProto.decode(bytes).graph!.node!.filter((n) => n.name!.startsWith('merge/'));
    expect(merge.map((n) => n.opType)).toEqual(ops);
    // Every branch's output enters the merge exactly once.
    const inner = new Set(merge.map((n) => n.output![0]!));
    expect(merge.flatMap((n) => n.input!).filter((t) => !inner.has(t))).toHaveLength(3);
  });

  it('pytorch, keras and tfjs hand a three-way merge all three inputs', () => {
    const network = graphCases('average')[2]!;
    expect(textOf(compile({ network }, 'pytorch'), 'model.py')).toContain('        h4 = self.layers[4]([h1, h2, h3])  # merge\n');
    expect(textOf(compile({ network }, 'keras'), 'ThreeWay_average.py')).toContain('    h4 = keras.layers.Average(name="merge")([h1, h2, h3])\n');
    const json = JSON.parse(textOf(compile({ network }, 'tfjs'), 'model.json')) as Json;
    const merge = (json.modelTopology.config.layers as Json[]).find((l) => l.name === 'merge')!;
    expect(merge.inbound_nodes[0].map((e: unknown[]) => e[0])).toEqual(['dense_1', 'dense_2', 'dense_3']);
  });
});

describe('a layer graph no target can express', () => {
  it.each(['json', 'pytorch', 'tfjs', 'keras', 'onnx'] as const)('%s: a second output or a cycle is a CompileError naming the target', (target) => {
    const network = branchingNetwork('add');
    // The tanh branch is read by nothing: two outputs.
    const twoOutputs = { ...network, layers: network.layers.map((l) => (l.kind === 'merge' ? { ...l, inputs: [2, 2] } : l)) };
    expect(() => compile({ network: twoOutputs }, target)).toThrow(CompileError);
    expect(() => compile({ network: twoOutputs }, target)).toThrow(`the ${target} target cannot express this layer graph: dense_1 is read by no layer: a network has one output`);
    const cycle = { ...network, layers: network.layers.map((l) => (l.index === 0 ? { ...l, inputs: [3] } : l)) };
    expect(() => compile({ network: cycle }, target)).toThrow(/cannot express this layer graph: the layers .* form a cycle/);
  });
});
