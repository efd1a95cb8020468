/**
 * A model: the resolved network turned into layer implementations with weights. Built once, seeded.
 */
import type { Activation, ResolvedLayer, ResolvedNetwork } from '@axon/language';
import { product, type Arr, type DType } from './arr.js';
import { BatchNormLayer } from './layers/batch-norm.js';
import { Conv2dLayer } from './layers/conv2d.js';
import { DenseLayer } from './layers/dense.js';
import type { ForwardContext, LayerImpl } from './layers/layer.js';
import { PoolLayer } from './layers/pool.js';
import { ActivationLayer, DropoutLayer, FlattenLayer } from './layers/simple.js';
import type { Param } from './param.js';
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
  /** @internal engine layers, one per `network.layers` entry. */
  readonly layers: readonly LayerImpl[];
}

export class ModelError extends Error {
  override name = 'ModelError';
}

export function buildModel(network: ResolvedNetwork, options: BuildOptions = {}): Model {
  const dtype = options.dtype ?? 'float32';
  const seed = options.seed ?? network.train?.seed ?? 42;
  const rng = deriveRng(seed, 0);
  const layers: LayerImpl[] = [];
  let shape = network.input.slice();
  for (const spec of network.layers) {
    const layer = buildLayer(spec, shape, dtype, rng);
    layers.push(layer);
    if (spec.kind === 'dense') checkDenseShape(spec, shape);
    shape = spec.outputShape.slice();
    if (layer.outSize !== product(shape)) {
      throw new ModelError(
        `layer ${spec.index} (${spec.name}): the engine computes ${layer.outSize} outputs per sample but the network says [${spec.outputShape.join(', ')}]`,
      );
    }
  }
  return {
    network,
    dtype,
    seed,
    inputSize: product(network.input),
    outputSize: layers.length > 0 ? (layers[layers.length - 1] as LayerImpl).outSize : product(network.input),
    layers,
  };
}

function buildLayer(spec: ResolvedLayer, inputShape: number[], dtype: DType, rng: ReturnType<typeof deriveRng>): LayerImpl {
  switch (spec.kind) {
    case 'dense':
      if (inputShape.length === 0) throw new ModelError(`layer ${spec.index} (${spec.name}): dense needs an input with at least one axis, got []`);
      return new DenseLayer(spec, dtype, inputShape, rng);
    case 'conv2d':
      if (inputShape.length !== 3) throw new ModelError(`layer ${spec.index} (${spec.name}): conv2d needs [height, width, channels] input, got [${inputShape.join(', ')}]`);
      return new Conv2dLayer(spec, dtype, inputShape, rng);
    case 'max_pool2d':
    case 'avg_pool2d':
      if (inputShape.length !== 3) throw new ModelError(`layer ${spec.index} (${spec.name}): pooling needs [height, width, channels] input, got [${inputShape.join(', ')}]`);
      return new PoolLayer(spec, dtype, inputShape);
    case 'dropout':
      return new DropoutLayer(spec, dtype, inputShape);
    case 'flatten':
      return new FlattenLayer(spec, dtype, inputShape);
    case 'activation':
      return new ActivationLayer(spec, dtype, inputShape);
    case 'batch_norm':
      return new BatchNormLayer(spec, dtype, inputShape);
  }
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
  const last = model.layers[model.layers.length - 1];
  const shape = last ? last.spec.outputShape : model.network.input;
  const f = shape.length > 0 ? (shape[shape.length - 1] as number) : model.outputSize;
  return f > 0 && model.outputSize % f === 0 ? f : model.outputSize;
}

/** The activation of the last layer that has one, if it is the output layer (used to fuse losses). */
export function outputActivation(model: Model): Activation | undefined {
  const last = model.layers[model.layers.length - 1];
  return last?.act ? last.act.activation : undefined;
}

export function allParams(model: Model): Param[] {
  return model.layers.flatMap((l) => l.params);
}

/** Forward pass over `n` samples; returns the last layer's output buffer. */
export function forwardPass(model: Model, x: Arr, n: number, ctx: ForwardContext): Arr {
  let h = x;
  for (const layer of model.layers) h = layer.forward(h, n, ctx);
  return h;
}

/** Backward pass from dL/d(output) (or dL/dz of the output activation when `fused`). */
export function backwardPass(model: Model, dOut: Arr, n: number, fused: boolean): void {
  let d: Arr | null = dOut;
  const layers = model.layers;
  for (let i = layers.length - 1; i >= 0 && d !== null; i--) {
    d = (layers[i] as LayerImpl).backward(d, n, i > 0, fused && i === layers.length - 1);
  }
}

const PREDICT_CHUNK = 256;

/** Inference (dropout off, batch_norm moving statistics): `n * outputSize` values. */
export function predict(model: Model, x: Float32Array | Float64Array, n: number): Float32Array {
  checkInput(model, x, n, 'predict');
  const out = new Float32Array(n * model.outputSize);
  const ctx: ForwardContext = { training: false, updateStats: false, observe: false, rng: deriveRng(model.seed, 9) };
  const inSize = model.inputSize, outSize = model.outputSize;
  const xin = toDtype(model, x);
  for (let start = 0; start < n; start += PREDICT_CHUNK) {
    const m = Math.min(PREDICT_CHUNK, n - start);
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
