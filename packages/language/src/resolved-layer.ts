/**
 * Builds a `ResolvedLayer` from a checked spec and what analysis inferred for it, as one object
 * literal per kind (fields in the order a spec lists them, then index, inputs, name, shapes, params,
 * origin, argument ranges). Every layer is its own object; with `copyNested` its activation,
 * initialisers and window arrays are copied too, so a spec kept for reuse is never shared with a
 * layer handed out. Each kind lists all its spec fields (dense and conv2d share theirs for the
 * activation, initialisers and bias through `weighted`): the compiler checks that none is missing.
 */
import type { Range } from './ast.js';
import type { Activation, Initializer, LayerOrigin, LayerSpec, Padding2D, ParamCount, Regularizer, ResolvedLayer, Shape } from './network.js';

const act = (a: Activation, copy: boolean): Activation => (copy ? { ...a } : a);
const init = (i: Initializer, copy: boolean): Initializer => (copy ? { ...i } : i);
const reg = (r: Regularizer, copy: boolean): Regularizer => (copy ? { ...r } : r);
const pair = (p: [number, number], copy: boolean): [number, number] => (copy ? [p[0], p[1]] : p);
const sides = (p: Padding2D, copy: boolean): Padding2D => (copy ? [pair(p[0], true), pair(p[1], true)] : p);

type Weighted = Extract<LayerSpec, { kind: 'dense' | 'conv2d' | 'conv1d' }>;

/** The fields dense, conv2d and conv1d share, in spec order: activation, initialisers, bias, and the kernel penalty when there is one. */
const weighted = (s: Weighted, c: boolean) => ({
  activation: act(s.activation, c),
  activationExplicit: s.activationExplicit,
  init: init(s.init, c),
  biasInit: init(s.biasInit, c),
  useBias: s.useBias,
  ...(s.kernelRegularizer ? { kernelRegularizer: reg(s.kernelRegularizer, c) } : {}),
});

export function makeLayer(
  spec: LayerSpec,
  copyNested: boolean,
  index: number,
  inputs: number[],
  name: string,
  inputShape: Shape,
  outputShape: Shape,
  params: ParamCount,
  origin: LayerOrigin,
  argRanges: Record<string, Range>,
): ResolvedLayer {
  const c = copyNested;
  switch (spec.kind) {
    case 'dense':
      return {
        kind: 'dense',
        units: spec.units,
        ...weighted(spec, c),
        index,
        inputs,
        name,
        inputShape,
        outputShape,
        params,
        origin,
        argRanges,
      };
    case 'dropout':
      return { kind: 'dropout', rate: spec.rate, index, inputs, name, inputShape, outputShape, params, origin, argRanges };
    case 'batch_norm':
      return {
        kind: 'batch_norm',
        momentum: spec.momentum,
        epsilon: spec.epsilon,
        index,
        inputs,
        name,
        inputShape,
        outputShape,
        params,
        origin,
        argRanges,
      };
    case 'activation':
      return { kind: 'activation', activation: act(spec.activation, c), index, inputs, name, inputShape, outputShape, params, origin, argRanges };
    case 'flatten':
      return { kind: 'flatten', index, inputs, name, inputShape, outputShape, params, origin, argRanges };
    case 'conv2d':
      return {
        kind: 'conv2d',
        filters: spec.filters,
        kernel: pair(spec.kernel, c),
        stride: pair(spec.stride, c),
        padding: spec.padding,
        ...weighted(spec, c),
        index,
        inputs,
        name,
        inputShape,
        outputShape,
        params,
        origin,
        argRanges,
      };
    case 'max_pool2d':
    case 'avg_pool2d': {
      const pool = pair(spec.pool, c);
      // The stride defaults to the pool array itself: a copy keeps that.
      const stride = spec.stride === spec.pool ? pool : pair(spec.stride, c);
      return { kind: spec.kind, pool, stride, padding: spec.padding, index, inputs, name, inputShape, outputShape, params, origin, argRanges };
    }
    case 'global_avg_pool2d':
    case 'global_max_pool2d':
      return { kind: spec.kind, index, inputs, name, inputShape, outputShape, params, origin, argRanges };
    case 'zero_padding2d':
      return { kind: 'zero_padding2d', padding: sides(spec.padding, c), index, inputs, name, inputShape, outputShape, params, origin, argRanges };
    case 'merge':
      return { kind: 'merge', mode: spec.mode, index, inputs, name, inputShape, outputShape, params, origin, argRanges };
    case 'embedding':
      return { kind: 'embedding', inputDim: spec.inputDim, outputDim: spec.outputDim, index, inputs, name, inputShape, outputShape, params, origin, argRanges };
    case 'lstm':
    case 'gru':
    case 'simple_rnn': {
      const layer: ResolvedLayer = {
        kind: spec.kind,
        units: spec.units,
        returnSequences: spec.returnSequences,
        bidirectional: spec.bidirectional,
        activation: act(spec.activation, c),
        activationExplicit: spec.activationExplicit,
        dropout: spec.dropout,
        recurrentDropout: spec.recurrentDropout,
        useBias: spec.useBias,
        index,
        inputs,
        name,
        inputShape,
        outputShape,
        params,
        origin,
        argRanges,
      };
      if (spec.recurrentActivation) layer.recurrentActivation = act(spec.recurrentActivation, c);
      return layer;
    }
    case 'conv1d':
      return {
        kind: 'conv1d',
        filters: spec.filters,
        kernel: spec.kernel,
        stride: spec.stride,
        padding: spec.padding,
        ...weighted(spec, c),
        index,
        inputs,
        name,
        inputShape,
        outputShape,
        params,
        origin,
        argRanges,
      };
    case 'max_pool1d':
    case 'avg_pool1d':
      return { kind: spec.kind, pool: spec.pool, stride: spec.stride, padding: spec.padding, index, inputs, name, inputShape, outputShape, params, origin, argRanges };
    case 'global_avg_pool1d':
    case 'global_max_pool1d':
      return { kind: spec.kind, index, inputs, name, inputShape, outputShape, params, origin, argRanges };
  }
}
