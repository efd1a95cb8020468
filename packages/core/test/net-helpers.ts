/**
 * Test helper: hand-build a ResolvedNetwork (what @axon/language's analyze() produces) so the engine's
 * tests do not depend on the parser. Shapes follow TensorFlow's same/valid rules. Each layer reads the
 * one before it unless it names its `inputs` (indices; -1 is the network input), so graphs with
 * merges can be written too.
 */
import { inferMerge, type Activation, type LayerSpec, type Loss, type MergeMode, type Optimizer, type Padding2D, type ResolvedLayer, type ResolvedNetwork, type Task, type TrainSpec } from '@axon/language';

const range = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };

type Short = (
  | { kind: 'dense'; units: number; activation?: Activation; init?: LayerSpec extends never ? never : Extract<LayerSpec, { kind: 'dense' }>['init']; biasInit?: Extract<LayerSpec, { kind: 'dense' }>['biasInit']; useBias?: boolean }
  | { kind: 'dropout'; rate: number }
  | { kind: 'batch_norm'; momentum?: number; epsilon?: number }
  | { kind: 'activation'; activation: Activation }
  | { kind: 'flatten' }
  | { kind: 'conv2d'; filters: number; kernel: [number, number]; stride?: [number, number]; padding?: 'same' | 'valid'; activation?: Activation; init?: Extract<LayerSpec, { kind: 'conv2d' }>['init']; biasInit?: Extract<LayerSpec, { kind: 'conv2d' }>['biasInit']; useBias?: boolean }
  | { kind: 'max_pool2d' | 'avg_pool2d'; pool: [number, number]; stride?: [number, number]; padding?: 'same' | 'valid' }
  | { kind: 'global_avg_pool2d' | 'global_max_pool2d' }
  | { kind: 'zero_padding2d'; padding: Padding2D }
  | { kind: 'merge'; mode: MergeMode; inputs: number[] }
) & { inputs?: number[] };

/** Keras's layer names for the merge modes (`add`, `concatenate`, …). */
const MERGE_NAMES: Record<MergeMode, string> = { add: 'add', concat: 'concatenate', multiply: 'multiply', average: 'average', maximum: 'maximum' };

export const dense = (units: number, activation?: Activation, extra: Partial<Extract<Short, { kind: 'dense' }>> = {}): Short => ({ kind: 'dense', units, ...(activation ? { activation } : {}), ...extra });
export const act = (name: Activation['name'], extra: Record<string, number> = {}): Activation => {
  if (name === 'leaky_relu') return { name, alpha: extra.alpha ?? 0.01 };
  if (name === 'elu') return { name, alpha: extra.alpha ?? 1 };
  if (name === 'prelu') return { name, init: extra.init ?? 0.25 };
  return { name } as Activation;
};

function outSize(h: number, k: number, s: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(h / s) : Math.floor((h - k) / s) + 1;
}

export interface NetOptions {
  loss?: Loss;
  optimizer?: Optimizer;
  task?: Task;
  epochs?: number;
  batchSize?: number;
  seed?: number;
  earlyStopping?: TrainSpec['earlyStopping'];
}

