/**
 * A model: the resolved network turned into layer implementations with weights. Built once, seeded.
 */
import { inputShapes, NETWORK_INPUT, outputLayer, type Activation, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import { product, type Arr, type DType } from './arr.js';
import { BatchNormLayer } from './layers/batch-norm.js';
import { Conv2dLayer } from './layers/conv2d.js';
import { DenseLayer } from './layers/dense.js';
import { ModelGraph } from './graph-pass.js';
import type { EngineLayer, ForwardContext, LayerImpl } from './layers/layer.js';
import { MergeLayer } from './layers/merge.js';
import { EmbeddingLayer } from './layers/embedding.js';
import { PoolLayer } from './layers/pool.js';
import { RecurrentLayer, recurrentFloatsPerSample } from './layers/recurrent.js';
import { Conv1dLayer, GlobalPool1dLayer, Pool1dLayer } from './layers/sequence.js';
import { ActivationLayer, DropoutLayer, FlattenLayer } from './layers/simple.js';
import { GlobalPoolLayer, ZeroPaddingLayer } from './layers/spatial.js';
import type { Param } from './param.js';
import { ModelError } from './model-error.js';
import { deriveRng } from './rng.js';
import type { LayerWeights } from './types.js';

export interface BuildOptions {
  /** Initialisation seed; defaults to `network.train.seed`. */
  seed?: number;
  /** 'float32' (default) for training; 'float64' runs the same code in double precision (gradient checks). */
  dtype?: DType;
}

export interface Model {
  readonly network: ResolvedNetwork;
  readonly dtype: DType;
  readonly seed: number;
  /** Values per input sample. */
  readonly inputSize: number;
  /** Values per output sample. */
  readonly outputSize: number;
  /** @internal engine layers, one per `network.layers` entry (same order: topological). */
  readonly layers: readonly EngineLayer[];
  /** @internal how the layers are wired, and the passes over them. */
  readonly graph: ModelGraph;
}

export { ModelError };

export function buildModel(network: ResolvedNetwork, options: BuildOptions = {}): Model {
  const dtype = options.dtype ?? 'float32';
  const seed = options.seed ?? network.train?.seed ?? 42;
  const rng = deriveRng(seed, 0);
  const graph = new ModelGraph(network, dtype);
  const layers: EngineLayer[] = [];
  network.layers.forEach((spec, i) => {
    checkInputs(spec, i);
    const shapes = inputShapes(network, spec);
    const shape = shapes[0] as number[];
    const layer = spec.kind === 'merge' ? new MergeLayer(spec, dtype, shapes) : buildLayer(spec, shape, dtype, rng);
    layers.push(layer);
    if (spec.kind === 'dense') checkDenseShape(spec, shape);
    if (layer.outSize !== product(spec.outputShape)) {
      throw new ModelError(
        `layer ${spec.index} (${spec.name}): the engine computes ${layer.outSize} outputs per sample but the network says [${spec.outputShape.join(', ')}]`,
      );
    }
  });
  const out = graph.output >= 0 ? layers[graph.output] : undefined;
  return {
    network,
    dtype,
    seed,
    inputSize: product(network.input),
    outputSize: out ? out.outSize : product(network.input),
    layers,
    graph,
  };
}

/** Inputs must name earlier layers (or the network input): the topological order the passes rely on. */
function checkInputs(spec: ResolvedLayer, i: number): void {
  const ins = spec.inputs;
  const bad = ins.find((j) => !Number.isInteger(j) || j < -1 || j >= i);
  if (ins.length === 0 || bad !== undefined) {
    throw new ModelError(
      `layer ${i} (${spec.name}): reads from [${ins.join(', ')}]; every input must be -1 (the network input) or an earlier layer`,
    );
  }
  if (spec.kind === 'merge' ? ins.length < 2 : ins.length !== 1) {
    throw new ModelError(`layer ${i} (${spec.name}): a ${spec.kind} layer reads ${spec.kind === 'merge' ? 'two or more inputs' : 'one input'}, got ${ins.length}`);
  }
}

function buildLayer(spec: Exclude<ResolvedLayer, { kind: 'merge' }>, inputShape: number[], dtype: DType, rng: ReturnType<typeof deriveRng>): LayerImpl {
  switch (spec.kind) {
    case 'dense':
      if (inputShape.length === 0) throw new ModelError(`layer ${spec.index} (${spec.name}): dense needs an input with at least one axis, got []`);
      return new DenseLayer(spec, dtype, inputShape, rng);
    case 'conv2d':
      needImage(spec, inputShape, 'conv2d');
      return new Conv2dLayer(spec, dtype, inputShape, rng);
    case 'max_pool2d':
    case 'avg_pool2d':
      needImage(spec, inputShape, 'pooling');
      return new PoolLayer(spec, dtype, inputShape);
    case 'global_avg_pool2d':
    case 'global_max_pool2d':
      needImage(spec, inputShape, 'global pooling');
      return new GlobalPoolLayer(spec, dtype, inputShape);
    case 'zero_padding2d':
      needImage(spec, inputShape, 'zero_padding2d');
      return new ZeroPaddingLayer(spec, dtype, inputShape);
    case 'dropout':
      return new DropoutLayer(spec, dtype, inputShape);
    case 'flatten':
      return new FlattenLayer(spec, dtype, inputShape);
    case 'activation':
      return new ActivationLayer(spec, dtype, inputShape);
    case 'batch_norm':
      return new BatchNormLayer(spec, dtype, inputShape);
    case 'embedding':
      if (spec.inputs[0] !== NETWORK_INPUT) {
        throw new ModelError(`layer ${spec.index} (${spec.name}): an embedding reads token ids, so it must read the network's input, not layer ${spec.inputs[0]}`);
      }
      if (inputShape.length !== 1) throw new ModelError(`layer ${spec.index} (${spec.name}): embedding needs [steps] token ids as input, got [${inputShape.join(', ')}]`);
      return new EmbeddingLayer(spec, dtype, inputShape, rng);
    case 'lstm':
    case 'gru':
    case 'simple_rnn':
      needSequence(spec, inputShape, spec.kind);
      return new RecurrentLayer(spec, dtype, inputShape, rng);
    case 'conv1d':
      needSequence(spec, inputShape, 'conv1d');
      return new Conv1dLayer(spec, dtype, inputShape, rng);
    case 'max_pool1d':
    case 'avg_pool1d':
      needSequence(spec, inputShape, '1-D pooling');
      return new Pool1dLayer(spec, dtype, inputShape);
    case 'global_avg_pool1d':
    case 'global_max_pool1d':
      needSequence(spec, inputShape, '1-D global pooling');
      return new GlobalPool1dLayer(spec, dtype, inputShape);
  }
}

function needSequence(spec: ResolvedLayer, inputShape: readonly number[], what: string): void {
  if (inputShape.length !== 2) throw new ModelError(`layer ${spec.index} (${spec.name}): ${what} needs [steps, features] input, got [${inputShape.join(', ')}]`);
}

function needImage(spec: ResolvedLayer, inputShape: readonly number[], what: string): void {
  if (inputShape.length !== 3) throw new ModelError(`layer ${spec.index} (${spec.name}): ${what} needs [height, width, channels] input, got [${inputShape.join(', ')}]`);
}

/**
 * Dense maps the last axis (Keras): [d1, …, dk, features] → [d1, …, dk, units]. A network that says
 * otherwise (e.g. one built for an engine that flattened implicitly) is refused with both shapes.
 */
function checkDenseShape(spec: Extract<ResolvedLayer, { kind: 'dense' }>, inputShape: readonly number[]): void {
  const expected = [...inputShape.slice(0, -1), spec.units];
  const got = spec.outputShape;
  if (got.length !== expected.length || got.some((d, i) => d !== expected[i])) {
    throw new ModelError(
      `layer ${spec.index} (${spec.name}): dense applies to the last axis, so its input [${inputShape.join(', ')}] gives [${expected.join(', ')}], but the network says [${got.join(', ')}]` +
        (inputShape.length > 1 ? ' (add a flatten before it to get a vector)' : ''),
    );
  }
}

/**
 * Size of the output's last axis: the classes a categorical loss and accuracy are taken over. The
 * output is `outputSize / outputFeatures` rows per sample (more than one after a dense on a rank-N input).
 */
export function outputFeatures(model: Model): number {
  const shape = outputLayer(model.network)?.outputShape ?? model.network.input;
  const f = shape.length > 0 ? (shape[shape.length - 1] as number) : model.outputSize;
  return f > 0 && model.outputSize % f === 0 ? f : model.outputSize;
}

/** The output layer's engine layer, if the network has layers. */
function outputImpl(model: Model): EngineLayer | undefined {
  const out = outputLayer(model.network);
  return out ? model.layers[out.index] : undefined;
}

/** The output layer's activation, if it applies one (used to fuse losses). */
export function outputActivation(model: Model): Activation | undefined {
  return outputImpl(model)?.act?.activation;
}

/** What the loss reads when it is fused with the output activation: that layer's pre-activations. */
export function outputPreact(model: Model): Arr {
  const out = outputImpl(model);
  if (!out) throw new ModelError('the network has no layers, so there is no output activation to fuse with the loss');
  return out.preact();
}

export function allParams(model: Model): Param[] {
  return model.layers.flatMap((l) => l.params);
}

/** Forward pass over `n` samples, in topological order; returns the output layer's buffer. */
export function forwardPass(model: Model, x: Arr, n: number, ctx: ForwardContext): Arr {
  return model.graph.forward(model.layers, x, n, ctx);
}

/**
 * Backward pass from dL/d(output) (or dL/dz of the output activation when `fused`); a layer read by
 * several others gets the sum of their gradients.
 */
export function backwardPass(model: Model, dOut: Arr, n: number, fused: boolean): void {
  model.graph.backward(model.layers, dOut, n, fused);
}

const PREDICT_CHUNK = 256;
/** The floats the recurrent layers of one predict chunk may keep (32 MB in float32). */
const RECURRENT_BUDGET = 1 << 23;

/**
 * Samples per forward pass in `predict`: 256, fewer when recurrent layers would otherwise keep more
 * than RECURRENT_BUDGET values for every step (the IMDB example's two bidirectional LSTMs keep
 * ≈ 0.92 M per review: 9 reviews at a time instead of 256).
 */
export function predictChunk(network: ResolvedNetwork): number {
  let perSample = 0;
  for (const l of network.layers) if (l.kind === 'lstm' || l.kind === 'gru' || l.kind === 'simple_rnn') perSample += recurrentFloatsPerSample(l);
  return perSample === 0 ? PREDICT_CHUNK : Math.max(1, Math.min(PREDICT_CHUNK, Math.floor(RECURRENT_BUDGET / perSample)));
}

/** Inference (dropout off, batch_norm moving statistics): `n * outputSize` values. */
export function predict(model: Model, x: Float32Array | Float64Array, n: number): Float32Array {
  checkInput(model, x, n, 'predict');
  const out = new Float32Array(n * model.outputSize);
  const ctx: ForwardContext = { training: false, updateStats: false, observe: false, rng: deriveRng(model.seed, 9) };
  const inSize = model.inputSize, outSize = model.outputSize;
  const xin = toDtype(model, x);
  const chunk = predictChunk(model.network);
  for (let start = 0; start < n; start += chunk) {
    const m = Math.min(chunk, n - start);
    const y = forwardPass(model, xin.subarray(start * inSize, (start + m) * inSize), m, ctx);
    for (let i = 0; i < m * outSize; i++) out[start * outSize + i] = y[i] as number;
  }
  return out;
}

export function toDtype(model: Model, x: Arr): Arr {
  if (model.dtype === 'float64') return x instanceof Float64Array ? x : Float64Array.from(x);
  return x instanceof Float32Array ? x : Float32Array.from(x);
}

export function checkInput(model: Model, x: Arr, n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new ModelError(`${what}: the sample count must be a non-negative integer, got ${n}`);
  if (x.length < n * model.inputSize) {
    throw new ModelError(
      `${what}: ${n} samples of shape [${model.network.input.join(', ')}] need ${n * model.inputSize} values, got ${x.length}`,
    );
  }
}

/** The model's weights in Keras layouts, copied (layers without weights are left out). */
export function getWeights(model: Model): LayerWeights[] {
  const out: LayerWeights[] = [];
  model.layers.forEach((layer, i) => {
    if (layer.params.length === 0) return;
    out.push({
      layer: i,
      name: layer.spec.name,
      weights: layer.params.map((p) => ({ name: p.name, shape: p.shape.slice(), values: Float32Array.from(p.value) })),
    });
  });
  return out;
}

/** Load weights (as produced by getWeights); a clear error names the layer and weight on any mismatch. */
export function setWeights(model: Model, weights: LayerWeights[]): void {
  const seen = new Set<number>();
  for (const lw of weights) {
    const layer = model.layers[lw.layer];
    if (!layer) throw new ModelError(`setWeights: the network has no layer ${lw.layer} (${lw.name}); it has ${model.layers.length} layers`);
    if (layer.spec.name !== lw.name) {
      throw new ModelError(`setWeights: layer ${lw.layer} is '${layer.spec.name}' but the weights are for '${lw.name}'`);
    }
    if (lw.weights.length !== layer.params.length) {
      throw new ModelError(
        `setWeights: layer ${lw.layer} (${lw.name}) has ${layer.params.length} weights [${layer.params.map((p) => p.name).join(', ')}], got ${lw.weights.length}`,
      );
    }
    layer.params.forEach((p, j) => {
      const w = lw.weights[j]!;
      const sameShape = w.shape.length === p.shape.length && w.shape.every((d, k) => d === p.shape[k]);
      if (w.name !== p.name || !sameShape || w.values.length !== p.value.length) {
        throw new ModelError(
          `setWeights: layer ${lw.layer} (${lw.name}) weight '${p.name}' has shape [${p.shape.join(', ')}], got '${w.name}' [${w.shape.join(', ')}] with ${w.values.length} values`,
        );
      }
    });
    seen.add(lw.layer);
  }
  const missing = model.layers.findIndex((l, i) => l.params.length > 0 && !seen.has(i));
  if (missing >= 0) {
    throw new ModelError(`setWeights: no weights given for layer ${missing} (${model.layers[missing]!.spec.name})`);
  }
  for (const lw of weights) {
    const layer = model.layers[lw.layer]!;
    layer.params.forEach((p, j) => p.value.set(lw.weights[j]!.values));
  }
}