export function net(input: number[], layers: Short[], o: NetOptions = {}): ResolvedNetwork {
  const counts = new Map<string, number>();
  const resolved: ResolvedLayer[] = [];
  const shapeAt = (j: number): number[] => (j === -1 ? input : (resolved[j] as ResolvedLayer).outputShape);
  layers.forEach((l, index) => {
    let spec: LayerSpec;
    let outShape: number[];
    let trainable = 0, nonTrainable = 0;
    const inputs = l.inputs ?? [index - 1];
    const shape = shapeAt(inputs[0] as number);
    const inShape = shape;
    switch (l.kind) {
      case 'dense': {
        const activation = l.activation ?? { name: 'linear' };
        const useBias = l.useBias ?? true;
        spec = { kind: 'dense', units: l.units, activation, activationExplicit: !!l.activation, init: l.init ?? { name: 'glorot_uniform' }, biasInit: l.biasInit ?? { name: 'zeros' }, useBias };
        // Keras: dense maps the last axis, [..., features] → [..., units].
        const features = shape[shape.length - 1] as number;
        outShape = [...shape.slice(0, -1), l.units];
        trainable = features * l.units + (useBias ? l.units : 0) + (activation.name === 'prelu' ? l.units : 0);
        break;
      }
      case 'conv2d': {
        const activation = l.activation ?? { name: 'linear' };
        const stride = l.stride ?? [1, 1];
        const padding = l.padding ?? 'valid';
        const useBias = l.useBias ?? true;
        spec = { kind: 'conv2d', filters: l.filters, kernel: l.kernel, stride, padding, activation, activationExplicit: !!l.activation, init: l.init ?? { name: 'glorot_uniform' }, biasInit: l.biasInit ?? { name: 'zeros' }, useBias };
        const [h, w, c] = shape as [number, number, number];
        outShape = [outSize(h, l.kernel[0], stride[0], padding), outSize(w, l.kernel[1], stride[1], padding), l.filters];
        trainable = l.kernel[0] * l.kernel[1] * c * l.filters + (useBias ? l.filters : 0) + (activation.name === 'prelu' ? l.filters : 0);
        break;
      }
      case 'global_avg_pool2d':
      case 'global_max_pool2d':
        spec = { kind: l.kind };
        outShape = [shape[2] as number];
        break;
      case 'zero_padding2d': {
        spec = { kind: 'zero_padding2d', padding: l.padding };
        const [[t, b], [left, right]] = l.padding;
        const [h, w, c] = shape as [number, number, number];
        outShape = [h + t + b, w + left + right, c];
        break;
      }
      case 'merge': {
        spec = { kind: 'merge', mode: l.mode };
        const r = inferMerge(l.mode, inputs.map(shapeAt));
        if (!r.ok) throw new Error(r.message);
        outShape = r.outputShape;
        break;
      }
      case 'max_pool2d':
      case 'avg_pool2d': {
        const stride = l.stride ?? l.pool;
        const padding = l.padding ?? 'valid';
        spec = { kind: l.kind, pool: l.pool, stride, padding };
        const [h, w, c] = shape as [number, number, number];
        outShape = [outSize(h, l.pool[0], stride[0], padding), outSize(w, l.pool[1], stride[1], padding), c];
        break;
      }
      case 'flatten':
        spec = { kind: 'flatten' };
        outShape = [shape.reduce((a, b) => a * b, 1)];
        break;
      case 'dropout':
        spec = { kind: 'dropout', rate: l.rate };
        outShape = shape.slice();
        break;
      case 'batch_norm':
        spec = { kind: 'batch_norm', momentum: l.momentum ?? 0.99, epsilon: l.epsilon ?? 1e-3 };
        outShape = shape.slice();
        trainable = 2 * (shape[shape.length - 1] as number);
        nonTrainable = trainable;
        break;
      case 'activation':
        spec = { kind: 'activation', activation: l.activation };
        outShape = shape.slice();
        trainable = l.activation.name === 'prelu' ? (shape[shape.length - 1] as number) : 0;
        break;
    }
    const base = l.kind === 'merge' ? MERGE_NAMES[l.mode] : l.kind;
    const c = counts.get(base) ?? 0;
    counts.set(base, c + 1);
    resolved.push({
      ...spec,
      index,
      inputs,
      name: c === 0 ? base : `${base}_${c}`,
      inputShape: inShape,
      outputShape: outShape,
      params: { trainable, nonTrainable },
      origin: { node: {} as never, range, chain: [] },
    } as ResolvedLayer);
  });
  const shape = resolved.length > 0 ? (resolved[resolved.length - 1] as ResolvedLayer).outputShape : input;
  const trainable = resolved.reduce((a, l) => a + l.params.trainable, 0);
  const nonTrainable = resolved.reduce((a, l) => a + l.params.nonTrainable, 0);
  const train: TrainSpec = {
    loss: o.loss ?? { name: 'mse', fromLogits: false },
    lossExplicit: true,
    optimizer: o.optimizer ?? { name: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    epochs: o.epochs ?? 10,
    batchSize: o.batchSize ?? 32,
    seed: o.seed ?? 42,
    ranges: {},
    ...(o.earlyStopping ? { earlyStopping: o.earlyStopping } : {}),
  };
  return {
    name: 'test',
    range,
    nameRange: range,
    input,
    ...(o.task ? { task: o.task } : {}),
    layers: resolved,
    outputShape: shape,
    params: { trainable, nonTrainable, total: trainable + nonTrainable },
    train,
    node: {} as never,
  };
}

/** Deterministic pseudo-random numbers for test data (independent of the engine's RNG). */
export function testRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
